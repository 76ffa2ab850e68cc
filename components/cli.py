"""The `python -m components` command line: check specs, and look at a stack's Box.

`validate SPEC` exits 0 with a one-line summary, or 1 with every problem on stderr, one
`file:line:col: path: message; fix` line each, including the guardrails every preview and
`up` enforce (`components.guardrails`, for the stack named like the file unless `--stack`);
it also warns (exit 0) about logins or Box-only groups that look renamed without
`previousLogins`/`previousNames`, against `--previous OLD_SPEC` or, by default, the file's
last committed version (`git show HEAD:<file>`). `resolve SPEC` prints the desired state as
JSON; `schema` prints the spec's JSON Schema. `inventory --stack STACK [--json]` lists
every Box user and group and which the stack manages; `onboard --stack STACK` writes a spec
that adopts the Box enterprise as it is (both in `components.inventory`, read-only, the
connection taken from the stack's config through `pulumi`). Bad input never produces a
traceback. `main(argv)` returns the exit code, so tests run the command in-process.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from components.desired import DesiredState
from components.guard import likely_renames, plan_deprovisions, roster_from_desired
from components.guardrails import Breach, check_guardrails, read_guardrail_config
from components.guardrails.config import GuardrailConfigError, config_path
from components.resolve import inline_directory, resolve, with_cross_references
from components.spec import (
    Spec,
    SpecError,
    SpecIssue,
    SpecPath,
    load_spec,
    parse_spec,
    render_schema,
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m components",
        description="Check an entra-box spec and show the Box and Entra state it describes.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    validate = commands.add_parser("validate", help="check a spec; print a one-line summary")
    validate.add_argument("spec", metavar="SPEC", help="a spec file, e.g. stacks/dev.yaml")
    validate.add_argument(
        "--stack", help="the stack the spec is for (default: the file's name, 'dev' for dev.yaml)"
    )
    validate.add_argument(
        "--previous",
        metavar="OLD_SPEC",
        help="the spec as deployed, to warn about undeclared renames (default: git HEAD's)",
    )
    show = commands.add_parser("resolve", help="print the desired state of a spec as JSON")
    show.add_argument("spec", metavar="SPEC", help="a spec file, e.g. stacks/dev.yaml")
    commands.add_parser("schema", help="print the spec's JSON Schema (for editors)")
    inventory = commands.add_parser(
        "inventory", help="list the stack's Box users and groups, and which it manages"
    )
    _stack_arguments(inventory)
    inventory.add_argument("--json", action="store_true", help="print JSON, not tables")
    onboard = commands.add_parser(
        "onboard", help="write a spec that adopts the stack's Box users and groups as they are"
    )
    _stack_arguments(onboard)
    onboard.add_argument(
        "--out", metavar="FILE", help="write the spec to FILE (default: standard output)"
    )
    return parser


def _stack_arguments(command: argparse.ArgumentParser) -> None:
    command.add_argument("--stack", required=True, help="the stack whose config connects to Box")
    command.add_argument(
        "--project",
        metavar="DIR",
        default=".",
        type=Path,
        help="the Pulumi project directory (default: the current directory)",
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the process exit code."""
    try:
        arguments = _parser().parse_args(argv)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else 2
    if arguments.command in ("inventory", "onboard"):
        return _admin_command(arguments)
    try:
        if arguments.command == "schema":
            sys.stdout.write(render_schema())
        elif arguments.command == "validate":
            print(_validate(arguments.spec, arguments.stack, arguments.previous))
        else:
            sys.stdout.write(_resolve_file(arguments.spec).model_dump_json(indent=2) + "\n")
    except SpecError as error:
        print(with_cross_references(error).render(), file=sys.stderr)
        return 1
    return 0


def _admin_command(arguments: argparse.Namespace) -> int:
    # Imported here: `validate` and `schema` must not need the Box SDK or a Pulumi stack.
    from components.inventory.command import AdminCommandError, inventory, onboard

    try:
        if arguments.command == "inventory":
            sys.stdout.write(inventory(arguments.stack, arguments.project, as_json=arguments.json))
            return 0
        text, summary = onboard(arguments.stack, arguments.project)
    except AdminCommandError as error:
        print(f"{arguments.command}: {error}", file=sys.stderr)
        return 1
    if arguments.out:
        Path(arguments.out).write_text(text, encoding="utf-8")
        print(f"{summary}: {arguments.out}", file=sys.stderr)
    else:
        sys.stdout.write(text)
        print(summary, file=sys.stderr)
    return 0


def _resolve_file(path: str) -> DesiredState:
    spec = load_spec(path)
    return resolve(spec, inline_directory(spec))


def _validate(path: str, stack: str | None, previous: str | None = None) -> str:
    spec = load_spec(path)
    if spec.directory.source == "entra":
        _check_guardrails(spec, None, path, stack)
        return (
            f"{path}: valid structure; users and groups are read from Entra at deploy time, "
            "so run 'pulumi preview' to check them"
        )
    desired = resolve(spec, inline_directory(spec))
    _check_guardrails(spec, desired, path, stack)
    for warning in rename_warnings(spec, desired, _previous_state(path, previous)):
        print(f"warning: {warning}", file=sys.stderr)
    return f"{path}: valid: {summary(spec, desired)}"


def _previous_state(path: str, previous: str | None) -> DesiredState | None:
    """The desired state of the previous spec, None when there is none usable."""
    try:
        if previous is not None:
            old = load_spec(previous)
        else:
            text = _last_committed(Path(path))
            if text is None:
                return None
            old = parse_spec(text, f"HEAD:{path}")
        if old.directory.source != "inline":
            return None
        return resolve(old, inline_directory(old))
    except SpecError:
        return None  # an invalid old spec was never deployed as such: nothing to compare


def _last_committed(path: Path) -> str | None:
    """The file's text at git HEAD, None outside git or for a file never committed."""
    git = shutil.which("git")
    if git is None:
        return None
    folder = path.resolve().parent
    shown = subprocess.run(  # noqa: S603 - fixed git command, no shell
        [git, "-C", str(folder), "show", f"HEAD:./{path.name}"],
        capture_output=True,
        text=True,
        check=False,
    )
    return shown.stdout if shown.returncode == 0 else None


def rename_warnings(spec: Spec, desired: DesiredState, old: DesiredState | None) -> list[str]:
    """'file:line:col: path: looks like a rename: ...' per undeclared rename from `old`."""
    if old is None:
        return []
    before = roster_from_desired(old, manages_box=True)
    after = roster_from_desired(desired, manages_box=True)
    plan = plan_deprovisions(before, after)
    warnings = []
    for rename in likely_renames(before, after, plan):
        path = _written_at(spec, rename.kind, rename.new)
        where = spec.source.locate(path) if spec.source else None
        issue = SpecIssue(path, f"looks like a rename: {rename.warning()}", "", where)
        warnings.append(str(issue))
    return warnings


def _written_at(spec: Spec, kind: str, name: str) -> SpecPath:
    if kind == "group":
        for position, group in enumerate(spec.box.groups):
            if group.name == name:
                return ("box", "groups", position)
        return ("box", "groups")
    for position, user in enumerate(spec.directory.users or ()):
        if name in (user.user_principal_name.lower(), (user.mail or "").lower()):
            return ("directory", "users", position)
    return ("directory", "users")


def _check_guardrails(
    spec: Spec, desired: DesiredState | None, path: str, stack: str | None
) -> None:
    """Raise `SpecError` for mandatory guardrail breaches; print advisory ones as warnings."""
    name = stack or Path(path).stem
    config_file = config_path(_project_dir(Path(path)), name)
    try:
        config = read_guardrail_config(config_file)
    except GuardrailConfigError as error:
        raise SpecError([SpecIssue((), str(error), "fix the policy config file")]) from None
    breaches = check_guardrails(spec, desired, name, config)
    for breach in breaches:
        if breach.level == "advisory":
            print(f"warning: {breach}", file=sys.stderr)
    mandatory = [breach for breach in breaches if breach.level == "mandatory"]
    if mandatory:
        raise SpecError([_as_issue(breach) for breach in mandatory])


def _as_issue(breach: Breach) -> SpecIssue:
    issue = breach.issue
    return SpecIssue(issue.path, issue.message, f"{issue.hint} [{breach.policy}]", issue.location)


def _project_dir(spec: Path) -> Path:
    """The Pulumi project holding the spec (the nearest folder with a Pulumi.yaml)."""
    folder = spec.resolve().parent
    for candidate in (folder, *folder.parents):
        if (candidate / "Pulumi.yaml").is_file():
            return candidate
    return folder.parent


def summary(spec: Spec, state: DesiredState) -> str:
    """'6 Box users (1 inactive), 2 Box groups, 4 Entra assignments'."""
    users = state.box.users
    inactive = sum(1 for user in users if user.status != "active")
    parts = [
        f"{_count(len(users), 'Box user')} ({inactive} inactive)",
        _count(len(state.box.groups), "Box group"),
        _count(len(state.entra.assignments), "Entra assignment"),
    ]
    if not spec.entra.manage:
        parts[-1] += " (read, not managed)"
    return ", ".join(parts)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
