"""The first `pulumi up` creates exactly what the spec resolves to; the second writes nothing."""

from __future__ import annotations

import pytest
from box_sdk_gen import BoxClient

from emulator import EmulatorServer
from tests.e2e.conftest import box_writes
from tests.support.box_view import comparable_users, expected_view, read_box, resolved
from tests.support.engine import REPO_ROOT, EngineStack

pytestmark = pytest.mark.engine

# The realistic organisation `make demo` deploys: an inactive user, a co-admin, provisioned
# groups and a Box-only group with a group admin.
DEMO_SPEC = REPO_ROOT / "stacks" / "demo.yaml"


def test_the_first_up_creates_exactly_the_resolved_state(
    engine_stack: EngineStack, box_client: BoxClient
) -> None:
    engine_stack.write_spec(DEMO_SPEC.read_text())

    engine_stack.up()

    users, groups = expected_view(resolved(engine_stack.spec_path))
    in_box = read_box(box_client)
    assert comparable_users(in_box, users) == users
    assert in_box.groups == groups


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
