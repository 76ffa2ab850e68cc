"""A stack's config and managed Box objects, read through the `pulumi` CLI.

`python -m components inventory|onboard --stack STACK` call `stack_config` for the `box:*`
settings (secrets decrypted by `pulumi`, with whatever passphrase or backend login the
environment gives it, exactly as `pulumi preview` would) and `managed_objects` for the Box
ids the stack's state records. Nothing here writes: both are read-only `pulumi` commands.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from components.provider_host.stored_once import whole

USER_TYPE = "pulumi-python:dynamic/box:User"
GROUP_TYPE = "pulumi-python:dynamic/box:Group"
SHARD_TYPE = "pulumi-python:dynamic/box:UserShard"
_TIMEOUT_SECONDS = 300


class StackReadError(Exception):
    """`pulumi` could not read the stack; the message says what it printed and what to do."""


@dataclass(frozen=True)
class StackConfig:
    """A stack's config as plain values by namespaced key (`box:clientId`); secrets decrypted."""

    values: dict[str, Any]

    def get(self, key: str) -> Any:
        return self.values.get(key)


@dataclass(frozen=True)
class ManagedObjects:
    """What the stack's state records as managed: Box ids, and logins / names as a fallback."""

    user_ids: frozenset[str]
    logins: frozenset[str]
    group_ids: frozenset[str]
    group_names: frozenset[str]

    def manages_user(self, user_id: str, login: str) -> bool:
        return user_id in self.user_ids or login.lower() in self.logins

    def manages_group(self, group_id: str, name: str) -> bool:
        return group_id in self.group_ids or name in self.group_names


def pulumi_command() -> str:
    """The `pulumi` beside this Python (a project virtualenv), else the one on PATH."""
    beside = Path(sys.executable).parent / "pulumi"
    if beside.is_file():
        return str(beside)
    found = shutil.which("pulumi")
    if found is None:
        raise StackReadError(
            "the pulumi CLI is not installed: install it (https://www.pulumi.com/docs/install/) "
            "or run `make setup` in a development checkout"
        )
    return found


def stack_config(stack: str, project_dir: Path) -> StackConfig:
    """`pulumi config --json --show-secrets` of `stack`, as plain values."""
    raw = _pulumi_json(["config", "--json", "--show-secrets", "--stack", stack], project_dir)
    return StackConfig({key: entry.get("value") for key, entry in raw.items()})


def managed_objects(stack: str, project_dir: Path) -> ManagedObjects:
    """The Box users and groups of `stack`'s state (`pulumi stack export`)."""
    raw = _pulumi_json(["stack", "export", "--stack", stack], project_dir)
    resources = (raw.get("deployment") or {}).get("resources") or []
    users = [r.get("outputs") or {} for r in resources if r.get("type") == USER_TYPE]
    users += _shard_users(resources)
    # A group's outputs hold only what its inputs do not (stored_once.py): read both.
    groups = [_state(r) for r in resources if r.get("type") == GROUP_TYPE]
    return ManagedObjects(
        user_ids=frozenset(str(u["user_id"]) for u in users if u.get("user_id")),
        logins=frozenset(str(u["login"]).lower() for u in users if u.get("login")),
        group_ids=frozenset(str(g["group_id"]) for g in groups if g.get("group_id")),
        group_names=frozenset(str(g["name"]) for g in groups if g.get("name")),
    )


def _shard_users(resources: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each person of the stack's user shards (`entra-box:userModel: shards`), as a user."""
    found = []
    for shard in resources:
        if shard.get("type") != SHARD_TYPE:
            continue
        outputs = _state(shard)  # a shard stores each person once, in its inputs
        ids = outputs.get("user_ids") or {}
        for key, entry in (outputs.get("users") or {}).items():
            found.append({**entry, "user_id": ids.get(key)})
    return found


def _state(resource: dict[str, Any]) -> dict[str, Any]:
    """A resource's outputs as its provider wrote them, made whole by its stored inputs."""
    return whole(resource.get("outputs") or {}, resource.get("inputs") or {})


def _pulumi_json(args: list[str], project_dir: Path) -> dict[str, Any]:
    command = [pulumi_command(), *args, "--non-interactive"]
    env = {**os.environ, "PULUMI_SKIP_UPDATE_CHECK": "true"}
    try:
        done = subprocess.run(  # noqa: S603 - a fixed argument list, no shell
            command,
            cwd=project_dir,
            env=env,
            capture_output=True,
            text=True,
            timeout=_TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise StackReadError(f"`pulumi {' '.join(args)}` did not run: {error}") from None
    if done.returncode != 0:
        said = (done.stderr or done.stdout).strip().splitlines()
        raise StackReadError(
            f"`pulumi {' '.join(args)}` failed in {project_dir}: "
            f"{said[-1] if said else 'no output'}; run it from the project directory (or pass "
            "--project DIR), select a backend with `pulumi login`, and set "
            "PULUMI_CONFIG_PASSPHRASE if the stack uses a passphrase"
        )
    loaded: dict[str, Any] = json.loads(done.stdout or "{}")
    return loaded
