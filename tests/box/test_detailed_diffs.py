"""The changed paths the providers give the engine (`components/provider_host/detailed_diff.py`)."""

from __future__ import annotations

from components.box.group import GROUP_RULES
from components.provider_host.detailed_diff import Kind, changed_paths, path, top_level, under


def test_a_key_with_dots_and_quotes_is_one_element_of_the_path() -> None:
    assert path("members", "bob@contoso.com") == 'members["bob@contoso.com"]'
    assert path("users", 'o"dd') == 'users["o\\"dd"]'
    assert path("odd name") == '["odd name"]'


def test_maps_are_walked_only_as_deep_as_asked() -> None:
    olds = {"users": {"ada@x": {"name": "Ada", "role": "user"}, "alan@x": {"name": "Alan"}}}
    news = {"users": {"ada@x": {"name": "Ada King", "role": "user"}, "grace@x": {"name": "Grace"}}}

    assert changed_paths(olds, news, ["users"], depth=2) == {
        'users["ada@x"].name': Kind.UPDATE,
        'users["alan@x"]': Kind.DELETE,
        'users["grace@x"]': Kind.ADD,
    }
    assert changed_paths(olds, news, ["users"], depth=0) == {"users": Kind.UPDATE}


def test_a_group_diff_names_the_member_not_their_id() -> None:
    olds = {"name": "R", "members": {"a@x": "member"}, "member_ids": {"a@x": "1"}}
    news = {
        "name": "R",
        "members": {"a@x": "admin", "b@x": "member"},
        "member_ids": {"a@x": "1", "b@x": "2"},
    }

    result = GROUP_RULES.diff(olds, news)

    assert result.changes
    assert result.paths == {
        'members["a@x"]': Kind.UPDATE,
        'members["b@x"]': Kind.ADD,
        'member_ids["b@x"]': Kind.ADD,
    }


def test_nested_paths_sit_under_their_entry_and_report_their_top_level_key() -> None:
    inner = {"name": Kind.UPDATE, '["odd key"]': Kind.ADD}

    placed = under(path("users", "ada@x"), inner)

    assert placed == {'users["ada@x"].name': Kind.UPDATE, 'users["ada@x"]["odd key"]': Kind.ADD}
    assert top_level({**placed, '["odd name"]': Kind.ADD}) == ["odd name", "users"]
