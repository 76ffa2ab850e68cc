"""Running the real engine the way a bad day does: in the background, killed, with extra env.

Used by the reliability engine tests on top of `tests.support.engine.EngineStack`, whose
environment, project directory and stack name they reuse unchanged:

- `start_up(stack)`: `pulumi up` as a background process in its own process group;
- `kill_run(process)`: SIGKILL that whole group at once (the CLI, its language host, the
  program and the dynamic providers), as a crashed or cancelled CI runner would;
- `recover_interrupted_run(stack)`: the documented recovery for the file backend (the
  stale lock, then the pending creates; see README-operating.md), before the next `up`;
- `extra_env(stack, NAME=value)`: run some commands with extra environment variables.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from tests.support.engine import EngineCommandError, EngineRun, EngineStack
from tools.pulumi_toolchain import pulumi_executable

WAIT_STEP_SECONDS = 0.05


def start_up(stack: EngineStack, *args: str) -> subprocess.Popen[str]:
    """`pulumi up --yes --skip-preview` in the background, in a new process group."""
    command = [str(pulumi_executable()), "up", "--yes", "--skip-preview", *args]
    return subprocess.Popen(
        [*command, "--stack", stack.name, "--non-interactive"],
        cwd=stack.project_dir,
        env=stack.env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def wait_until(condition: Callable[[], bool], process: subprocess.Popen[str]) -> None:
    """Poll `condition` while `process` runs; fail if the run ends first."""
    while not condition():
        if process.poll() is not None:
            output = process.stdout.read() if process.stdout else ""
            raise AssertionError(f"the run ended (exit {process.returncode}) too early:\n{output}")
        time.sleep(WAIT_STEP_SECONDS)


def kill_run(process: subprocess.Popen[str]) -> None:
    """SIGKILL the run's whole process group, and reap the CLI."""
    os.killpg(process.pid, signal.SIGKILL)
    process.communicate()


def finish(process: subprocess.Popen[str], timeout: float = 600) -> EngineRun:
    """Wait for a background run; its combined output is `stdout`."""
    output, _ = process.communicate(timeout=timeout)
    return EngineRun(("up", "(background)"), process.returncode, output, "")


def recover_interrupted_run(stack: EngineStack) -> list[EngineRun]:
    """`pulumi cancel` (the killed run's lock), then `refresh --clear-pending-creates`."""
    runs = [stack.pulumi("cancel", "--yes"), stack.refresh("--clear-pending-creates")]
    for run in runs:
        if not run.ok:
            raise EngineCommandError(run.describe())
    return runs


@contextmanager
def extra_env(stack: EngineStack, **variables: str) -> Iterator[None]:
    """Commands of `stack` inside the block see `variables` in their environment."""
    saved = dict(stack.env)
    stack.env.update(variables)
    try:
        yield
    finally:
        stack.env.clear()
        stack.env.update(saved)
