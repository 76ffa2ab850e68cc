"""The fallback host's `Run`: Pulumi's program runner, started exactly as Pulumi's host does."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import grpc
import pytest
from pulumi.runtime.proto import language_pb2

from tests.toolchain.conftest import HostStarter, program_info, write_executable
from tools.pulumi_toolchain.langhost.__main__ import parse_arguments

RECORDING_EXECUTOR = """
import json, os, sys
record = {
    "argv": sys.argv[1:],
    "config": os.environ.get("PULUMI_CONFIG"),
    "secret_keys": os.environ.get("PULUMI_CONFIG_SECRET_KEYS"),
    "virtual_env": os.environ.get("VIRTUAL_ENV"),
    "python": sys.executable,
}
with open(os.environ["EXECUTOR_RECORD"], "w") as out:
    json.dump(record, out)
print("output of the program", flush=True)
sys.exit(int(os.environ.get("EXECUTOR_EXIT_CODE", "0")))
"""


@pytest.fixture
def executor(tmp_path: Path) -> Path:
    return write_executable(tmp_path / "pulumi-language-python-exec", RECORDING_EXECUTOR)


def _run_request(root: Path, **fields: Any) -> language_pb2.RunRequest:
    return language_pb2.RunRequest(info=program_info(root, virtualenv=sys.prefix), **fields)


def test_the_program_runner_gets_the_same_arguments_and_config_as_from_pulumis_host(
    start_host: HostStarter, executor: Path, tmp_path: Path
) -> None:
    record = tmp_path / "record.json"
    host = start_host(
        executor=executor, engine_address="127.0.0.1:4242", env={"EXECUTOR_RECORD": str(record)}
    )
    request = _run_request(
        tmp_path,
        monitor_address="127.0.0.1:5000",
        project="entra-box",
        stack="dev",
        pwd=str(tmp_path),
        dryRun=True,
        parallel=16,
        organization="organization",
        args=["extra"],
        config={"box:clientId": "abc", "entra-box:spec": "stacks/dev.yaml"},
        configSecretKeys=["box:clientSecret"],
    )
    assert host.stub.Run(request) == language_pb2.RunResponse()
    recorded = json.loads(record.read_text())
    assert recorded["argv"] == [
        "--monitor", "127.0.0.1:5000",
        "--engine", "127.0.0.1:4242",
        "--project", "entra-box",
        "--root_directory", str(tmp_path),
        "--stack", "dev",
        "--pwd", str(tmp_path),
        "--dry_run", "true",
        "--parallel", "16",
        "--organization", "organization",
        ".", "extra",
    ]  # fmt: skip
    assert json.loads(recorded["config"]) == {
        "box:clientId": "abc",
        "entra-box:spec": "stacks/dev.yaml",
    }
    assert json.loads(recorded["secret_keys"]) == ["box:clientSecret"]
    assert recorded["virtual_env"] == sys.prefix
    assert Path(recorded["python"]).parent == Path(sys.prefix) / "bin"


@pytest.mark.parametrize(
    ("exit_code", "expected"),
    [
        ("0", language_pb2.RunResponse()),
        ("32", language_pb2.RunResponse(bail=True)),
        ("7", language_pb2.RunResponse(error="program exited with non-zero exit code: 7")),
    ],
)
def test_the_exit_code_becomes_success_bail_or_error(
    start_host: HostStarter, executor: Path, tmp_path: Path, exit_code: str, expected: object
) -> None:
    env = {"EXECUTOR_RECORD": str(tmp_path / "record.json"), "EXECUTOR_EXIT_CODE": exit_code}
    host = start_host(executor=executor, env=env)
    assert host.stub.Run(_run_request(tmp_path)) == expected


def test_the_programs_output_goes_to_the_hosts_own_stdout_for_the_engine_to_show(
    start_host: HostStarter, executor: Path, tmp_path: Path
) -> None:
    host = start_host(executor=executor, env={"EXECUTOR_RECORD": str(tmp_path / "record.json")})
    host.stub.Run(_run_request(tmp_path))
    assert "output of the program" in host.output_after_exit()


def test_without_an_engine_address_run_waits_for_the_handshake(
    start_host: HostStarter, executor: Path, tmp_path: Path
) -> None:
    host = start_host(
        executor=executor, engine_address="", env={"EXECUTOR_RECORD": str(tmp_path / "r.json")}
    )
    with pytest.raises(grpc.RpcError) as refused:
        host.stub.Run(_run_request(tmp_path))
    assert refused.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    host.stub.Handshake(language_pb2.LanguageHandshakeRequest(engine_address="127.0.0.1:4242"))
    assert host.stub.Run(_run_request(tmp_path)) == language_pb2.RunResponse()
    assert "127.0.0.1:4242" in json.loads((tmp_path / "r.json").read_text())["argv"]


@pytest.mark.parametrize(
    "argv",
    [
        ["--use-executor", "/x/exec", "127.0.0.1:4242"],
        [
            "-use-executor=/x/exec",
            "--logtostderr",
            "-v=9",
            "--tracing",
            "file:/t",
            "127.0.0.1:4242",
        ],
    ],
)
def test_it_accepts_the_engines_logging_flags_before_the_engine_address(argv: list[str]) -> None:
    settings = parse_arguments(argv)
    assert (settings.engine_address, settings.executor) == ("127.0.0.1:4242", Path("/x/exec"))
    assert settings.tracing == ("file:/t" if "--tracing" in argv else "")


def test_without_a_virtualenv_option_it_uses_the_python_it_runs_under(
    start_host: HostStarter, executor: Path, tmp_path: Path
) -> None:
    record = tmp_path / "record.json"
    host = start_host(executor=executor, env={"EXECUTOR_RECORD": str(record)})
    host.stub.Run(language_pb2.RunRequest(info=program_info(tmp_path)))
    assert Path(json.loads(record.read_text())["python"]) == Path(sys.executable)
