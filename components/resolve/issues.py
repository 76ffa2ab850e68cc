"""Collecting resolution's problems, located in the spec file, to report them all at once.

Every resolution step (`directory_index`, `scope`, `users`, `groups`, `settings`) adds to
one `IssueLog`; `resolve` raises a single `SpecError` at the end. Paths into the directory
point at `directory.users[i]` for an inline directory and at `directory.source` when the
directory came from Entra (the message then names the user or group).
"""

from __future__ import annotations

from collections.abc import Collection

from components.spec import SpecError, SpecIssue, SpecPath
from components.spec.model import Spec
from components.spec.suggest import closest

# Suggesting "did you mean" scans every known name; cap it so that a spec with thousands
# of bad references still fails fast.
_SUGGESTION_BUDGET = 20


class IssueLog:
    """The problems found so far in one resolution."""

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        self.issues: list[SpecIssue] = []
        self._inline = spec.directory.source == "inline"
        self._suggestions_left = _SUGGESTION_BUDGET

    def add(self, path: SpecPath, message: str, hint: str, *, at_key: bool = False) -> None:
        source = self.spec.source
        location = source.locate(path, at_key=at_key) if source else None
        self.issues.append(SpecIssue(path, message, hint, location))

    def suggest(self, name: str, known: Collection[str], otherwise: str) -> str:
        """'did you mean ...?' for a misspelt `name`, while the budget lasts."""
        if self._suggestions_left <= 0:
            return otherwise
        self._suggestions_left -= 1
        match = closest(name, known)
        return f"did you mean {match!r}? If not, {otherwise}" if match else otherwise

    def user_path(self, index: int, attribute: str | None = None) -> SpecPath:
        """Where directory user `index` (and its `attribute`) is written, if anywhere."""
        if not self._inline:
            return ("directory", "source")
        path: SpecPath = ("directory", "users", index)
        return (*path, attribute) if attribute else path

    def group_path(self, index: int, *rest: str | int) -> SpecPath:
        """Where directory group `index` (and a part of it) is written, if anywhere."""
        if not self._inline:
            return ("directory", "source")
        return ("directory", "groups", index, *rest)

    def raise_if_any(self) -> None:
        if self.issues:
            raise SpecError(self.issues)
