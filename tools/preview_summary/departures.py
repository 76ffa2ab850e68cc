"""Who leaves Box, who is only re-keyed, which groups go: read from the departures step.

Pure; called by `changes.py` for the one `box:Departures` step of a preview. The step's old
and new inputs are the recorded and the new roster; the plan between them is computed by
the same pure function the departures resource runs (`components.guard.plan`), so what the
summary says is what `pulumi up` will do, and a user or group resource that merely leaves
the stack's records (its delete changes nothing in Box) never reads as a loss.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from components.guard import DeprovisionPlan, Roster, from_recorded, plan_deprovisions

DEPARTURES_TYPE = "pulumi-python:dynamic/box:Departures"
LEGACY_GUARD_TYPE = "pulumi-python:dynamic/guard:DeprovisionGuard"


@dataclass(frozen=True)
class Leaver:
    """One person who loses Box access in this run, and how."""

    login: str
    how: str


@dataclass(frozen=True)
class Departures:
    """What the departures step of a preview will do."""

    leavers: tuple[Leaver, ...] = ()
    rekeyed: tuple[str, ...] = ()
    groups_removed: tuple[str, ...] = ()


def departures_of(step: Mapping[str, Any]) -> Departures:
    """The leavers, re-keys and removed groups of one departures step."""
    old, new = _roster(step, "oldState"), _roster(step, "newState")
    if old is None or new is None:
        return Departures()
    plan = plan_deprovisions(old, new)
    return Departures(
        leavers=tuple(_leaver(item.login, item.reason, new) for item in plan.deprovisions),
        rekeyed=_rekeyed(plan),
        groups_removed=tuple(item.name for item in plan.group_removals),
    )


def _roster(step: Mapping[str, Any], which: str) -> Roster | None:
    inputs = dict((step.get(which) or {}).get("inputs") or {})
    inputs.pop("__provider", None)
    inputs.pop("acknowledged", None)
    if not inputs:
        return None
    try:
        return from_recorded(inputs)
    except ValidationError:
        return None


def _leaver(login: str, reason: str, policy: Roster) -> Leaver:
    if reason == "disabled":
        return Leaver(login, "set inactive by the spec (status inactive; content kept)")
    if policy.deprovision == "transfer":
        custodian = policy.custodian or "the custodian"
        return Leaver(
            login, f"content transferred to {custodian}, then the account deleted (transfer)"
        )
    if policy.deprovision == "delete":
        return Leaver(login, "account deleted with all its content (delete)")
    return Leaver(login, "disabled (status inactive; account and content kept)")


def _rekeyed(plan: DeprovisionPlan) -> tuple[str, ...]:
    return tuple(
        f"{item.login} (renamed from {item.old_login})"
        if item.old_login != item.login
        else item.login
        for item in plan.rekeys
    )
