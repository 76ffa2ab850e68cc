"""The guard's decision and its words: pass, or fail with the count, the names and the way out.

Pure; called by the departures resource (`components/box/departures.py`) with the plan from
`plan.py`, the stack's limit (`provisioning.maxDeprovisions`) and the acknowledgement read
from `ENTRA_BOX_ACKNOWLEDGE_DEPROVISIONS`. The acknowledgement is an exact count, so one
given for 5 deprovisions can never cover 500; it is needed only when the count is above the
limit or an assigned group reads as emptied. A refusal says "No one was deprovisioned",
which always holds: only the departures step deprovisions, and it is the step refused.
"""

from __future__ import annotations

from components.guard.inputs import ACKNOWLEDGE_VARIABLE
from components.guard.plan import DeprovisionPlan

# How many logins a message names before it says "and N more".
NAMES_SHOWN = 10
_REASONS = {"removed": "no longer in scope", "disabled": "to be set inactive"}


def needs_acknowledgement(plan: DeprovisionPlan, limit: int) -> bool:
    """True when the plan goes beyond what the stack allows without a deliberate yes."""
    return plan.count > limit or bool(plan.emptied_groups)


def guard_failure(
    plan: DeprovisionPlan, limit: int, acknowledged: int | None, command: str = "up"
) -> str | None:
    """Why this run (`pulumi <command>`) must not go ahead, or None when it may."""
    if not needs_acknowledgement(plan, limit) or acknowledged == plan.count:
        return None
    lines = [_headline(plan, limit, command), *_names(plan), *_emptied(plan)]
    if acknowledged is not None:
        lines.append(
            f"{ACKNOWLEDGE_VARIABLE}={acknowledged} acknowledges {acknowledged} "
            f"deprovision(s), but this run would make {plan.count}: the acknowledgement must "
            "be the exact count."
        )
    lines.append(_way_out(plan, command))
    return "\n".join(lines)


def acknowledgement_note(plan: DeprovisionPlan, limit: int, acknowledged: int | None) -> str | None:
    """What to log about the acknowledgement on a run that goes ahead, if anything."""
    if acknowledged is None:
        return None
    if needs_acknowledgement(plan, limit):
        emptied = ", ".join(name for name, _ in plan.emptied_groups)
        groups = f" (assigned groups read as empty: {emptied})" if emptied else ""
        return (
            f"deprovisioning {plan.count} Box user(s){groups} as acknowledged by "
            f"{ACKNOWLEDGE_VARIABLE}={acknowledged} (provisioning.maxDeprovisions is {limit})"
        )
    return (
        f"{ACKNOWLEDGE_VARIABLE}={acknowledged} is set but not needed: this run deprovisions "
        f"{plan.count} Box user(s), within the stack's limit of {limit}; unset it"
    )


def _headline(plan: DeprovisionPlan, limit: int, command: str) -> str:
    if command == "destroy":
        return (
            f"Refusing to deprovision {plan.count} Box users in `pulumi destroy`: "
            f"provisioning.maxDeprovisions allows {limit}. No one was deprovisioned."
        )
    if plan.count > limit:
        return (
            f"Refusing to deprovision {plan.count} Box users in one run: "
            f"provisioning.maxDeprovisions allows {limit}. No one was deprovisioned."
        )
    return (
        f"Refusing to apply a directory in which assigned groups that had members now have "
        f"none (this run would deprovision {plan.count} Box user(s)). No one was deprovisioned."
    )


def _names(plan: DeprovisionPlan) -> list[str]:
    if not plan.deprovisions:
        return []
    described = [f"{item.login} ({_REASONS[item.reason]})" for item in plan.deprovisions]
    return [f"Would deprovision: {_first(described)}."]


def _first(items: list[str]) -> str:
    """The first NAMES_SHOWN items, then how many more there are."""
    more = len(items) - NAMES_SHOWN
    return ", ".join(items[:NAMES_SHOWN]) + (f", and {more} more" if more > 0 else "")


def _emptied(plan: DeprovisionPlan) -> list[str]:
    if not plan.emptied_groups:
        return []
    groups = ", ".join(f"{name!r} (had {before})" for name, before in plan.emptied_groups)
    return [
        f"Assigned group(s) now without any user member: {groups}. An emptied or truncated "
        "directory read must not pass for everyone leaving: check the group in Entra first."
    ]


def _way_out(plan: DeprovisionPlan, command: str) -> str:
    acknowledge = f"{ACKNOWLEDGE_VARIABLE}={plan.count} pulumi {command}"
    if command == "destroy":
        return (
            f"If every managed user is to be disabled (content kept), acknowledge it: "
            f"{acknowledge}. To stop managing Box without touching anyone, remove the stack's "
            "resources from the state instead (docs: Operating safely)."
        )
    return (
        f"If this is intended, acknowledge it for one run: {acknowledge} (CI: set the "
        "variable for that one job), or raise provisioning.maxDeprovisions in the spec. If "
        "not, fix the spec or the directory and run `pulumi preview` again."
    )
