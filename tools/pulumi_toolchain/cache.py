"""The toolchain cache outside the repository, shared by every clone and worktree.

Layout: `<root>/<version>/bin/` holds the upstream files, `<root>/<version>/manifest.json`
says how they were obtained. `<root>` is `$ENTRA_BOX_PULUMI_CACHE`, else
`${XDG_CACHE_HOME:-~/.cache}/entra-box/pulumi`. A build goes into a temporary sibling
directory that is renamed into place only when complete, under an exclusive lock, so two
set-ups never race and an interrupted build never leaves a half-filled cache entry.
Used by `install.py` and the strategies that fill the cache.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from tools.pulumi_toolchain.progress import say
from tools.pulumi_toolchain.toolchain import Toolchain, from_bin_dir, read_manifest

CACHE_ENV = "ENTRA_BOX_PULUMI_CACHE"


def cache_root(environ: Mapping[str, str] = os.environ) -> Path:
    """Where toolchains are cached (see the module docstring for the precedence)."""
    if environ.get(CACHE_ENV):
        return Path(environ[CACHE_ENV]).expanduser()
    xdg = environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(xdg).expanduser() / "entra-box" / "pulumi"


def cached(root: Path, version: str) -> Toolchain | None:
    """The complete cached toolchain for `version`, or None."""
    entry = root / version
    manifest = read_manifest(entry)
    if manifest is None or manifest.get("version") != version:
        return None
    return from_bin_dir(version, f"cache ({manifest.get('source', '?')})", entry / "bin")


@contextmanager
def locked(root: Path, version: str) -> Iterator[None]:
    """Hold the exclusive set-up lock for one version (waits for a concurrent set-up)."""
    root.mkdir(parents=True, exist_ok=True)
    with open(root / f".{version}.lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            say(f"another set-up is preparing Pulumi {version}; waiting for it")
            fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@contextmanager
def staged(root: Path, version: str) -> Iterator[Path]:
    """A scratch directory that becomes `<root>/<version>` only if the block succeeds.

    Call with the lock held: leftovers of interrupted builds are removed first.
    """
    _remove_leftovers(root, version)
    scratch = Path(tempfile.mkdtemp(prefix=f".{version}.partial-", dir=root))
    scratch.chmod(0o755)  # mkdtemp's 0700 would hide the cache from other users of the machine
    try:
        yield scratch
        _replace(root / version, scratch)
    except BaseException:
        shutil.rmtree(scratch, ignore_errors=True)
        raise


def _remove_leftovers(root: Path, version: str) -> None:
    for leftover in root.glob(f".{version}.partial-*"):
        shutil.rmtree(leftover, ignore_errors=True)


def _replace(target: Path, complete: Path) -> None:
    # A target can only exist here if it is incomplete or stale (`cached` refused it).
    if target.exists():
        shutil.rmtree(target)
    os.rename(complete, target)
