"""What a Box enterprise holds, read through the official SDK, next to what a spec resolves to.

Used by the end-to-end tests to compare Box after `pulumi up` with the desired state printed
by `python -m components resolve` (the command line's entry point, run in-process).
Both sides are reduced to the same plain shape: users by login with the Box fields the spec
decided, groups by name with `{login: role}`. Reads only, except the helpers that make
content for a user (`give_content`) or drift behind Pulumi's back (`rename_ada_in_box`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from box_sdk_gen import BoxClient, CreateFolderParent, UserFull

from tests.spec_support import run_cli

USER_FIELDS = (
    "name",
    "status",
    "role",
    "language",
    "timezone",
    "space_amount",
    "job_title",
    "phone",
    "address",
)
# Box reports an unlimited quota (-1 when set) as this number.
UNLIMITED_SPACE_REPORTED = 999_999_999_999_999
PAGE = 1000
ADA = "ada@contoso.example"


@dataclass(frozen=True)
class BoxView:
    """Box's users (login -> fields), their ids, and groups (name -> {login: role})."""

    users: dict[str, dict[str, Any]]
    user_ids: dict[str, str]
    groups: dict[str, dict[str, str]]
    group_ids: dict[str, str]


def read_box(client: BoxClient) -> BoxView:
    """Every enterprise user and group, with memberships, as the SDK sees them."""
    users = client.users.get_users(limit=PAGE, fields=["login", *USER_FIELDS]).entries or []
    groups = client.groups.get_groups(limit=PAGE).entries or []
    return BoxView(
        users={(u.login or "").lower(): _user_fields(u) for u in users},
        user_ids={(u.login or "").lower(): u.id for u in users},
        groups={g.name or "": _members(client, g.id) for g in groups},
        group_ids={g.name or "": g.id for g in groups},
    )


def resolved(spec_path: Path) -> dict[str, Any]:
    """`python -m components resolve SPEC`: the desired state as JSON."""
    run = run_cli("resolve", str(spec_path))
    assert run.code == 0, run.err
    desired: dict[str, Any] = run.json()
    return desired


def expected_view(desired: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """(users, groups) a Box holding exactly `desired` shows, in `BoxView`'s shape.

    Optional fields the spec leaves unset are not compared: Box keeps its own value.
    """
    users = {
        user["login"]: {key: user[key] for key in USER_FIELDS if user.get(key) is not None}
        for user in desired["box"]["users"]
    }
    groups = {
        group["name"]: {member["login"]: member["role"] for member in group["members"]}
        for group in desired["box"]["groups"]
    }
    return users, groups


def comparable_users(view: BoxView, expected: dict[str, Any]) -> dict[str, Any]:
    """Box's users reduced to the fields `expected` compares, per login."""
    return {
        login: {key: fields.get(key) for key in expected.get(login, fields)}
        for login, fields in view.users.items()
    }


def give_content(client: BoxClient, user_id: str, *names: str) -> None:
    """Folders in the user's root, created as the user (As-User), so the user owns them."""
    as_user = client.with_as_user_header(user_id)
    for name in names:
        as_user.folders.create_folder(name, CreateFolderParent(id="0"))


def root_items(client: BoxClient, user_id: str) -> list[str]:
    """The names in the user's root folder, read as the user, in the order Box lists them."""
    entries = client.with_as_user_header(user_id).folders.get_folder_items("0").entries or []
    return [entry.name or "" for entry in entries]


def owned_folders(client: BoxClient, user_id: str) -> list[str]:
    """The names in the user's root folder, read as the user, sorted."""
    return sorted(root_items(client, user_id))


def rename_ada_in_box(client: BoxClient) -> None:
    """Drift behind Pulumi's back: rename Ada (`SMALL_ORG`) to "Ada King" through the SDK."""
    client.users.update_user_by_id(read_box(client).user_ids[ADA], name="Ada King")


def _user_fields(user: UserFull) -> dict[str, Any]:
    fields = {key: _plain(getattr(user, key, None)) for key in USER_FIELDS}
    if (fields["space_amount"] or 0) >= UNLIMITED_SPACE_REPORTED:
        fields["space_amount"] = -1
    return fields


def _members(client: BoxClient, group_id: str) -> dict[str, str]:
    page = client.memberships.get_group_memberships(group_id, limit=PAGE).entries or []
    return {
        (entry.user.login or "").lower(): _plain(entry.role) or "member"
        for entry in page
        if entry.user is not None
    }


def _plain(value: Any) -> Any:
    """Enums as their string values, everything else as is."""
    return getattr(value, "value", value)
