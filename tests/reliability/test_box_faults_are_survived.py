"""Box misbehaving under a real `pulumi up`: rate limits, 5xx answers, an outage mid-run.

A 40-person Box-only stack with one provisioned group of 20. Each scenario ends with Box and
the state holding exactly the spec (no login twice, nobody outside the stack, the group's
members exact); a run that cannot finish says, per object, which operation failed and why,
in one message each (no SDK dump), and the next run finishes the job.
"""

from __future__ import annotations

import re
import threading
import time

import pytest
from box_sdk_gen import BoxClient

from emulator import EmulatorServer
from tests.reliability.box_census import assert_converged, box_users
from tests.support.box_only_spec import Org, Person
from tests.support.engine import EngineRun, EngineStack

pytestmark = pytest.mark.engine

PEOPLE = tuple(Person(f"clerk{n:02}@contoso.example", f"Clerk {n:02}") for n in range(40))
ORG = Org(
    people=PEOPLE,
    groups={"Sales": tuple(p.login for p in PEOPLE[:20])},
    direct=tuple(p.login for p in PEOPLE[20:]),
)
# A Diagnostics entry of a failed Box resource: its header, then its error's message.
FAILED_RESOURCE = re.compile(r"^  pulumi-python:dynamic/box:(User|Group) \((.+)\):$", re.M)
REPORTED = re.compile(
    r"^  pulumi-python:dynamic/box:(?:User|Group) \((.+)\):\n    error: (.+)$", re.M
)
OPERATION = re.compile(r"^(create|update|look up|list members|add member|remove member) ")


def assert_failures_named(run: EngineRun) -> None:
    """Each failed Box resource is reported once, by one message naming object and operation."""
    failed = FAILED_RESOURCE.findall(run.output)
    reported = REPORTED.findall(run.output)
    assert failed and len(reported) == len(failed), run.output
    for name, message in reported:
        assert OPERATION.match(message) and name.split("@")[0] in message, message
    assert "BoxAPIError" not in run.output and "Response:" not in run.output
    assert "Traceback" not in run.output


def test_a_tight_rate_limit_and_one_answer_in_five_failing_converge_without_duplicates(
    engine_stack: EngineStack, box: EmulatorServer, box_client: BoxClient
) -> None:
    engine_stack.write_spec(ORG.spec())
    box.set_faults(rate_limit=60, error_rate=0.2, error_timing="mixed", seed=20261126)

    runs = [engine_stack.up(check=False)]
    while not runs[-1].ok and len(runs) < 3:
        assert_failures_named(runs[-1])
        runs.append(engine_stack.up(check=False))

    assert runs[-1].ok, runs[-1].describe()
    struck = {e.fault for e in box.request_log.entries if e.fault}
    assert {"rate_limit", "error_before", "error_after"} <= struck  # the faults did strike
    box.clear_faults()
    assert_converged(box_client, engine_stack, ORG)
    assert engine_stack.preview("--expect-no-changes").ok


def test_a_run_box_keeps_failing_names_what_failed_and_the_next_run_finishes(
    engine_stack: EngineStack, box: EmulatorServer, box_client: BoxClient
) -> None:
    engine_stack.write_spec(ORG.spec())
    box.inject("error", count=1000, status=503, method="POST", path_prefix="/2.0/groups")

    failed = engine_stack.up(check=False)

    assert not failed.ok
    assert_failures_named(failed)
    assert "create group 'Sales': Box kept answering 503" in failed.output
    assert "box group 'Sales': create: FAILED: create group 'Sales'" in failed.output
    assert len(box_users(box_client)) == len(PEOPLE)
    box.clear_faults()
    engine_stack.up()
    assert_converged(box_client, engine_stack, ORG)


def test_box_going_away_mid_run_is_reported_with_what_was_not_done_and_the_rerun_converges(
    engine_stack: EngineStack, box: EmulatorServer, box_client: BoxClient
) -> None:
    engine_stack.write_spec(ORG.spec())
    engine_stack.set_config({"box:retryTimeoutSeconds": "3"})
    # A slow Box, so that the run is still adding members when the stopper sees ten: on a
    # fast machine the whole run once finished between two of its polls.
    box.set_faults(latency_ms=100)
    stopper = threading.Thread(target=stop_after_memberships, args=(box, 10))
    stopper.start()

    failed = engine_stack.up(check=False)

    stopper.join()
    assert not failed.ok
    assert_failures_named(failed)
    assert "group 'Sales'" in failed.output and "could not reach Box" in failed.output
    assert re.search(r"Not done: add clerk\d\d@contoso\.example as member", failed.output)
    box.start()  # the same port, the same data
    box.set_faults(latency_ms=0)
    engine_stack.up()
    assert_converged(box_client, engine_stack, ORG)


def stop_after_memberships(box: EmulatorServer, count: int, patience: float = 300) -> None:
    """Stop Box once `count` memberships were asked for (or after `patience` seconds)."""
    deadline = time.monotonic() + patience
    while len(box.request_log.select("POST", "/2.0/group_memberships")) < count:
        if time.monotonic() > deadline:
            break
        time.sleep(0.02)
    box.stop()
