"""Helpers for the end-to-end tests: deploy an organisation, then watch what Box is asked.

Every test here drives the real Pulumi CLI (`engine_stack`, tests/conftest.py) against the
in-process emulator (`box`) and asserts through Box as the SDK sees it (`box_client`,
tests/support/box_view.py) and the emulator's request log.
"""

from __future__ import annotations

from emulator import EmulatorServer
from tests.support.box_only_spec import Org
from tests.support.engine import EngineStack


def deploy(stack: EngineStack, box: EmulatorServer, org: Org) -> None:
    """Write `org` as the stack's spec, `pulumi up`, then start a fresh request log."""
    stack.write_spec(org.spec())
    stack.up()
    box.request_log.clear()


def box_writes(box: EmulatorServer) -> list[str]:
    """The API writes since the log was last cleared, as sorted `METHOD /2.0/route`."""
    return sorted(f"{entry.method} {entry.template}" for entry in box.request_log.writes())
