"""Stop the provider process the moment the engine that started it is gone.

The engine starts each plugin in a process group of its own, so a `kill -9` of `pulumi`
(an OOM kill, a runner cancelling only the CLI) does not reach the provider; Pulumi's own
host then went on with the Box calls in flight, and their retries, for a run nobody would
record. `exit_with_the_engine` watches two signs, each in a daemon thread: the end of
stdin (the engine holds the only writing end of that pipe, so the kernel closes it when
the engine dies, however it dies) and, where stdin is no pipe, the parent process changing.
Either ends the process at once with `os._exit`, so no thread makes another Box call.
Called by `__main__.main` before the server starts.
"""

from __future__ import annotations

import os
import stat
import sys
import threading
import time
from collections.abc import Callable

ENGINE_GONE_EXIT_CODE = 3
PARENT_POLL_SECONDS = 0.5


def exit_with_the_engine() -> None:
    """Start the watchers; the process exits when the engine dies."""
    if _stdin_is_a_pipe():
        _start(_wait_for_end_of_stdin)
    _start(_wait_for_new_parent)


def _stdin_is_a_pipe() -> bool:
    try:
        return stat.S_ISFIFO(os.fstat(sys.stdin.fileno()).st_mode)
    except (OSError, ValueError, AttributeError):  # closed or replaced stdin
        return False


def _wait_for_end_of_stdin() -> None:
    # The engine never writes to a plugin's stdin; whatever arrives is drained and ignored.
    while os.read(sys.stdin.fileno(), 4096):
        pass
    os._exit(ENGINE_GONE_EXIT_CODE)


def _wait_for_new_parent() -> None:
    parent = os.getppid()
    while os.getppid() == parent:
        time.sleep(PARENT_POLL_SECONDS)
    os._exit(ENGINE_GONE_EXIT_CODE)


def _start(target: Callable[[], None]) -> None:
    threading.Thread(target=target, name=target.__name__, daemon=True).start()
