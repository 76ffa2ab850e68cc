"""The `python -m components` command line: check specs, and look at a stack's Box.

`validate SPEC` exits 0 with a one-line summary, or 1 with every problem on stderr, one
`file:line:col: path: message; fix` line each; `resolve SPEC` prints the desired state
as JSON; `schema` prints the spec's JSON Schema. `inventory --stack STACK [--json]` lists
every Box user and group and which the stack manages; `onboard --stack STACK` writes a spec
that adopts the Box enterprise as it is (both in `components.inventory`, read-only, the
connection taken from the stack's config through `pulumi`). Bad input never produces a
traceback. `main(argv)` returns the exit code, so tests run the command in-process.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from components.desired import DesiredState
from components.resolve import inline_directory, resolve
from components.spec import Spec, SpecError, load_spec, render_schema


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m components",
        description="Check an entra-box spec and show the Box and Entra state it describes.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    validate = commands.add_parser("validate", help="check a spec; print a one-line summary")
    validate.add_argument("spec", metavar="SPEC", help="a spec file, e.g. stacks/dev.yaml")
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
            print(_validate(arguments.spec))
        else:
            sys.stdout.write(_resolve_file(arguments.spec).model_dump_json(indent=2) + "\n")
    except SpecError as error:
        print(error.render(), file=sys.stderr)
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


def _validate(path: str) -> str:
    spec = load_spec(path)
    if spec.directory.source == "entra":
        return (
            f"{path}: valid structure; users and groups are read from Entra at deploy time, "
            "so run 'pulumi preview' to check them"
        )
    return f"{path}: valid: {summary(spec, resolve(spec, inline_directory(spec)))}"


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
