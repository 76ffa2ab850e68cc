"""The launchers set-up writes beside the CLI start the right python the right way."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import grpc
import pytest
from google.protobuf import empty_pb2  # type: ignore[import-untyped]
from pulumi.runtime.proto import analyzer_pb2_grpc

from tools.pulumi_toolchain import launchers


def _argv(venv: Path) -> list[str]:
    return (venv / "argv.txt").read_text().splitlines()


def test_the_dynamic_provider_launcher_runs_entra_boxs_host_in_the_engines_virtualenv(
    tmp_path: Path, fake_python: Callable[[Path], Path]
) -> None:
    installed, engines = (
        fake_python(tmp_path / "installed"),
        fake_python(tmp_path / "work" / "venv"),
    )
    launcher = launchers.write_dynamic_provider(tmp_path / "bin", installed)
    env = {"PATH": "/usr/bin:/bin", "PULUMI_RUNTIME_VIRTUALENV": "venv"}
    subprocess.run([launcher, "127.0.0.1:4242"], cwd=tmp_path / "work", env=env, check=True)
    assert _argv(engines) == ["-u", "-m", "components.provider_host", "127.0.0.1:4242"]


def test_without_the_option_it_uses_the_virtualenv_it_was_installed_into(
    tmp_path: Path, fake_python: Callable[[Path], Path]
) -> None:
    installed = fake_python(tmp_path / "installed")
    launcher = launchers.write_dynamic_provider(tmp_path / "bin", installed)
    subprocess.run(
        [launcher, "127.0.0.1:4242"], cwd=tmp_path, env={"PATH": "/usr/bin:/bin"}, check=True
    )
    assert _argv(installed) == ["-u", "-m", "components.provider_host", "127.0.0.1:4242"]


def test_a_virtualenv_that_is_not_one_is_reported_and_nothing_runs(tmp_path: Path) -> None:
    launcher = launchers.write_dynamic_provider(tmp_path / "bin", tmp_path / "nowhere")
    done = subprocess.run(
        [launcher], cwd=tmp_path, env={"PATH": "/usr/bin:/bin"}, capture_output=True, text=True
    )
    assert done.returncode == 1
    assert f'"{tmp_path / "nowhere"}" is not a virtualenv' in done.stderr


@pytest.mark.parametrize(
    ("arguments", "forwarded"),
    [
        (["127.0.0.1:4242", ".", "-virtualenv=venv"], ["127.0.0.1:4242", "."]),
        (
            [
                "--logtostderr",
                "-v=9",
                "--tracing",
                "file:/t",
                "127.0.0.1:4242",
                ".",
                "-virtualenv=venv",
                "-toolchain=pip",
            ],
            ["--logtostderr", "-v=9", "--tracing", "file:/t", "127.0.0.1:4242", "."],
        ),
    ],
)
def test_the_policy_analyzer_launcher_runs_pulumi_policy_with_the_packs_virtualenv(
    tmp_path: Path, fake_python: Callable[[Path], Path], arguments: list[str], forwarded: list[str]
) -> None:
    pack_venv = fake_python(tmp_path / "pack" / "venv")
    launcher = launchers.write_policy_analyzer(tmp_path / "bin", tmp_path / "installed")
    subprocess.run(
        [launcher, *arguments], cwd=tmp_path / "pack", env={"PATH": "/usr/bin:/bin"}, check=True
    )
    assert _argv(pack_venv) == ["-u", "-m", "pulumi.policy", *forwarded]


def test_the_policy_analyzer_launcher_serves_a_real_policy_pack_to_the_engine(
    tmp_path: Path, policy_pack: Path
) -> None:
    launcher = launchers.write_policy_analyzer(tmp_path / "bin", Path(sys.prefix))
    with subprocess.Popen(
        [launcher, "127.0.0.1:1", ".", f"-virtualenv={sys.prefix}"],
        cwd=policy_pack,
        stdout=subprocess.PIPE,
        text=True,
    ) as analyzer:
        try:
            assert analyzer.stdout is not None
            port = int(analyzer.stdout.readline())
            stub = analyzer_pb2_grpc.AnalyzerStub(grpc.insecure_channel(f"127.0.0.1:{port}"))
            info = stub.GetAnalyzerInfo(empty_pb2.Empty())
        finally:
            analyzer.kill()
    assert info.name == "scratch-policies"
    assert [policy.name for policy in info.policies] == ["label-is-not-forbidden"]


def test_the_fallback_host_launcher_runs_the_host_module_with_the_given_executor(
    tmp_path: Path, fake_python: Callable[[Path], Path]
) -> None:
    venv = fake_python(tmp_path / "venv")
    executor = tmp_path / "venv" / "bin" / "pulumi-language-python-exec"
    launcher = launchers.write_fallback_language_host(
        tmp_path / "bin" / "host", venv / "bin" / "python", executor
    )
    subprocess.run([launcher, "127.0.0.1:4242"], cwd=tmp_path, check=True)
    module = ["-P", "-m", "tools.pulumi_toolchain.langhost"]
    assert _argv(venv) == [*module, "--use-executor", str(executor), "127.0.0.1:4242"]
