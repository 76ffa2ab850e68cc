"""Group memberships through the official SDK: add, read, change, remove, list, errors."""

from __future__ import annotations

from typing import Any

import pytest
from box_sdk_gen import (
    BoxClient,
    CreateGroupMembershipGroup,
    CreateGroupMembershipRole,
    CreateGroupMembershipUser,
    GroupMembership,
    UpdateGroupMembershipByIdRole,
)

from emulator import EmulatorServer
from tests.support.box_calls import assert_box_error, box_error, raw, raw_json


def _add(
    client: BoxClient, user_id: str, group_id: str, role: CreateGroupMembershipRole | None = None
) -> GroupMembership:
    return client.memberships.create_group_membership(
        CreateGroupMembershipUser(id=user_id), CreateGroupMembershipGroup(id=group_id), role=role
    )


def _add_id(client: BoxClient, user_id: str, group_id: str) -> str:
    membership_id = _add(client, user_id, group_id).id
    assert membership_id is not None
    return membership_id


@pytest.fixture
def people(client: BoxClient) -> tuple[str, str]:
    """A user and a group, by id."""
    user = client.users.create_user("Member", login="member@example.com")
    return user.id, client.groups.create_group("Team").id


def test_adding_a_member_answers_201_with_the_membership_as_a_member(
    box: EmulatorServer, client: BoxClient, people: tuple[str, str]
) -> None:
    membership = _add(client, *people)

    assert membership.role is not None and membership.role.value == "member"
    assert membership.user is not None and membership.user.id == people[0]
    assert membership.group is not None and membership.group.id == people[1]
    assert membership.user.login == "member@example.com"
    assert box.request_log.select("POST", "/2.0/group_memberships")[0].status == 201


def test_a_membership_can_be_read_promoted_and_removed(
    box: EmulatorServer, client: BoxClient, people: tuple[str, str]
) -> None:
    membership_id = _add_id(client, *people)

    promoted = client.memberships.update_group_membership_by_id(
        membership_id, role=UpdateGroupMembershipByIdRole.ADMIN
    )
    read = client.memberships.get_group_membership_by_id(membership_id)
    client.memberships.delete_group_membership_by_id(membership_id)

    assert promoted.role is not None and promoted.role.value == "admin"
    assert read.raw_data["configurable_permissions"] == {
        "can_run_reports": True,
        "can_instant_login": True,
        "can_create_accounts": True,
        "can_edit_accounts": True,
    }
    assert box.request_log.select("DELETE")[0].status == 204
    assert client.memberships.get_group_memberships(people[1]).total_count == 0


def test_configurable_permissions_left_out_stay_on_and_null_turns_all_off(
    client: BoxClient, people: tuple[str, str]
) -> None:
    body = {"user": {"id": people[0]}, "group": {"id": people[1]}, "role": "admin"}
    created = raw_json(
        client,
        "POST",
        "/2.0/group_memberships",
        json={**body, "configurable_permissions": {"can_run_reports": False}},
    )
    changed = raw_json(
        client,
        "PUT",
        f"/2.0/group_memberships/{created['id']}",
        json={"configurable_permissions": None},
    )

    assert created["configurable_permissions"]["can_run_reports"] is False
    assert created["configurable_permissions"]["can_edit_accounts"] is True
    assert not any(changed["configurable_permissions"].values())


def test_a_membership_answers_only_the_requested_fields(
    client: BoxClient, people: tuple[str, str]
) -> None:
    membership_id = _add_id(client, *people)

    read = client.memberships.get_group_membership_by_id(membership_id, fields=["role"])

    assert read.raw_data == {"type": "group_membership", "id": membership_id, "role": "member"}


def test_adding_a_member_twice_is_a_409_conflict(
    client: BoxClient, people: tuple[str, str]
) -> None:
    _add(client, *people)

    assert_box_error(box_error(lambda: _add(client, *people)), 409, "conflict")


@pytest.mark.parametrize("missing", ["user", "group"])
def test_a_membership_of_an_unknown_user_or_group_is_a_404(
    client: BoxClient, people: tuple[str, str], missing: str
) -> None:
    user_id, group_id = ("123", people[1]) if missing == "user" else (people[0], "123")

    body = assert_box_error(box_error(lambda: _add(client, user_id, group_id)), 404, "not_found")

    assert body["context_info"]["errors"][0]["name"] == missing


@pytest.mark.parametrize(
    "body",
    [
        {"group": {"id": "1"}},
        {"user": {"id": "1"}},
        {"user": {"id": "1"}, "group": {"id": "1"}, "role": "owner"},
        {"user": {"id": "1"}, "group": {"id": "1"}, "configurable_permissions": {"x": "yes"}},
    ],
)
def test_invalid_membership_values_are_a_400(client: BoxClient, body: dict[str, Any]) -> None:
    failure = box_error(lambda: raw(client, "POST", "/2.0/group_memberships", json=body))

    assert_box_error(failure, 400, "bad_request")


def test_an_invalid_role_change_is_a_400_and_changes_nothing(
    client: BoxClient, people: tuple[str, str]
) -> None:
    membership_id = _add_id(client, *people)

    failure = box_error(
        lambda: raw(client, "PUT", f"/2.0/group_memberships/{membership_id}", json={"role": "boss"})
    )

    assert_box_error(failure, 400, "bad_request")
    read = client.memberships.get_group_membership_by_id(membership_id)
    assert read.role is not None and read.role.value == "member"


@pytest.mark.parametrize("membership_id", ["1", "50000000999", "x"])
def test_an_unknown_membership_id_is_a_404(client: BoxClient, membership_id: str) -> None:
    for call in (
        lambda: client.memberships.get_group_membership_by_id(membership_id),
        lambda: client.memberships.update_group_membership_by_id(membership_id),
        lambda: client.memberships.delete_group_membership_by_id(membership_id),
    ):
        assert_box_error(box_error(call), 404, "not_found")


def test_memberships_list_by_user_and_by_group_with_offset_paging(client: BoxClient) -> None:
    user = client.users.create_user("Joiner", login="joiner@example.com")
    groups = [client.groups.create_group(f"Group {n:02d}").id for n in range(25)]
    for group_id in groups:
        _add(client, user.id, group_id)
    others = [client.users.create_user(f"U{n}", login=f"u{n}@example.com").id for n in range(3)]
    for other in others:
        _add(client, other, groups[0])

    by_user = client.memberships.get_user_memberships(user.id, limit=10, offset=20)
    by_group = client.memberships.get_group_memberships(groups[0])

    assert (by_user.total_count, by_user.limit, by_user.offset) == (25, 10, 20)
    assert [m.group.id for m in by_user.entries or [] if m.group] == groups[20:]
    assert by_group.total_count == 4
    assert {m.user.id for m in by_group.entries or [] if m.user} == {user.id, *others}


def test_membership_listings_are_empty_collections_when_there_are_none(
    client: BoxClient, people: tuple[str, str]
) -> None:
    for listing in (
        client.memberships.get_user_memberships(people[0]),
        client.memberships.get_group_memberships(people[1]),
    ):
        assert (listing.entries, listing.total_count, listing.limit) == ([], 0, 100)


def test_deleting_a_user_removes_their_memberships_but_not_their_groups(
    client: BoxClient, people: tuple[str, str]
) -> None:
    membership_id = _add_id(client, *people)

    client.users.delete_user_by_id(people[0])

    assert client.groups.get_group_by_id(people[1]).id == people[1]
    assert client.memberships.get_group_memberships(people[1]).entries == []
    assert_box_error(
        box_error(lambda: client.memberships.get_group_membership_by_id(membership_id)),
        404,
        "not_found",
    )


def test_membership_listings_of_an_unknown_user_are_a_404(client: BoxClient) -> None:
    failure = box_error(lambda: client.memberships.get_user_memberships("31"))

    assert_box_error(failure, 404, "not_found")
