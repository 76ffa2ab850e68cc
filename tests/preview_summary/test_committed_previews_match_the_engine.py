"""The committed previews are what today's engine and program produce.

Each scenario is captured again through the real engine (tests/support/preview_scenarios.py)
and summarised; the summary must equal that of the committed capture, so the fast tests
of the renderer never drift from real `pulumi preview --json` output. On a deliberate
change, remake the captures: `.venv/bin/python -m tests.support.preview_scenarios`.
"""

from __future__ import annotations

import pytest

from tests.conftest import NewEngineStack
from tests.support.preview_scenarios import SCENARIOS, capture, committed
from tools.preview_summary import StackPreview, access_changes
from tools.preview_summary.markdown import render_stack

pytestmark = pytest.mark.engine


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_the_committed_preview_summarises_like_a_fresh_capture(
    new_engine_stack: NewEngineStack, name: str
) -> None:
    # A non-production stack name (components/production.py): `losses-delete` force-deletes.
    fresh = capture(new_engine_stack(f"test-{name}"), SCENARIOS[name])

    today = render_stack(StackPreview(name, access_changes(fresh)))
    recorded = render_stack(StackPreview(name, access_changes(committed(name))))

    assert today == recorded, (
        "the engine's preview of this scenario changed; if intended, remake the captures "
        "with `.venv/bin/python -m tests.support.preview_scenarios`"
    )
