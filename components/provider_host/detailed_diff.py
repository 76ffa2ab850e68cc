"""Detailed diffs: the exact property paths a change touches, for `pulumi preview --diff`.

Without one, the engine displays a dynamic resource's update as its old outputs against its
new inputs, whole (pkg/backend/display/object_diff.go): a group that gains one member prints
its output-only `membership_ids` map as deleted, and the departures roster or a user shard
prints every person it holds. A reviewer must then find the one real change among hundreds
of lines. A detailed diff names only the changed paths (`members["bob@contoso.com"]`,
`users["<key>"].name`), and the engine prints just those (pkg/engine/detailedDiff.go), old
values from the outputs, new ones from the inputs.

The Box providers return `DetailedDiffResult` from `diff` (`diffing.DiffRules.diff`, the
shard and departures providers); the provider host (`components/provider_host/servicer.py`)
sends its paths as the Diff response's `detailedDiff`. Pure: plain dicts in, paths out; it
lives with the host because it is part of what the host says to the engine.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import Any

from pulumi.dynamic import DiffResult

# What Pulumi's SDK puts in place of a value a preview does not know yet.
UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"


class Kind(enum.Enum):
    """How one path changes (the engine's `PropertyDiff.Kind`, without replacements)."""

    ADD = "add"
    DELETE = "delete"
    UPDATE = "update"


# Path -> how it changes.
Paths = dict[str, Kind]


class DetailedDiffResult(DiffResult):
    """A `DiffResult` that also names every changed path."""

    def __init__(self, *, changes: bool, paths: Paths, replaces: list[str] | None = None) -> None:
        super().__init__(changes=changes, replaces=replaces or [], delete_before_replace=False)
        self.paths = paths


def path(*elements: str) -> str:
    """A Pulumi property path: `.name` for plain names, `["..."]` for any other key.

    A key such as a login (dots, an `@`) is quoted (the engine's parser unescapes only
    `\\"`), so it is one element, never a walk into nested properties.
    """
    head, *rest = elements
    written = head if head.isidentifier() else _quoted(head)
    return written + "".join(_element(each) for each in rest)


def _element(key: str) -> str:
    return f".{key}" if key.isidentifier() else _quoted(key)


def _quoted(key: str) -> str:
    escaped = key.replace('"', '\\"')
    return f'["{escaped}"]'


def value_change(old: Any, new: Any) -> Kind | None:
    """How a value changes: set where it was unset, unset, changed, or None for no change."""
    if old == new:
        return None
    if old is None:
        return Kind.ADD
    if new is None:
        return Kind.DELETE
    return Kind.UPDATE


def changed_paths(
    olds: Mapping[str, Any],
    news: Mapping[str, Any],
    keys: Iterable[str],
    *,
    depth: int = 0,
    prefix: tuple[str, ...] = (),
) -> Paths:
    """The changed paths under `keys`, descending `depth` levels into maps on both sides.

    A map not yet known in a preview is one change of the whole map; a key added to or
    removed from a map is one path, not one per field it holds.
    """
    paths: Paths = {}
    for key in sorted(keys):
        old, new = olds.get(key), news.get(key)
        kind = value_change(old, new)
        if kind is None:
            continue
        if (
            kind is Kind.UPDATE
            and depth > 0
            and isinstance(old, Mapping)
            and isinstance(new, Mapping)
        ):
            inner = set(old) | set(new)
            paths.update(changed_paths(old, new, inner, depth=depth - 1, prefix=(*prefix, key)))
        else:
            paths[path(*prefix, key)] = kind
    return paths


def under(prefix: str, paths: Paths) -> Paths:
    """Paths of a nested object (a shard's entry) placed under `prefix` (`users["<key>"]`)."""
    return {f"{prefix}{_as_suffix(inner)}": kind for inner, kind in paths.items()}


def _as_suffix(inner: str) -> str:
    return inner if inner.startswith("[") else f".{inner}"


def paths_of(result: DiffResult) -> Paths | None:
    """The paths of a `DetailedDiffResult`; None for a plain `DiffResult`."""
    return result.paths if isinstance(result, DetailedDiffResult) else None


def top_level(paths: Paths) -> list[str]:
    """The top-level property of each path, once each, sorted (the response's `diffs`)."""
    return sorted({_head(each) for each in paths})


def _head(each: str) -> str:
    if each.startswith('["'):
        return each[2 : each.index('"]')].replace('\\"', '"')
    for index, character in enumerate(each):
        if character in ".[":
            return each[:index]
    return each
