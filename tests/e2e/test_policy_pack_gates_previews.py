"""`pulumi preview` with the real engine: the demo stack passes the pack, and a spec that
grants co-admin by default fails with or without `--policy-pack`: the program enforces the
access guardrails itself (`components.guardrails`), once per cause.

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


def coadmin_by_default() -> str:
    text = DEMO_SPEC.read_text()
    assert "\nbox:\n  defaults:\n" in text
    return text.replace("\nbox:\n  defaults:\n", "\nbox:\n  defaults:\n    role: coadmin\n")


@pytest.mark.parametrize("with_pack", [True, False], ids=["with-policy-pack", "plain-preview"])
def test_co_admin_granted_by_a_default_fails_every_preview_once_at_the_default(
    new_engine_stack: NewEngineStack, with_pack: bool
) -> None:
    demo = new_engine_stack("demo")
    demo.write_spec(coadmin_by_default())

    preview = demo.preview(*(gated_preview_args("demo") if with_pack else ()))

    assert not preview.ok
    output = preview.stdout + preview.stderr
    assert "the spec breaks guardrails that protect Box access" in output
    assert "box.defaults.role: role: coadmin as a default makes 9 Box user(s)" in output
    assert output.count("a default must never grant admin rights") == 1
