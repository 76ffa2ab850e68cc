"""`engine_env`: the one place that says how the demo and the tests run the CLI."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tools.pulumi_toolchain import engine_env, pulumi_executable


def test_the_cli_is_the_one_in_the_running_virtualenv() -> None:
    assert pulumi_executable() == Path(sys.prefix) / "bin" / "pulumi"


def test_plugin_downloads_are_off_and_the_virtualenv_comes_first_on_path() -> None:
    env = engine_env(base={"PATH": "/usr/bin", "HOME": "/home/ci"})
    assert env["PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION"] == "true"
    assert env["PULUMI_SKIP_UPDATE_CHECK"] == "true"
    assert env["PATH"] == f"{Path(sys.prefix) / 'bin'}:/usr/bin"
    assert env["HOME"] == "/home/ci"


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ({"backend_url": "file:///tmp/state"}, {"PULUMI_BACKEND_URL": "file:///tmp/state"}),
        ({"passphrase": "correct horse"}, {"PULUMI_CONFIG_PASSPHRASE": "correct horse"}),
        ({"pulumi_home": Path("/tmp/home")}, {"PULUMI_HOME": "/tmp/home"}),
    ],
)
def test_backend_passphrase_and_home_are_set_only_when_given(
    arguments: dict[str, object], expected: dict[str, str]
) -> None:
    names = {"PULUMI_BACKEND_URL", "PULUMI_CONFIG_PASSPHRASE", "PULUMI_HOME"}
    env = engine_env(base={}, **arguments)  # type: ignore[arg-type]
    assert {key: value for key, value in env.items() if key in names} == expected


def test_a_given_virtualenv_is_used_instead_of_the_running_one() -> None:
    env = engine_env(venv=Path("/srv/venv"), base={"PATH": "/usr/bin"})
    assert env["PATH"].split(":")[0] == "/srv/venv/bin"
    assert pulumi_executable(Path("/srv/venv")) == Path("/srv/venv/bin/pulumi")
