"""entra-box's fallback Python language host: the gRPC `LanguageRuntime` service.

Pulumi's own host (Go) is the normal choice; set-up installs this one as
`pulumi-language-python` only where the Go module proxy does not serve it. It implements
what the engine uses to run Python programs and policy packs (see docs/contributing.md,
"The fallback Python language host", for what it leaves out); anything else answers
UNIMPLEMENTED, which the engine
treats as "older host". Started by `__main__.py`; the tests drive it over gRPC.
"""

# The servicer's method names are fixed by the gRPC service definition.
# ruff: noqa: N802

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent import futures
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import grpc
from pulumi.runtime.proto import language_pb2 as lang
from pulumi.runtime.proto import language_pb2_grpc, plugin_pb2

from tools.pulumi_toolchain.langhost import dependencies, packages, plugins, program
from tools.pulumi_toolchain.langhost.python_env import (
    PythonEnv,
    UnsupportedRuntimeOptionsError,
    resolve,
)


@dataclass
class HostSettings:
    """How this host was started (the engine address may come later, via Handshake)."""

    version: str
    executor: Path
    engine_address: str = ""
    tracing: str = ""


# grpc ships no type information; its servicer context is untyped here.
Context = Any


class LanguageHost(language_pb2_grpc.LanguageRuntimeServicer):
    """The Python `LanguageRuntime` service, for the `pip` toolchain."""

    def __init__(self, settings: HostSettings) -> None:
        self.settings = settings

    def Handshake(
        self, request: lang.LanguageHandshakeRequest, context: Context
    ) -> lang.LanguageHandshakeResponse:
        self.settings.engine_address = request.engine_address
        return lang.LanguageHandshakeResponse()

    def GetPluginInfo(self, request: Any, context: Context) -> plugin_pb2.PluginInfo:
        return plugin_pb2.PluginInfo(version=self.settings.version)

    def GetRequiredPackages(
        self, request: lang.GetRequiredPackagesRequest, context: Context
    ) -> lang.GetRequiredPackagesResponse:
        found = packages.required_packages(_python(request.info, context))
        return lang.GetRequiredPackagesResponse(packages=found)

    def GetRequiredPlugins(
        self, request: lang.GetRequiredPluginsRequest, context: Context
    ) -> lang.GetRequiredPluginsResponse:
        found = packages.required_packages(_python(request.info, context))
        return lang.GetRequiredPluginsResponse(plugins=[_as_plugin(p) for p in found])

    def Run(self, request: lang.RunRequest, context: Context) -> lang.RunResponse:
        if not self.settings.engine_address:
            _abort(context, grpc.StatusCode.FAILED_PRECONDITION, "call Handshake before Run")
        python = _python(request.info, context)
        settings = self.settings
        return program.run_program(
            request, python, settings.executor, settings.engine_address, settings.tracing
        )

    def RunPlugin(
        self, request: lang.RunPluginRequest, context: Context
    ) -> Iterator[lang.RunPluginResponse]:
        python = _python(request.info, context, default_virtualenv="venv")
        try:
            yield from plugins.run_plugin(request, python, context.add_callback)
        except plugins.PluginNotRunnableError as unrunnable:
            _abort(context, grpc.StatusCode.FAILED_PRECONDITION, str(unrunnable))

    def InstallDependencies(
        self, request: lang.InstallDependenciesRequest, context: Context
    ) -> Iterator[lang.InstallDependenciesResponse]:
        default = "venv" if request.is_plugin else None
        python = _python(request.info, context, default_virtualenv=default)
        yield from dependencies.install_dependencies(Path(request.info.program_directory), python)

    def GetProgramDependencies(
        self, request: lang.GetProgramDependenciesRequest, context: Context
    ) -> lang.GetProgramDependenciesResponse:
        python = _python(request.info, context)
        transitive = request.transitiveDependencies
        found = dependencies.program_dependencies(python, transitive=transitive)
        return lang.GetProgramDependenciesResponse(dependencies=found)

    def About(self, request: lang.AboutRequest, context: Context) -> lang.AboutResponse:
        return dependencies.about(_python(request.info, context))


def serve(settings: HostSettings) -> None:
    """Serve on a free local port, print it for the engine, run until the engine goes away."""
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=16))
    language_pb2_grpc.add_LanguageRuntimeServicer_to_server(LanguageHost(settings), server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    print(port, flush=True)
    parent = os.getppid()
    try:
        # Pulumi's host health-checks the engine; watching our parent serves the same end.
        while os.getppid() == parent and server.wait_for_termination(timeout=1.0):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        server.stop(grace=None)


def _python(
    info: lang.ProgramInfo, context: Context, default_virtualenv: str | None = None
) -> PythonEnv:
    try:
        return resolve(info, default_virtualenv=default_virtualenv)
    except UnsupportedRuntimeOptionsError as unsupported:
        _abort(context, grpc.StatusCode.INVALID_ARGUMENT, str(unsupported))
    except FileNotFoundError as missing:
        _abort(context, grpc.StatusCode.FAILED_PRECONDITION, str(missing))


def _abort(context: Context, code: Any, message: str) -> NoReturn:
    context.abort(code, message)
    raise AssertionError("context.abort returned")  # it always raises


def _as_plugin(package: plugin_pb2.PackageDependency) -> plugin_pb2.PluginDependency:
    return plugin_pb2.PluginDependency(
        name=package.name, kind=package.kind, version=package.version, server=package.server
    )
