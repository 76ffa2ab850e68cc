"""The deploy, preview and drift workflows run Pulumi as Pulumi ships it, with runtime deps only.

Read from the workflow files themselves: their jobs set up with `.github/actions/runtime`
(pulumi/actions at the pinned SDK's version, `pip install -c constraints.txt .`), never
`make setup` nor any development tool; the dynamic-provider host the engine runs is still
entra-box's (Pulumi.yaml's `plugins.providers` path holds the console script pip installs).
`test_actionlint_setup.py` lints the same files with actionlint.
"""

from __future__ import annotations

import importlib.metadata
import os
import stat
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.support.engine import REPO_ROOT
from tools.ci_pulumi import pulumi_cli
from tools.ci_versions import outputs

WORKFLOWS = REPO_ROOT / ".github" / "workflows"
RUNTIME_ACTION = REPO_ROOT / ".github" / "actions" / "runtime" / "action.yml"
PRODUCTION = ("deploy.yml", "preview.yml", "drift.yml")
# What only development needs: the toolchain installer (Go builds, the fallback language
# host, entra-box's launchers), actionlint, the editable install with dev extras.
DEVELOPMENT_ONLY = (
    "make setup",
    "setup-go",
    "pulumi_toolchain",
    "tools.actionlint",
    "[dev]",
    "pip install -e",
    "./.github/actions/setup",
)


def load(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(path.read_text())
    return loaded


def steps_of(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def local_actions(steps: list[dict[str, Any]]) -> list[Path]:
    uses = [str(step.get("uses", "")) for step in steps]
    return [
        REPO_ROOT / use.removeprefix("./") / "action.yml" for use in uses if use.startswith("./")
    ]


@pytest.mark.parametrize("name", PRODUCTION)
def test_a_production_workflow_and_the_actions_it_uses_never_set_up_development(name: str) -> None:
    workflow = WORKFLOWS / name
    texts = [workflow.read_text()]
    texts += [action.read_text() for action in local_actions(steps_of(load(workflow)))]

    for text in texts:
        for development in DEVELOPMENT_ONLY:
            assert development not in text


@pytest.mark.parametrize("name", PRODUCTION)
def test_every_job_that_runs_pulumi_sets_up_with_the_runtime_action(name: str) -> None:
    for job in load(WORKFLOWS / name)["jobs"].values():
        steps = job.get("steps", [])
        runs = " ".join(str(step.get("run", "")) for step in steps)
        if "ci_pulumi" in runs:
            assert {"uses": "./.github/actions/runtime"} in steps
            assert ".venv/bin/python -m tools.ci_pulumi" in runs


def test_the_runtime_action_installs_the_cli_officially_at_the_pinned_sdk_version() -> None:
    steps = load(RUNTIME_ACTION)["runs"]["steps"]
    (cli,) = [step for step in steps if str(step.get("uses", "")).startswith("pulumi/actions@")]
    runs = "\n".join(str(step.get("run", "")) for step in steps)

    assert cli["with"] == {"pulumi-version": "${{ steps.versions.outputs.pulumi }}"}
    assert "python3 -m tools.ci_versions" in runs
    assert ".venv/bin/python -m pip install --quiet -c constraints.txt ." in runs
    assert "pulumi plugin install resource azuread" in runs


def test_the_versions_installed_are_the_pinned_packages() -> None:
    assert outputs() == [
        f"pulumi={importlib.metadata.version('pulumi')}",
        f"azuread={importlib.metadata.version('pulumi-azuread')}",
    ]


def test_the_engine_runs_entra_box_s_provider_host_from_the_runtime_install() -> None:
    project = load(REPO_ROOT / "Pulumi.yaml")
    scripts = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["project"]["scripts"]

    assert project["runtime"]["options"]["virtualenv"] == ".venv"
    assert {"name": "pulumi-python", "path": ".venv/bin"} in project["plugins"]["providers"]
    # pip writes this console script into .venv/bin: the host with the pickle allow-list.
    assert scripts["pulumi-resource-pulumi-python"] == "components.provider_host.__main__:main"


def test_ci_pulumi_uses_the_cli_on_path_when_set_up_installed_none(tmp_path: Path) -> None:
    installed = tmp_path / "pulumi-bin" / "pulumi"
    installed.parent.mkdir()
    installed.write_text("#!/bin/sh\n")
    installed.chmod(installed.stat().st_mode | stat.S_IXUSR)

    found = pulumi_cli(tmp_path / "no-venv" / "pulumi", path=str(installed.parent))

    assert found == str(installed)
    assert os.access(found, os.X_OK)
