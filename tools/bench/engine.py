"""The benchmark's stack: the real Pulumi CLI running the entra-box program in a work directory.

`scenario.run_size` creates one `BenchStack` per size. Its directory holds `project/` (this
checkout's `Pulumi.yaml`, virtualenv made absolute, and `__main__.py`; the `components`
package comes from the editable install), `backend/` (a file backend: the checkpoint is a
plain file whose size the benchmark reports), `home/` (a private PULUMI_HOME) and
`logs/` (each command's output, kept for a look after a slow or failed run). Every command
is timed and watched for peak memory and CPU time (`processes.ProcessWatcher`).

Pulumi 3.260 writes an "automatic log" of every command to `PULUMI_HOME/logs` (PR
pulumi/pulumi#23731, on unconditionally, no setting to turn it off). With
`automatic_logs=False` the stack's `home/logs` is a plain file, so the CLI cannot create
that directory and runs without it ("automatic logging unavailable" in its own log): the
benchmark's way to measure what the automatic log costs, not a recommendation.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from tools.bench.processes import ProcessWatcher
from tools.pulumi_toolchain import engine_env, pulumi_executable
from tools.pulumi_toolchain.engine import copy_project

REPO_ROOT = Path(__file__).resolve().parents[2]
PROJECT = "entra-box"
PASSPHRASE = "entra-box-benchmark"  # noqa: S105 - a throwaway stack's passphrase
SPEC_FILE = "spec.yaml"


class EngineCommandError(RuntimeError):
    """A `pulumi` command of the benchmark failed; the message shows where its output is."""


@dataclass(frozen=True)
class EngineRun:
    """One finished `pulumi` command: wall time, peak memory per role, where its log is."""

    seconds: float
    peak_kb: Mapping[str, int]
    cpu_seconds: Mapping[str, float]
    log: Path


class BenchStack:
    """One stack of the entra-box program in `root`, run by the CLI `make setup` installed."""

    def __init__(
        self,
        root: Path,
        name: str = "bench",
        *,
        automatic_logs: bool = True,
        profile: bool = False,
    ) -> None:
        self.root = root
        self.name = name
        self.automatic_logs = automatic_logs
        self.profile = profile
        self.project_dir = root / "project"
        self.backend_dir = root / "backend"
        self.logs_dir = root / "logs"
        self.spec_path = self.project_dir / SPEC_FILE
        self.env = engine_env(
            backend_url=f"file://{self.backend_dir}",
            passphrase=PASSPHRASE,
            pulumi_home=root / "home",
        )
        self._runs = 0

    def create(self, config: Mapping[str, str], secrets: Mapping[str, str]) -> BenchStack:
        """Lay out the project, `pulumi stack init`, set plaintext and secret config."""
        if not pulumi_executable().is_file():
            raise EngineCommandError(f"{pulumi_executable()} is missing: run `make setup`")
        copy_project(self.project_dir)
        self.backend_dir.mkdir(parents=True, exist_ok=True)
        self.logs_dir.mkdir(parents=True, exist_ok=True)
        if not self.automatic_logs:
            _block_automatic_logs(self.env)
        self.pulumi("stack", "init")
        pairs = [f"{key}={value}" for key, value in {**config, "entra-box:spec": SPEC_FILE}.items()]
        self.pulumi("config", "set-all", *(arg for pair in pairs for arg in ("--plaintext", pair)))
        for key, value in secrets.items():
            self.pulumi("config", "set", "--secret", key, stdin=value)
        return self

    def write_spec(self, text: str) -> None:
        self.spec_path.write_text(text, encoding="utf-8")

    def checkpoint(self) -> Path:
        """The file backend's checkpoint of this stack (the whole state, rewritten per step)."""
        return self.backend_dir / ".pulumi" / "stacks" / PROJECT / f"{self.name}.json"

    def pulumi(
        self, *args: str, stdin: str = "", env: Mapping[str, str] | None = None
    ) -> EngineRun:
        """Run `pulumi ARGS` (with `env` added); raise EngineCommandError unless it exits 0."""
        self._runs += 1
        log = self.logs_dir / f"{self._runs:02d}-{args[0]}.log"
        command = [str(pulumi_executable()), *args, "--stack", self.name, "--non-interactive"]
        if self.profile:
            # `<log>.<pid>.cpu` / `.mem` / `.trace`: `go tool pprof -top <pulumi> <file>.cpu`.
            command += ["--profiling", str(log.with_suffix(""))]
        with log.open("w", encoding="utf-8") as output:
            started = time.perf_counter()
            process = subprocess.Popen(
                command,
                cwd=self.project_dir,
                env={**self.env, **(env or {})},
                stdin=subprocess.PIPE,
                stdout=output,
                stderr=subprocess.STDOUT,
                text=True,
            )
            with ProcessWatcher(process.pid) as watcher:
                process.communicate(stdin)
            seconds = time.perf_counter() - started
        if process.returncode != 0:
            raise EngineCommandError(
                f"pulumi {' '.join(args)} exited {process.returncode}; its output is in {log}:\n"
                + _tail(log)
            )
        return EngineRun(seconds, dict(watcher.peak_kb), watcher.cpu_seconds, log)


def _block_automatic_logs(env: Mapping[str, str]) -> None:
    # A file where the CLI wants its logs directory: it cannot start the automatic log.
    home = Path(env["PULUMI_HOME"])
    home.mkdir(parents=True, exist_ok=True)
    (home / "logs").write_text("automatic logs off for this benchmark\n", encoding="utf-8")


def _tail(log: Path, lines: int = 30) -> str:
    return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
