"""Strategy (d): build the Pulumi CLI, and Pulumi's Python language host if the proxy has it.

For machines that reach the Go module proxy but not Pulumi's download site. Builds
`github.com/pulumi/pulumi/pkg/v3/cmd/pulumi` at the SDK's version, takes Pulumi's own
`pulumi-language-python-exec` from the matching `sdk/v3` module, and tries the language
host's module; when the proxy refuses it, the toolchain has no Go host and the installer
puts entra-box's fallback host (`langhost/`) in its place. Called by `install.py`.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

from tools.pulumi_toolchain.go_modules import (
    GoModuleUnavailableError,
    buildable_copy,
    download,
    go_env,
)
from tools.pulumi_toolchain.progress import heartbeat, say
from tools.pulumi_toolchain.toolchain import (
    CLI,
    LANGUAGE_HOST,
    PYTHON_EXEC,
    Toolchain,
    from_bin_dir,
)
from tools.pulumi_toolchain.version import go_tag

CLI_MODULE = "github.com/pulumi/pulumi/pkg/v3"
SDK_MODULE = "github.com/pulumi/pulumi/sdk/v3"
HOST_MODULE = "github.com/pulumi/pulumi/sdk/python/cmd/pulumi-language-python/v3"
VERSION_SYMBOL = "github.com/pulumi/pulumi/sdk/v3/go/common/version.Version"


class GoBuildError(Exception):
    """`go build` failed; the message carries the tail of its output."""


def build_toolchain(version: str, bin_dir: Path, workdir: Path) -> Toolchain:
    """Build everything Pulumi's distribution would provide for `version` into `bin_dir`."""
    if shutil.which("go") is None:
        raise GoBuildError("`go` is not on PATH: install Go (https://go.dev/dl/) and re-run set-up")
    tag = go_tag(version)
    _build(CLI_MODULE, tag, "./cmd/pulumi", bin_dir / CLI, workdir)
    _copy_python_exec(tag, bin_dir, workdir)
    try:
        _build(HOST_MODULE, tag, ".", bin_dir / LANGUAGE_HOST, workdir)
    except GoModuleUnavailableError as refused:
        reason = refused.reason.strip().splitlines()[-1].strip()
        say(f"the Go module proxy does not serve {HOST_MODULE}@{tag} ({reason})")
        say("using entra-box's fallback language host (tools/pulumi_toolchain/langhost) instead")
    return from_bin_dir(version, "go build", bin_dir)


def _build(module: str, tag: str, package: str, output: Path, workdir: Path) -> None:
    say(f"fetching {module}@{tag} from the Go module proxy")
    source = buildable_copy(download(module, tag, workdir), workdir / output.name)
    say(f"building {output.name} {tag} with `go build` (takes a few minutes on a cold cache)")
    started = time.monotonic()
    _go_build(source, package, output, tag)
    say(f"built {output.name} {tag} in {time.monotonic() - started:.0f}s")


def _go_build(source: Path, package: str, output: Path, tag: str) -> None:
    ldflags = f"-s -w -X {VERSION_SYMBOL}={tag}"
    command = ["go", "build", "-v", "-trimpath", "-ldflags", ldflags, "-o", str(output), package]
    lines: list[str] = []
    with (
        subprocess.Popen(
            command,
            cwd=source,
            env=go_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        ) as build,
        heartbeat(f"building {output.name}", lambda: _build_detail(lines)),
    ):
        assert build.stdout is not None  # noqa: S101 - guaranteed by stdout=PIPE
        for line in build.stdout:
            lines.append(line.rstrip())
    if build.returncode != 0:
        tail = "\n".join(lines[-30:])
        raise GoBuildError(f"`{' '.join(command)}` failed in {source}:\n{tail}")


def _build_detail(lines: list[str]) -> str:
    downloads = sum(line.startswith("go: downloading") for line in lines)
    return f"({len(lines) - downloads} packages compiled, {downloads} modules downloaded)"


def _copy_python_exec(tag: str, bin_dir: Path, workdir: Path) -> None:
    # Pulumi's own program runner ships inside the SDK module; the Go host runs it with the
    # project's python, and so does the fallback host.
    sdk = download(SDK_MODULE, tag, workdir)
    source = sdk / "python" / "cmd" / PYTHON_EXEC
    shutil.copyfile(source, bin_dir / PYTHON_EXEC)
    (bin_dir / PYTHON_EXEC).chmod(0o755)
    say(f"took {PYTHON_EXEC} from {SDK_MODULE}@{tag}")
