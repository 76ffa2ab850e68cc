"""The one diff helper the Box providers share: which keys update in place, which replace.

`BoxUserProvider.diff` and `BoxGroupProvider.diff` (and their `update`s, to know what to
send) use `DiffRules`. Pure: plain dicts in, a `DetailedDiffResult` (the changed keys, and
for maps such as a group's members the changed entries, `detailed_diff.py`) or key list out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from components.provider_host.detailed_diff import (
    DetailedDiffResult,
    Kind,
    Paths,
    changed_paths,
    path,
)


@dataclass(frozen=True)
class DiffRules:
    """Per resource type: keys Box updates in place, keys that force replacement."""

    in_place: frozenset[str]
    replace: frozenset[str] = frozenset()
    # The value of a key as compared: one recorded in another form (a quota as bytes by an
    # earlier version, `50 GB` now) is the same value, not a change.
    comparable: Callable[[str, Any], Any] = lambda _key, value: value
    # Maps whose entries are shown one by one (a group's `members`), not as one value.
    by_entry: frozenset[str] = frozenset()

    def changed(self, olds: Mapping[str, Any], news: Mapping[str, Any]) -> list[str]:
        """The managed keys whose new value differs from the old one, sorted."""
        keys = sorted(self.in_place | self.replace)
        return [key for key in keys if self._differs(key, olds, news)]

    def diff(self, olds: Mapping[str, Any], news: Mapping[str, Any]) -> DetailedDiffResult:
        """The engine's view: any change at all, which force replacement, and their paths."""
        changed = self.changed(olds, news)
        replaces = [key for key in changed if key in self.replace]
        return DetailedDiffResult(
            changes=bool(changed), paths=self.paths(olds, news, changed), replaces=replaces
        )

    def paths(self, olds: Mapping[str, Any], news: Mapping[str, Any], keys: list[str]) -> Paths:
        """The paths of the changed `keys`: one per key, or per entry of a `by_entry` map."""
        paths: Paths = {}
        for key in keys:
            depth = 1 if key in self.by_entry else 0
            # A value that differs only as compared (50 GB recorded as bytes) is never in
            # `keys`; one that compares differently always differs as written too.
            paths.update(changed_paths(olds, news, [key], depth=depth) or {path(key): Kind.UPDATE})
        return paths

    def _differs(self, key: str, olds: Mapping[str, Any], news: Mapping[str, Any]) -> bool:
        # A value the spec stops setting is a change too: `check` has already put Box's
        # default in its place where Box has one (`field_rules.py`); where it has none the
        # update only stops managing the field, so the state no longer claims it.
        return bool(self.comparable(key, olds.get(key)) != self.comparable(key, news.get(key)))
