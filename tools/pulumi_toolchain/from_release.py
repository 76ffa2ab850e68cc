"""Strategy (c): Pulumi's release tarball from its download site, checksum-verified.

Tried before building from source; on machines without a route to the site the first
request fails within the connect timeout and set-up moves on. `ENTRA_BOX_PULUMI_RELEASES_URL`
points it at a mirror (the tests use a local one). Called by `install.py`.
"""

from __future__ import annotations

import hashlib
import os
import platform
import shutil
import tarfile
import urllib.error
import urllib.request
from pathlib import Path

from tools.pulumi_toolchain.progress import say
from tools.pulumi_toolchain.toolchain import (
    CLI,
    LANGUAGE_HOST,
    PYTHON_EXEC,
    Toolchain,
    from_bin_dir,
)

RELEASES_ENV = "ENTRA_BOX_PULUMI_RELEASES_URL"
DEFAULT_RELEASES_URL = "https://get.pulumi.com/releases/sdk"
CONNECT_TIMEOUT_SECONDS = 5
WANTED = (CLI, LANGUAGE_HOST, PYTHON_EXEC)


class ReleaseUnusableError(Exception):
    """The release could be reached but not trusted or not used (e.g. checksum mismatch)."""


def releases_url() -> str:
    return os.environ.get(RELEASES_ENV, DEFAULT_RELEASES_URL).rstrip("/")


def tarball_name(version: str) -> str:
    """Pulumi's name for this machine's release archive, e.g. `pulumi-v3.260.0-linux-x64.tar.gz`."""
    system = {"Linux": "linux", "Darwin": "darwin"}.get(
        platform.system(), platform.system().lower()
    )
    machine = {"x86_64": "x64", "amd64": "x64", "aarch64": "arm64"}.get(platform.machine().lower())
    return f"pulumi-v{version}-{system}-{machine or platform.machine()}.tar.gz"


def fetch_release(version: str, bin_dir: Path, workdir: Path) -> Toolchain | None:
    """Download, verify and unpack the release; None when the download site is unreachable."""
    base, name = releases_url(), tarball_name(version)
    archive = workdir / name
    try:
        _download(f"{base}/{name}", archive)
    except (urllib.error.URLError, TimeoutError, OSError) as unreachable:
        say(f"cannot download {name} ({_reason(unreachable)}); trying the next way")
        return None
    say(f"downloaded {name}; verifying its checksum")
    _verify(archive, name, f"{base}/pulumi-{version}-checksums.txt")
    _unpack(archive, bin_dir)
    return from_bin_dir(version, f"release {base}/{name}", bin_dir)


def _download(url: str, destination: Path) -> None:
    say(f"trying {url}")
    # S310: the URL is Pulumi's https site or a mirror the user configured.
    opened = urllib.request.urlopen(url, timeout=CONNECT_TIMEOUT_SECONDS)  # noqa: S310
    with opened as response, open(destination, "wb") as out:
        shutil.copyfileobj(response, out)


def _verify(archive: Path, name: str, checksums_url: str) -> None:
    try:
        with urllib.request.urlopen(checksums_url, timeout=CONNECT_TIMEOUT_SECONDS) as response:  # noqa: S310
            published = response.read().decode()
    except (urllib.error.URLError, TimeoutError, OSError) as missing:
        raise ReleaseUnusableError(
            f"cannot fetch {checksums_url} to verify {name}: {_reason(missing)}"
        ) from missing
    expected = {
        line.split()[-1]: line.split()[0] for line in published.splitlines() if line.strip()
    }
    actual = hashlib.sha256(archive.read_bytes()).hexdigest()
    if expected.get(name) != actual:
        raise ReleaseUnusableError(
            f"{name}: sha256 {actual} does not match {checksums_url} ({expected.get(name)})"
        )


def _unpack(archive: Path, bin_dir: Path) -> None:
    # The archive holds `pulumi/<file>`; only the CLI and the Python runtime files are kept.
    with tarfile.open(archive) as tar:
        for member in tar.getmembers():
            if member.isfile() and Path(member.name).name in WANTED:
                member.name = Path(member.name).name
                tar.extract(member, bin_dir, filter="data")


def _reason(error: BaseException) -> str:
    return str(getattr(error, "reason", None) or error)
