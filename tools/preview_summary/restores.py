"""Repairs in a preview that undo changes made in Box by hand: lockouts undone, access taken back.

Called by `changes.py` for every box:User and box:Group update step of a refreshing
preview. The step's old state is Box as the refresh found it (inputs) with what the stack
last applied (outputs `applied`, `applied_members`); its new state is the spec. The rules
are the providers' own (`components.guard.restores`), so the summary says "re-enables a
user disabled in Box" exactly where `pulumi up` would refuse without acknowledgement, and
"removes ... added in Box" where it takes back access someone added by hand.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from components.guard.restores import (
    Repair,
    member_restores,
    member_takebacks,
    user_restores,
    user_takebacks,
)

Rule = Callable[[str, Mapping[str, Any], Mapping[str, Any], Mapping[str, Any]], list[Repair]]


def user_restores_in(step: Mapping[str, Any]) -> list[Repair]:
    """A user update's repairs that undo a lockout (status or role) made in Box."""
    return _user_repairs(step, user_restores)


def user_takebacks_in(step: Mapping[str, Any]) -> list[Repair]:
    """A user update's repairs that take back access (status or role) added in Box."""
    return _user_repairs(step, user_takebacks)


def group_restores_in(step: Mapping[str, Any]) -> list[Repair]:
    """A group update's membership repairs that undo a removal or demotion made in Box."""
    return _group_repairs(step, member_restores)


def group_takebacks_in(step: Mapping[str, Any]) -> list[Repair]:
    """A group update's membership repairs that take back access added in Box."""
    return _group_repairs(step, member_takebacks)


def _user_repairs(step: Mapping[str, Any], rule: Rule) -> list[Repair]:
    old, new = _part(step, "oldState", "inputs"), _part(step, "newState", "inputs")
    applied = _part(step, "oldState", "outputs").get("applied")
    if not isinstance(applied, Mapping) or not old.get("login"):
        return []
    return rule(str(old["login"]), old, applied, new)


def _group_repairs(step: Mapping[str, Any], rule: Rule) -> list[Repair]:
    outputs = _part(step, "oldState", "outputs")
    before = outputs.get("members") or _part(step, "oldState", "inputs").get("members")
    # Recorded only where Box differs from it; otherwise what Box has is what was applied.
    applied = outputs.get("applied_members", before)
    new = _part(step, "newState", "inputs")
    wanted = new.get("members")
    if (
        not isinstance(before, Mapping)
        or not isinstance(applied, Mapping)
        or not isinstance(wanted, Mapping)
    ):
        return []
    return rule(str(new.get("name") or "?"), before, applied, wanted)


def _part(step: Mapping[str, Any], which: str, part: str) -> dict[str, Any]:
    state = step.get(which) or {}
    found = state.get(part) or {}
    return dict(found) if isinstance(found, Mapping) else {}
