"""box:Group against the emulator: create, adopt, rename, delete, one call per membership change."""

from __future__ import annotations

from typing import Any

import pytest
from box_sdk_gen import (
    BoxClient,
    CreateGroupMembershipGroup,
    CreateGroupMembershipRole,
    CreateGroupMembershipUser,
    UpdateGroupMembershipByIdRole,
)

from components.box.departures import DeparturesProvider
from components.box.errors import BoxConflictError, BoxPermanentError
from components.box.group import BoxGroupProvider
from components.guard import Roster, RosterGroup
from emulator import EmulatorServer
from tests.box.conftest import ConfigureProvider, box_user


@pytest.fixture
def people(box_client: BoxClient) -> dict[str, str]:
    """Four enterprise users, login -> id."""
    logins = ["ann@contoso.com", "bob@contoso.com", "cy@contoso.com", "di@contoso.com"]
    return {login: box_client.users.create_user(login[:3], login=login).id for login in logins}


def group_inputs(name: str, people: dict[str, str], **members: str) -> dict[str, Any]:
    by_login = {f"{key}@contoso.com": role for key, role in members.items()}
    return {
        "name": name,
        "members": by_login,
        "member_ids": {login: people[login] for login in by_login},
    }


def members_in_box(client: BoxClient, group_id: str) -> dict[str, str]:
    entries = client.memberships.get_group_memberships(group_id).entries or []
    return {
        ((m.user.login or "") if m.user else ""): (m.role.value if m.role else "") for m in entries
    }


def create(groups: BoxGroupProvider, inputs: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    result = groups.create(groups.check({}, inputs).inputs)
    assert result.outs is not None
    return result.id, result.outs


def writes(box: EmulatorServer) -> list[str]:
    return [f"{e.method} {e.template} {e.status}" for e in box.request_log.writes()]


def test_create_makes_the_group_and_one_membership_per_member(
    box: EmulatorServer, box_client: BoxClient, groups: BoxGroupProvider, people: dict[str, str]
) -> None:
    box.request_log.clear()

    group_id, outs = create(groups, group_inputs("Sales", people, ann="admin", bob="member"))

    assert members_in_box(box_client, group_id) == {
        "ann@contoso.com": "admin",
        "bob@contoso.com": "member",
    }
    assert writes(box) == [
        "POST /2.0/groups 201",
        "POST /2.0/group_memberships 201",
        "POST /2.0/group_memberships 201",
    ]
    assert set(outs["membership_ids"]) == {"ann@contoso.com", "bob@contoso.com"}
    assert (outs["group_id"], outs["adopted"]) == (group_id, False)


def test_a_group_changed_in_box_after_the_preview_is_not_adopted_unreviewed(
    box: EmulatorServer, box_client: BoxClient, groups: BoxGroupProvider, people: dict[str, str]
) -> None:
    existing = box_client.groups.create_group("sales")
    checked = groups.check({}, group_inputs("sales", people, ann="member")).inputs
    box_client.memberships.create_group_membership(
        CreateGroupMembershipUser(id=people["cy@contoso.com"]),
        CreateGroupMembershipGroup(id=existing.id),
    )
    box.request_log.clear()

    with pytest.raises(BoxConflictError, match="changed in Box since the preview \\(members\\)"):
        groups.create(checked)

    assert writes(box) == []


def test_an_existing_group_is_adopted_and_its_members_reconciled(
    box: EmulatorServer, box_client: BoxClient, groups: BoxGroupProvider, people: dict[str, str]
) -> None:
    existing = box_client.groups.create_group("sales")
    for login in ("ann@contoso.com", "cy@contoso.com"):
        box_client.memberships.create_group_membership(
            CreateGroupMembershipUser(id=people[login]), CreateGroupMembershipGroup(id=existing.id)
        )
    box.request_log.clear()

    group_id, outs = create(groups, group_inputs("Sales", people, ann="admin", bob="member"))

    assert (group_id, outs["adopted"]) == (existing.id, True)
    assert box_client.groups.get_group_by_id(group_id).name == "Sales"
    assert members_in_box(box_client, group_id) == {
        "ann@contoso.com": "admin",
        "bob@contoso.com": "member",
    }
    assert len(box_client.groups.get_groups(filter_term="sales").entries or []) == 1
    assert sorted(writes(box)) == [
        "DELETE /2.0/group_memberships/{membership_id} 204",
        "POST /2.0/group_memberships 201",
        "PUT /2.0/group_memberships/{membership_id} 200",
        "PUT /2.0/groups/{group_id} 200",
    ]


def test_a_rename_is_one_put_keeping_the_group_and_its_members(
    box: EmulatorServer, box_client: BoxClient, groups: BoxGroupProvider, people: dict[str, str]
) -> None:
    group_id, outs = create(groups, group_inputs("Sales", people, ann="member"))
    news = groups.check(outs, group_inputs("Sales EMEA", people, ann="member")).inputs
    box.request_log.clear()

    groups.update(group_id, outs, news)

    assert writes(box) == ["PUT /2.0/groups/{group_id} 200"]
    assert box_client.groups.get_group_by_id(group_id).name == "Sales EMEA"
    assert members_in_box(box_client, group_id) == {"ann@contoso.com": "member"}


@pytest.mark.parametrize(
    ("before", "after", "call"),
    [
        ({"ann": "member"}, {"ann": "member", "bob": "member"}, "POST /2.0/group_memberships 201"),
        (
            {"ann": "member", "bob": "member"},
            {"ann": "member"},
            "DELETE /2.0/group_memberships/{membership_id} 204",
        ),
        (
            {"ann": "member"},
            {"ann": "admin"},
            "PUT /2.0/group_memberships/{membership_id} 200",
        ),
    ],
    ids=["add", "remove", "role change"],
)
def test_each_membership_change_costs_exactly_one_call(
    box: EmulatorServer,
    box_client: BoxClient,
    groups: BoxGroupProvider,
    people: dict[str, str],
    before: dict[str, str],
    after: dict[str, str],
    call: str,
) -> None:
    group_id, outs = create(groups, group_inputs("Sales", people, **before))
    news = groups.check(outs, group_inputs("Sales", people, **after)).inputs
    box.request_log.clear()

    result = groups.update(group_id, outs, news)

    assert [f"{e.method} {e.template} {e.status}" for e in box.request_log.entries] == [call]
    wanted = {f"{key}@contoso.com": role for key, role in after.items()}
    assert members_in_box(box_client, group_id) == wanted
    assert result.outs is not None and result.outs["members"] == wanted


def test_removing_a_group_resource_changes_nothing_in_box(
    box: EmulatorServer, box_client: BoxClient, groups: BoxGroupProvider, people: dict[str, str]
) -> None:
    group_id, outs = create(groups, group_inputs("Sales", people, ann="admin", bob="member"))
    box.request_log.clear()

    groups.delete(group_id, outs)

    assert writes(box) == []
    assert box_client.groups.get_group_by_id(group_id).name == "Sales"


def test_departures_delete_a_group_no_longer_wanted_and_its_members_keep_their_accounts(
    box_client: BoxClient,
    groups: BoxGroupProvider,
    departures: DeparturesProvider,
    people: dict[str, str],
) -> None:
    create(groups, group_inputs("Sales", people, ann="admin", bob="member"))
    olds = Roster(groups={"Sales": RosterGroup(name="Sales")}).model_dump()
    news = Roster().model_dump()

    departures.update("departures", olds, departures.check(olds, news).inputs)

    assert box_client.groups.get_groups(filter_term="Sales").entries == []
    for login in ("ann@contoso.com", "bob@contoso.com"):
        ann = box_user(box_client, people[login])
        assert ann.status is not None and ann.status.value == "active"


def test_read_shows_memberships_changed_in_box_and_update_restores_them(
    box: EmulatorServer,
    box_client: BoxClient,
    groups: BoxGroupProvider,
    people: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Bob taken out of the group in the console is a lockout: re-added when acknowledged.
    monkeypatch.setenv("ENTRA_BOX_ACKNOWLEDGE_REENABLES", "bob@contoso.com")
    desired = group_inputs("Sales", people, ann="admin", bob="member")
    group_id, outs = create(groups, desired)
    box_client.memberships.delete_group_membership_by_id(outs["membership_ids"]["bob@contoso.com"])
    box_client.memberships.create_group_membership(
        CreateGroupMembershipUser(id=people["cy@contoso.com"]),
        CreateGroupMembershipGroup(id=group_id),
        role=CreateGroupMembershipRole.ADMIN,
    )

    read = groups.read(group_id, outs)

    assert read.outs is not None and read.inputs is not None
    assert read.inputs["members"] == {"ann@contoso.com": "admin", "cy@contoso.com": "admin"}
    assert groups.diff(group_id, read.outs, groups.check(read.outs, desired).inputs).changes
    box.request_log.clear()

    groups.update(group_id, read.outs, groups.check(read.outs, desired).inputs)

    assert members_in_box(box_client, group_id) == {
        "ann@contoso.com": "admin",
        "bob@contoso.com": "member",
    }
    assert sorted(writes(box)) == [
        "DELETE /2.0/group_memberships/{membership_id} 204",
        "POST /2.0/group_memberships 201",
    ]


def test_a_group_renamed_in_box_reads_as_drift(
    box_client: BoxClient, groups: BoxGroupProvider, people: dict[str, str]
) -> None:
    group_id, outs = create(groups, group_inputs("Sales", people, ann="member"))
    box_client.groups.update_group_by_id(group_id, name="Sales (renamed)")

    read = groups.read(group_id, outs)

    assert read.outs is not None and read.outs["name"] == "Sales (renamed)"


def test_a_group_deleted_in_box_reads_as_gone(
    box_client: BoxClient, groups: BoxGroupProvider, people: dict[str, str]
) -> None:
    group_id, outs = create(groups, group_inputs("Sales", people, ann="member"))
    box_client.groups.delete_group_by_id(group_id)

    assert groups.read(group_id, outs).id == ""


def test_stale_state_heals_without_duplicates_or_errors(
    box: EmulatorServer, box_client: BoxClient, groups: BoxGroupProvider, people: dict[str, str]
) -> None:
    group_id, outs = create(groups, group_inputs("Sales", people, ann="member", bob="member"))
    # Changed in Box, no refresh since: bob already removed, cy already added.
    box_client.memberships.delete_group_membership_by_id(outs["membership_ids"]["bob@contoso.com"])
    box_client.memberships.create_group_membership(
        CreateGroupMembershipUser(id=people["cy@contoso.com"]),
        CreateGroupMembershipGroup(id=group_id),
    )
    news = groups.check(outs, group_inputs("Sales", people, ann="member", cy="admin")).inputs

    result = groups.update(group_id, outs, news)

    assert members_in_box(box_client, group_id) == {
        "ann@contoso.com": "member",
        "cy@contoso.com": "admin",
    }
    assert result.outs is not None and set(result.outs["membership_ids"]) == {
        "ann@contoso.com",
        "cy@contoso.com",
    }


def test_reads_share_one_group_listing_and_one_membership_listing_each(
    box: EmulatorServer, configure_provider: ConfigureProvider, people: dict[str, str]
) -> None:
    writer = configure_provider(BoxGroupProvider)
    created = [create(writer, group_inputs(f"Team {n}", people, ann="member")) for n in range(3)]
    reader = configure_provider(BoxGroupProvider)
    box.request_log.clear()

    for group_id, outs in created:
        reader.read(group_id, outs)

    assert box.request_log.counts_by_route() == {
        "GET /2.0/groups": 1,
        "GET /2.0/groups/{group_id}/memberships": 3,
    }


def test_a_member_removed_in_box_is_not_re_added_without_acknowledgement(
    box: EmulatorServer, box_client: BoxClient, groups: BoxGroupProvider, people: dict[str, str]
) -> None:
    desired = group_inputs("Sales", people, ann="admin", bob="member")
    group_id, outs = create(groups, desired)
    box_client.memberships.delete_group_membership_by_id(outs["membership_ids"]["bob@contoso.com"])
    box_client.memberships.update_group_membership_by_id(
        outs["membership_ids"]["ann@contoso.com"], role=UpdateGroupMembershipByIdRole.MEMBER
    )
    read = groups.read(group_id, outs)
    assert read.outs is not None
    wanted = groups.check(read.outs, desired).inputs
    box.request_log.clear()

    with pytest.raises(BoxPermanentError) as by_diff:
        groups.diff(group_id, read.outs, wanted)
    with pytest.raises(BoxPermanentError) as by_update:
        groups.update(group_id, read.outs, wanted)

    for refusal in (by_diff.value.message, by_update.value.message):
        assert "re-adds bob@contoso.com to Sales, removed in Box" in refusal
        assert "raises role of ann@contoso.com in Sales member -> admin, lowered in Box" in refusal
    assert writes(box) == []
    assert members_in_box(box_client, group_id) == {"ann@contoso.com": "member"}


def test_an_adoption_records_only_the_members_that_differ_and_is_kept_while_nothing_changes(
    box_client: BoxClient, groups: BoxGroupProvider, people: dict[str, str]
) -> None:
    existing = box_client.groups.create_group("Sales")
    for login in ("ann@contoso.com", "cy@contoso.com"):
        box_client.memberships.create_group_membership(
            CreateGroupMembershipUser(id=people[login]), CreateGroupMembershipGroup(id=existing.id)
        )
    wanted = group_inputs("Sales", people, ann="member", bob="member")

    checked = groups.check({}, wanted).inputs

    # Ann is as the spec wants her: only Bob (to add) and Cy (to remove) are recorded.
    assert checked["adopts_from"]["members_differing"] == {
        "bob@contoso.com": "(not a member)",
        "cy@contoso.com": "member",
    }
    groups.create(checked)
    # The next run's inputs are the recorded ones, adoption included: the engine then has
    # nothing to record for the group (no checkpoint rewritten per adopted group).
    assert groups.check(checked, wanted).inputs == checked
    edited = group_inputs("Sales", people, ann="member")
    assert "adopts" not in groups.check(checked, edited).inputs


@pytest.mark.parametrize("by_login", [False, True], ids=["with-member-ids", "by-login"])
def test_a_refresh_records_the_inputs_the_next_check_makes(
    groups: BoxGroupProvider, people: dict[str, str], by_login: bool
) -> None:
    # Equal inputs after a refresh mean the engine records nothing new for the group at
    # the next `up` (a changed one rewrites the whole checkpoint, once per group).
    desired = group_inputs("Sales", people, ann="admin", bob="member")
    if by_login:
        del desired["member_ids"]  # the shard model
    group_id, outs = create(groups, desired)

    read = groups.read(group_id, outs)

    assert read.inputs is not None and read.outs is not None
    recorded = {key: value for key, value in read.inputs.items() if value is not None}
    assert groups.check(recorded, desired).inputs == recorded  # (the engine drops a None)
    # A group given members by login records no user ids: it finds one when adding.
    assert ("member_ids" in read.outs) is not by_login
