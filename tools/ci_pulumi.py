"""The Pulumi commands the GitHub workflows run per stack, in one place the tests run too.

Every command refreshes first (`--refresh`): what Box and Entra hold now is what a run
compares the spec with, so a deploy repairs drift and never reports a stack converged
while Box lacks what the spec wants. A repair that would undo access taken away in Box (a
lockout) is refused by the providers unless acknowledged (docs/drift-and-lockouts.md).

`python -m tools.ci_pulumi preview STACK --out DIR` (workflow Preview): the policy-gated
`pulumi preview --refresh --diff` (its text to the log and `DIR/STACK.txt`, its exit code to
`DIR/STACK.exit`), then `pulumi preview --refresh --json` into `DIR/STACK.json` for
`tools.preview_summary` (the engine leaves policy results out of its JSON, hence two runs).
`up STACK` (workflow Deploy): `pulumi up --refresh` with the policy pack and
`PULUMI_SKIP_CHECKPOINTS=true`, then `pulumi preview --refresh --expect-no-changes` to
show the stack converged. `drift STACK` (workflow Drift check): `pulumi preview --refresh
--expect-no-changes`, non-zero when Box or Entra drifted. Each exits with the status of
the command that decides it. The policy pack is `policies/`, with
`policies/config/STACK.json` when that file exists. Run from the project directory, with
the backend and secrets in the environment (PULUMI_BACKEND_URL, PULUMI_CONFIG_PASSPHRASE,
...), as the workflows and tests/delivery do. Verbose engine logging writes those secrets
to logs, so every command refuses to run while it is on (`tools.verbose_logging`; exit
code 2, nothing run). The CLI is set-up's (`.venv/bin/pulumi`, development) if present, else
the `pulumi` on PATH (the production workflows install it with pulumi/actions,
`.github/actions/runtime`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from tools.pulumi_toolchain import pulumi_executable
from tools.pulumi_toolchain.engine import SKIP_CHECKPOINTS
from tools.verbose_logging import refusal, verbose_environment, verbose_flags

COMMON = ("--color", "never", "--non-interactive")
REFUSED = 2


class VerboseLoggingError(Exception):
    """A command would run with verbose engine logging, which writes secrets to logs."""


def refuse_verbose_logging(args: Sequence[str], environ: Mapping[str, str]) -> None:
    """Raise `VerboseLoggingError` if `args` or `environ` turn verbose engine logging on."""
    verbose = [*verbose_flags(args), *verbose_environment(environ)]
    if verbose:
        raise VerboseLoggingError(refusal(verbose))


def policy_args(stack: str, pack: Path) -> list[str]:
    """`--policy-pack PACK`, plus `--policy-pack-config PACK/config/STACK.json` if present."""
    args = ["--policy-pack", str(pack)]
    config = pack / "config" / f"{stack}.json"
    return [*args, "--policy-pack-config", str(config)] if config.is_file() else args


def pulumi_cli(development: Path | None = None, path: str | None = None) -> str:
    """Set-up's CLI in the virtualenv if there is one, else the one on PATH (as installed)."""
    candidate = development if development is not None else pulumi_executable()
    if candidate.is_file():
        return str(candidate)
    found = shutil.which("pulumi", path=path if path is not None else os.environ.get("PATH"))
    if found is None:
        raise SystemExit(
            "ci_pulumi: no pulumi CLI: install it (pulumi/actions in a workflow, "
            "https://www.pulumi.com/docs/install/ elsewhere) or run `make setup`"
        )
    return found


def pulumi(
    stack: str, *args: str, capture: bool = False, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`pulumi ARGS --stack STACK` with plain output; shown live unless captured."""
    environ = {**os.environ, **(env or {})}
    refuse_verbose_logging(args, environ)
    command = [pulumi_cli(), *args, "--stack", stack, *COMMON]
    if not capture:
        print(f"$ pulumi {' '.join(args)} --stack {stack}", flush=True)
    return subprocess.run(command, capture_output=capture, text=True, check=False, env=environ)


def preview(stack: str, out: Path, pack: Path) -> int:
    """The gated text preview and the JSON preview, written for the PR summary."""
    out.mkdir(parents=True, exist_ok=True)
    gated = pulumi(stack, "preview", "--refresh", "--diff", *policy_args(stack, pack), capture=True)
    text = gated.stdout + gated.stderr
    sys.stdout.write(text)
    (out / f"{stack}.txt").write_text(text)
    (out / f"{stack}.exit").write_text(f"{gated.returncode}\n")
    as_json = pulumi(stack, "preview", "--refresh", "--json", capture=True)
    (out / f"{stack}.json").write_text(as_json.stdout)
    sys.stderr.write(as_json.stderr)
    return gated.returncode


def up(stack: str, pack: Path) -> int:
    """`pulumi up --refresh` with the policy pack, then a check that Box holds the spec."""
    deployed = pulumi(
        stack,
        "up",
        "--yes",
        "--refresh",
        "--diff",
        *policy_args(stack, pack),
        env=SKIP_CHECKPOINTS,
    )
    if deployed.returncode != 0:
        return deployed.returncode
    # Against Box as it is now, not the state the up just wrote: converged means Box holds it.
    return pulumi(stack, "preview", "--refresh", "--expect-no-changes").returncode


def drift(stack: str) -> int:
    """Non-zero when what Box and Entra hold differs from what was last deployed."""
    return pulumi(stack, "preview", "--refresh", "--expect-no-changes", "--diff").returncode


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.ci_pulumi")
    parser.add_argument("--policy-pack", type=Path, default=Path("policies"))
    commands = parser.add_subparsers(dest="command", required=True)
    previewing = commands.add_parser("preview", help="gated preview and JSON for the summary")
    previewing.add_argument("stack")
    previewing.add_argument("--out", type=Path, required=True)
    commands.add_parser("up", help="deploy with the policy pack").add_argument("stack")
    commands.add_parser("drift", help="fail when the stack drifted").add_argument("stack")
    args = parser.parse_args(argv)
    try:
        return _run(args)
    except VerboseLoggingError as refused:
        print(f"ci_pulumi: {refused}", file=sys.stderr)
        return REFUSED


def _run(args: argparse.Namespace) -> int:
    refuse_verbose_logging((), os.environ)  # before anything is written
    if args.command == "preview":
        return preview(args.stack, args.out, args.policy_pack)
    if args.command == "up":
        return up(args.stack, args.policy_pack)
    return drift(args.stack)


if __name__ == "__main__":
    raise SystemExit(main())
