"""Helpers for the end-to-end tests: deploy an organisation, then watch what Box is asked.

Every test here drives the real Pulumi CLI (`engine_stack`, tests/conftest.py) against the
in-process emulator (`box`) and asserts through Box as the SDK sees it (`box_client`,
tests/support/box_view.py) and the emulator's request log.
"""

from __future__ import annotations

from box_sdk_gen import BoxClient

from emulator import EmulatorServer
from tests.support.box_only_spec import Org
from tests.support.box_view import comparable_users, expected_view, read_box, resolved
from tests.support.engine import EngineStack


def deploy(stack: EngineStack, box: EmulatorServer, org: Org) -> None:
    """Write `org` as the stack's spec, `pulumi up`, then start a fresh request log."""
    stack.write_spec(org.spec())
    stack.up()
    box.request_log.clear()


def box_writes(box: EmulatorServer) -> list[str]:
    """The API writes since the log was last cleared, as sorted `METHOD /2.0/route`."""
    return sorted(f"{entry.method} {entry.template}" for entry in box.request_log.writes())


def assert_box_holds_the_resolved_state(stack: EngineStack, client: BoxClient) -> None:
    """Box's users and groups are what `python -m components resolve` prints for the spec."""
    users, groups = expected_view(resolved(stack.spec_path))
    in_box = read_box(client)
    assert comparable_users(in_box, users) == users
    assert in_box.groups == groups
