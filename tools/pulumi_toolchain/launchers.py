"""The small executables set-up writes into the virtualenv's `bin` beside `pulumi`.

Pulumi's distribution ships shell launchers that the CLI finds beside itself:
`pulumi-resource-pulumi-python` (serves Python dynamic providers; ours runs entra-box's own
host, `components.provider_host`, never Pulumi's `pulumi.dynamic`) and, formerly,
`pulumi-analyzer-policy-python` (runs a Python policy pack when no language host is
found). These are entra-box's equivalents; unlike Pulumi's, they fall back to *this*
virtualenv's python rather than whatever `python3` is on PATH. When the Go module proxy
does not serve Pulumi's language host, `fallback_language_host` is what runs instead.
Called by `install.py`.
"""

from __future__ import annotations

import os
import shlex
from pathlib import Path

DYNAMIC_PROVIDER = "pulumi-resource-pulumi-python"
POLICY_ANALYZER = "pulumi-analyzer-policy-python"

# Shared by both launchers: pick the virtualenv, make it absolute, check it, activate it.
_ACTIVATE = """\
case "$venv" in /*) ;; *) venv="$PWD/$venv" ;; esac
venv="${venv%/}"
if [ ! -x "$venv/bin/python" ]; then
    echo "entra-box: \\"$venv\\" is not a virtualenv (no bin/python); run \\`make setup\\`." >&2
    exit 1
fi
PATH="$venv/bin:$PATH"
export PATH
unset PYTHONHOME
"""

_DYNAMIC_PROVIDER = """\
#!/bin/sh
# entra-box's pulumi-resource-pulumi-python: serves Python dynamic providers for the engine
# with entra-box's own host (components/provider_host), which loads only entra-box's
# providers from state; the package's console script of the same name does the same.
# The engine passes the project's `virtualenv` runtime option as PULUMI_RUNTIME_VIRTUALENV
# (relative to the working directory); without it, the virtualenv set-up installed into.
default_venv={venv}
venv="${{PULUMI_RUNTIME_VIRTUALENV:-$default_venv}}"
{activate}exec "$venv/bin/python" -u -m components.provider_host "$@"
"""

_POLICY_ANALYZER = """\
#!/bin/sh
# entra-box's pulumi-analyzer-policy-python: runs a Python policy pack's program with
# `python -u -m pulumi.policy ENGINE PROGRAM`. The engine starts it (in the pack's directory)
# only when it finds no Python language host, with `ENGINE PROGRAM [-virtualenv=DIR]
# [-OPTION=VALUE ...]`, possibly preceded by its logging flags; runtime options other than
# the virtualenv mean nothing to pulumi.policy and are dropped.
venv={venv}
for arg do
    shift
    case "$arg" in
        -virtualenv=*) venv="${{arg#-virtualenv=}}" ;;
        -*=*) case "$arg" in -v=*|--*) set -- "$@" "$arg" ;; esac ;;
        *) set -- "$@" "$arg" ;;
    esac
done
{activate}exec "$venv/bin/python" -u -m pulumi.policy "$@"
"""

_FALLBACK_LANGUAGE_HOST = """\
#!/bin/sh
# entra-box's fallback Python language host (tools/pulumi_toolchain/langhost), installed
# because the Go module proxy does not serve Pulumi's own host at this version.
# -P: never import a `tools` package from the directory the engine starts us in.
exec {python} -P -m tools.pulumi_toolchain.langhost --use-executor {executor} "$@"
"""


def write_dynamic_provider(bin_dir: Path, venv: Path) -> Path:
    return _write(
        bin_dir / DYNAMIC_PROVIDER, _DYNAMIC_PROVIDER.format(venv=_sh(venv), activate=_ACTIVATE)
    )


def write_policy_analyzer(bin_dir: Path, venv: Path) -> Path:
    return _write(
        bin_dir / POLICY_ANALYZER, _POLICY_ANALYZER.format(venv=_sh(venv), activate=_ACTIVATE)
    )


def write_fallback_language_host(destination: Path, python: Path, executor: Path) -> Path:
    return _write(
        destination, _FALLBACK_LANGUAGE_HOST.format(python=_sh(python), executor=_sh(executor))
    )


def _write(path: Path, text: str) -> Path:
    # Written beside and renamed, so a running engine never sees a half-written script.
    partial = path.with_name(f".{path.name}.partial")
    path.parent.mkdir(parents=True, exist_ok=True)
    partial.write_text(text)
    partial.chmod(0o755)
    os.replace(partial, path)
    return path


def _sh(path: Path) -> str:
    return shlex.quote(str(path))
