"""Box's representations of one object (mini, standard, full) and the `fields` parameter.

Without `fields` an endpoint answers its default view (standard for users and groups, full for
folders). With `fields`, the answer holds the mini representation plus the requested fields
only; names Box does not know are ignored. Used by the record modules' `render_*` functions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Views:
    """The attribute names of each representation of one object type, in Box's order."""

    mini: tuple[str, ...]
    standard: tuple[str, ...]
    full: tuple[str, ...]

    def select(self, fields: frozenset[str] | None, default: str = "standard") -> tuple[str, ...]:
        if fields is None:
            return {"mini": self.mini, "standard": self.standard, "full": self.full}[default]
        return self.mini + tuple(
            name for name in self.full if name in fields and name not in self.mini
        )


def render(
    attributes: Mapping[str, Any],
    views: Views,
    fields: frozenset[str] | None,
    default: str = "standard",
) -> dict[str, Any]:
    """The answer for one object; attributes an object lacks (e.g. unset ids) are left out."""
    return {name: attributes[name] for name in views.select(fields, default) if name in attributes}
