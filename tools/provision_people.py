"""`python -m tools.provision_people STACK LOGIN...`: provision named people now, nobody else.

What `pulumi up --target <one box:User>` does in the one-resource-per-person model, for a
stack in user shards (the default; docs/performance-shards.md): `pulumi up` with the
policy pack, targeted at the stack's user shards, with `ENTRA_BOX_PEOPLE_ONLY` naming the
people, so each shard applies those people's changes (create or adopt, update) and holds
everyone else's back for the next full run. Nothing is deprovisioned: the departures
resource is not in the target, so leavers wait for the next full run and its guard. Every
Box write is logged as in any run, after the engine's `--diff` preview; `--preview-only`
shows that preview and changes nothing. Run from the project directory with the backend and
secrets in the environment, as `tools.ci_pulumi` is. A stack set to `entra-box:userModel:
per-user` has no shards to target, so it is refused (exit 2, nothing run) with the
`--target` that does the same there.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import yaml

from components.box.shard_entries import PEOPLE_ONLY_VARIABLE
from tools.ci_pulumi import VerboseLoggingError, policy_args, pulumi

REFUSED = 2
SHARD_TYPE = "entra-box:box:Tenant$pulumi-python:dynamic/box:UserShard"
USER_MODEL_KEY = "entra-box:userModel"
PER_USER = "per-user"


class PerUserStackError(Exception):
    """The stack holds one `box:User` per person: there is no user shard to target."""


def shard_target(stack: str, project: str) -> str:
    """The `--target` that selects every user shard of the stack (a Pulumi URN glob)."""
    return f"urn:pulumi:{stack}::{project}::{SHARD_TYPE}::*"


def project_name(project_dir: Path) -> str:
    """The `name` of the project's Pulumi.yaml."""
    loaded = yaml.safe_load((project_dir / "Pulumi.yaml").read_text(encoding="utf-8"))
    return str(loaded["name"])


def refuse_per_user_stacks(stack: str, project: str) -> None:
    """Refuse a `per-user` stack: targeting its (absent) shards would do nothing, silently."""
    configured = pulumi(stack, "config", "get", USER_MODEL_KEY, capture=True)
    # Not set (the command fails): the default, user shards.
    if configured.returncode == 0 and configured.stdout.strip() == PER_USER:
        raise PerUserStackError(
            f"stack {stack} sets {USER_MODEL_KEY}: {PER_USER}, so it has no user shards; "
            "target the person's box:User instead: pulumi up --target "
            f"'urn:pulumi:{stack}::{project}::entra-box:box:Tenant$pulumi-python:dynamic/"
            "box:User::<key>' (docs/reviewing-and-deploying.md, 'Provisioning one person now')"
        )


def provision(stack: str, logins: Sequence[str], pack: Path, *, preview_only: bool) -> int:
    """`pulumi up` (or preview) of the named people only; its exit code."""
    project = project_name(Path.cwd())
    refuse_per_user_stacks(stack, project)
    target = shard_target(stack, project)
    command = ["preview"] if preview_only else ["up", "--yes"]
    args = [*command, "--target", target, "--diff", *policy_args(stack, pack)]
    env = {PEOPLE_ONLY_VARIABLE: ",".join(login.strip().lower() for login in logins)}
    return pulumi(stack, *args, env=env).returncode


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.provision_people", description=__doc__)
    parser.add_argument("stack")
    parser.add_argument("logins", nargs="+", metavar="LOGIN", help="people to provision now")
    parser.add_argument("--policy-pack", type=Path, default=Path("policies"))
    parser.add_argument("--preview-only", action="store_true", help="show, change nothing")
    args = parser.parse_args(argv)
    try:
        return provision(args.stack, args.logins, args.policy_pack, preview_only=args.preview_only)
    except (VerboseLoggingError, PerUserStackError) as refused:
        print(f"provision_people: {refused}", file=sys.stderr)
        return REFUSED


if __name__ == "__main__":
    raise SystemExit(main())
