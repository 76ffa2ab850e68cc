"""The engine test harness: the real Pulumi CLI running the entra-box program in a temp project.

Used by the `engine_stack` / `new_engine_stack` fixtures (tests/conftest.py) and through them
by the end-to-end tests (`tests/e2e/`), the reliability tests and the preview-summary tests.
An `EngineStack` owns one temporary directory holding

- `project/`: the project files the program needs (`Pulumi.yaml` with the virtualenv made
  absolute, `__main__.py`); the `components` package comes from the editable install, so
  the code under test is this checkout's. Stack config files land in `project/stacks/`
  (the project's `stackConfigDir`), never in the repository's `stacks/`;
- `backend/`: a file backend (`file://...`), so state is plain files a test can search;
- `home/`: a private PULUMI_HOME (workspace settings, plugin cache, credentials);
- the spec the test writes (`project/spec.yaml`), which `entra-box:spec` points at.

Secrets use the passphrase provider; `box:clientSecret` is set with
`pulumi config set --secret` and its value passed on stdin, as a person would type it.
Every command runs with `--non-interactive` and returns an `EngineRun` (exit code, stdout,
stderr), never raising on failure unless asked (`check=True`).
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from components.provider_host.stored_once import whole
from emulator.config import DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_ENTERPRISE_ID
from tools.pulumi_toolchain import engine_env, pulumi_executable
from tools.pulumi_toolchain.engine import copy_project as copy_project

REPO_ROOT = Path(__file__).resolve().parents[2]
POLICY_PACK = REPO_ROOT / "policies"
# The realistic organisation `make demo` deploys: an inactive user, a co-admin, provisioned
# groups and a Box-only group with a group admin.
DEMO_SPEC = REPO_ROOT / "stacks" / "demo.yaml"
PASSPHRASE = "engine-tests-passphrase"
SPEC_CONFIG_KEY = "entra-box:spec"
SECRET_CONFIG_KEY = "box:clientSecret"
# Quick client-side pacing and retries: the emulator is local and never needs patience.
FAST_BOX_TUNING: dict[str, str] = {
    "box:maxRequestsPerMinute": "60000",
    "box:retryTimeoutSeconds": "20",
    "box:retryBaseSeconds": "0.05",
}
COMMAND_TIMEOUT_SECONDS = 600
# Run every engine test against a user model other than the default (shards), e.g.
# `ENTRA_BOX_TEST_USER_MODEL=per-user pytest -m engine tests/safety`
# (`entra-box:userModel`, docs/performance-shards.md).
USER_MODEL_VARIABLE = "ENTRA_BOX_TEST_USER_MODEL"


def user_model_config(model: str | None) -> dict[str, str]:
    """The stack config that selects `model` (none: the program's default)."""
    return {"entra-box:userModel": model} if model else {}


def recorded(resource: Mapping[str, Any]) -> dict[str, Any]:
    """A resource's outputs as its provider wrote them: a provider that stores its inputs
    once (stored_once.py, e.g. a user shard's people) has them made whole by its inputs."""
    return whole(resource.get("outputs") or {}, resource.get("inputs") or {})


def holds(resource: Mapping[str, Any], logins: set[str]) -> bool:
    """Whether a `box:User` is, or a `box:UserShard` holds, one of `logins`."""
    outputs = recorded(resource)
    if resource["type"].endswith("box:User"):
        return outputs.get("login") in logins
    if resource["type"].endswith("box:UserShard"):
        entries = (outputs.get("users") or {}).values()
        return any(entry.get("login") in logins for entry in entries)
    return False


class EngineCommandError(AssertionError):
    """A `pulumi` command that had to succeed failed; its output is in the message."""


@dataclass(frozen=True)
class EngineRun:
    """One finished `pulumi` command."""

    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    @property
    def output(self) -> str:
        """Everything the command printed (stdout, then stderr)."""
        return f"{self.stdout}\n{self.stderr}"

    def json(self) -> Any:
        """stdout parsed as JSON (commands run with `--json`)."""
        return json.loads(self.stdout)

    def describe(self) -> str:
        return (
            f"pulumi {' '.join(self.args)} exited {self.returncode}\n"
            f"--- stdout ---\n{self.stdout}\n--- stderr ---\n{self.stderr}"
        )


@dataclass(frozen=True)
class BoxTarget:
    """Where and as whom the stack's Box providers connect (the `box:*` stack config)."""

    base_url: str
    client_id: str
    client_secret: str
    enterprise_id: str
    tuning: Mapping[str, str] = field(default_factory=lambda: dict(FAST_BOX_TUNING))

    def plaintext_config(self) -> dict[str, str]:
        return {
            "box:clientId": self.client_id,
            "box:enterpriseId": self.enterprise_id,
            "box:baseUrl": self.base_url,
            **self.tuning,
        }


def emulator_target(url: str) -> BoxTarget:
    """The `box:*` stack config for an emulator at `url`, with its default credentials."""
    return BoxTarget(
        base_url=url,
        client_id=DEFAULT_CLIENT_ID,
        client_secret=DEFAULT_CLIENT_SECRET,
        enterprise_id=DEFAULT_ENTERPRISE_ID,
    )


class EngineStack:
    """One stack of the entra-box program, its own project copy, backend and PULUMI_HOME."""

    def __init__(self, root: Path, name: str = "e2e", passphrase: str = PASSPHRASE) -> None:
        self.root = root
        self.name = name
        self.passphrase = passphrase
        self.project_dir = root / "project"
        self.backend_dir = root / "backend"
        self.home_dir = root / "home"
        self.spec_path = self.project_dir / "spec.yaml"
        # Every command run so far, e.g. to search all output for a secret.
        self.runs: list[EngineRun] = []
        self.env = engine_env(
            backend_url=f"file://{self.backend_dir}",
            passphrase=passphrase,
            pulumi_home=self.home_dir,
        )

    # -- set-up -----------------------------------------------------------------------------
    def create(self) -> EngineStack:
        """Lay out the project and backend, then `pulumi stack init`."""
        if not pulumi_executable().is_file():
            raise EngineCommandError(f"{pulumi_executable()} is missing: run `make setup` first")
        copy_project(self.project_dir)
        self.backend_dir.mkdir(parents=True, exist_ok=True)
        self.pulumi("stack", "init", check=True)
        return self

    def connect_box(self, target: BoxTarget) -> EngineStack:
        """Set the `box:*` config; the client secret encrypted, passed on stdin."""
        model = os.environ.get(USER_MODEL_VARIABLE)
        self.set_config({**target.plaintext_config(), **user_model_config(model)})
        self.set_secret(SECRET_CONFIG_KEY, target.client_secret)
        return self

    def write_spec(self, spec: Mapping[str, Any] | str) -> Path:
        """Write the stack's spec (a mapping is dumped as YAML) and point `entra-box:spec` at it."""
        text = spec if isinstance(spec, str) else yaml.safe_dump(dict(spec), sort_keys=False)
        first = not self.spec_path.exists()
        self.spec_path.write_text(text)
        if first:
            self.set_config({SPEC_CONFIG_KEY: self.spec_path.name})
        return self.spec_path

    def set_config(self, values: Mapping[str, str]) -> None:
        """Plaintext config values, in one `pulumi config set-all`."""
        pairs = [arg for key, value in values.items() for arg in ("--plaintext", f"{key}={value}")]
        self.pulumi("config", "set-all", *pairs, check=True)

    def set_secret(self, key: str, value: str) -> None:
        """`pulumi config set --secret KEY` with the value on stdin (never on the command line)."""
        self.pulumi("config", "set", "--secret", key, check=True, stdin=value)

    # -- the engine's commands --------------------------------------------------------------
    def preview(self, *args: str, check: bool = False) -> EngineRun:
        return self.pulumi("preview", *args, check=check)

    def preview_json(self, *args: str) -> EngineRun:
        """`pulumi preview --json`: one JSON document on stdout (steps, changeSummary, ...)."""
        return self.pulumi("preview", "--json", *args)

    def up(self, *args: str, check: bool = True) -> EngineRun:
        return self.pulumi("up", "--yes", "--skip-preview", *args, check=check)

    def refresh(self, *args: str, check: bool = False) -> EngineRun:
        return self.pulumi("refresh", "--yes", "--skip-preview", *args, check=check)

    def destroy(self, *args: str, check: bool = True) -> EngineRun:
        return self.pulumi("destroy", "--yes", "--skip-preview", *args, check=check)

    def export_state(self) -> dict[str, Any]:
        """`pulumi stack export`: the deployment as the backend stores it (secrets encrypted)."""
        exported: dict[str, Any] = self.pulumi("stack", "export", check=True).json()
        return exported

    def outputs(self) -> dict[str, Any]:
        found: dict[str, Any] = self.pulumi("stack", "output", "--json", check=True).json()
        return found

    def resources(self, type_suffix: str) -> list[dict[str, Any]]:
        """The state's resources whose type ends with `type_suffix` (e.g. `box:User`)."""
        deployment = self.export_state()["deployment"]
        return [r for r in deployment.get("resources") or [] if r["type"].endswith(type_suffix)]

    def recorded_users(self) -> dict[str, dict[str, Any]]:
        """Every managed Box user the state records, by login, in either user model.

        Each is the person's recorded fields with `id` (the Box user id) and `adopted`: a
        `box:User` resource's outputs, or one entry of a `box:UserShard`.
        """
        found: dict[str, dict[str, Any]] = {}
        for user in self.resources("box:User"):
            outputs = user.get("outputs") or {}
            found[str(outputs.get("login"))] = {**outputs, "id": user["id"]}
        for shard in self.resources("box:UserShard"):
            outputs = recorded(shard)
            ids, adopted = outputs.get("user_ids") or {}, set(outputs.get("adopted") or [])
            for key, entry in (outputs.get("users") or {}).items():
                found[str(entry.get("login"))] = {
                    **entry,
                    "id": ids.get(key),
                    "adopted": key in adopted,
                }
        return found

    def user_resources(self, logins: Iterable[str]) -> list[dict[str, Any]]:
        """The state's resources that hold any of `logins`: `box:User`s or user shards."""
        wanted = set(logins)
        deployment = self.export_state()["deployment"]
        return [r for r in deployment.get("resources") or [] if holds(r, wanted)]

    def pulumi(self, *args: str, check: bool = False, stdin: str | None = None) -> EngineRun:
        """Run `pulumi ARGS --stack NAME --non-interactive` in the project directory."""
        full = (*args, "--stack", self.name, "--non-interactive")
        done = subprocess.run(
            [str(pulumi_executable()), *full],
            cwd=self.project_dir,
            env=self.env,
            input=stdin if stdin is not None else "",
            capture_output=True,
            text=True,
            timeout=COMMAND_TIMEOUT_SECONDS,
            check=False,
        )
        run = EngineRun(full, done.returncode, done.stdout, done.stderr)
        self.runs.append(run)
        if check and not run.ok:
            raise EngineCommandError(run.describe())
        return run

    # -- what is on disk ----------------------------------------------------------------------
    def backend_files(self) -> list[Path]:
        return sorted(path for path in self.backend_dir.rglob("*") if path.is_file())

    def stack_config_file(self) -> Path:
        return self.project_dir / "stacks" / f"Pulumi.{self.name}.yaml"
