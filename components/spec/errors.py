"""Spec problems and the one error type that carries them.

Every stage that can reject a spec (the YAML loader, the pydantic models, the resolution's
cross-reference checks) reports `SpecIssue`s: a spec path, what is wrong and what to do,
and, when the spec came from a file, where in that file. `SpecError` carries all issues of
a file at once; its `str()` is one line per issue in the form editors and CI logs link:
`stacks/prod.yaml:14:9: entra.assignments[2].role: <message>; <what to do>`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from components.spec.model import Spec

SpecPath = tuple[str | int, ...]

_PLAIN_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


def format_path(path: SpecPath) -> str:
    """Render a spec path as `entra.assignments[2].role`, `box.users['a@b.c'].role`."""
    if not path:
        return "(top level)"
    parts: list[str] = []
    for element in path:
        if isinstance(element, int):
            parts.append(f"[{element}]")
        elif _PLAIN_KEY.match(element):
            parts.append(f".{element}" if parts else element)
        else:
            parts.append(f"[{element!r}]")
    return "".join(parts)


@dataclass(frozen=True, order=True)
class Location:
    """A place in a spec file; line and column are 1-based, as editors count them."""

    file: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        if self.line is None:
            return self.file
        return f"{self.file}:{self.line}:{self.column or 1}"


@dataclass(frozen=True)
class SpecIssue:
    """One problem in a spec: where, what is wrong, and what to do about it."""

    path: SpecPath
    message: str
    hint: str
    location: Location | None = None

    def __str__(self) -> str:
        where = str(self.location) if self.location else "<spec>"
        text = f"{where}: {format_path(self.path)}: {self.message}"
        return f"{text}; {self.hint}" if self.hint else text

    def sort_key(self) -> tuple[int, int, str]:
        line = self.location.line if self.location and self.location.line else 1 << 30
        column = self.location.column if self.location and self.location.column else 0
        return (line, column, format_path(self.path))


class SpecError(Exception):
    """A spec that cannot be used, with every issue found in it, in file order."""

    def __init__(
        self,
        issues: Iterable[SpecIssue],
        *,
        partial: Spec | None = None,
        dropped: Iterable[str] = (),
    ) -> None:
        self.issues: tuple[SpecIssue, ...] = tuple(sorted(issues, key=SpecIssue.sort_key))
        if not self.issues:
            raise ValueError("a SpecError needs at least one issue")
        # What of a structurally invalid file is valid (`components.spec.salvage`), so that
        # resolution can check its cross-references in the same run; and the text cut out.
        self.partial = partial
        self.dropped = frozenset(dropped)
        super().__init__(self.render())

    def render(self) -> str:
        """All issues, one per line, ready for stderr."""
        return "\n".join(str(issue) for issue in self.issues)

    def __str__(self) -> str:
        return self.render()
