"""The engine harness keeps every stack in its own temp project, never in the repository."""

from __future__ import annotations

import pytest

from tests.support.box_only_spec import SMALL_ORG
from tests.support.engine import REPO_ROOT, EngineStack

pytestmark = pytest.mark.engine


def test_a_test_stack_keeps_its_config_in_its_temp_project_and_not_in_the_repository(
    engine_stack: EngineStack,
) -> None:
    repo_stacks_before = sorted(path.name for path in (REPO_ROOT / "stacks").iterdir())
    engine_stack.write_spec(SMALL_ORG.spec())

    config = engine_stack.stack_config_file().read_text()

    assert engine_stack.stack_config_file().is_relative_to(engine_stack.root)
    assert "entra-box:spec: spec.yaml" in config
    assert "secure: v1:" in config  # box:clientSecret, encrypted by the passphrase provider
    assert sorted(path.name for path in (REPO_ROOT / "stacks").iterdir()) == repo_stacks_before
