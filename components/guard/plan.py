"""What a run would deprovision: the guard's last accepted inputs against this run's. Pure.

Called by the guard's provider (`resource.py`) with the inputs the engine hands `check`: the
previous run's (`olds`) and this run's (`news`). A managed user counts as deprovisioned when
they leave the stack (whatever the deprovision mode: disable, transfer and delete all take
their access) or when their status goes to `inactive`. A user is matched by resource key
first and by login second, so a user whose resource key changes (an Entra object id added
to the spec) is not counted as leaving. An assigned group that had users last run and has
none now is reported apart: an emptied or truncated directory read must never pass for
everyone leaving, whatever the count.
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

    @property
    def count(self) -> int:
        return len(self.deprovisions)


def plan_deprovisions(old: GuardInputs | None, new: GuardInputs) -> DeprovisionPlan:
    """What applying `new` after `old` deprovisions; nothing when there was no `old` run."""
    if old is None:
        return DeprovisionPlan()
    return DeprovisionPlan(
        deprovisions=tuple(sorted(_removed(old, new) + _disabled(old, new))),
        emptied_groups=_emptied(old.groups, new.groups),
    )


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
