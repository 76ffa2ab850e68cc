"""Two `pulumi up`s of one stack at once: the second refuses, nothing is doubled or corrupted.

Pulumi 3.260's file backend locks a stack for every update: it writes
`.pulumi/locks/<org>/<project>/<stack>/<uuid>.json` and then lists the directory, giving up
(and removing its own file) if any other lock is there. Two runs can therefore both give up,
but never both proceed. This test holds it to that with a run that is frozen mid-way.

The frozen run skips intermediate checkpoints, as CI's deploys do (`tools/ci_pulumi.py`):
with the engine's per-step checkpoints the freeze can land while the file backend is
rewriting the checkpoint, and the second run then refuses earlier, with "failed to load
checkpoint: EOF" instead of the lock message (about one run in five here).
"""

from __future__ import annotations

import pytest
from box_sdk_gen import BoxClient

from emulator import EmulatorServer
from tests.reliability.box_census import assert_converged
from tests.reliability.engine_runs import background_up, extra_env, finish, paused, wait_until
from tests.support.box_only_spec import Org, Person
from tests.support.engine import EngineStack
from tools.pulumi_toolchain.engine import SKIP_CHECKPOINTS

pytestmark = pytest.mark.engine

PEOPLE = tuple(Person(f"temp{n:02}@contoso.example", f"Temp {n:02}") for n in range(40))
ORG = Org(people=PEOPLE, direct=tuple(p.login for p in PEOPLE))


def test_a_second_up_of_a_running_stack_refuses_and_the_first_one_finishes_cleanly(
    engine_stack: EngineStack, box: EmulatorServer, box_client: BoxClient
) -> None:
    engine_stack.write_spec(ORG.spec())

    with extra_env(engine_stack, **SKIP_CHECKPOINTS), background_up(engine_stack) as first:
        wait_until(lambda: len(box.request_log.select("POST", "/2.0/users")) >= 5, first)
        with paused(first):  # certainly mid-way while the second one tries
            second = engine_stack.up(check=False)
        first_run = finish(first)

    assert not second.ok
    assert "the stack is currently locked by 1 lock(s)" in second.output
    assert "pulumi cancel" in second.output
    assert first_run.ok, first_run.describe()
    creates = box.request_log.select("POST", "/2.0/users")
    assert [entry.status for entry in creates] == [201] * len(PEOPLE)  # nobody tried twice
    assert_converged(box_client, engine_stack, ORG)
    assert engine_stack.preview("--expect-no-changes").ok
