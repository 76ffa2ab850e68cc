"""A pickle planted in the state is refused, never run, by every command that reads the state.

Dynamic providers are pickled into each resource's state (`__provider`), and the engine
hands the dynamic-provider host that old state for `refresh`, `preview --refresh` (the
daily drift job) and `destroy`. Whoever can write the state backend could otherwise run
code on the runner that holds the Box secret and the Entra credentials. Here one user's
`__provider` is replaced, through `pulumi stack export`/`import`, by a pickle whose loading
would create a file: each command must fail with entra-box's refusal, naming the resource,
and the file must never exist. Twice: with set-up's CLI, and with the layout of an official
Pulumi installation, whose own `pulumi-resource-pulumi-python` (Pulumi's `pulumi.dynamic`)
sits beside the CLI and first on PATH; `Pulumi.yaml` still names entra-box's host.
"""

from __future__ import annotations

import base64
import json
import os
import pickle
import shlex
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from emulator import EmulatorServer
from tests.e2e.conftest import deploy
from tests.support.box_only_spec import SMALL_ORG
from tests.support.engine import COMMAND_TIMEOUT_SECONDS, EngineRun, EngineStack, holds
from tools.pulumi_toolchain.engine import venv_bin

pytestmark = pytest.mark.engine

PLANTED_USER = "ada@contoso.example"
REFUSAL = "refused the dynamic provider stored in the state"


class _RunsACommand:
    """Unpickles by calling `os.system`, as a tampered state would."""

    def __init__(self, command: str) -> None:
        self.command = command

    def __reduce__(self) -> tuple[Any, tuple[str]]:
        return (os.system, (self.command,))


def planted_provider(marker: Path) -> str:
    """A `__provider` value whose unpickling creates `marker`."""
    command = f"touch {shlex.quote(str(marker))}"
    return base64.b64encode(pickle.dumps(_RunsACommand(command), protocol=4)).decode()


def plant(stack: EngineStack, login: str, provider: str, tmp_path: Path) -> None:
    """Replace the `__provider` of the resource holding `login` (a box:User or its shard)."""
    exported = stack.export_state()
    (user,) = [
        resource for resource in exported["deployment"]["resources"] if holds(resource, {login})
    ]
    user["inputs"]["__provider"] = provider
    user["outputs"]["__provider"] = provider
    edited = tmp_path / "tampered-state.json"
    edited.write_text(json.dumps(exported))
    stack.pulumi("stack", "import", "--file", str(edited), check=True)


# Pulumi's own launcher, as its release tarballs ship it beside the CLI.
PULUMIS_LAUNCHER = """#!/bin/sh
if [ -n "${PULUMI_RUNTIME_VIRTUALENV:-}" ]; then
    exec "$PULUMI_RUNTIME_VIRTUALENV/bin/python" -u -m pulumi.dynamic "$@"
fi
exec python3 -u -m pulumi.dynamic "$@"
"""


def official_installation(directory: Path) -> Path:
    """A `bin` laid out as Pulumi's installer leaves it (`~/.pulumi/bin`); returns the CLI."""
    directory.mkdir(parents=True)
    for name in ("pulumi", "pulumi-language-python", "pulumi-language-python-exec"):
        shutil.copy2(venv_bin() / name, directory / name)
    launcher = directory / "pulumi-resource-pulumi-python"
    launcher.write_text(PULUMIS_LAUNCHER)
    launcher.chmod(0o755)
    return directory / "pulumi"


def run_with(
    cli: Path, stack: EngineStack, *args: str, path: tuple[Path, ...] = (), cwd: Path | None = None
) -> EngineRun:
    """`pulumi ARGS` with `cli`; PATH is `path`, then the CLI's directory, then the system's."""
    directories = [*map(str, path), str(cli.parent), "/usr/bin", "/bin"]
    env = {**stack.env, "PATH": os.pathsep.join(directories)}
    full = (*args, "--stack", stack.name, "--non-interactive")
    done = subprocess.run(
        [str(cli), *full],
        cwd=cwd or stack.project_dir,
        env=env,
        input="",
        capture_output=True,
        text=True,
        timeout=COMMAND_TIMEOUT_SECONDS,
        check=False,
    )
    return EngineRun(full, done.returncode, done.stdout, done.stderr)


def assert_refused(run: EngineRun, marker: Path) -> None:
    assert not marker.exists(), f"the planted pickle ran during `pulumi {run.args[0]}`"
    assert not run.ok, run.describe()
    assert REFUSAL in run.output, run.describe()
    assert "Traceback" not in run.output


@pytest.fixture
def marker(engine_stack: EngineStack, box: EmulatorServer, tmp_path: Path) -> Path:
    """A deployed stack with a planted pickle; the file that pickle would create."""
    deploy(engine_stack, box, SMALL_ORG)
    path = tmp_path / "planted-pickle-ran"
    plant(engine_stack, PLANTED_USER, planted_provider(path), tmp_path)
    return path


@pytest.fixture
def official_cli(tmp_path: Path) -> Path:
    return official_installation(tmp_path / "dot-pulumi" / "bin")


def test_a_planted_pickle_is_refused_by_refresh_drift_checks_and_destroy(
    engine_stack: EngineStack, marker: Path
) -> None:
    assert_refused(engine_stack.preview("--refresh", "--expect-no-changes"), marker)
    assert_refused(engine_stack.refresh(), marker)
    assert_refused(engine_stack.destroy(check=False), marker)
    assert not marker.exists()


def test_under_an_official_pulumi_installation_the_planted_pickle_is_refused_too(
    engine_stack: EngineStack, marker: Path, official_cli: Path
) -> None:
    for command in (["preview", "--refresh"], ["refresh", "--yes"], ["destroy", "--yes"]):
        assert_refused(run_with(official_cli, engine_stack, *command), marker)


def test_without_a_project_only_the_virtualenv_first_on_path_keeps_the_host(
    engine_stack: EngineStack, marker: Path, official_cli: Path, tmp_path: Path
) -> None:
    # `pulumi destroy --stack organization/entra-box/e2e` runs without Pulumi.yaml, so the
    # engine looks on PATH, then beside the CLI: CI puts the virtualenv's bin first.
    elsewhere = tmp_path / "no-project"
    elsewhere.mkdir()
    engine_stack.name = f"organization/entra-box/{engine_stack.name}"

    run = run_with(
        official_cli, engine_stack, "destroy", "--yes", path=(venv_bin(),), cwd=elsewhere
    )

    assert_refused(run, marker)
    assert f"using pulumi-resource-pulumi-python from $PATH at {venv_bin()}" in run.output
