"""Run a Pulumi program (a function, or the project's real `__main__.py`) under mocks.

Each run starts from a fresh root stack and fresh config, installs a `FakeTenant` as the
mocks, runs the program to completion (every registration and `apply` awaited) and returns
the stack outputs as plain values. Errors the program or an `apply` raises propagate.
"""

from __future__ import annotations

import gc
import runpy
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pulumi
from pulumi.runtime import settings
from pulumi.runtime.stack import run_pulumi_func
from pulumi.runtime.sync_await import _sync_await

from tests.support.sdk_tuning import sdk_tuning_undone

PROJECT_DIR = Path(__file__).resolve().parents[2]
MAIN = PROJECT_DIR / "__main__.py"


def run_program(
    mocks: pulumi.runtime.Mocks,
    program: Callable[[], None],
    *,
    stack: str = "test",
    config: Mapping[str, str] | None = None,
    preview: bool = False,
) -> dict[str, Any]:
    """Run `program` as a Pulumi program against `mocks`; return the stack outputs."""
    settings.ROOT.set(None)
    pulumi.runtime.set_all_config(dict(config or {}))
    pulumi.runtime.set_mocks(mocks, project="entra-box", stack=stack, preview=preview)
    try:
        _sync_await(run_pulumi_func(program))
        return _stack_outputs()
    finally:
        # A failed run leaves sibling outputs failing too; they must not leak into the next run.
        settings.SETTINGS.outputs.clear()
        # Finalise the run's abandoned coroutines now: left to a later garbage collection
        # they may run inside pytest's `ast.parse`, which CPython 3.11.7 then aborts with
        # "SystemError: AST constructor recursion depth mismatch".
        gc.collect()


def run_main(
    mocks: pulumi.runtime.Mocks,
    *,
    stack: str = "test",
    config: Mapping[str, str] | None = None,
    preview: bool = False,
) -> dict[str, Any]:
    """Run the project's real `__main__.py` (as `pulumi up` would) against `mocks`.

    The run uses the program's tuned SDK (`components.sdk_tuning`), undone afterwards.
    """
    with sdk_tuning_undone():
        return run_program(
            mocks,
            lambda: _run_main_file(),
            stack=stack,
            config=config,
            preview=preview,
        )


def _run_main_file() -> None:
    runpy.run_path(str(MAIN), run_name="__main__")


def _stack_outputs() -> dict[str, Any]:
    root = settings.get_root_resource()
    outputs: dict[str, Any] = getattr(root, "outputs", {})
    return {
        name: _sync_await(pulumi.Output.from_input(value).future())
        for name, value in outputs.items()
    }
