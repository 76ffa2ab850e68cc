"""Fixtures for the toolchain tests: fake executables, and scratch Pulumi projects run by
the real CLI that `make setup` installed (`.venv/bin/pulumi`)."""

from __future__ import annotations

import functools
import hashlib
import http.server
import io
import os
import subprocess
import sys
import tarfile
import textwrap
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import grpc
import pytest
from pulumi.runtime.proto import language_pb2, language_pb2_grpc

from tools.pulumi_toolchain import engine_env, pulumi_executable
from tools.pulumi_toolchain.from_release import RELEASES_ENV, tarball_name

PASSPHRASE = "toolchain-tests-passphrase"


def write_executable(path: Path, text: str) -> Path:
    """Write a script (dedented) and make it executable."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip())
    path.chmod(0o755)
    return path


@pytest.fixture
def fake_python(tmp_path: Path) -> Callable[[Path], Path]:
    """A fake virtualenv whose `bin/python` records its argv (one per line) in `argv.txt`."""

    def make(venv: Path) -> Path:
        write_executable(
            venv / "bin" / "python",
            f"""
            #!/bin/sh
            printf '%s\\n' "$@" > {venv}/argv.txt
            printf '%s\\n' "$VIRTUAL_ENV|$PWD" > {venv}/context.txt
            """,
        )
        return venv

    return make


@dataclass
class ScratchProject:
    """A Pulumi project in a temporary directory, with a local backend and its own home."""

    directory: Path
    env: dict[str, str]

    def pulumi(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [str(pulumi_executable()), *args, "--non-interactive"],
            cwd=self.directory,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        if check and done.returncode != 0:
            pytest.fail(f"pulumi {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
        return done


PROGRAM = """
import pulumi
from thing import Thing

thing = Thing("one", label=pulumi.Config().get("label") or "a")
pulumi.export("thing_id", thing.id)
print("hello from the scratch program")
"""

# The dynamic resource lives in an importable module, as entra-box's Box providers do.
THING = """
from pulumi.dynamic import CreateResult, ReadResult, Resource, ResourceProvider


class ThingProvider(ResourceProvider):
    def create(self, props):
        return CreateResult(id_="thing-" + props["label"], outs=dict(props))

    def read(self, id_, props):
        return ReadResult(id_=id_, outs=dict(props))


class Thing(Resource):
    def __init__(self, name, label, opts=None):
        super().__init__(ThingProvider(), name, {"label": label}, opts)
"""


def python_runtime(virtualenv: Path) -> str:
    return (
        f"runtime:\n  name: python\n  options:\n    toolchain: pip\n    virtualenv: {virtualenv}\n"
    )


def pulumis_dynamic_host(directory: Path) -> str:
    """`Pulumi.yaml` lines that serve the project's dynamic resources with Pulumi's own host.

    The virtualenv's `pulumi-resource-pulumi-python` is entra-box's host, which loads only
    entra-box's providers (docs/operating-safely.md: "Security"); a project with providers of
    its own names a
    launcher of Pulumi's `pulumi.dynamic` instead, by the same `plugins` setting entra-box's
    `Pulumi.yaml` uses to name its host.
    """
    write_executable(
        directory / "pulumi-resource-pulumi-python",
        f"""
        #!/bin/sh
        exec {sys.executable} -u -m pulumi.dynamic "$@"
        """,
    )
    return f"plugins:\n  providers:\n    - name: pulumi-python\n      path: {directory}\n"


@pytest.fixture
def installed_cli() -> Path:
    cli = pulumi_executable()
    if not cli.is_file():
        pytest.fail(f"{cli} is missing: run `make setup` first")
    return cli


@pytest.fixture
def scratch_project(tmp_path: Path, installed_cli: Path) -> ScratchProject:
    """A project with a dynamic resource, logged in to a file backend, stack `dev` selected."""
    directory = tmp_path / "project"
    directory.mkdir()
    runtime = python_runtime(Path(sys.prefix))
    host = pulumis_dynamic_host(tmp_path / "pulumi-dynamic-host")
    (directory / "Pulumi.yaml").write_text("name: scratch\n" + runtime + host)
    (directory / "__main__.py").write_text(PROGRAM)
    (directory / "thing.py").write_text(THING)
    (tmp_path / "state").mkdir()
    env = engine_env(
        backend_url=f"file://{tmp_path / 'state'}",
        passphrase=PASSPHRASE,
        pulumi_home=tmp_path / "pulumi-home",
    )
    project = ScratchProject(directory=directory, env=env)
    project.pulumi("stack", "init", "dev")
    return project


POLICY_PACK = """
from pulumi_policy import EnforcementLevel, PolicyPack, ResourceValidationPolicy


def label_is_not_forbidden(args, report_violation):
    if args.props.get("label") == "forbidden":
        report_violation("the label 'forbidden' is not allowed")


PolicyPack(
    name="scratch-policies",
    enforcement_level=EnforcementLevel.MANDATORY,
    policies=[
        ResourceValidationPolicy(
            name="label-is-not-forbidden",
            description="Things may not be labelled 'forbidden'.",
            validate=label_is_not_forbidden,
        )
    ],
)
"""


@pytest.fixture
def policy_pack(tmp_path: Path) -> Path:
    """A Python policy pack with one mandatory policy, using the project virtualenv."""
    directory = tmp_path / "policy-pack"
    directory.mkdir()
    (directory / "PulumiPolicy.yaml").write_text(python_runtime(Path(sys.prefix)))
    (directory / "__main__.py").write_text(POLICY_PACK)
    return directory


@dataclass
class RunningHost:
    """The fallback language host in its own process, and a gRPC client for it."""

    process: subprocess.Popen[str]
    stub: Any

    def output_after_exit(self) -> str:
        self.process.terminate()
        stdout, _ = self.process.communicate(timeout=30)
        return stdout


HostStarter = Callable[..., RunningHost]


@pytest.fixture
def start_host(tmp_path: Path) -> Iterator[HostStarter]:
    """Start `python -m tools.pulumi_toolchain.langhost` as the engine would; stopped after."""
    started: list[RunningHost] = []

    def start(
        *,
        executor: Path | None = None,
        engine_address: str = "127.0.0.1:1",
        env: dict[str, str] | None = None,
    ) -> RunningHost:
        command = [sys.executable, "-P", "-m", "tools.pulumi_toolchain.langhost"]
        command += ["--use-executor", str(executor or tmp_path / "no-executor")]
        command += [engine_address] if engine_address else []
        process = subprocess.Popen(
            command,
            env={**os.environ, **(env or {})},
            stdout=subprocess.PIPE,
            text=True,
            cwd=tmp_path,
        )
        assert process.stdout is not None
        port = int(process.stdout.readline())
        channel = grpc.insecure_channel(f"127.0.0.1:{port}")
        host = RunningHost(process=process, stub=language_pb2_grpc.LanguageRuntimeStub(channel))
        started.append(host)
        return host

    yield start
    for host in started:
        if host.process.poll() is None:
            host.process.kill()
            host.process.communicate()


def program_info(root: Path, **options: object) -> language_pb2.ProgramInfo:
    """A ProgramInfo for a project at `root` with the given runtime options."""
    info = language_pb2.ProgramInfo(
        root_directory=str(root), program_directory=str(root), entry_point="."
    )
    info.options.update(options)
    return info


RELEASE_FILES = {
    "pulumi": b"#!/bin/sh\necho v3.260.0\n",
    "pulumi-language-python": b"#!/bin/sh\n",
    "pulumi-language-python-exec": b"#!/bin/sh\n",
    "pulumi-language-nodejs": b"#!/bin/sh\n",
}


@dataclass
class ReleaseSite:
    """A local stand-in for Pulumi's download site (ENTRA_BOX_PULUMI_RELEASES_URL)."""

    root: Path

    def publish(
        self, version: str, files: dict[str, bytes], *, checksum: str | None = "ok"
    ) -> None:
        """Publish `pulumi/<file>` as the release tarball; checksum None publishes none."""
        archive = _tarball(files)
        name = tarball_name(version)
        (self.root / name).write_bytes(archive)
        if checksum is not None:
            digest = hashlib.sha256(archive).hexdigest() if checksum == "ok" else checksum
            listing = f"{'0' * 64}  other.zip\n{digest}  {name}\n"
            (self.root / f"pulumi-{version}-checksums.txt").write_text(listing)


def _tarball(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for name, content in files.items():
            member = tarfile.TarInfo(f"pulumi/{name}")
            member.size, member.mode = len(content), 0o755
            tar.addfile(member, io.BytesIO(content))
    return buffer.getvalue()


@pytest.fixture
def release_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[ReleaseSite]:
    root = tmp_path / "site"
    root.mkdir()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv(RELEASES_ENV, f"http://127.0.0.1:{server.server_address[1]}/")
    yield ReleaseSite(root)
    server.shutdown()
    server.server_close()
