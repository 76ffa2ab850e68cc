"""The provisioning log: one line per Box write (object, operation, outcome).

The user and group providers report every write here, so the output of `pulumi up` (and
the CI log) reads as the provisioning log admins are pointed to. A Python dynamic provider
runs in its own process with no connection to the engine's log service, so
`pulumi.log.info` writes `info: <message>` to stderr; since pulumi 3.146 the engine passes a
dynamic provider's stderr through to the `pulumi up` output (pulumi/pulumi#18253). Messages
therefore carry the object themselves. Nothing logged here ever includes a token or secret.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pulumi

from components.box.errors import BoxNotFoundError, BoxProviderError, box_call

PREFIX = "box"
# The provider serves the engine's calls on several threads, and without an engine
# `pulumi.log` prints the message and its newline as two writes; lines from two threads
# then run together ("...: createdinfo: box group ..."). One line at a time.
_ONE_LINE_AT_A_TIME = threading.Lock()


def report(target: str, operation: str, outcome: str) -> None:
    """Log a completed Box write."""
    with _ONE_LINE_AT_A_TIME:
        pulumi.log.info(f"{PREFIX} {target}: {operation}: {outcome}")


def report_failure(target: str, operation: str, error: BoxProviderError) -> None:
    """Log a Box write that failed, with the first line of its explanation."""
    reason = error.message.splitlines()[0] if error.message else type(error).__name__
    with _ONE_LINE_AT_A_TIME:
        pulumi.log.warn(f"{PREFIX} {target}: {operation}: FAILED: {reason}")


@contextmanager
def box_write(
    target: str, operation: str, outcome: str = "done", *, missing_ok: bool = False
) -> Iterator[None]:
    """Run one Box write and log its outcome; log a failure before re-raising it.

    With `missing_ok`, an object already gone from Box counts as done (deletes, disables).
    """
    try:
        with box_call(target, operation):
            yield
    except BoxNotFoundError as error:
        if not missing_ok:
            report_failure(target, operation, error)
            raise
        report(target, operation, "already gone from Box")
        return
    except BoxProviderError as error:
        report_failure(target, operation, error)
        raise
    report(target, operation, outcome)
