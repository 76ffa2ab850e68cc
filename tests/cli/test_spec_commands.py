"""`python -m components validate | resolve | schema`, as a person or CI runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.spec_support import DIRECTORY, run_cli, spec_text, write_spec

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _in_the_project_root(monkeypatch: pytest.MonkeyPatch) -> None:
    # The commands are documented with paths relative to the project, as here.
    monkeypatch.chdir(ROOT)


@pytest.mark.parametrize(
    ("stack", "summary"),
    [
        ("dev", "6 Box users (1 inactive), 2 Box groups, 4 Entra assignments"),
        ("prod", "10 Box users (1 inactive), 4 Box groups, 5 Entra assignments"),
        (
            "demo",
            "10 Box users (1 inactive), 3 Box groups, 4 Entra assignments (read, not managed)",
        ),
    ],
)
def test_validate_prints_a_one_line_summary_of_each_stack(stack: str, summary: str) -> None:
    run = run_cli("validate", f"stacks/{stack}.yaml")
    assert (run.code, run.out, run.err) == (0, f"stacks/{stack}.yaml: valid: {summary}\n", "")


@pytest.mark.parametrize(
    ("stack", "edit", "error", "marker"),
    [
        (
            "demo",
            ("provisioning:\n", "provisioning:\n  engine: entra\n"),
            "provisioning.engine: engine 'entra' needs entra.manage: true",
            "  engine: entra",
        ),
        (
            "dev",
            ("provisioning:\n", "provisioning:\n  engine: entra\n"),
            "box.users: with engine 'entra', Entra's provisioning job writes to Box",
            "    it.admin@contoso.com:",  # where the overrides start
        ),
        (
            "prod",
            ("provisioning:\n", "provisioning:\n  entraJob: {enabled: true}\n"),
            "provisioning.entraJob: entraJob configures Entra's provisioning job",
            "  entraJob: {enabled: true}",
        ),
    ],
    ids=["demo-with-engine-entra", "dev-with-engine-entra", "prod-with-an-entra-job"],
)
def test_validate_reports_sections_that_contradict_each_other_at_their_line(
    tmp_path: Path, stack: str, edit: tuple[str, str], error: str, marker: str
) -> None:
    text = (ROOT / "stacks" / f"{stack}.yaml").read_text(encoding="utf-8")
    assert edit[0] in text
    edited = text.replace(*edit, 1)
    path = write_spec(tmp_path, edited)
    run = run_cli("validate", str(path))
    assert (run.code, run.out) == (1, "")
    line = next(n for n, written in enumerate(edited.splitlines(), 1) if written == marker)
    assert any(found.startswith(f"{path}:{line}:") for found in run.error_lines if error in found)


def test_resolve_prints_the_desired_state_the_issue_promises() -> None:
    run = run_cli("resolve", "stacks/dev.yaml")
    assert run.code == 0
    state = run.json()
    ada = state["box"]["users"][0]
    assert {key: ada[key] for key in ("login", "name", "status", "role", "job_title")} == {
        "login": "ada.lovelace@contoso.com",
        "name": "Ada Lovelace",
        "status": "active",
        "role": "user",
        "job_title": "Principal Engineer",
    }
    assert state["box"]["groups"][0]["members"][0] == {
        "login": "ada.lovelace@contoso.com",
        "role": "member",
    }
    assert state["entra"]["assignments"][0] == {
        "principal_type": "group",
        "principal": "Design",
        "role": "User",
    }
    logins = [user["login"] for user in state["box"]["users"]]
    assert logins == sorted(logins)
    names = [group["name"] for group in state["box"]["groups"]]
    assert names == sorted(names)


def test_resolve_output_does_not_depend_on_the_order_things_are_written(tmp_path: Path) -> None:
    lines = DIRECTORY.strip("\n").splitlines()
    users, groups = lines[2:8], lines[9:]
    shuffled = "\n".join([*lines[:2], *reversed(users), lines[8], *reversed(groups)]) + "\n"
    first = run_cli("resolve", str(write_spec(tmp_path, spec_text(), "a.yaml")))
    second = run_cli("resolve", str(write_spec(tmp_path, spec_text(directory=shuffled), "b.yaml")))
    assert first.code == second.code == 0
    assert first.out == second.out


def test_resolve_prints_nothing_on_stdout_when_the_spec_is_invalid(tmp_path: Path) -> None:
    run = run_cli("resolve", str(write_spec(tmp_path, "version: 2\n")))
    assert run.code == 1
    assert run.out == ""
    assert "version: unsupported spec version 2" in run.err


def test_schema_prints_the_json_schema() -> None:
    run = run_cli("schema")
    assert run.code == 0
    assert json.loads(run.out)["title"] == "Spec"


@pytest.mark.parametrize(
    "argv",
    [[], ["validate"], ["publish", "stacks/dev.yaml"], ["validate", "a.yaml", "b.yaml"]],
    ids=["no-command", "no-spec", "unknown-command", "two-specs"],
)
def test_a_usage_mistake_exits_2_with_usage_help(argv: list[str]) -> None:
    run = run_cli(*argv)
    assert run.code == 2
    assert run.err.startswith("usage: python -m components")


def _module(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "components", *argv],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_module_validates_the_dev_stack_in_a_real_process() -> None:
    result = _module("validate", "stacks/dev.yaml")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("stacks/dev.yaml: valid: 6 Box users")


def test_the_module_reports_errors_without_a_traceback_in_a_real_process(tmp_path: Path) -> None:
    path = write_spec(tmp_path, "version: 1\nversion: 1\nentra: [\n")
    result = _module("validate", str(path))
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"{path}:")
    assert "Traceback" not in result.stderr


def test_the_module_resolves_to_json_in_a_real_process() -> None:
    result = _module("resolve", "stacks/demo.yaml")
    assert result.returncode == 0
    assert json.loads(result.stdout)["entra"]["manage"] is False
