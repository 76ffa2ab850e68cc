"""Run a plugin written in Python, such as a policy pack (the `RunPlugin` RPC).

As in Pulumi's host: the plugin's python comes from its own runtime options (`virtualenv`
defaults to `venv` beside the plugin), `python <plugin directory> ARGS` runs its
`__main__.py` in the engine's working directory with the engine's environment on top of
the activated virtualenv, and output and exit code stream back to the engine. Plugins
without `__main__.py` (buildable packages run via `pulumi.run.plugin`) are not supported
by this fallback. Used by `server.py`.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from pulumi.runtime.proto import language_pb2

from tools.pulumi_toolchain.langhost.python_env import PythonEnv
from tools.pulumi_toolchain.langhost.streams import relay

# Registers a function to call when the engine cancels the RPC (grpc's `add_callback`).
CancelHook = Callable[[Callable[[], None]], object]


class PluginNotRunnableError(Exception):
    """The plugin directory has nothing this host knows how to run."""


def plugin_command(request: language_pb2.RunPluginRequest, python: PythonEnv) -> list[str]:
    """`python <plugin directory> ARGS`; raises PluginNotRunnableError without a `__main__.py`."""
    if not Path(request.info.root_directory, "__main__.py").is_file():
        raise PluginNotRunnableError(
            f"plugin at {request.info.root_directory} has no __main__.py; entra-box's fallback "
            "language host runs only plugins with one"
        )
    return [str(python.python), request.info.program_directory, *request.args]


def plugin_environment(python: PythonEnv, engine_env: Iterable[str]) -> dict[str, str]:
    """The activated virtualenv, overridden by what the engine passes (it wins, as in Go)."""
    overrides = (entry.partition("=") for entry in engine_env)
    return python.environ(os.environ) | {key: value for key, sep, value in overrides if sep}


def run_plugin(
    request: language_pb2.RunPluginRequest, python: PythonEnv, on_cancel: CancelHook
) -> Iterator[language_pb2.RunPluginResponse]:
    """Start the plugin and stream its output, then its exit code when it is not 0."""
    process = subprocess.Popen(
        plugin_command(request, python),
        cwd=request.pwd or None,
        env=plugin_environment(python, request.env),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    on_cancel(process.kill)  # the engine ends a plugin by cancelling this call
    for stream, chunk in relay(process):
        if stream == "stdout":
            yield language_pb2.RunPluginResponse(stdout=chunk)
        else:
            yield language_pb2.RunPluginResponse(stderr=chunk)
    exit_code = process.wait()
    if exit_code != 0:
        yield language_pb2.RunPluginResponse(exitcode=max(exit_code, -1))
