"""The first `pulumi up` creates exactly what the spec resolves to; the second writes nothing."""

from __future__ import annotations

import pytest
from box_sdk_gen import BoxClient

from emulator import EmulatorServer
from tests.e2e.conftest import assert_box_holds_the_resolved_state, box_writes
from tests.support.engine import DEMO_SPEC, EngineStack

pytestmark = pytest.mark.engine


def test_the_first_up_creates_exactly_the_resolved_state(
    engine_stack: EngineStack, box_client: BoxClient
) -> None:
    engine_stack.write_spec(DEMO_SPEC.read_text())

    engine_stack.up()

    assert_box_holds_the_resolved_state(engine_stack, box_client)


def test_a_second_up_makes_no_box_write_calls_and_a_refreshing_preview_sees_no_change(
    engine_stack: EngineStack, box: EmulatorServer
) -> None:
    engine_stack.write_spec(DEMO_SPEC.read_text())
    engine_stack.up()
    box.request_log.clear()

    second = engine_stack.up()
    converged = engine_stack.preview("--refresh", "--expect-no-changes")

    assert box_writes(box) == []
    assert "unchanged" in second.stdout
    assert converged.ok, converged.describe()
