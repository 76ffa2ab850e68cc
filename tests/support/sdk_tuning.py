"""Undo `components.sdk_tuning` after a test that ran it.

In production the tuned process is the program's and ends with it; in the test session it
is pytest's, so a test or harness that runs `tune_program_process` (directly, or through the
real `__main__.py`) must not leave the SDK patched for every test after it.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

import pulumi.log
import pulumi.runtime.stack as sdk_stack


@contextmanager
def sdk_tuning_undone() -> Iterator[None]:
    """Restore the collector's thresholds, `pulumi.log.debug` and the SDK's wait on exit."""
    thresholds = gc.get_threshold()
    debug = pulumi.log.debug
    wait_for_rpcs = sdk_stack.wait_for_rpcs
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        pulumi.log.debug = debug
        sdk_stack.wait_for_rpcs = wait_for_rpcs
