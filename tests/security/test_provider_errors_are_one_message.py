"""A Box error reaches the terminal and the pull request summary as its one clear message.

The wrong client secret fails the Box connection check inside the provider's `configure`,
where Pulumi's own dynamic-provider host reported it as a 90-line chained traceback (and the
PR summary's problems as its first ten lines). entra-box's host reports the message alone;
`ENTRA_BOX_DEBUG=true` brings the traceback back for whoever debugs it.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from emulator import EmulatorServer
from tests.support.box_only_spec import SMALL_ORG
from tests.support.engine import POLICY_PACK, EngineStack, emulator_target

pytestmark = pytest.mark.engine

CONNECTION_FAILED = "Box connection check failed: Box rejected the app credentials"
WRONG_SECRET = "not-the-client-secret"


def wrong_secret_stack(tmp_path: Path, box: EmulatorServer) -> EngineStack:
    stack = EngineStack(tmp_path / "wrong-secret", name="dev").create()
    stack.connect_box(replace(emulator_target(box.url), client_secret=WRONG_SECRET))
    stack.write_spec(SMALL_ORG.spec())
    return stack


def problems_in_summary(stack: EngineStack, previews: Path) -> list[str]:
    """The `Problems` lines of the PR comment, from the workflow's own commands."""
    ci = [sys.executable, "-m", "tools.ci_pulumi", "--policy-pack", str(POLICY_PACK)]
    subprocess.run(
        [*ci, "preview", stack.name, "--out", str(previews)],
        cwd=stack.project_dir,
        env=stack.env,
        capture_output=True,
        timeout=600,
        check=False,
    )
    comment = subprocess.run(
        [sys.executable, "-m", "tools.preview_summary", str(previews)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    section = comment.split("Problems", 1)[1].split("<details>", 1)[0]
    return [line for line in section.splitlines() if line.startswith("- ")]


def test_a_wrong_client_secret_is_one_message_in_the_terminal_and_the_pr_summary(
    tmp_path: Path, box: EmulatorServer
) -> None:
    stack = wrong_secret_stack(tmp_path, box)

    refused = stack.preview()
    problems = problems_in_summary(stack, tmp_path / "previews")

    assert not refused.ok
    assert CONNECTION_FAILED in refused.output
    assert "Traceback" not in refused.output and 'File "' not in refused.output
    assert any(CONNECTION_FAILED in line for line in problems), problems
    assert not any("Traceback" in line or 'File "' in line for line in problems), problems
    assert WRONG_SECRET not in refused.output
    assert box.request_log.writes() == []


def test_entra_box_debug_shows_the_traceback_of_the_same_error(
    tmp_path: Path, box: EmulatorServer
) -> None:
    stack = wrong_secret_stack(tmp_path, box)
    stack.env["ENTRA_BOX_DEBUG"] = "true"

    refused = stack.preview()

    assert not refused.ok
    assert CONNECTION_FAILED in refused.output
    assert "Traceback" in refused.output
    assert WRONG_SECRET not in refused.output
