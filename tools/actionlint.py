"""Set-up's actionlint step: the GitHub workflow linter, from the Go module proxy, cached.

`python -m tools.actionlint install` (run by `make setup`) leaves `.venv/bin/actionlint`,
which `make lint` runs over `.github/workflows/`. The binary is built once per machine with
`go install github.com/rhysd/actionlint/cmd/actionlint@<VERSION>` into
`${XDG_CACHE_HOME:-~/.cache}/entra-box/actionlint/<VERSION>/actionlint` (as the Pulumi CLI
is cached: `tools/pulumi_toolchain/`), built in a scratch directory and renamed into place
only once `actionlint -version` reports the pinned version, then hard-linked (or copied)
into the virtualenv. A re-run that finds it does nothing.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

VERSION = "v1.7.12"
MODULE = "github.com/rhysd/actionlint/cmd/actionlint"
CACHE_ENV = "ENTRA_BOX_ACTIONLINT_CACHE"


class ActionlintSetupError(RuntimeError):
    """actionlint could not be built or installed; the message says why and what to do."""


def cache_dir(environ: Mapping[str, str] = os.environ, version: str = VERSION) -> Path:
    """`$ENTRA_BOX_ACTIONLINT_CACHE/<version>`, else under `${XDG_CACHE_HOME:-~/.cache}`."""
    if environ.get(CACHE_ENV):
        return Path(environ[CACHE_ENV]).expanduser() / version
    xdg = environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(xdg).expanduser() / "entra-box" / "actionlint" / version


def reports_version(binary: Path, version: str = VERSION) -> bool:
    """True when `binary -version` runs and names `version` on its first line."""
    if not binary.is_file():
        return False
    done = subprocess.run(
        [str(binary), "-version"], capture_output=True, text=True, timeout=60, check=False
    )
    first = done.stdout.splitlines()[:1]
    return done.returncode == 0 and first == [version]


def build(target: Path, version: str = VERSION) -> Path:
    """`go install MODULE@version` into a scratch dir, then move it to `target/actionlint`."""
    go = shutil.which("go")
    if go is None:
        raise ActionlintSetupError(
            "Go is not on PATH: install Go (https://go.dev/dl/) so set-up can build actionlint"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{version}.partial-", dir=target.parent))
    try:
        _go_install(go, scratch, version)
        built = scratch / "actionlint"
        if not reports_version(built, version):
            raise ActionlintSetupError(f"the built {built} does not report version {version}")
        shutil.rmtree(target, ignore_errors=True)
        scratch.rename(target)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return target / "actionlint"


def _go_install(go: str, gobin: Path, version: str) -> None:
    print(f"[actionlint] building {MODULE}@{version} from the Go module proxy", flush=True)
    env = {**os.environ, "GOBIN": str(gobin), "CGO_ENABLED": "0"}
    done = subprocess.run(
        [go, "install", f"{MODULE}@{version}"],
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    if done.returncode != 0:
        raise ActionlintSetupError(
            f"`go install {MODULE}@{version}` failed (is the Go module proxy reachable? "
            f"GOPROXY={os.environ.get('GOPROXY', 'default')}):\n{done.stderr.strip()}"
        )


def link_into(venv_bin: Path, binary: Path) -> Path:
    """`venv_bin/actionlint`: a hard link to the cached binary, or a copy across devices."""
    venv_bin.mkdir(parents=True, exist_ok=True)
    linked = venv_bin / "actionlint"
    linked.unlink(missing_ok=True)
    try:
        os.link(binary, linked)
    except OSError:
        shutil.copy2(binary, linked)
    return linked


def install(venv: Path, environ: Mapping[str, str] = os.environ) -> Path:
    """Make `<venv>/bin/actionlint` the pinned version, building it only if not cached."""
    installed = venv / "bin" / "actionlint"
    if reports_version(installed):
        return installed
    cached = cache_dir(environ) / "actionlint"
    with _exclusive(cache_dir(environ)):
        if not reports_version(cached):
            cached = build(cache_dir(environ))
    linked = link_into(venv / "bin", cached)
    print(f"[actionlint] installed {VERSION} into {linked}", flush=True)
    return linked


@contextmanager
def _exclusive(target: Path) -> Iterator[None]:
    """One set-up at a time builds into the cache; the others wait, then find it there."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target.parent / f".{target.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.actionlint")
    commands = parser.add_subparsers(dest="command", required=True)
    installer = commands.add_parser("install", help="install actionlint into the virtualenv")
    installer.add_argument("--venv", type=Path, default=Path(sys.prefix))
    arguments = parser.parse_args(argv)
    try:
        install(arguments.venv.absolute())
    except (ActionlintSetupError, OSError, subprocess.SubprocessError) as failure:
        print(f"error: could not install actionlint: {failure}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
