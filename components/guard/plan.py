"""What a run would deprovision: the guard's last accepted inputs against this run's. Pure.

Called by the guard's provider (`resource.py`) with the inputs the engine hands `check`: the
previous run's (`olds`) and this run's (`news`). A managed user counts as deprovisioned when
they leave the stack (whatever the deprovision mode: disable, transfer and delete all take
their access) or when their status goes to `inactive`. A user is matched by resource key
first and by login second, so a user whose resource key changes (an Entra object id added
to the spec) is not counted as leaving. An assigned group that had users last run and has
none now is reported apart: an emptied or truncated directory read must never pass for
everyone leaving, whatever the count.

A removed user leaves under the deprovision policy recorded in their own resource, i.e. the
one of the run that last deployed them: the engine deletes a resource with its old state.
So a run that both changes `provisioning.deprovision` (or the custodian) and removes people
would remove them under the *previous* policy (a move off `delete` would still force-delete
them). The plan reports that combination so the guard can refuse it outright.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

Reason = Literal["removed", "disabled"]


class GuardInputs(BaseModel):
    """The guard's recorded inputs: who is managed, who is inactive, the groups and the limit."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    # Resource key (Entra object id, else login) -> Box login, for every managed Box user.
    users: dict[str, str] = Field(default_factory=dict)
    # Keys of the managed users whose Box status is to be `inactive`, sorted.
    inactive: tuple[str, ...] = ()
    # Assigned Entra group (display name) -> how many users are in scope through it.
    groups: dict[str, Annotated[int, Field(ge=0)]] = Field(default_factory=dict)
    limit: Annotated[int, Field(ge=0)] = 0
    # How removed users leave (`provisioning.deprovision`) and who receives their content.
    # None in inputs recorded before the guard tracked them: then no policy change is seen.
    deprovision: str | None = None
    custodian: str | None = None


@dataclass(frozen=True, order=True)
class Deprovision:
    """One Box user this run would take access from, and why."""

    login: str
    reason: Reason


@dataclass(frozen=True)
class DeprovisionPlan:
    """Everything the guard weighs: the deprovisions and the groups that read as emptied."""

    deprovisions: tuple[Deprovision, ...] = ()
    # (group name, users in scope through it last run), sorted by name.
    emptied_groups: tuple[tuple[str, int], ...] = ()
    # (recorded policy, this run's policy) when both are known, differ, and users are removed.
    policy_change: tuple[str, str] | None = None

    @property
    def count(self) -> int:
        return len(self.deprovisions)


def plan_deprovisions(old: GuardInputs | None, new: GuardInputs) -> DeprovisionPlan:
    """What applying `new` after `old` deprovisions; nothing when there was no `old` run."""
    if old is None:
        return DeprovisionPlan()
    removed = _removed(old, new)
    return DeprovisionPlan(
        deprovisions=tuple(sorted(removed + _disabled(old, new))),
        emptied_groups=_emptied(old.groups, new.groups),
        policy_change=_policy_change(old, new) if removed else None,
    )


def _policy_change(old: GuardInputs, new: GuardInputs) -> tuple[str, str] | None:
    if old.deprovision is None or new.deprovision is None:
        return None
    before, after = _policy(old), _policy(new)
    return (before, after) if before != after else None


def _policy(inputs: GuardInputs) -> str:
    custodian = f" to {inputs.custodian}" if inputs.custodian else ""
    return f"{inputs.deprovision}{custodian}"


def _removed(old: GuardInputs, new: GuardInputs) -> list[Deprovision]:
    logins = set(new.users.values())
    return [
        Deprovision(login, "removed")
        for key, login in old.users.items()
        if key not in new.users and login not in logins
    ]


def _disabled(old: GuardInputs, new: GuardInputs) -> list[Deprovision]:
    was_inactive, now_inactive = set(old.inactive), set(new.inactive)
    new_key_of = {login: key for key, login in new.users.items()}
    disabled = []
    for key, login in old.users.items():
        new_key = key if key in new.users else new_key_of.get(login)
        if new_key is None or key in was_inactive:
            continue
        if new_key in now_inactive:
            disabled.append(Deprovision(new.users[new_key], "disabled"))
    return disabled


def _emptied(old: Mapping[str, int], new: Mapping[str, int]) -> tuple[tuple[str, int], ...]:
    return tuple(
        (name, before) for name, before in sorted(old.items()) if before > 0 and new.get(name) == 0
    )
