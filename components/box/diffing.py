"""The one diff helper the Box providers share: which keys update in place, which replace.

`BoxUserProvider.diff` and `BoxGroupProvider.diff` (and their `update`s, to know what to
send) use `DiffRules`. Pure: plain dicts in, a `pulumi.dynamic.DiffResult` or key list out.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from pulumi.dynamic import DiffResult


@dataclass(frozen=True)
class DiffRules:
    """Per resource type: keys Box updates in place, keys that force replacement."""

    in_place: frozenset[str]
    replace: frozenset[str] = frozenset()
    # The value of a key as compared: one recorded in another form (a quota as bytes by an
    # earlier version, `50 GB` now) is the same value, not a change.
    comparable: Callable[[str, Any], Any] = lambda _key, value: value

    def changed(self, olds: Mapping[str, Any], news: Mapping[str, Any]) -> list[str]:
        """The managed keys whose new value differs from the old one, sorted."""
        keys = sorted(self.in_place | self.replace)
        return [key for key in keys if self._differs(key, olds, news)]

    def diff(self, olds: Mapping[str, Any], news: Mapping[str, Any]) -> DiffResult:
        """The engine's view: any change at all, and which of them force replacement."""
        changed = self.changed(olds, news)
        replaces = [key for key in changed if key in self.replace]
        return DiffResult(changes=bool(changed), replaces=replaces, delete_before_replace=False)

    def _differs(self, key: str, olds: Mapping[str, Any], news: Mapping[str, Any]) -> bool:
        # A value the spec stops setting is a change too: `check` has already put Box's
        # default in its place where Box has one (`field_rules.py`); where it has none the
        # update only stops managing the field, so the state no longer claims it.
        return bool(self.comparable(key, olds.get(key)) != self.comparable(key, news.get(key)))
