"""The dynamic-provider process stops as soon as the engine that started it dies.

`kill -9` of `pulumi` (a runner's OOM killer, a cancelled job that skips the process group)
takes only the CLI: the engine starts each plugin in a process group of its own, so the
dynamic-provider host lived on, finishing the Box calls in flight and their retries with
nobody left to record them. Here Box is slow, `pulumi up` is killed while creating users,
and the host must be gone soon after, with Box's request log no longer growing.
"""

from __future__ import annotations

import os
import signal
import time
from contextlib import suppress
from pathlib import Path

import pytest

from emulator import EmulatorServer
from tests.reliability.engine_runs import (
    background_up,
    process_tree,
    survivors,
    wait_until,
)
from tests.support.box_only_spec import Org, Person
from tests.support.engine import EngineStack
from tools.bench.processes import role_of

pytestmark = pytest.mark.engine

PEOPLE = tuple(Person(f"slow{n:02}@contoso.example", f"Slow Hire {n:02}") for n in range(40))
ORG = Org(people=PEOPLE, direct=tuple(person.login for person in PEOPLE))
SLOW_BOX_MS = 400
SETTLE_SECONDS = 3 * SLOW_BOX_MS / 1000


def provider_pids(root: int) -> set[int]:
    """The dynamic-provider processes (entra-box's host or Pulumi's) under `root`."""
    found = set()
    for pid in process_tree(root):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if role_of(pid, root, cmdline) == "provider":
            found.add(pid)
    return found


def test_after_kill_9_of_pulumi_the_provider_exits_and_box_hears_nothing_more(
    engine_stack: EngineStack, box: EmulatorServer
) -> None:
    engine_stack.write_spec(ORG.spec())
    box.set_faults(latency_ms=SLOW_BOX_MS)
    with background_up(engine_stack) as run:
        wait_until(lambda: len(box.request_log.select("POST", "/2.0/users")) >= 2, run)
        providers = provider_pids(run.pid)
        others = set(process_tree(run.pid)) - {run.pid}
        os.kill(run.pid, signal.SIGKILL)
        run.communicate()
        try:
            assert providers, "no dynamic-provider process was found under pulumi"
            assert survivors(providers) == set()
            # A request sent just before the end is logged once Box answers it.
            time.sleep(SETTLE_SECONDS)
            calls = len(box.request_log)
            time.sleep(SETTLE_SECONDS)
            assert len(box.request_log) == calls
        finally:
            for pid in survivors(others, wait_seconds=0):  # the host and program, if left
                with suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
