"""Helpers for the spec, resolution and CLI tests: write a spec, run the CLI in-process.

Tests call the command line as a user does (`validate`, `resolve`) through
`components.cli.main(argv)`, which returns the exit code; stdout and stderr are captured.
`spec_text` assembles a spec from YAML sections so each case states only what it changes.
"""

from __future__ import annotations

import contextlib
import io
import json
from dataclasses import dataclass
from pathlib import Path
from textwrap import dedent
from typing import Any

from components.cli import main

ENTRA = """
entra:
  application: {displayName: Box (test)}
  assignments:
    - {group: Engineering, role: User}
    - {group: Design, role: User}
    - {user: eve@contoso.com, role: User}
"""

DIRECTORY = """
directory:
  users:
    - {userPrincipalName: ada@contoso.com, displayName: Ada Lovelace, jobTitle: Engineer}
    - {userPrincipalName: bob@contoso.com, displayName: Bob Kahn, mail: robert@contoso.com}
    - {userPrincipalName: cy@contoso.com, displayName: Cy Young, accountEnabled: false}
    - {userPrincipalName: dee@contoso.com, displayName: Dee Unassigned}
    - {userPrincipalName: eve@contoso.com, displayName: Eve Direct}
    - {userPrincipalName: fay@contoso.com, displayName: Fay Nested}
  groups:
    - {displayName: Engineering, members: [ada@contoso.com, bob@contoso.com, Platform]}
    - {displayName: Design, members: [bob@contoso.com, cy@contoso.com]}
    - {displayName: Platform, members: [fay@contoso.com]}
"""


def spec_text(
    *,
    entra: str = ENTRA,
    provisioning: str = "",
    directory: str = DIRECTORY,
    box: str = "",
    version: str = "version: 1\n",
) -> str:
    """A spec from YAML sections; each defaults to the shared example above."""
    return version + "".join(dedent(part) for part in (entra, provisioning, directory, box))


@dataclass(frozen=True)
class Run:
    """One command's exit code and output."""

    code: int
    out: str
    err: str

    @property
    def error_lines(self) -> list[str]:
        return self.err.splitlines()

    def json(self) -> Any:
        return json.loads(self.out)


def run_cli(*argv: str) -> Run:
    """`python -m components *argv`, in-process."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return Run(code, out.getvalue(), err.getvalue())


def write_spec(directory: Path, text: str | bytes, name: str = "stack.yaml") -> Path:
    path = directory / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def validate(directory: Path, text: str | bytes) -> Run:
    return run_cli("validate", str(write_spec(directory, text)))


def assert_rejected(run: Run, problem: str, fix: str) -> None:
    """The run failed cleanly, and the line reporting `problem` also says how to fix it."""
    assert run.code == 1
    lines = [line for line in run.error_lines if f": {problem}" in line]
    assert lines, run.err
    assert fix in lines[0]
    assert "Traceback" not in run.err


def resolve_ok(directory: Path, text: str) -> Any:
    """The desired state of a spec that must resolve."""
    run = run_cli("resolve", str(write_spec(directory, text)))
    assert run.code == 0, run.err
    return run.json()


def users_by_login(state: Any) -> dict[str, Any]:
    return {user["login"]: user for user in state["box"]["users"]}


def groups_by_name(state: Any) -> dict[str, Any]:
    return {group["name"]: group for group in state["box"]["groups"]}
