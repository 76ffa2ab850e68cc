"""What the fallback host does for `InstallDependencies`, `GetProgramDependencies` and `About`.

entra-box's set-up (`make setup`) owns the project's virtualenv and its pinned
dependencies, so `InstallDependencies` installs a `requirements.txt` beside the program
into an existing virtualenv when there is one and otherwise says that set-up owns them; it
never creates virtualenvs. Used by `server.py`.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

from pulumi.runtime.proto import language_pb2

from tools.pulumi_toolchain.langhost.packages import installed_packages
from tools.pulumi_toolchain.langhost.python_env import PythonEnv
from tools.pulumi_toolchain.langhost.streams import relay

SET_UP_OWNS_DEPENDENCIES = (
    "entra-box: this project's dependencies are installed by set-up (`make setup`); "
    "nothing to install here.\n"
)


def install_dependencies(
    program_directory: Path, python: PythonEnv
) -> Iterator[language_pb2.InstallDependenciesResponse]:
    """Stream the output of installing `requirements.txt`, or explain why nothing is done."""
    yield language_pb2.InstallDependenciesResponse(stdout=b"Installing dependencies...\n\n")
    requirements = program_directory / "requirements.txt"
    if python.virtualenv is None or not requirements.is_file():
        yield language_pb2.InstallDependenciesResponse(stdout=SET_UP_OWNS_DEPENDENCIES.encode())
    else:
        yield from _pip_install(requirements, python)
    yield language_pb2.InstallDependenciesResponse(stdout=b"Finished installing dependencies\n\n")


def program_dependencies(
    python: PythonEnv, *, transitive: bool
) -> list[language_pb2.DependencyInfo]:
    return [
        language_pb2.DependencyInfo(name=package.name, version=package.version)
        for package in installed_packages(python, transitive=transitive)
    ]


def about(python: PythonEnv) -> language_pb2.AboutResponse:
    return language_pb2.AboutResponse(executable=str(python.python), version=python.version())


def _pip_install(
    requirements: Path, python: PythonEnv
) -> Iterator[language_pb2.InstallDependenciesResponse]:
    command = [str(python.python), "-m", "pip", "install", "-r", str(requirements)]
    with subprocess.Popen(
        command, env=python.environ(os.environ), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as pip:
        for stream, chunk in relay(pip):
            if stream == "stdout":
                yield language_pb2.InstallDependenciesResponse(stdout=chunk)
            else:
                yield language_pb2.InstallDependenciesResponse(stderr=chunk)
    if pip.returncode != 0:
        raise RuntimeError(f"`{' '.join(command)}` failed with exit code {pip.returncode}")
