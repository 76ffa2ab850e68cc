"""`make demo` (`python -m tools.demo`): deploys the demo stack, shows Box, and converges.

Run as a person runs it, in a subprocess, on a copy of the project (so the repository's
`stacks/` and `.state/` are never touched) with its state in a temp folder.
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.engine import REPO_ROOT, copy_project

pytestmark = pytest.mark.engine


def run_demo(project: Path, state: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "tools.demo", "--project-dir", str(project)]
    return subprocess.run(
        [*command, "--state-dir", str(state)],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


@pytest.fixture
def demo_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    copy_project(project)
    shutil.copy2(REPO_ROOT / "stacks" / "demo.yaml", project / "stacks" / "demo.yaml")
    return project


def test_the_demo_deploys_shows_box_converges_and_a_second_run_changes_nothing(
    demo_project: Path, tmp_path: Path
) -> None:
    state = tmp_path / "state"
    config = demo_project / "stacks" / "Pulumi.demo.yaml"

    first = run_demo(demo_project, state)
    config_after_first = config.read_text()
    second = run_demo(demo_project, state)

    assert first.returncode == 0, first.stdout + first.stderr
    assert "Box users (10)" in first.stdout
    assert re.search(
        r"steven\.buchanan@northwind\.example +Steven Buchanan +inactive", first.stdout
    )
    assert "ceo@northwind.example (admin)" in first.stdout
    assert "Box API writes during this run: 24" in first.stdout
    assert "Converged" in first.stdout
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Box API writes during this run: 0 (Box already matched" in second.stdout
    assert config.read_text() == config_after_first
    assert port_is_free(int((state / "emulator.port").read_text()))
