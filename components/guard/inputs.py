"""The roster of a run, built from the desired state, and the acknowledgement from the environment.

Called by `components.program` for every stack (the roster is the departures resource's
inputs) and by the departures provider for `pulumi destroy`, which has no program. Pure:
`acknowledged_deprovisions` only reads the mapping it is given.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from components.desired import DesiredBoxGroup, DesiredBoxUser, DesiredState
from components.guard.roster import Roster, RosterGroup, RosterUser, members_digest

ACKNOWLEDGE_VARIABLE = "ENTRA_BOX_ACKNOWLEDGE_DEPROVISIONS"


class AcknowledgementError(ValueError):
    """`ENTRA_BOX_ACKNOWLEDGE_DEPROVISIONS` is set to something that is not a count."""


def roster_from_desired(
    desired: DesiredState, *, manages_box: bool, empty_groups: Iterable[str] = ()
) -> Roster:
    """The managed Box users and groups (none when this stack does not provision Box).

    `empty_groups` are assigned groups a live directory read found without user members;
    they count as empty whatever else the desired state says.
    """
    provisioning = desired.provisioning
    policy = Roster(
        limit=provisioning.max_deprovisions,
        deprovision=provisioning.deprovision,
        custodian=provisioning.custodian,
    )
    if not manages_box:
        return policy
    counts = _users_per_assigned_group(desired)
    empty = {name.casefold() for name in empty_groups}
    return policy.model_copy(
        update={
            "users": {user.key: _roster_user(user) for user in desired.box.users},
            "groups": {group.key: _roster_group(group) for group in desired.box.groups},
            "assigned": {name: 0 if name.casefold() in empty else n for name, n in counts.items()},
        }
    )


def _roster_user(user: DesiredBoxUser) -> RosterUser:
    return RosterUser(
        login=user.login,
        inactive=user.status == "inactive",
        previous_logins=user.previous_logins,
        name=user.name,
    )


def _roster_group(group: DesiredBoxGroup) -> RosterGroup:
    return RosterGroup(
        name=group.name,
        previous_names=group.previous_names,
        members=members_digest(member.login for member in group.members),
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
