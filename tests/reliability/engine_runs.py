"""Running the real engine the way a bad day does: in the background, killed, with extra env.

Used by the reliability engine tests on top of `tests.support.engine.EngineStack`, whose
environment, project directory and stack name they reuse unchanged:

- `background_up(stack)`: `pulumi up` as a background process, killed on leaving the block
  if still running; `wait_until(condition, process)` and `finish(process)` go with it;
- `kill_run(process)`: SIGKILL its whole process tree at once (the CLI, its language host,
  the program and the dynamic providers), as a crashed or cancelled CI runner would. The
  CLI starts each plugin in a process group of its own, so killing the CLI's group alone
  would leave the providers running (and writing to Box); `survivors(pids)` checks;
- `paused(process)`: the run's process tree stopped (SIGSTOP) inside the block, so another
  command can be run against a stack that is certainly mid-update;
- `recover_interrupted_run(stack)`: the documented recovery for the file backend (the
  stale lock, then the pending creates; see docs/operating-safely.md),
  before the next `up`;
- `extra_env(stack, NAME=value)`: run some commands with extra environment variables.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from tests.support.engine import EngineCommandError, EngineRun, EngineStack
from tools.pulumi_toolchain import pulumi_executable

WAIT_STEP_SECONDS = 0.05


@contextmanager
def background_up(stack: EngineStack, *args: str) -> Iterator[subprocess.Popen[str]]:
    """`pulumi up --yes --skip-preview` in the background; killed at the end if still running."""
    command = [str(pulumi_executable()), "up", "--yes", "--skip-preview", *args]
    process = subprocess.Popen(
        [*command, "--stack", stack.name, "--non-interactive"],
        cwd=stack.project_dir,
        env=dict(stack.env),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            kill_run(process)


def wait_until(condition: Callable[[], bool], process: subprocess.Popen[str]) -> None:
    """Poll `condition` while `process` runs; fail if the run ends first."""
    while not condition():
        if process.poll() is not None:
            output = process.stdout.read() if process.stdout else ""
            raise AssertionError(f"the run ended (exit {process.returncode}) too early:\n{output}")
        time.sleep(WAIT_STEP_SECONDS)


def kill_run(process: subprocess.Popen[str]) -> set[int]:
    """SIGKILL the run's whole process tree at once, reap the CLI; return the pids killed."""
    # Frozen first, so that nothing in the tree can start another process before it dies.
    frozen = _freeze(process)
    _signal(frozen, signal.SIGKILL)
    process.communicate()
    return frozen


def survivors(pids: Iterable[int], wait_seconds: float = 10.0) -> set[int]:
    """Those of `pids` still running (not gone, not a zombie) after up to `wait_seconds`."""
    deadline = time.monotonic() + wait_seconds
    while (running := {pid for pid in pids if _running(pid)}) and time.monotonic() < deadline:
        time.sleep(WAIT_STEP_SECONDS)
    return running


@contextmanager
def paused(process: subprocess.Popen[str]) -> Iterator[None]:
    """The run's whole process tree stopped for the duration of the block."""
    frozen = _freeze(process)
    try:
        yield
    finally:
        _signal(frozen, signal.SIGCONT)


def process_tree(root: int) -> list[int]:
    """`root` and every process descended from it (from /proc)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # Field 2, the command name, is in parentheses and may hold spaces.
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue  # the process ended while we looked
        children.setdefault(parent, []).append(int(stat.parent.name))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, []))
    return tree


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


def _freeze(process: subprocess.Popen[str]) -> set[int]:
    frozen: set[int] = set()
    while new := [pid for pid in process_tree(process.pid) if pid not in frozen]:
        _signal(new, signal.SIGSTOP)
        frozen.update(new)
    return frozen


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def _signal(pids: Iterable[int], signum: signal.Signals) -> None:
    for pid in pids:
        with suppress(ProcessLookupError):
            os.kill(pid, signum)


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
