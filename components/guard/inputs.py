"""The guard's inputs, built from the desired state, and the acknowledgement from the environment.

Called by `components.program` for every stack. Pure but for `acknowledged_deprovisions`,
which only reads the mapping it is given (the program passes `os.environ`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from components.desired import DesiredState
from components.guard.plan import GuardInputs

ACKNOWLEDGE_VARIABLE = "ENTRA_BOX_ACKNOWLEDGE_DEPROVISIONS"


class AcknowledgementError(ValueError):
    """`ENTRA_BOX_ACKNOWLEDGE_DEPROVISIONS` is set to something that is not a count."""


def guard_inputs(
    desired: DesiredState, *, manages_box: bool, empty_groups: Iterable[str] = ()
) -> GuardInputs:
    """The managed Box users (none when Box is not provisioned by this stack) and groups.

    `empty_groups` are assigned groups a live directory read found without user members;
    they count as empty whatever else the desired state says.
    """
    provisioning = desired.provisioning
    if not manages_box:
        return GuardInputs(limit=provisioning.max_deprovisions)
    users = desired.box.users
    counts = _users_per_assigned_group(desired)
    empty = {name.casefold() for name in empty_groups}
    return GuardInputs(
        users={user.key: user.login for user in users},
        inactive=tuple(sorted(user.key for user in users if user.status == "inactive")),
        groups={name: 0 if name.casefold() in empty else n for name, n in counts.items()},
        limit=provisioning.max_deprovisions,
        deprovision=provisioning.deprovision,
        custodian=provisioning.custodian,
    )


def acknowledged_deprovisions(environ: Mapping[str, str]) -> int | None:
    """The count acknowledged for this run, or None; AcknowledgementError if not a count."""
    raw = environ.get(ACKNOWLEDGE_VARIABLE, "").strip()
    if not raw:
        return None
    if not raw.isascii() or not raw.isdigit():
        raise AcknowledgementError(
            f"{ACKNOWLEDGE_VARIABLE}={raw!r} is not a count: set it to the exact number of "
            "deprovisions the failed preview reported (e.g. "
            f"{ACKNOWLEDGE_VARIABLE}=12), or unset it"
        )
    return int(raw)


def _users_per_assigned_group(desired: DesiredState) -> dict[str, int]:
    groups = [a.principal for a in desired.entra.assignments if a.principal_type == "group"]
    counts = dict.fromkeys(sorted(set(groups)), 0)
    for user in desired.box.users:
        for via in user.assigned_via:
            name = via.removeprefix("group:")
            if via.startswith("group:") and name in counts:
                counts[name] += 1
    return counts
