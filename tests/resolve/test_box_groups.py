"""Box groups: provisioned from assigned Entra groups (users-and-groups) and Box-only ones."""

from __future__ import annotations

from pathlib import Path

from tests.spec_support import groups_by_name, resolve_ok, spec_text

GROUPS = "provisioning:\n  objects: users-and-groups\n"
BOX_ONLY = """
box:
  groups:
    - name: Leads
      description: Team leads.
      members:
        - {login: Eve@Contoso.com, role: admin}
        - {login: ada@contoso.com}
"""


def test_with_objects_users_no_box_group_comes_from_entra(tmp_path: Path) -> None:
    assert resolve_ok(tmp_path, spec_text())["box"]["groups"] == []


def test_each_assigned_group_becomes_a_box_group_of_its_direct_user_members(
    tmp_path: Path,
) -> None:
    groups = groups_by_name(resolve_ok(tmp_path, spec_text(provisioning=GROUPS)))
    assert groups == {
        "Design": {
            "name": "Design",
            "key": "Design",
            "previous_names": [],
            "aliases": [],
            "origin": "entra",
            "description": None,
            "members": [
                {"login": "bob@contoso.com", "role": "member"},
                {"login": "cy@contoso.com", "role": "member"},
            ],
        },
        "Engineering": {
            "name": "Engineering",
            "key": "Engineering",
            "previous_names": [],
            "aliases": [],
            "origin": "entra",
            "description": None,
            "members": [
                {"login": "ada@contoso.com", "role": "member"},
                {"login": "bob@contoso.com", "role": "member"},
            ],
        },
    }


def test_an_unassigned_nested_group_is_not_provisioned(tmp_path: Path) -> None:
    assert "Platform" not in groups_by_name(resolve_ok(tmp_path, spec_text(provisioning=GROUPS)))


def test_a_box_only_group_holds_in_scope_users_with_their_roles_sorted(tmp_path: Path) -> None:
    groups = groups_by_name(resolve_ok(tmp_path, spec_text(box=BOX_ONLY)))
    assert groups["Leads"] == {
        "name": "Leads",
        "key": "Leads",
        "previous_names": [],
        "aliases": [],
        "origin": "box",
        "description": "Team leads.",
        "members": [
            {"login": "ada@contoso.com", "role": "member"},
            {"login": "eve@contoso.com", "role": "admin"},
        ],
    }


def test_box_groups_of_both_origins_are_sorted_by_name(tmp_path: Path) -> None:
    state = resolve_ok(tmp_path, spec_text(provisioning=GROUPS, box=BOX_ONLY))
    assert [group["name"] for group in state["box"]["groups"]] == [
        "Design",
        "Engineering",
        "Leads",
    ]


def test_a_box_only_group_may_share_an_entra_group_name_when_groups_are_not_provisioned(
    tmp_path: Path,
) -> None:
    box = "box:\n  groups:\n    - {name: Design, members: [{login: eve@contoso.com}]}\n"
    groups = groups_by_name(resolve_ok(tmp_path, spec_text(box=box)))
    assert groups["Design"]["origin"] == "box"
