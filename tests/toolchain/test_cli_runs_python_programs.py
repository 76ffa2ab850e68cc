"""The installed CLI runs a Python program with a dynamic resource through its whole life."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.toolchain.conftest import PASSPHRASE, ScratchProject
from tools.pulumi_toolchain import pulumi_executable
from tools.pulumi_toolchain.version import go_tag, required_version

pytestmark = pytest.mark.engine


def test_the_installed_cli_is_the_version_of_the_python_sdk(installed_cli: Path) -> None:
    done = subprocess.run(
        [str(installed_cli), "version"], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == go_tag(required_version())


def test_a_dynamic_resource_goes_through_preview_up_refresh_and_destroy(
    scratch_project: ScratchProject,
) -> None:
    preview = scratch_project.pulumi("preview")
    assert "+ 2 to create" in preview.stdout
    assert "hello from the scratch program" in preview.stdout

    scratch_project.pulumi("up", "--yes")
    outputs = json.loads(scratch_project.pulumi("stack", "output", "--json").stdout)
    assert outputs == {"thing_id": "thing-a"}

    scratch_project.pulumi("preview", "--expect-no-changes")
    refresh = scratch_project.pulumi("refresh", "--yes")
    assert "2 unchanged" in refresh.stdout

    scratch_project.pulumi("destroy", "--yes")
    state = json.loads(scratch_project.pulumi("stack", "export").stdout)
    assert state["deployment"].get("resources") in (None, [])


def test_a_changed_input_shows_up_as_a_difference_the_engine_expected_not_to_see(
    scratch_project: ScratchProject,
) -> None:
    scratch_project.pulumi("up", "--yes")
    scratch_project.pulumi("config", "set", "label", "b")
    changed = scratch_project.pulumi("preview", "--expect-no-changes", check=False)
    assert changed.returncode != 0
    assert "~ 1 to update" in changed.stdout or "+-1 to replace" in changed.stdout


def test_a_failing_program_is_reported_with_its_error(scratch_project: ScratchProject) -> None:
    (scratch_project.directory / "__main__.py").write_text("raise ValueError('spec is broken')\n")
    failed = scratch_project.pulumi("preview", check=False)
    assert failed.returncode != 0
    assert "spec is broken" in failed.stdout


def test_the_cli_finds_its_plugins_without_the_virtualenv_on_path(
    scratch_project: ScratchProject,
) -> None:
    bare = {key: value for key, value in scratch_project.env.items() if key != "PATH"}
    bare["PATH"] = os.pathsep.join(["/usr/bin", "/bin"])
    done = subprocess.run(
        [str(pulumi_executable()), "preview", "--non-interactive"],
        cwd=scratch_project.directory,
        env=bare,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "from $PATH" not in done.stdout + done.stderr


def test_config_and_secrets_reach_the_program(scratch_project: ScratchProject) -> None:
    (scratch_project.directory / "__main__.py").write_text(
        "import pulumi\n"
        "config = pulumi.Config()\n"
        "pulumi.export('plain', config.require('plain'))\n"
        "token = config.require_secret('token')\n"
        "pulumi.export('secret_is_secret', pulumi.Output.is_secret(token))\n"
    )
    scratch_project.pulumi("config", "set", "plain", "visible")
    scratch_project.pulumi("config", "set", "--secret", "token", PASSPHRASE[::-1])
    scratch_project.pulumi("up", "--yes")
    outputs = json.loads(scratch_project.pulumi("stack", "output", "--json").stdout)
    assert outputs == {"plain": "visible", "secret_is_secret": True}
