"""Run a Pulumi program the way Pulumi's Python host does (the `Run` RPC).

Pulumi's own `pulumi-language-python-exec` runs the program, with the resolved python,
the same command line the real host builds, the stack config in `PULUMI_CONFIG` /
`PULUMI_CONFIG_SECRET_KEYS`, and this host's stdout/stderr inherited so the engine shows the
program's output. Exit code 32 means the program already reported its error ("bail").
Used by `server.py`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from pulumi.runtime.proto import language_pb2

from tools.pulumi_toolchain.langhost.python_env import PythonEnv

EXITED_AFTER_REPORTING = 32


def exec_arguments(
    request: language_pb2.RunRequest, engine_address: str, tracing: str
) -> list[str]:
    """`pulumi-language-python-exec`'s arguments for `request`, flag for flag as Pulumi's host."""
    flags = [
        ("monitor", request.monitor_address),
        ("engine", engine_address),
        ("project", request.project),
        ("root_directory", request.info.root_directory),
        ("stack", request.stack),
        ("pwd", request.pwd),
        ("dry_run", "true" if request.dryRun else "false"),
        ("parallel", str(request.parallel)),
        ("tracing", tracing),
        ("organization", request.organization),
    ]
    arguments = [part for name, value in flags if value for part in (f"--{name}", value)]
    return [*arguments, request.info.entry_point or request.program or ".", *request.args]


def exec_environment(
    request: language_pb2.RunRequest, python: PythonEnv, base: Mapping[str, str]
) -> dict[str, str]:
    """The program's environment: `base`, the virtualenv activated, and the stack config."""
    env = python.environ(base)
    if request.config:
        env["PULUMI_CONFIG"] = json.dumps(
            dict(request.config), sort_keys=True, separators=(",", ":")
        )
    env["PULUMI_CONFIG_SECRET_KEYS"] = json.dumps(
        list(request.configSecretKeys), separators=(",", ":")
    )
    return env


def run_program(
    request: language_pb2.RunRequest,
    python: PythonEnv,
    executor: Path,
    engine_address: str,
    tracing: str,
) -> language_pb2.RunResponse:
    """Run the program to completion and report how it ended."""
    if request.attach_debugger:
        return language_pb2.RunResponse(
            error="entra-box's fallback language host cannot attach a debugger"
        )
    command = [str(python.python), str(executor), *exec_arguments(request, engine_address, tracing)]
    # The child writes to our stdout/stderr directly; anything we buffered must go first.
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        code = subprocess.run(
            command, env=exec_environment(request, python, os.environ), check=False
        ).returncode
    except OSError as failure:
        return language_pb2.RunResponse(
            error=f"problem executing program (could not run language executor): {failure}"
        )
    return run_response(code)


def run_response(exit_code: int) -> language_pb2.RunResponse:
    """The `Run` result for an exit code (a signal counts as -1, as in Pulumi's host)."""
    if exit_code == 0:
        return language_pb2.RunResponse()
    if exit_code == EXITED_AFTER_REPORTING:
        return language_pb2.RunResponse(bail=True)
    return language_pb2.RunResponse(
        error=f"program exited with non-zero exit code: {max(exit_code, -1)}"
    )
