"""Fetch Go modules from the module proxy and make their sources buildable on their own.

Pulumi's Go modules are cut from one repository and point at each other with relative
`replace` directives (`pkg/v3` replaces `sdk/v3` with `../sdk`), so `go install` refuses
them. `buildable_copy` copies a module out of the read-only module cache and drops those
local replaces; the `require` lines already name the matching released versions, which the
proxy serves. Used by `go_build.py`.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
from collections.abc import Mapping
from pathlib import Path


class GoModuleUnavailableError(Exception):
    """The module proxy does not serve a module at the requested version."""

    def __init__(self, module: str, version: str, reason: str) -> None:
        super().__init__(f"{module}@{version} is not available: {reason}")
        self.module = module
        self.version = version
        self.reason = reason


class GoCommandError(Exception):
    """A `go` command set-up relies on failed; the message carries its stderr."""


def go_env(base: Mapping[str, str] = os.environ) -> dict[str, str]:
    """The environment for every `go` command set-up runs.

    `-mod=mod` lets the build resolve the edited go.mod; CGO is off, as in Pulumi's own
    release builds, so no C compiler is needed.
    """
    env = dict(base)
    env["GOFLAGS"] = f"{env.get('GOFLAGS', '')} -mod=mod".strip()
    env["CGO_ENABLED"] = "0"
    return env


def download(module: str, version: str, workdir: Path) -> Path:
    """Download `module@version` into the module cache and return its (read-only) directory."""
    result = subprocess.run(
        ["go", "mod", "download", "-json", f"{module}@{version}"],
        cwd=workdir,  # outside any module, so no go.mod around us is consulted
        env=go_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    info = _parse_download_json(result.stdout)
    if info.get("Error") or result.returncode != 0 or not info.get("Dir"):
        reason = str(info.get("Error") or result.stderr.strip() or "no module directory reported")
        raise GoModuleUnavailableError(module, version, reason)
    return Path(str(info["Dir"]))


def buildable_copy(module_dir: Path, destination: Path) -> Path:
    """Copy a module out of the module cache, writable, without its relative replaces."""
    shutil.copytree(module_dir, destination, symlinks=True)
    _make_writable(destination)
    for old in _local_replaces(destination):
        _go(["mod", "edit", f"-dropreplace={old}"], destination)
    return destination


def _parse_download_json(stdout: str) -> dict[str, object]:
    try:
        parsed = json.loads(stdout) if stdout.strip() else {}
    except ValueError:
        return {"Error": f"unreadable `go mod download` output: {stdout[:200]}"}
    return parsed if isinstance(parsed, dict) else {}


def _make_writable(root: Path) -> None:
    # The module cache is read-only; `go mod edit` and the build need to write.
    for directory, _, files in os.walk(root):
        for path in [directory, *(os.path.join(directory, name) for name in files)]:
            if not os.path.islink(path):
                os.chmod(path, os.stat(path).st_mode | stat.S_IWUSR)


def _local_replaces(module_copy: Path) -> list[str]:
    edit = json.loads(_go(["mod", "edit", "-json"], module_copy))
    return [
        f"{old['Path']}@{old['Version']}" if old.get("Version") else old["Path"]
        for old, new in ((r["Old"], r["New"]) for r in edit.get("Replace") or [])
        if new["Path"].startswith((".", "/"))
    ]


def _go(args: list[str], cwd: Path) -> str:
    done = subprocess.run(["go", *args], cwd=cwd, env=go_env(), capture_output=True, text=True)
    if done.returncode != 0:
        raise GoCommandError(f"`go {' '.join(args)}` failed in {cwd}: {done.stderr.strip()}")
    return done.stdout
