"""`make demo`: the main job, end to end, on this machine alone (no cloud account).

Run by the Makefile's `demo` target after set-up (`.venv/bin/python -m tools.demo`). It
starts the Box emulator as a subprocess (its data in `.state/demo/box.db`), runs
`pulumi up` on the Box-only `demo` stack (`stacks/demo.yaml`) with a local file backend
(`.state/demo/backend`) and the passphrase secrets provider, prints what now exists in
Box, runs `pulumi preview --expect-no-changes` to show the stack has converged, and stops
the emulator. A second run changes nothing and says so (it counts the Box API writes in
the emulator's request log). `.state/` is git-ignored; `make clean` removes it.

Where the demo stack's config comes from: `stacks/Pulumi.demo.yaml` is generated here and
git-ignored, never committed. It must hold the emulator's URL, which is per machine (the
port is picked free on the first run and kept in `.state/demo/emulator.port`, so later
runs reuse it and leave the file untouched; a fixed port in the repository could collide
with anything else on a machine), and `box:clientSecret` encrypted by the passphrase
provider with a per-stack salt, which only means something next to this clone's backend.
Values are set only when missing or different, so a re-run does not rewrite the file.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from emulator.config import DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_ENTERPRISE_ID
from emulator.testing import EmulatorProcess, sdk_client
from tools.box_inventory import read_inventory, render
from tools.pulumi_toolchain import engine_env, pulumi_executable

STACK = "demo"
# The passphrase of the demo's passphrase secrets provider. Fixed and documented on
# purpose: it protects only the emulator's well-known test secret, nothing real.
DEMO_PASSPHRASE = "entra-box-demo-passphrase"  # noqa: S105 - documented, protects nothing
REPO_ROOT = Path(__file__).resolve().parents[1]
WRITE_METHODS = ("POST", "PUT", "DELETE")


@dataclass(frozen=True)
class DemoPaths:
    """The project the demo deploys and the folder its local state lives in."""

    project: Path
    state: Path

    @property
    def box_db(self) -> Path:
        return self.state / "box.db"

    @property
    def backend(self) -> Path:
        return self.state / "backend"

    @property
    def port_file(self) -> Path:
        return self.state / "emulator.port"


class Engine:
    """The Pulumi CLI run on the demo stack with the demo's backend and passphrase."""

    def __init__(self, paths: DemoPaths) -> None:
        self.paths = paths
        self.env = engine_env(
            backend_url=f"file://{paths.backend}",
            passphrase=DEMO_PASSPHRASE,
            pulumi_home=paths.state / "pulumi-home",
        )

    def show(self, *args: str) -> int:
        """Run a command with its output on the console; returns its exit code."""
        print(f"\n$ pulumi {' '.join(args)}", flush=True)
        return self._run(args, capture=False).returncode

    def quiet(self, *args: str, stdin: str = "") -> str:
        """Run a set-up command; its output is only shown if it fails."""
        done = self._run(args, capture=True, stdin=stdin)
        if done.returncode != 0:
            raise DemoError(f"`pulumi {' '.join(args)}` failed:\n{done.stdout}{done.stderr}")
        return done.stdout

    def _run(
        self, args: Sequence[str], *, capture: bool, stdin: str = ""
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(pulumi_executable()), *args, "--stack", STACK, "--non-interactive"],
            cwd=self.paths.project,
            env=self.env,
            input=stdin,
            capture_output=capture,
            text=True,
            check=False,
        )


class DemoError(Exception):
    """A step of the demo failed; the message says which and why."""


def prepare_stack(engine: Engine, box_url: str) -> None:
    """Select (or create) the demo stack and give it the emulator's URL and credentials."""
    engine.paths.backend.mkdir(parents=True, exist_ok=True)
    engine.quiet("stack", "select", "--create")
    current = json.loads(engine.quiet("config", "--json"))
    wanted = {
        "box:baseUrl": box_url,
        "box:clientId": DEFAULT_CLIENT_ID,
        "box:enterpriseId": DEFAULT_ENTERPRISE_ID,
    }
    stale = {k: v for k, v in wanted.items() if current.get(k, {}).get("value") != v}
    if stale:
        pairs = [arg for k, v in stale.items() for arg in ("--plaintext", f"{k}={v}")]
        engine.quiet("config", "set-all", *pairs)
    if not current.get("box:clientSecret", {}).get("secret"):
        # On stdin, as a person would type it: never on a command line.
        engine.quiet("config", "set", "--secret", "box:clientSecret", stdin=DEFAULT_CLIENT_SECRET)


def start_emulator(paths: DemoPaths) -> EmulatorProcess:
    """The emulator on the port kept from an earlier run (if still free), else a free one."""
    paths.state.mkdir(parents=True, exist_ok=True)
    kept = paths.port_file.read_text().strip() if paths.port_file.exists() else "0"
    state = ("--state", str(paths.box_db))
    try:
        emulator = EmulatorProcess("--port", kept, *state)
    except RuntimeError:
        if kept == "0":
            raise
        emulator = EmulatorProcess("--port", "0", *state)
    paths.port_file.write_text(f"{emulator.port}\n")
    return emulator


def forget_requests(box_url: str) -> None:
    _admin(box_url, "DELETE", "/_emulator/requests")


def count_writes(box_url: str) -> dict[str, int]:
    """The Box API writes since `forget_requests`, by `METHOD /2.0/route`."""
    counts: dict[str, int] = json.loads(_admin(box_url, "GET", "/_emulator/requests"))["counts"]
    return {
        route: n
        for route, n in counts.items()
        if route.startswith(WRITE_METHODS) and " /2.0/" in route
    }


def _admin(box_url: str, method: str, path: str) -> bytes:
    # box_url is the http:// address printed by the emulator process this demo started.
    request = urllib.request.Request(f"{box_url}{path}", method=method)  # noqa: S310
    with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310
        body: bytes = answer.read()
        return body


def describe_writes(writes: dict[str, int]) -> str:
    total = sum(writes.values())
    if total == 0:
        return "Box API writes during this run: 0 (Box already matched the spec: nothing changed)"
    detail = ", ".join(f"{route} x{n}" for route, n in sorted(writes.items()))
    return f"Box API writes during this run: {total} ({detail})"


def deploy_and_show(engine: Engine, box_url: str) -> None:
    """`pulumi up`, Box's contents, the write count, then the convergence check."""
    prepare_stack(engine, box_url)
    forget_requests(box_url)
    # --refresh: if .state/demo/box.db was removed or edited, Pulumi notices and repairs it.
    if engine.show("up", "--yes", "--refresh") != 0:
        raise DemoError("`pulumi up` failed; its output above says why")
    writes = count_writes(box_url)
    print(f"\nWhat now exists in Box ({box_url}):\n")
    print(render(read_inventory(sdk_client(box_url))))
    print(f"\n{describe_writes(writes)}")
    if engine.show("preview", "--expect-no-changes") != 0:
        raise DemoError("the stack has not converged: `pulumi preview` still proposes changes")
    print("\nConverged: `pulumi preview --expect-no-changes` found nothing left to do.")


def run_demo(paths: DemoPaths) -> int:
    """The whole demo; returns the process exit code."""
    if not pulumi_executable().is_file():
        print(f"demo: {pulumi_executable()} is missing; run `make setup`", file=sys.stderr)
        return 1
    emulator = start_emulator(paths)
    print(f"Box emulator running at {emulator.url} (data in {paths.box_db})", flush=True)
    try:
        deploy_and_show(Engine(paths), emulator.url)
    except DemoError as error:
        print(f"\ndemo: {error}", file=sys.stderr)
        return 1
    finally:
        emulator.stop()
        print("Box emulator stopped.", flush=True)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.demo",
        description="Deploy the demo stack to the local Box emulator and show the result.",
    )
    parser.add_argument("--project-dir", type=Path, default=REPO_ROOT)
    parser.add_argument("--state-dir", type=Path, help="default: PROJECT_DIR/.state/demo")
    args = parser.parse_args(argv)
    project = args.project_dir.resolve()
    return run_demo(DemoPaths(project, (args.state_dir or project / ".state" / "demo").resolve()))


if __name__ == "__main__":
    raise SystemExit(main())
