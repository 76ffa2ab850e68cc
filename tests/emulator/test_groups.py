"""Groups through the official SDK: create, list, read, update, delete, and their errors."""

from __future__ import annotations

from typing import Any

import pytest
from box_sdk_gen import (
    BoxClient,
    CreateGroupInvitabilityLevel,
    CreateGroupMembershipGroup,
    CreateGroupMembershipUser,
    UpdateGroupByIdInvitabilityLevel,
)

from emulator import EmulatorServer
from tests.support.box_calls import assert_box_error, box_error, raw

STANDARD_GROUP_FIELDS = {"type", "id", "name", "group_type", "created_at", "modified_at"}


def test_creating_a_group_answers_201_with_the_standard_representation(
    box: EmulatorServer, client: BoxClient
) -> None:
    group = client.groups.create_group("Engineering", description="Builds things")

    assert (group.name, group.group_type and group.group_type.value) == (
        "Engineering",
        "managed_group",
    )
    assert set(group.raw_data) == STANDARD_GROUP_FIELDS
    assert box.request_log.select("POST", "/2.0/groups")[0].status == 201


def test_a_group_reads_back_every_attribute_it_was_given(client: BoxClient) -> None:
    group = client.groups.create_group(
        "Finance",
        provenance="entra-box",
        external_sync_identifier="entra-group-1",
        description="Counts things",
        invitability_level=CreateGroupInvitabilityLevel.ADMINS_AND_MEMBERS,
    )

    read = client.groups.get_group_by_id(
        group.id,
        fields=["provenance", "external_sync_identifier", "description", "invitability_level"],
    )

    assert read.raw_data == {
        "type": "group",
        "id": group.id,
        "name": "Finance",
        "group_type": "managed_group",
        "provenance": "entra-box",
        "external_sync_identifier": "entra-group-1",
        "description": "Counts things",
        "invitability_level": "admins_and_members",
    }


def test_updating_a_group_changes_only_what_was_sent(client: BoxClient) -> None:
    group = client.groups.create_group("Sales", description="Sells things")

    updated = client.groups.update_group_by_id(
        group.id,
        name="Sales EMEA",
        invitability_level=UpdateGroupByIdInvitabilityLevel.ALL_MANAGED_USERS,
        fields=["description", "invitability_level"],
    )

    assert updated.raw_data["name"] == "Sales EMEA"
    assert updated.raw_data["description"] == "Sells things"
    assert updated.raw_data["invitability_level"] == "all_managed_users"


def test_deleting_a_group_answers_204_and_keeps_its_members(
    box: EmulatorServer, client: BoxClient
) -> None:
    group = client.groups.create_group("Temporary")
    user = client.users.create_user("Member", login="member@example.com")
    membership_id = client.memberships.create_group_membership(
        CreateGroupMembershipUser(id=user.id), CreateGroupMembershipGroup(id=group.id)
    ).id
    assert membership_id is not None

    client.groups.delete_group_by_id(group.id)

    assert box.request_log.select("DELETE")[0].status == 204
    assert client.users.get_user_by_id(user.id).id == user.id
    assert client.memberships.get_user_memberships(user.id).entries == []
    assert_box_error(
        box_error(lambda: client.memberships.get_group_membership_by_id(membership_id)),
        404,
        "not_found",
    )


@pytest.mark.parametrize("name", ["Duplicates", "duplicates", "DUPLICATES"])
def test_a_group_name_already_used_in_any_case_is_a_409_conflict(
    client: BoxClient, name: str
) -> None:
    client.groups.create_group("Duplicates")

    assert_box_error(box_error(lambda: client.groups.create_group(name)), 409, "conflict")


def test_renaming_a_group_to_a_name_in_use_is_a_409_and_renaming_to_itself_is_not(
    client: BoxClient,
) -> None:
    client.groups.create_group("Taken")
    group = client.groups.create_group("Mine")

    failure = box_error(lambda: client.groups.update_group_by_id(group.id, name="TAKEN"))

    assert_box_error(failure, 409, "conflict")
    assert client.groups.update_group_by_id(group.id, name="MINE").name == "MINE"


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"name": ""},
        {"name": 42},
        {"name": "Ok", "description": "d" * 256},
        {"name": "Ok", "invitability_level": "everyone"},
        {"name": "Ok", "member_viewability_level": "nobody"},
    ],
)
def test_invalid_group_values_are_a_400(client: BoxClient, body: dict[str, Any]) -> None:
    failure = box_error(lambda: raw(client, "POST", "/2.0/groups", json=body))

    assert_box_error(failure, 400, "bad_request")
    assert client.groups.get_groups().total_count == 0


@pytest.mark.parametrize("group_id", ["999", "30000000001", "abc"])
def test_an_unknown_group_id_is_a_404_not_found(client: BoxClient, group_id: str) -> None:
    for call in (
        lambda: client.groups.get_group_by_id(group_id),
        lambda: client.groups.update_group_by_id(group_id, name="x"),
        lambda: client.groups.delete_group_by_id(group_id),
        lambda: client.memberships.get_group_memberships(group_id),
    ):
        assert_box_error(box_error(call), 404, "not_found")


def test_groups_list_with_offset_paging_and_a_name_prefix_filter(client: BoxClient) -> None:
    for name in ("Alpha", "alphabet", "Beta", "Alp", "Gamma Alpha"):
        client.groups.create_group(name)

    everything = client.groups.get_groups(limit=2, offset=1)
    filtered = client.groups.get_groups(filter_term="ALPHA")

    assert (everything.total_count, everything.limit, everything.offset) == (5, 2, 1)
    assert [g.name for g in everything.entries or []] == ["alphabet", "Beta"]
    assert [g.name for g in filtered.entries or []] == ["Alpha", "alphabet"]


def test_group_listings_honour_fields(client: BoxClient) -> None:
    client.groups.create_group("Fielded", description="described")

    listed = client.groups.get_groups(fields=["description"])

    assert listed.raw_data["entries"] == [
        {
            "type": "group",
            "id": listed.raw_data["entries"][0]["id"],
            "name": "Fielded",
            "group_type": "managed_group",
            "description": "described",
        }
    ]


def test_groups_offset_is_capped_at_10000(client: BoxClient) -> None:
    failure = box_error(lambda: client.groups.get_groups(offset=10001))

    assert_box_error(failure, 400, "invalid_offset")
