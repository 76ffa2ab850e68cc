"""Every endpoint, once, with every success answer checked against Box's OpenAPI schemas."""

from __future__ import annotations

import pytest
from box_sdk_gen import (
    BoxClient,
    CreateFolderParent,
    CreateGroupMembershipGroup,
    CreateGroupMembershipUser,
    TransferOwnedFolderOwnedBy,
    UpdateGroupMembershipByIdRole,
)

from tests.support.openapi import assert_matches_schema
from tests.support.validating_session import SCHEMAS, ValidatingSession


def _visit_users_and_groups(client: BoxClient) -> tuple[str, str]:
    client.users.get_user_me(fields=["role", "enterprise", "tracking_codes"])
    user = client.users.create_user("Schema User", login="schema@example.com")
    client.users.get_user_by_id(user.id)
    client.users.update_user_by_id(user.id, job_title="Checker")
    client.users.get_users()
    client.users.get_users(usemarker=True)
    group = client.groups.create_group("Schema Group")
    client.groups.get_group_by_id(group.id, fields=["permissions", "provenance"])
    client.groups.update_group_by_id(group.id, description="checked")
    client.groups.get_groups()
    membership_id = client.memberships.create_group_membership(
        CreateGroupMembershipUser(id=user.id), CreateGroupMembershipGroup(id=group.id)
    ).id
    assert membership_id is not None
    client.memberships.get_group_membership_by_id(membership_id)
    client.memberships.update_group_membership_by_id(
        membership_id, role=UpdateGroupMembershipByIdRole.ADMIN
    )
    client.memberships.get_user_memberships(user.id)
    client.memberships.get_group_memberships(group.id)
    client.memberships.delete_group_membership_by_id(membership_id)
    client.groups.delete_group_by_id(group.id)
    return user.id, client.users.get_user_me().id


def _visit_folders_and_transfer(client: BoxClient, user_id: str, admin_id: str) -> None:
    as_user = client.with_as_user_header(user_id)
    folder = as_user.folders.create_folder("Schema Folder", CreateFolderParent(id="0"))
    inner = as_user.folders.create_folder("Inner", CreateFolderParent(id=folder.id))
    as_user.folders.get_folder_by_id("0")
    as_user.folders.get_folder_by_id(inner.id)
    as_user.folders.get_folder_items(folder.id)
    as_user.folders.delete_folder_by_id(inner.id)
    client.transfer.transfer_owned_folder(user_id, TransferOwnedFolderOwnedBy(id=admin_id))
    client.users.delete_user_by_id(user_id)


def test_every_endpoint_answers_in_the_shape_box_documents(
    client: BoxClient, checked_session: ValidatingSession
) -> None:
    user_id, admin_id = _visit_users_and_groups(client)
    _visit_folders_and_transfer(client, user_id, admin_id)

    # Every route's schema, and "no body" for the deletes (the token revocation is not visited).
    every_schema = {
        schema or "no body" for _, route, schema in SCHEMAS if "revoke" not in route.pattern
    }
    assert set(checked_session.checked) == every_schema


@pytest.mark.parametrize(
    ("body", "schema"),
    [
        ({"type": "user", "id": "1", "status": "retired"}, "User--Full"),
        ({"type": "group", "id": "1", "group_type": "team"}, "Group--Full"),
        ({"type": "group_membership", "id": "1", "role": "owner"}, "GroupMembership"),
        ({"entries": [{"type": "user"}]}, "Users"),
        ({"access_token": "t", "token_type": "mac"}, "AccessToken"),
    ],
)
def test_the_schema_check_itself_rejects_answers_box_would_not_give(
    body: dict[str, object], schema: str
) -> None:
    with pytest.raises(AssertionError, match="does not match"):
        assert_matches_schema(body, schema)
