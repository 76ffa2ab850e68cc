"""The fallback host's `RunPlugin` (how the engine runs Python policy packs), its dependency
handling, and its refusal of runtime options it does not implement."""

from __future__ import annotations

import sys
from pathlib import Path

import grpc
import pytest
from pulumi.runtime.proto import language_pb2

from tests.toolchain.conftest import HostStarter, program_info

PLUGIN_MAIN = """
import os, sys
sys.stdout.write("out:" + " ".join(sys.argv[1:]) + "\\n")
sys.stdout.flush()
sys.stderr.write("err:" + os.environ["FROM_ENGINE"] + ":" + os.getcwd() + "\\n")
sys.exit(int(os.environ["PLUGIN_EXIT_CODE"]))
"""


def _plugin(tmp_path: Path, main: str | None = PLUGIN_MAIN) -> Path:
    directory = tmp_path / "plugin"
    directory.mkdir()
    if main is not None:
        (directory / "__main__.py").write_text(main)
    return directory


def _run_plugin(plugin: Path, workdir: Path, exit_code: int) -> language_pb2.RunPluginRequest:
    return language_pb2.RunPluginRequest(
        info=program_info(plugin, virtualenv=sys.prefix),
        pwd=str(workdir),
        args=["127.0.0.1:4242"],
        env=["FROM_ENGINE=yes", f"PLUGIN_EXIT_CODE={exit_code}"],
        kind="analyzer",
    )


def _collect(responses: object) -> tuple[bytes, bytes, list[int]]:
    out, err, codes = b"", b"", []
    for response in responses:  # type: ignore[attr-defined]
        kind = response.WhichOneof("output")
        out += response.stdout if kind == "stdout" else b""
        err += response.stderr if kind == "stderr" else b""
        codes += [response.exitcode] if kind == "exitcode" else []
    return out, err, codes


@pytest.mark.parametrize(("exit_code", "reported_codes"), [(0, []), (3, [3])])
def test_a_plugin_streams_its_output_and_a_non_zero_exit_code(
    start_host: HostStarter, tmp_path: Path, exit_code: int, reported_codes: list[int]
) -> None:
    plugin, workdir = _plugin(tmp_path), tmp_path
    stream = start_host().stub.RunPlugin(_run_plugin(plugin, workdir, exit_code))
    out, err, codes = _collect(stream)
    assert out == b"out:127.0.0.1:4242\n"
    assert err == f"err:yes:{workdir}\n".encode()
    assert codes == reported_codes


def test_a_plugin_without_main_py_is_refused_with_the_reason(
    start_host: HostStarter, tmp_path: Path
) -> None:
    stream = start_host().stub.RunPlugin(_run_plugin(_plugin(tmp_path, main=None), tmp_path, 0))
    with pytest.raises(grpc.RpcError) as refused:
        _collect(stream)
    assert refused.value.code() == grpc.StatusCode.FAILED_PRECONDITION
    assert "no __main__.py" in str(refused.value.details())


@pytest.mark.parametrize(
    ("options", "code", "message"),
    [
        ({"toolchain": "uv"}, grpc.StatusCode.INVALID_ARGUMENT, "supports only `toolchain: pip`"),
        ({"typechecker": "mypy"}, grpc.StatusCode.INVALID_ARGUMENT, "does not run a `typechecker`"),
        ({"virtualenv": "missing-venv"}, grpc.StatusCode.FAILED_PRECONDITION, "missing-venv"),
        ({"virtualenv": 3}, grpc.StatusCode.INVALID_ARGUMENT, "must be a string"),
    ],
)
def test_runtime_options_it_cannot_honour_are_refused_clearly(
    start_host: HostStarter,
    tmp_path: Path,
    options: dict[str, object],
    code: grpc.StatusCode,
    message: str,
) -> None:
    request = language_pb2.GetRequiredPackagesRequest(info=program_info(tmp_path, **options))
    with pytest.raises(grpc.RpcError) as refused:
        start_host().stub.GetRequiredPackages(request)
    assert refused.value.code() == code
    assert message in str(refused.value.details())


def test_plugins_default_to_a_venv_beside_them_as_in_pulumis_host(
    start_host: HostStarter, tmp_path: Path
) -> None:
    plugin = _plugin(tmp_path)
    request = language_pb2.RunPluginRequest(info=program_info(plugin), pwd=str(tmp_path))
    with pytest.raises(grpc.RpcError) as refused:
        _collect(start_host().stub.RunPlugin(request))
    assert str(plugin / "venv") in str(refused.value.details())


def test_installing_dependencies_is_left_to_set_up(start_host: HostStarter, tmp_path: Path) -> None:
    request = language_pb2.InstallDependenciesRequest(
        info=program_info(tmp_path, virtualenv=sys.prefix)
    )
    output = b"".join(r.stdout for r in start_host().stub.InstallDependencies(request))
    assert b"installed by set-up (`make setup`)" in output
    assert output.endswith(b"Finished installing dependencies\n\n")
