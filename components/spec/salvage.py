"""The valid parts of a spec that failed validation, so its cross-references can be checked too.

Called by `components.spec.load` when the models reject a file. Each rejected value is cut
out of a copy of the data (an optional field falls back to its default; a required one takes
its list item or mapping entry with it) and the copy validated again, a few rounds at most.
What validates is the *partial* spec `SpecError.partial` carries; `components.resolve`
checks its cross-references (unknown people and groups, scope), so one run reports every
kind of mistake. Text in what was cut out is kept (`SpecError.dropped`) so that a reference
to a cut-out person is not reported a second time as "not in the directory".
A problem between sections (no single place to cut) salvages nothing.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from components.spec.model import Spec

_ROUNDS = 8
# Required top-level values with one safe stand-in, so the rest can still be checked.
_STAND_INS: dict[str, object] = {"version": 1}


@dataclass
class Salvage:
    """The partial spec (None if nothing could be saved) and the text that was cut out."""

    spec: Spec | None = None
    dropped: set[str] = field(default_factory=set)


def salvage(data: dict[str, Any], error: ValidationError) -> Salvage:
    """Cut what `error` rejects out of a copy of `data` until the rest validates."""
    found = Salvage()
    try:
        working = copy.deepcopy(data)
    except (TypeError, copy.Error):
        # A value YAML built lazily (a `!!set` left half-made by a broken document) cannot
        # be copied; the errors already found are reported without a salvaged rest.
        return found
    for _ in range(_ROUNDS):
        for details in error.errors():
            if not _cut(working, _clean(details["loc"]), details["type"], found.dropped):
                return Salvage(dropped=found.dropped)
        _compact(working)
        try:
            found.spec = Spec.model_validate(working)
        except ValidationError as again:
            error = again
            continue
        return found
    return Salvage(dropped=found.dropped)


def _clean(loc: tuple[int | str, ...]) -> tuple[int | str, ...]:
    return tuple(part for part in loc if part != "[key]")


def _cut(data: dict[str, Any], loc: tuple[int | str, ...], kind: str, dropped: set[str]) -> bool:
    """Remove what `loc` names (its container too when it is missing); False if impossible."""
    if not loc:
        return False
    if kind == "missing":
        loc = loc[:-1]
        if not loc:
            return False
    if len(loc) == 1 and loc[0] in _STAND_INS:
        data[str(loc[0])] = _STAND_INS[str(loc[0])]
        return True
    parent, key, gone = _deepest(data, loc)
    if gone:
        return True  # cut already, with what held it
    if parent is None:
        return False
    removed = parent.pop(key) if isinstance(parent, dict) else parent.pop(int(key))
    dropped.update(_texts(removed))
    if isinstance(parent, list):
        # Later items moved up by one: replace the gap so that other errors' indexes hold.
        parent.insert(int(key), _GAP)
    return True


class _Gap:
    """A removed list item, taken out for good once every error of a round is cut."""


_GAP = _Gap()


def _deepest(data: Any, loc: tuple[int | str, ...]) -> tuple[Any, int | str, bool]:
    """The container and key of the value `loc` names, and whether it is gone already.

    Past a scalar (pydantic adds a union member's name to some locations) the scalar is it.
    """
    parent: Any = None
    key: int | str = ""
    current = data
    for part in loc:
        if isinstance(current, dict):
            if part not in current:
                return parent, key, True
            parent, key, current = current, part, current[part]
        elif isinstance(current, list) and isinstance(part, int):
            if part >= len(current) or current[part] is _GAP:
                return parent, key, True
            parent, key, current = current, part, current[part]
        else:
            break
    return parent, key, False


def _compact(value: Any) -> None:
    """Take the gaps left by removed list items out, at any depth."""
    if isinstance(value, dict):
        for item in value.values():
            _compact(item)
    elif isinstance(value, list):
        value[:] = [item for item in value if item is not _GAP]
        for item in value:
            _compact(item)


def _texts(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)
