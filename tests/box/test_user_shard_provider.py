"""A user shard reconciles its people one Box call per changed person (issue 16).

The shard provider hands each changed entry to the per-person `box:User` functions, so
adoption, updates in place, drift reads and "removal only drops the record" hold per entry,
and a run that fails part-way is finished by the next one with no duplicate account.
"""

from __future__ import annotations

from typing import Any

import pytest
from box_sdk_gen import BoxClient
from pulumi.output import UNKNOWN

from components.box.errors import BoxProviderError
from components.box.group import BoxGroupProvider
from components.box.paused import PausedUserShardProvider
from components.box.shard_entries import ID_UNKNOWN
from components.box.user_shard import UserShardProvider
from emulator import EmulatorServer
from tests.box.conftest import ConfigureProvider, box_user, logins_in_box, user_inputs


@pytest.fixture
def shards(configure_provider: ConfigureProvider) -> UserShardProvider:
    return configure_provider(UserShardProvider)


def shard_inputs(*logins: str, **fields: Any) -> dict[str, Any]:
    return {
        "shard": "users-001",
        "users": {login: user_inputs(login, **fields) for login in logins},
    }


def created(shards: UserShardProvider, *logins: str) -> dict[str, Any]:
    checked = shards.check({}, shard_inputs(*logins)).inputs
    result = shards.create(checked)
    assert result.outs is not None
    return {**result.outs, "__inputs": checked}


def writes(box: EmulatorServer) -> list[str]:
    return sorted(f"{entry.method} {entry.template}" for entry in box.request_log.writes())


def test_a_new_shard_creates_each_person_once(
    shards: UserShardProvider, box_client: BoxClient
) -> None:
    outs = created(shards, "ann@contoso.com", "bob@contoso.com")

    assert logins_in_box(box_client, "ann@") == ["ann@contoso.com"]
    assert set(outs["user_ids"]) == {"ann@contoso.com", "bob@contoso.com"}
    assert outs["adopted"] == []


def test_one_changed_person_costs_one_box_write(
    shards: UserShardProvider, box: EmulatorServer, box_client: BoxClient
) -> None:
    olds = created(shards, "ann@contoso.com", "bob@contoso.com", "cy@contoso.com")
    news = shard_inputs("ann@contoso.com", "bob@contoso.com", "cy@contoso.com")
    news["users"]["bob@contoso.com"]["role"] = "coadmin"
    checked = shards.check(olds["__inputs"], news).inputs
    box.request_log.clear()

    assert shards.diff("users-001", olds, checked).changes
    result = shards.update("users-001", olds, checked)

    assert writes(box) == ["PUT /2.0/users/{user_id}"]
    bob = box_user(box_client, olds["user_ids"]["bob@contoso.com"])
    assert bob.role is not None and bob.role.value == "coadmin"
    assert result.outs is not None and result.outs["user_ids"] == olds["user_ids"]


def test_no_change_is_no_diff_and_costs_no_box_call(
    shards: UserShardProvider, box: EmulatorServer
) -> None:
    olds = created(shards, "ann@contoso.com")
    box.request_log.clear()
    checked = shards.check(olds["__inputs"], shard_inputs("ann@contoso.com")).inputs

    assert not shards.diff("users-001", olds, checked).changes
    assert box.request_log.entries == []


def test_a_preview_knows_the_recorded_and_adopted_ids_and_no_others(
    shards: UserShardProvider, box_client: BoxClient, box: EmulatorServer
) -> None:
    olds = created(shards, "ann@contoso.com")
    made = box_client.users.create_user("Bob", login="bob@contoso.com")
    news = shard_inputs("ann@contoso.com", "bob@contoso.com", "cy@contoso.com")
    box.request_log.clear()
    checked = shards.check(olds["__inputs"], news).inputs

    # What groups see in a preview (the checked inputs): what check knew, read-only; the
    # group fills in the id it records for a member already in it.
    assert checked["user_ids"]["bob@contoso.com"] == made.id
    assert "cy@contoso.com" not in checked["user_ids"]  # not known until created
    assert box.request_log.writes() == []


def test_an_existing_account_is_adopted_and_shown_in_the_check(
    shards: UserShardProvider, box_client: BoxClient
) -> None:
    made = box_client.users.create_user("Ann", login="ann@contoso.com")
    checked = shards.check({}, shard_inputs("ann@contoso.com", "new@contoso.com")).inputs

    assert checked["user_ids"] == {"ann@contoso.com": made.id}
    outs = shards.create(checked).outs
    assert outs is not None
    assert outs["user_ids"]["ann@contoso.com"] == made.id
    assert outs["adopted"] == ["ann@contoso.com"]


def test_a_person_leaving_the_shard_costs_no_box_write(
    shards: UserShardProvider, box: EmulatorServer, box_client: BoxClient
) -> None:
    olds = created(shards, "ann@contoso.com", "bob@contoso.com")
    checked = shards.check(olds["__inputs"], shard_inputs("ann@contoso.com")).inputs
    box.request_log.clear()

    result = shards.update("users-001", olds, checked)

    assert writes(box) == []
    assert logins_in_box(box_client, "bob@") == ["bob@contoso.com"]
    assert result.outs is not None and set(result.outs["users"]) == {"ann@contoso.com"}


def test_an_update_that_fails_part_way_is_finished_by_the_next_run_without_duplicates(
    configure_provider: ConfigureProvider, box: EmulatorServer, box_client: BoxClient
) -> None:
    shards = configure_provider(UserShardProvider, **{"box:retryTimeoutSeconds": "0.5"})
    olds = created(shards, "ann@contoso.com")
    news = shard_inputs("ann@contoso.com", "bob@contoso.com")
    news["users"]["ann@contoso.com"]["name"] = "Ann Renamed"
    # Bob is created, then Box keeps failing Ann's update: the run stops half done.
    box.inject("error", status=503, count=1000, method="PUT", path_prefix="/2.0/users")
    with pytest.raises(BoxProviderError, match=r"Not done: update ann@contoso\.com"):
        shards.update("users-001", olds, shards.check(olds["__inputs"], news).inputs)
    box.clear_faults()
    box.request_log.clear()

    # The engine kept the old state; the next run adopts Bob and sends Ann's update again.
    result = shards.update("users-001", olds, shards.check(olds["__inputs"], news).inputs)

    assert writes(box) == ["PUT /2.0/users/{user_id}"]
    assert logins_in_box(box_client, "bob@") == ["bob@contoso.com"]
    assert box_user(box_client, olds["user_ids"]["ann@contoso.com"]).name == "Ann Renamed"
    assert result.outs is not None and result.outs["adopted"] == ["bob@contoso.com"]


def test_a_refresh_reads_box_values_and_marks_people_deleted_in_box(
    shards: UserShardProvider, box_client: BoxClient
) -> None:
    olds = created(shards, "ann@contoso.com", "bob@contoso.com")
    box_client.users.update_user_by_id(olds["user_ids"]["ann@contoso.com"], name="Ann Changed")
    box_client.users.delete_user_by_id(olds["user_ids"]["bob@contoso.com"])

    read = shards.read("users-001", olds)

    assert read.outs is not None and read.inputs is not None
    assert read.outs["users"]["ann@contoso.com"]["name"] == "Ann Changed"
    # Bob is kept, marked: no run re-creates him unless acknowledged (tests/e2e/test_lockouts).
    assert read.outs["deleted_in_box"] == ["bob@contoso.com"]
    assert set(read.inputs["users"]) == {"ann@contoso.com", "bob@contoso.com"}
    assert read.inputs["user_ids"] == olds["user_ids"]


def test_invalid_entries_are_refused_naming_the_person(shards: UserShardProvider) -> None:
    failures = shards.check({}, shard_inputs("ann@contoso.com", role="owner")).failures

    assert failures and failures[0].property == "users[ann@contoso.com].role"
    assert "user ann@contoso.com" in failures[0].reason


def test_a_group_previews_a_shard_member_it_already_holds_with_the_recorded_id() -> None:
    held = {
        "name": "Team",
        "members": {"ann@contoso.com": "member"},
        "member_ids": {"ann@contoso.com": "17"},
    }
    news = {
        "name": "Team",
        "members": {"ann@contoso.com": "member", "new@contoso.com": "member"},
        "member_ids": {"ann@contoso.com": ID_UNKNOWN, "new@contoso.com": ID_UNKNOWN},
    }

    checked = BoxGroupProvider().check(held, news).inputs

    assert checked["member_ids"]["ann@contoso.com"] == "17"
    assert checked["member_ids"]["new@contoso.com"] is UNKNOWN


def test_a_login_change_declared_in_previous_logins_renames_the_account_in_place(
    shards: UserShardProvider, box: EmulatorServer, box_client: BoxClient
) -> None:
    before = created(shards, "nadia.petrova@contoso.com")
    user_id = before["user_ids"]["nadia.petrova@contoso.com"]
    # Keyed by login, the new login is a new key, usually in another shard: a new entry.
    news = {
        **shard_inputs("nadia.ivanova@contoso.com"),
        "previous_logins": {"nadia.ivanova@contoso.com": ["nadia.petrova@contoso.com"]},
    }
    checked = shards.check({}, news).inputs
    box.request_log.clear()

    outs = shards.create(checked).outs

    assert checked["user_ids"] == {"nadia.ivanova@contoso.com": user_id}
    assert writes(box) == ["PUT /2.0/users/{user_id}"]
    assert box_user(box_client, user_id).login == "nadia.ivanova@contoso.com"
    assert logins_in_box(box_client, "nadia") == ["nadia.ivanova@contoso.com"]
    assert outs is not None and outs["user_ids"] == {"nadia.ivanova@contoso.com": user_id}


def test_a_paused_shard_records_its_people_without_a_box_call_and_is_replaced_on_resume(
    configure_provider: ConfigureProvider, box: EmulatorServer, shards: UserShardProvider
) -> None:
    paused = configure_provider(PausedUserShardProvider)
    checked = paused.check({}, shard_inputs("ann@contoso.com")).inputs
    box.request_log.clear()

    stand_in = paused.create(checked)

    assert writes(box) == []
    assert stand_in.outs is not None and stand_in.outs["user_ids"] == {}
    resumed = shards.diff(stand_in.id, stand_in.outs, checked)
    assert resumed.changes and resumed.replaces == ["paused"]


def test_a_refresh_records_the_inputs_the_next_check_makes(
    shards: UserShardProvider,
) -> None:
    # Equal inputs after a refresh mean the engine records nothing new for the shard at
    # the next `up` (a changed one rewrites the whole checkpoint, once per shard).
    news = {**shard_inputs("ann@contoso.com"), "previous_logins": {"ann@contoso.com": ["a@x.io"]}}
    checked = shards.check({}, news).inputs
    result = shards.create(checked)
    assert result.outs is not None

    refreshed = shards.read("users-001", {**checked, **result.outs}).inputs

    assert refreshed is not None and refreshed == shards.check(refreshed, news).inputs
