"""The mass-deprovision guard in the real engine: preview fails, up changes nothing in Box.

A 24-person Box-only stack with `maxDeprovisions: 3`. Taking 5 people out of scope must fail
`pulumi preview` with the count and the way out, and a plain `pulumi up` (no preview) must
stop before any Box write and before the engine's end-of-run deletes; the exact-count
acknowledgement lets exactly that change through, once.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from box_sdk_gen import BoxClient

from components.guard import ACKNOWLEDGE_VARIABLE
from emulator import EmulatorServer
from tests.reliability.box_census import box_users, state_user_ids
from tests.reliability.engine_runs import extra_env
from tests.support.box_only_spec import Org, Person
from tests.support.engine import EngineRun, EngineStack
from tools.preview_summary import access_changes

pytestmark = pytest.mark.engine

PEOPLE = tuple(Person(f"staff{n:02}@contoso.example", f"Staff {n:02}") for n in range(24))
SALES = tuple(person.login for person in PEOPLE[:4])
ORG = Org(
    people=PEOPLE,
    groups={"Sales": SALES},
    direct=tuple(person.login for person in PEOPLE[4:]),
    max_deprovisions=3,
)
LEAVERS = tuple(person.login for person in PEOPLE[4:9])


def without(org: Org, logins: tuple[str, ...]) -> Org:
    for login in logins:
        org = org.out_of_scope(login)
    return org


def statuses(client: BoxClient) -> dict[str, str]:
    return {u.login or "": u.status.value if u.status else "" for u in box_users(client)}


def refused(run: EngineRun, count: int, first: str = LEAVERS[0]) -> None:
    assert not run.ok, run.describe()
    assert f"Refusing to deprovision {count} Box users in one run" in run.output
    assert "provisioning.maxDeprovisions allows 3" in run.output
    assert f"{first} (no longer in scope)" in run.output
    assert f"{ACKNOWLEDGE_VARIABLE}={count} pulumi up" in run.output


@pytest.fixture
def deployed(engine_stack: EngineStack, box: EmulatorServer) -> EngineStack:
    engine_stack.write_spec(ORG.spec())
    engine_stack.up()
    box.request_log.clear()
    return engine_stack


def test_every_box_user_and_group_depends_on_the_guard(deployed: EngineStack) -> None:
    (guard,) = deployed.resources("box:Departures")
    users = deployed.resources("box:User") + deployed.resources("box:UserShard")
    box_objects = users + deployed.resources("box:Group")
    assert len(deployed.recorded_users()) == len(PEOPLE)
    assert len(deployed.resources("box:Group")) == 1
    assert all(guard["urn"] in item.get("dependencies", []) for item in box_objects)


def test_preview_fails_with_the_count_the_names_and_the_acknowledgement(
    deployed: EngineStack, box: EmulatorServer
) -> None:
    deployed.write_spec(without(ORG, LEAVERS).spec())

    refused(deployed.preview(), 5)
    assert box.request_log.writes() == []


def test_the_pr_summary_shows_the_refusal_and_never_the_guard_as_a_change(
    deployed: EngineStack,
) -> None:
    deployed.write_spec(without(ORG, LEAVERS).spec())

    refusal = access_changes(deployed.preview_json().json())
    with extra_env(deployed, **{ACKNOWLEDGE_VARIABLE: "5"}):
        acknowledged = access_changes(deployed.preview_json().json())

    assert any("Refusing to deprovision 5 Box users" in line for line in refusal.problems)
    assert sorted(change.login for change in acknowledged.losses) == list(LEAVERS)
    assert acknowledged.other == ()  # the guard's own update is not an access change


def test_a_plain_up_stops_before_any_box_write_and_before_the_end_of_run_deletes(
    deployed: EngineStack, box: EmulatorServer, box_client: BoxClient
) -> None:
    before = state_user_ids(deployed)
    deployed.write_spec(without(ORG, LEAVERS).spec())

    refused(deployed.up(check=False), 5)

    assert box.request_log.writes() == []
    assert set(statuses(box_client).values()) == {"active"}
    assert state_user_ids(deployed) == before


def test_only_the_exact_count_acknowledges_and_only_for_the_run_that_gives_it(
    deployed: EngineStack, box_client: BoxClient
) -> None:
    deployed.write_spec(without(ORG, LEAVERS).spec())
    with extra_env(deployed, **{ACKNOWLEDGE_VARIABLE: "4"}):
        run = deployed.up(check=False)
    refused(run, 5)
    assert f"{ACKNOWLEDGE_VARIABLE}=4 acknowledges 4 deprovision(s), but" in run.output

    with extra_env(deployed, **{ACKNOWLEDGE_VARIABLE: "5"}):
        run = deployed.up()
    assert f"as acknowledged by {ACKNOWLEDGE_VARIABLE}=5" in run.output
    now = statuses(box_client)
    assert {login for login, status in now.items() if status == "inactive"} == set(LEAVERS)

    more = tuple(person.login for person in PEOPLE[9:13])
    deployed.write_spec(without(ORG, LEAVERS + more).spec())
    refused(deployed.preview(), 4, more[0])  # the earlier acknowledgement covers nothing new


def test_an_assigned_group_that_reads_empty_trips_the_guard_even_within_the_limit(
    deployed: EngineStack, box: EmulatorServer
) -> None:
    emptied = replace(ORG, groups={"Sales": ()}, max_deprovisions=10)
    deployed.write_spec(emptied.spec())

    run = deployed.preview()

    assert not run.ok
    assert "'Sales' (had 4)" in run.output and "emptied or truncated directory" in run.output
    assert f"{ACKNOWLEDGE_VARIABLE}=4 pulumi up" in run.output
    assert box.request_log.writes() == []
