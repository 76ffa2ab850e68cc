"""What the departures resource says about its plan: one line per change, and its steps.

Called by `departures.py`: `show` in `check`, so every `pulumi preview` (and the start of
every `pulumi up`) lists who leaves Box and how, who is set inactive, who is only re-keyed
and which groups go; `steps` names the same changes for a failure's "done / not done"
report. Lines go through `pulumi.log` like the provisioning log (`audit.py`).
"""

from __future__ import annotations

import threading

import pulumi

from components.guard import Deprovision, DeprovisionPlan, GroupRemoval, Rekey, Roster

PREFIX = "box departures"
_ONE_LINE_AT_A_TIME = threading.Lock()


def how_they_leave(policy: Roster) -> str:
    """The way a removed user leaves Box under the spec's policy, in words."""
    if policy.deprovision == "transfer":
        return (
            f"transfer: content moved to {policy.custodian}, then the account is deleted "
            "without force"
        )
    if policy.deprovision == "delete":
        return "delete: the account and its content are deleted (force)"
    return "disable: status set to inactive, content kept"


def show(plan: DeprovisionPlan, policy: Roster, old: Roster | None) -> None:
    """Log the plan, one line per person or group it changes."""
    lines = [_deprovision_line(item, policy) for item in plan.deprovisions]
    lines += [_rekey_line(item) for item in plan.rekeys]
    lines += [_group_line(item) for item in plan.group_removals]
    if old is not None and not old.groups_known:
        lines.append(
            "first run since departures took over from the deprovision guard: Box groups "
            "removed from the spec in this run are not deleted from Box (remove them in a "
            "later run, or delete them in the Box Admin Console)"
        )
    with _ONE_LINE_AT_A_TIME:
        for line in lines:
            pulumi.log.info(f"{PREFIX}: {line}")


def steps(plan: DeprovisionPlan, policy: Roster) -> list[str]:
    """The plan's Box changes in the order they are made, for a progress report."""
    how = policy.deprovision if policy.deprovision else "disable"
    named = [
        f"{'disable' if item.reason == 'disabled' else how} {item.login}"
        for item in plan.deprovisions
    ]
    return named + [f"delete group {item.name!r}" for item in plan.group_removals]


def _deprovision_line(item: Deprovision, policy: Roster) -> str:
    if item.reason == "disabled":
        return f"{item.login}: set inactive by the spec: disable, content kept"
    return f"{item.login}: no longer in scope: leaves by {how_they_leave(policy)}"


def _rekey_line(item: Rekey) -> str:
    renamed = f" (renamed from {item.old_login})" if item.old_login != item.login else ""
    return (
        f"{item.login}{renamed}: re-keyed from {item.old_key} to {item.new_key}: the same Box "
        "account, not deprovisioned"
    )


def _group_line(item: GroupRemoval) -> str:
    return f"group {item.name!r}: no longer wanted: deleted from Box (members keep their accounts)"
