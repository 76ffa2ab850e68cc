"""The workflows find every committed stack, and production apart (`tools/ci_stacks.py`)."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path

import pytest

from tests.support.engine import REPO_ROOT
from tools.ci_stacks import main, stacks_in


def lay_out(directory: Path, *files: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name in files:
        (directory / name).write_text("")
    return directory


def test_a_stack_is_a_committed_config_next_to_its_spec(tmp_path: Path) -> None:
    stacks = lay_out(
        tmp_path,
        "dev.yaml",
        "Pulumi.dev.yaml",
        "prod.yaml",
        "Pulumi.prod.yaml",
        "Pulumi.orphan.yaml",  # no spec: not a stack
        "draft.yaml",  # no config: not a stack yet
        "spec.schema.json",
    )

    assert stacks_in(stacks) == ["dev", "prod"]


def test_the_outputs_split_staging_from_production_by_the_one_definition(tmp_path: Path) -> None:
    stacks = lay_out(tmp_path, *(f"{s}.yaml" for s in ("dev", "prod", "qa")))
    lay_out(tmp_path, *(f"Pulumi.{s}.yaml" for s in ("dev", "prod", "qa")))
    out = io.StringIO()

    with contextlib.redirect_stdout(out):
        code = main(["--stacks-dir", str(stacks), "--production", "prod"])

    lines = dict(line.split("=", 1) for line in out.getvalue().splitlines())
    assert code == 0
    assert {key: json.loads(value) for key, value in lines.items()} == {
        "all": ["dev", "prod", "qa"],
        "staging": ["dev"],
        "production": ["prod", "qa"],
    }


def test_no_stack_at_all_is_an_error(tmp_path: Path) -> None:
    with contextlib.redirect_stderr(io.StringIO()):
        assert main(["--stacks-dir", str(lay_out(tmp_path))]) == 1


@pytest.mark.parametrize("stack", ["dev", "prod"])
def test_the_repository_environments_are_stacks_the_workflows_run(stack: str) -> None:
    assert stack in stacks_in(REPO_ROOT / "stacks")


def test_a_workflow_expecting_approval_for_a_non_production_stack_fails(tmp_path: Path) -> None:
    stacks = lay_out(tmp_path, "dev.yaml", "Pulumi.dev.yaml")
    err = io.StringIO()

    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["--stacks-dir", str(stacks), "--production", "dev"])

    assert code == 1
    assert "dev named with --production but not production" in err.getvalue()
