"""`tools.ci_pulumi up` deploys without the file backend's per-step checkpoints; previews keep them.

A stand-in `pulumi` records each invocation's arguments and `PULUMI_SKIP_CHECKPOINTS`, so
the test sees exactly what the workflow's deploy step hands the CLI.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tools import ci_pulumi

RECORDER = """#!/bin/sh
skip="${PULUMI_SKIP_CHECKPOINTS:-}"
printf '{"args": "%s", "skip": "%s"}\\n' "$*" "$skip" >> "$0.calls"
"""


@pytest.fixture
def recorded_calls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    fake = tmp_path / "pulumi"
    fake.write_text(RECORDER)
    fake.chmod(0o755)
    monkeypatch.setattr(ci_pulumi, "pulumi_executable", lambda: fake)
    monkeypatch.delenv("PULUMI_SKIP_CHECKPOINTS", raising=False)
    return tmp_path / "pulumi.calls"


def calls(path: Path) -> list[dict[str, str]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_the_deploy_runs_up_without_checkpoints_and_its_convergence_check_with_them(
    recorded_calls: Path, tmp_path: Path
) -> None:
    assert ci_pulumi.main(["--policy-pack", str(tmp_path), "up", "prod"]) == 0

    up, check = calls(recorded_calls)
    assert up["args"].startswith("up --yes --refresh") and up["skip"] == "true"
    assert check["args"].startswith("preview --refresh --expect-no-changes")
    assert check["skip"] == ""


def test_pull_request_previews_and_drift_checks_leave_checkpoints_alone(
    recorded_calls: Path, tmp_path: Path
) -> None:
    ci_pulumi.main(["--policy-pack", str(tmp_path), "preview", "dev", "--out", str(tmp_path)])
    ci_pulumi.main(["drift", "dev"])

    assert [call["skip"] for call in calls(recorded_calls)] == ["", "", ""]
