"""Set-up's entry point: give the project virtualenv a working Pulumi CLI for the SDK's version.

Acquisition, in order: (a) a matching CLI already on PATH, (b) the cache, (c) Pulumi's
release tarball, (d) a build from the Go module proxy (with entra-box's fallback language
host where the proxy lacks Pulumi's). Then everything the CLI looks for beside itself is
placed in `<venv>/bin`: the CLI, the Python language host, Pulumi's program runner and the
launchers for dynamic providers and policy packs. A stamp makes re-runs instant.
Called by `python -m tools.pulumi_toolchain install` (`make setup`).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from tools.pulumi_toolchain import cache, launchers
from tools.pulumi_toolchain.from_path import cli_version, find_on_path
from tools.pulumi_toolchain.from_release import fetch_release
from tools.pulumi_toolchain.go_build import build_toolchain
from tools.pulumi_toolchain.progress import say
from tools.pulumi_toolchain.toolchain import (
    CLI,
    LANGUAGE_HOST,
    PYTHON_EXEC,
    Toolchain,
    write_manifest,
)
from tools.pulumi_toolchain.version import go_tag, required_version

STAMP = "pulumi-toolchain.json"
INSTALLED = (CLI, LANGUAGE_HOST, PYTHON_EXEC, launchers.DYNAMIC_PROVIDER, launchers.POLICY_ANALYZER)


class ToolchainBrokenError(Exception):
    """An acquired CLI does not report the version it was acquired for."""


def install(venv: Path, version: str | None = None) -> dict[str, str]:
    """Make `<venv>/bin/pulumi` the CLI for `version` (default: the SDK's); returns the stamp."""
    version = version or required_version()
    bin_dir = venv / "bin"
    stamp = _read_stamp(venv)
    if stamp.get("version") == version and all((bin_dir / name).is_file() for name in INSTALLED):
        say(f"Pulumi {version} already in {bin_dir} ({stamp.get('source')}); nothing to do")
        return stamp
    toolchain = acquire(version, bin_dir)
    stamp = place(toolchain, venv)
    say(f"installed Pulumi {version} into {bin_dir} from {toolchain.source}")
    say(f"language host: {stamp['language_host']}")
    return stamp


def acquire(version: str, bin_dir: Path) -> Toolchain:
    """The upstream files for `version`, from the first strategy that has them."""
    on_path = find_on_path(version, skip_dir=bin_dir)
    if on_path is not None:
        say(f"using the Pulumi CLI already on PATH: {on_path.cli}")
        return on_path
    root = cache.cache_root()
    with cache.locked(root, version):
        hit = cache.cached(root, version)
        if hit is None:
            _fill_cache(root, version)
            hit = cache.cached(root, version)
        else:
            say(f"using the cached Pulumi {version} in {root / version}")
    if hit is None:
        raise ToolchainBrokenError(
            f"the cache entry {root / version} is incomplete after filling it"
        )
    return hit


def place(toolchain: Toolchain, venv: Path) -> dict[str, str]:
    """Put the toolchain and the launchers into `<venv>/bin`, then write the stamp."""
    bin_dir = venv / "bin"
    _link_or_copy(toolchain.cli, bin_dir / CLI)
    _link_or_copy(toolchain.python_exec, bin_dir / PYTHON_EXEC)
    if toolchain.language_host is not None:
        _link_or_copy(toolchain.language_host, bin_dir / LANGUAGE_HOST)
    else:
        launchers.write_fallback_language_host(
            bin_dir / LANGUAGE_HOST, bin_dir / "python", bin_dir / PYTHON_EXEC
        )
    launchers.write_dynamic_provider(bin_dir, venv)
    launchers.write_policy_analyzer(bin_dir, venv)
    stamp = {
        "version": toolchain.version,
        "source": toolchain.source,
        "language_host": "pulumi (Go)" if toolchain.language_host else "entra-box fallback",
    }
    (venv / STAMP).write_text(json.dumps(stamp, indent=2) + "\n")
    return stamp


def _fill_cache(root: Path, version: str) -> None:
    with (
        cache.staged(root, version) as scratch,
        tempfile.TemporaryDirectory(prefix="pulumi-build-") as work,
    ):
        bin_dir = scratch / "bin"
        bin_dir.mkdir()
        toolchain = fetch_release(version, bin_dir, Path(work)) or build_toolchain(
            version, bin_dir, Path(work)
        )
        reported = cli_version(toolchain.cli)
        if reported != go_tag(version):
            raise ToolchainBrokenError(
                f"{toolchain.cli} reports {reported!r}, expected {go_tag(version)!r}"
            )
        write_manifest(scratch, toolchain)
        say(f"cached Pulumi {version} in {root / version}")


def _link_or_copy(source: Path, destination: Path) -> None:
    # A hard link (or copy), never a symlink: the CLI resolves symlinks to find the plugins
    # beside it, and ours must be the ones in this virtualenv's bin.
    partial = destination.with_name(f".{destination.name}.partial")
    partial.unlink(missing_ok=True)
    try:
        os.link(source, partial)
    except OSError:
        shutil.copy2(source, partial)
    os.replace(partial, destination)


def _read_stamp(venv: Path) -> dict[str, str]:
    try:
        loaded = json.loads((venv / STAMP).read_text())
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in loaded.items()} if isinstance(loaded, dict) else {}
