"""`pulumi up` killed with SIGKILL mid-way through creating 240 users, then recovered.

The run's whole process group is killed once a third of the users exist in Box, as a crashed
CI runner would leave it: a stale stack lock, state missing users Box has (with checkpoints,
the ones whose create was in flight, recorded as pending creates; with
`PULUMI_SKIP_CHECKPOINTS=true`, every one of them). The documented recovery (`pulumi cancel`,
`pulumi refresh --clear-pending-creates`, `pulumi up`) must converge on exactly the spec:
create-or-adopt takes over the accounts the killed run made, so none is doubled and none is
left outside the stack.
"""

from __future__ import annotations

import re

import pytest
from box_sdk_gen import BoxClient

from emulator import EmulatorServer
from tests.reliability.box_census import (
    assert_converged,
    box_users,
    pending_operations,
    state_user_ids,
)
from tests.reliability.engine_runs import (
    background_up,
    extra_env,
    kill_run,
    recover_interrupted_run,
    survivors,
    wait_until,
)
from tests.support.box_only_spec import Org, Person
from tests.support.engine import EngineStack

pytestmark = pytest.mark.engine

PEOPLE = tuple(Person(f"hire{n:03}@contoso.example", f"New Hire {n:03}") for n in range(240))
ORG = Org(
    people=PEOPLE,
    groups={
        "Engineering": tuple(p.login for p in PEOPLE[:60]),
        "Sales": tuple(p.login for p in PEOPLE[50:110]),
    },
    direct=tuple(p.login for p in PEOPLE[110:]),
)
# The provisioning log line of an adoption (the engine prints it inline and again in the
# run's diagnostics, so logins are collected, not lines counted).
ADOPTED = re.compile(r"box user (\S+) \(id \d+\): create: login already in Box: adopting")


@pytest.mark.parametrize("skip_checkpoints", [False, True], ids=["checkpoints", "no checkpoints"])
def test_a_killed_up_recovers_to_exactly_the_spec_with_no_duplicate_and_no_orphan(
    engine_stack: EngineStack, box: EmulatorServer, box_client: BoxClient, skip_checkpoints: bool
) -> None:
    engine_stack.write_spec(ORG.spec())
    checkpoints = {"PULUMI_SKIP_CHECKPOINTS": "true"} if skip_checkpoints else {}
    with extra_env(engine_stack, **checkpoints):
        with background_up(engine_stack) as run:
            wait_until(lambda: len(box.request_log.select("POST", "/2.0/users")) >= 80, run)
            killed = kill_run(run)
        assert len(killed) >= 3 and survivors(killed) == set()  # CLI, host, program, providers

        made_before_kill = {user.login for user in box_users(box_client)}
        recorded = set(state_user_ids(engine_stack))
        assert 80 <= len(made_before_kill) < len(PEOPLE)
        assert recorded < made_before_kill
        if skip_checkpoints:
            assert recorded == set()  # the state knows none of the accounts the run made
        else:  # the creates that were in flight, which only a person can settle
            assert {op["type"] for op in pending_operations(engine_stack)} == {"creating"}

        recover_interrupted_run(engine_stack)
        final = engine_stack.up()

    assert set(ADOPTED.findall(final.output)) == made_before_kill - recorded
    assert_converged(box_client, engine_stack, ORG)
    assert engine_stack.preview("--expect-no-changes").ok
