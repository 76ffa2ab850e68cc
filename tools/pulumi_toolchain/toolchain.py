"""What an acquisition strategy hands to the installer: where the upstream files are.

Every strategy (PATH, cache, release tarball, Go build) produces a `Toolchain`; the
installer (`install.py`) links its files into the project's virtualenv. A toolchain
directory in the cache also carries a `manifest.json` describing it.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

MANIFEST = "manifest.json"
CLI = "pulumi"
LANGUAGE_HOST = "pulumi-language-python"
PYTHON_EXEC = "pulumi-language-python-exec"


@dataclass(frozen=True)
class Toolchain:
    """Upstream Pulumi files for one version, as found or built."""

    version: str
    source: str
    cli: Path
    python_exec: Path
    # Pulumi's own Go language host, or None when only entra-box's fallback is available.
    language_host: Path | None


def from_bin_dir(version: str, source: str, bin_dir: Path) -> Toolchain:
    """The toolchain laid out the way Pulumi ships it: everything in one directory."""
    host = bin_dir / LANGUAGE_HOST
    return Toolchain(
        version=version,
        source=source,
        cli=bin_dir / CLI,
        python_exec=bin_dir / PYTHON_EXEC,
        language_host=host if is_executable(host) else None,
    )


def is_executable(path: Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)


def write_manifest(directory: Path, toolchain: Toolchain) -> None:
    """Record how a cached toolchain was obtained (written last: its presence means complete)."""
    manifest = {
        "version": toolchain.version,
        "source": toolchain.source,
        "language_host": "pulumi" if toolchain.language_host else "entra-box fallback",
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")


def read_manifest(directory: Path) -> dict[str, str] | None:
    """The manifest of a cached toolchain, or None when there is no complete one."""
    try:
        loaded = json.loads((directory / MANIFEST).read_text())
    except (OSError, ValueError):
        return None
    return (
        {str(key): str(value) for key, value in loaded.items()}
        if isinstance(loaded, dict)
        else None
    )
