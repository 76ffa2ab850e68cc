"""`pulumi preview --policy-pack` runs a Python policy pack with the installed toolchain."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.toolchain.conftest import ScratchProject

pytestmark = pytest.mark.engine


def test_a_compliant_stack_passes_the_policy_pack(
    scratch_project: ScratchProject, policy_pack: Path
) -> None:
    done = scratch_project.pulumi("preview", "--policy-pack", str(policy_pack))
    assert "scratch-policies" in done.stdout
    assert "label-is-not-forbidden" not in done.stdout


def test_a_mandatory_violation_fails_the_preview_and_names_the_policy(
    scratch_project: ScratchProject, policy_pack: Path
) -> None:
    scratch_project.pulumi("config", "set", "label", "forbidden")
    done = scratch_project.pulumi("preview", "--policy-pack", str(policy_pack), check=False)
    assert done.returncode != 0
    assert "[mandatory]  label-is-not-forbidden" in done.stdout
    assert "the label 'forbidden' is not allowed" in done.stdout
