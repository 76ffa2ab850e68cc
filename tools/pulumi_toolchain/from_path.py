"""Strategy (a): a Pulumi CLI already installed on PATH, if it is the right version.

Only a complete installation counts: `pulumi version` must print the SDK's version and
Pulumi's Python language host and program runner must sit beside the (symlink-resolved)
executable, where the CLI itself looks for them. Our own virtualenv's `bin` is skipped so
set-up never adopts its own earlier output. Called by `install.py`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from tools.pulumi_toolchain.toolchain import CLI, Toolchain, from_bin_dir
from tools.pulumi_toolchain.version import go_tag


def find_on_path(version: str, skip_dir: Path, path: str | None = None) -> Toolchain | None:
    """The matching CLI installation on `path` (default $PATH), ignoring `skip_dir`."""
    entries = (path if path is not None else os.environ.get("PATH", "")).split(os.pathsep)
    searched = os.pathsep.join(
        e for e in entries if e and _resolved(Path(e)) != _resolved(skip_dir)
    )
    found = shutil.which(CLI, path=searched)
    if found is None or cli_version(Path(found)) != go_tag(version):
        return None
    toolchain = from_bin_dir(version, f"PATH ({found})", Path(found).resolve().parent)
    return toolchain if toolchain.language_host and toolchain.python_exec.is_file() else None


def cli_version(cli: Path) -> str | None:
    """What `pulumi version` prints (e.g. `v3.260.0`), or None if it cannot be run."""
    try:
        done = subprocess.run(
            [str(cli), "version"],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
            env={**os.environ, "PULUMI_SKIP_UPDATE_CHECK": "true"},
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() or None


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:
        return path
