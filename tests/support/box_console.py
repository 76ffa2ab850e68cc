"""Changes an admin makes in the Box Admin Console, behind Pulumi's back, through the SDK.

Used by the drift and lockout engine tests: each helper makes one change as a person would
(set a user inactive, take someone out of a group, change a role) to the Box a stack
deployed, finding ids by login and group name the way `box_view.read_box` does.
"""

from __future__ import annotations

from box_sdk_gen import BoxClient
from box_sdk_gen.managers.memberships import (
    CreateGroupMembershipGroup,
    CreateGroupMembershipUser,
    UpdateGroupMembershipByIdRole,
)
from box_sdk_gen.managers.users import UpdateUserByIdRole, UpdateUserByIdStatus

from tests.support.box_view import read_box


def set_status(client: BoxClient, login: str, status: str) -> None:
    """Set a user's status (an emergency lockout when `inactive`)."""
    user_id = read_box(client).user_ids[login]
    client.users.update_user_by_id(user_id, status=UpdateUserByIdStatus(status))


def set_role(client: BoxClient, login: str, role: str) -> None:
    """Set a user's enterprise role (`user` or `coadmin`)."""
    user_id = read_box(client).user_ids[login]
    client.users.update_user_by_id(user_id, role=UpdateUserByIdRole(role))


def delete_user(client: BoxClient, login: str) -> None:
    """Delete a user and their content (`force`: even with content), as an admin can."""
    client.users.delete_user_by_id(read_box(client).user_ids[login], force=True)


def remove_member(client: BoxClient, group: str, login: str) -> None:
    """Take `login` out of `group`."""
    client.memberships.delete_group_membership_by_id(_membership_id(client, group, login))


def add_member(client: BoxClient, group: str, login: str) -> None:
    """Put `login` in `group` as a member."""
    view = read_box(client)
    client.memberships.create_group_membership(
        CreateGroupMembershipUser(id=view.user_ids[login]),
        CreateGroupMembershipGroup(id=view.group_ids[group]),
    )


def set_member_role(client: BoxClient, group: str, login: str, role: str) -> None:
    """Make `login` a `member` or an `admin` of `group`."""
    client.memberships.update_group_membership_by_id(
        _membership_id(client, group, login), role=UpdateGroupMembershipByIdRole(role)
    )


def _membership_id(client: BoxClient, group: str, login: str) -> str:
    group_id = read_box(client).group_ids[group]
    entries = client.memberships.get_group_memberships(group_id, limit=1000).entries or []
    for entry in entries:
        if entry.user is not None and (entry.user.login or "").lower() == login and entry.id:
            return entry.id
    raise AssertionError(f"{login} is not in Box group {group!r}")
