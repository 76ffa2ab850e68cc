"""Each Box user and group has a key, its name in the stack: the Entra object id when known.

The key is what keeps a rename an in-place update (see `DesiredBoxUser.key`); these tests
pin down which key each user and group gets and that no two can share one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from components.resolve import Directory, DirectoryGroup, DirectoryUser, resolve
from components.spec import SpecError, load_spec
from tests.spec_support import (
    DIRECTORY,
    groups_by_name,
    resolve_ok,
    run_cli,
    spec_text,
    users_by_login,
    write_spec,
)

STACKS = Path(__file__).resolve().parents[2] / "stacks"
ADA_ID = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"
ENGINEERING_ID = "9a6e5c1d-0b7f-4e2a-8c3d-5f4e3d2c1b0a"
GROUPS = "provisioning:\n  objects: users-and-groups\n"
BOX_ONLY = "box:\n  groups:\n    - {name: Leads, members: [{login: eve@contoso.com}]}\n"


def _with_object_ids(directory: str = DIRECTORY) -> str:
    return directory.replace(
        "jobTitle: Engineer}", f"jobTitle: Engineer, objectId: {ADA_ID.upper()}}}"
    ).replace(
        "{displayName: Engineering,", f"{{displayName: Engineering, objectId: {ENGINEERING_ID},"
    )


def test_a_user_with_an_object_id_is_keyed_by_it_in_lower_case(tmp_path: Path) -> None:
    users = users_by_login(resolve_ok(tmp_path, spec_text(directory=_with_object_ids())))
    assert users["ada@contoso.com"]["key"] == ADA_ID


def test_a_user_without_an_object_id_is_keyed_by_the_login(tmp_path: Path) -> None:
    users = users_by_login(resolve_ok(tmp_path, spec_text(directory=_with_object_ids())))
    assert {login: user["key"] for login, user in users.items() if login != "ada@contoso.com"} == {
        "bob@contoso.com": "bob@contoso.com",
        "cy@contoso.com": "cy@contoso.com",
        "eve@contoso.com": "eve@contoso.com",
    }


def test_groups_are_keyed_by_object_id_when_provisioned_with_one_else_by_name(
    tmp_path: Path,
) -> None:
    text = spec_text(provisioning=GROUPS, directory=_with_object_ids(), box=BOX_ONLY)
    groups = groups_by_name(resolve_ok(tmp_path, text))
    assert {name: group["key"] for name, group in groups.items()} == {
        "Design": "Design",
        "Engineering": ENGINEERING_ID,
        "Leads": "Leads",
    }


def test_a_upn_change_keeps_the_key_of_a_user_with_an_object_id(tmp_path: Path) -> None:
    before = resolve_ok(tmp_path, spec_text(directory=_with_object_ids()))
    renamed = _with_object_ids().replace("ada@contoso.com", "ada.lovelace@contoso.com")
    after = resolve_ok(tmp_path, spec_text(directory=renamed))
    assert users_by_login(before)["ada@contoso.com"]["key"] == ADA_ID
    assert users_by_login(after)["ada.lovelace@contoso.com"]["key"] == ADA_ID


def test_a_group_rename_keeps_the_key_of_a_group_with_an_object_id(tmp_path: Path) -> None:
    renamed = _with_object_ids().replace("Engineering", "R&D")
    entra = spec_text(provisioning=GROUPS, directory=renamed).replace(
        "{group: Engineering,", "{group: R&D,"
    )
    groups = groups_by_name(resolve_ok(tmp_path, entra))
    assert groups["R&D"]["key"] == ENGINEERING_ID


ENTRA_SOURCED = spec_text(provisioning=GROUPS, directory="directory:\n  source: entra\n")


def _user(upn: str, object_id: str | None = None) -> DirectoryUser:
    return DirectoryUser(user_principal_name=upn, display_name=upn, object_id=object_id)


def _live(*users: DirectoryUser, engineering_id: str | None = None) -> Directory:
    """A directory as the Entra reader returns it; `users` join Engineering and Design."""
    members = tuple(user.user_principal_name for user in users)
    return Directory(
        users=(*users, _user("eve@contoso.com")),
        groups=(
            DirectoryGroup(display_name="Engineering", members=members, object_id=engineering_id),
            DirectoryGroup(display_name="Design", members=members),
        ),
    )


CLASHES = [
    (
        "object-id-equal-to-a-login",
        _live(_user("ada@contoso.com"), _user("bob@contoso.com", "ada@contoso.com")),
        "'bob@contoso.com' and 'ada@contoso.com' would both be named 'ada@contoso.com'",
    ),
    (
        "login-equal-to-an-object-id",
        _live(_user("bob@contoso.com", "ada@contoso.com"), _user("ada@contoso.com")),
        "'ada@contoso.com' and 'bob@contoso.com' would both be named 'ada@contoso.com'",
    ),
    (
        "object-id-equal-to-another-group-name",
        _live(_user("ada@contoso.com"), engineering_id="Design"),
        "group 'Engineering' has objectId 'design', which is also the name of the Box group "
        "'Design'",
    ),
]


@pytest.mark.parametrize(
    ("directory", "problem"), [pytest.param(*case[1:], id=case[0]) for case in CLASHES]
)
def test_two_users_or_groups_can_never_share_a_name_in_the_stack(
    tmp_path: Path, directory: Directory, problem: str
) -> None:
    spec = load_spec(write_spec(tmp_path, ENTRA_SOURCED))
    with pytest.raises(SpecError) as raised:
        resolve(spec, directory)
    assert problem in str(raised.value)
    assert "directory.source:" in str(raised.value)


def test_distinct_object_ids_and_logins_resolve(tmp_path: Path) -> None:
    spec = load_spec(write_spec(tmp_path, ENTRA_SOURCED))
    state = resolve(
        spec,
        _live(
            _user("ada@contoso.com", ADA_ID),
            _user("bob@contoso.com"),
            engineering_id=ENGINEERING_ID,
        ),
    )
    assert [user.key for user in state.box.users] == [ADA_ID, "bob@contoso.com", "eve@contoso.com"]
    assert [group.key for group in state.box.groups] == ["Design", ENGINEERING_ID]


def test_the_production_example_keys_every_user_and_provisioned_group_by_object_id() -> None:
    state = run_cli("resolve", str(STACKS / "prod.yaml")).json()
    assert all(user["key"] != user["login"] for user in state["box"]["users"])
    provisioned = [group for group in state["box"]["groups"] if group["origin"] == "entra"]
    assert provisioned
    assert all(group["key"] != group["name"] for group in provisioned)
