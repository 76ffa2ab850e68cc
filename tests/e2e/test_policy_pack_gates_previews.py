"""`pulumi preview --policy-pack policies` with the real engine: the demo stack passes, a
spec that grants co-admin by default fails with the policy's own message.

The Entra-managing example stacks (dev, prod) need the pulumi-azuread plugin, which this
machine cannot download; they are checked against every policy under mocks in
`tests/policies/test_example_stacks.py`.
"""

from __future__ import annotations

import pytest

from tests.conftest import NewEngineStack
from tests.support.engine import DEMO_SPEC, POLICY_PACK

pytestmark = pytest.mark.engine


def gated_preview_args(stack: str) -> tuple[str, ...]:
    config = POLICY_PACK / "config" / f"{stack}.json"
    return ("--policy-pack", str(POLICY_PACK), "--policy-pack-config", str(config))


def test_the_demo_stack_passes_every_policy(new_engine_stack: NewEngineStack) -> None:
    demo = new_engine_stack("demo")
    demo.write_spec(DEMO_SPEC.read_text())

    preview = demo.preview(*gated_preview_args("demo"))

    assert preview.ok, preview.describe()
    assert "✅ entra-box-guardrails" in preview.stdout
    assert "[mandatory]" not in preview.stdout


def test_co_admin_granted_by_a_default_fails_the_preview_with_the_policys_message(
    new_engine_stack: NewEngineStack,
) -> None:
    demo = new_engine_stack("demo")
    text = DEMO_SPEC.read_text()
    assert "\nbox:\n  defaults:\n" in text
    demo.write_spec(
        text.replace("\nbox:\n  defaults:\n", "\nbox:\n  defaults:\n    role: coadmin\n")
    )

    preview = demo.preview(*gated_preview_args("demo"))

    assert not preview.ok
    assert "❌ entra-box-guardrails" in preview.stdout
    assert "[mandatory]  box-coadmins-explicit" in preview.stdout
    assert "that role comes from box.defaults" in preview.stdout
