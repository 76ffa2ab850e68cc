"""Every problem of a spec file in one report: structural ones, and cross-references of the rest.

Called by the CLI and the Pulumi program when loading a spec fails. A `SpecError` from
`components.spec.load` carries the file's valid parts (`partial`); resolving them against
the inline directory adds the cross-reference problems (unknown groups, people not in the
directory or not in scope) that would otherwise appear only once the first round is fixed.
A cross-reference problem about text that was cut out as invalid is left out: it is the
same mistake, reported once already.
"""

from __future__ import annotations

from components.resolve.directory import inline_directory
from components.resolve.resolver import resolve
from components.spec import SpecError, SpecIssue


def with_cross_references(error: SpecError) -> SpecError:
    """`error`, plus the cross-reference problems of the spec's valid parts (inline only)."""
    partial = error.partial
    if partial is None or partial.directory.source != "inline":
        return error
    try:
        resolve(partial, inline_directory(partial))
    except SpecError as more:
        seen = {(issue.path, issue.message) for issue in error.issues}
        extra = [
            issue
            for issue in more.issues
            if (issue.path, issue.message) not in seen and not _about(issue, error.dropped)
        ]
        return SpecError([*error.issues, *extra]) if extra else error
    return error


def _about(issue: SpecIssue, dropped: frozenset[str]) -> bool:
    """Whether the issue quotes text that was cut out of the spec as invalid."""
    message = issue.message.casefold()
    return any(f"'{text.casefold()}'" in message for text in dropped if text)
