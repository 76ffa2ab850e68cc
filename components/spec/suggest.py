"""'Did you mean ...?': the closest known name to a misspelt one.

Used by the pydantic error translation (unknown fields, bad enum values) and by
resolution (UPNs and group names the directory lacks).
"""

from __future__ import annotations

import difflib
from collections.abc import Collection


def _normalised(name: str) -> str:
    return name.casefold().replace("_", "").replace("-", "").replace(" ", "")


def closest(name: str, known: Collection[str]) -> str | None:
    """The known name `name` most likely meant, or None when nothing is close."""
    wanted = _normalised(name)
    for candidate in known:
        if _normalised(candidate) == wanted:
            return candidate
    matches = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return matches[0] if matches else None


def did_you_mean(name: str, known: Collection[str], otherwise: str) -> str:
    """A hint suggesting the closest known name, or `otherwise` when none is close."""
    match = closest(name, known)
    return f"did you mean {match!r}?" if match is not None else otherwise
