"""The CI helper refuses verbose engine logging, which writes the decrypted secrets to logs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tools.verbose_logging import verbose_environment, verbose_flags


@pytest.mark.parametrize(
    "variable",
    [
        "TF_LOG=DEBUG",
        "TF_LOG=trace",
        "TF_LOG_PROVIDER=JSON",
        "TF_LOG_PATH=/tmp/azuread.log",
        "PULUMI_DEBUG_GRPC=/tmp/grpc.json",
        "GRPC_TRACE=all",
    ],
)
def test_each_ci_command_refuses_to_run_with_verbose_logging_in_the_environment(
    tmp_path: Path, variable: str
) -> None:
    name, value = variable.split("=", 1)
    for command in (["drift", "dev"], ["up", "dev"], ["preview", "dev", "--out", "previews"]):
        done = subprocess.run(
            [sys.executable, "-m", "tools.ci_pulumi", *command],
            cwd=tmp_path,  # no Pulumi project: had pulumi run, it would say so
            env={**os.environ, name: value},
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 2, done.stderr
        assert f"refusing to run with verbose engine logging ({variable})" in done.stderr
        assert "write the decrypted box:clientSecret" in done.stderr
        assert "$ pulumi" not in done.stdout and "Pulumi.yaml" not in done.stderr
        assert not (tmp_path / "previews").exists()


@pytest.mark.parametrize(
    ("args", "verbose"),
    [
        (["preview", "-v=9"], ["-v=9"]),
        (["preview", "-v", "9"], ["-v"]),
        (["up", "-v9", "--logtostderr"], ["-v9", "--logtostderr"]),
        (["up", "--verbose=3", "--logflow"], ["--verbose=3", "--logflow"]),
        (["preview", "--tracing", "file:/tmp/t"], ["--tracing"]),
        (["preview", "--otel-traces=file:///tmp/t"], ["--otel-traces=file:///tmp/t"]),
        (["preview", "--diff", "--debug", "--expect-no-changes"], []),
    ],
)
def test_verbose_pulumi_flags_are_recognised_in_every_spelling(
    args: list[str], verbose: list[str]
) -> None:
    assert verbose_flags(args) == verbose


@pytest.mark.parametrize(
    "harmless",
    [{"TF_LOG": "off"}, {"TF_LOG": "ERROR"}, {"TF_LOG": ""}, {"GRPC_TRACE": ""}, {"PATH": "/bin"}],
)
def test_quiet_settings_are_not_refused(harmless: dict[str, str]) -> None:
    assert verbose_environment(harmless) == []
