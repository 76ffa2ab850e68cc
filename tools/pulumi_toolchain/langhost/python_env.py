"""Which python runs a program or plugin, from the `runtime.options` the engine sends.

Same rules as Pulumi's host for the `pip` toolchain: `virtualenv` is relative to the
project (or plugin) root; without it, programs run with the interpreter this host runs
under (set-up starts it with the project virtualenv's python) and plugins with `venv`.
Options this fallback does not implement are refused with a clear error rather than
ignored. Used by the servicer in `server.py`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from pulumi.runtime.proto import language_pb2

SUPPORTED_TOOLCHAINS = ("pip",)


class UnsupportedRuntimeOptionsError(Exception):
    """The program's runtime options ask for something this host cannot do."""


@dataclass(frozen=True)
class PythonEnv:
    """A python interpreter, inside a virtualenv or not."""

    python: Path
    virtualenv: Path | None

    def environ(self, base: Mapping[str, str]) -> dict[str, str]:
        """`base` with the virtualenv activated (as `activate` would)."""
        env = dict(base)
        if self.virtualenv is not None:
            env["VIRTUAL_ENV"] = str(self.virtualenv)
            env["PATH"] = os.pathsep.join([str(self.virtualenv / "bin"), env.get("PATH", "")])
            env.pop("PYTHONHOME", None)
        return env

    def version(self) -> str:
        """The interpreter's version, e.g. `3.11.9`."""
        done = subprocess.run(
            [str(self.python), "--version"], capture_output=True, text=True, check=True
        )
        return done.stdout.strip().removeprefix("Python ")


def runtime_options(info: language_pb2.ProgramInfo) -> dict[str, object]:
    # Struct converts its values to plain Python ones.
    return dict(info.options.items()) if info.HasField("options") else {}


def resolve(info: language_pb2.ProgramInfo, *, default_virtualenv: str | None = None) -> PythonEnv:
    """The python for `info`; raises UnsupportedRuntimeOptionsError or FileNotFoundError."""
    options = runtime_options(info)
    _refuse_unsupported(options)
    virtualenv = options.get("virtualenv", default_virtualenv)
    if virtualenv is None:
        return PythonEnv(python=Path(sys.executable), virtualenv=None)
    if not isinstance(virtualenv, str):
        raise UnsupportedRuntimeOptionsError("the `virtualenv` runtime option must be a string")
    directory = Path(info.root_directory, virtualenv)
    python = directory / "bin" / "python"
    if not python.is_file():
        raise FileNotFoundError(
            f"The 'virtualenv' option is set to {virtualenv!r}, but {directory} is not a "
            "virtualenv (no bin/python); create it (for entra-box: `make setup`)."
        )
    return PythonEnv(python=python, virtualenv=directory)


def _refuse_unsupported(options: Mapping[str, object]) -> None:
    toolchain = options.get("toolchain", "pip")
    if toolchain not in SUPPORTED_TOOLCHAINS:
        raise UnsupportedRuntimeOptionsError(
            f"entra-box's fallback language host supports only `toolchain: pip`, not {toolchain!r}"
        )
    if options.get("typechecker"):
        raise UnsupportedRuntimeOptionsError(
            "entra-box's fallback language host does not run a `typechecker`; remove the option "
            "and run mypy/pyright yourself (entra-box runs mypy in `make lint`)"
        )
