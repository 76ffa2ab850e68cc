"""The roster: who and what a stack manages in Box, as the departures resource records it.

Built by `inputs.py` from the desired state on every run, recorded by the departures resource
(`components/box/departures.py`) when its step succeeds, and compared run against run by
`plan.py`. It is the one place that knows every managed Box user and group at once, which
is what lets a plan tell a person who leaves from a person whose key merely changed.

Also reads what the first guard (`guard:DeprovisionGuard`, before departures existed)
recorded: `users` as key -> login, `inactive` keys and `groups` as assigned-group counts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

DeprovisionMode = Literal["disable", "transfer", "delete"]
# Keys of the first guard's records, which `from_recorded` converts.
_LEGACY_KEYS = frozenset({"inactive"})


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class RosterUser(_Frozen):
    """One managed Box user: their login, whether the spec wants them inactive."""

    login: str
    inactive: bool = False
    # Logins the spec says this person had before (`previousLogins`): an old entry with one
    # of them is the same person, renamed.
    previous_logins: tuple[str, ...] = ()
    # The Box name the spec gives them: a leaver and an arrival of one name look like a
    # rename the spec did not declare (`renames.py`). None in rosters recorded before.
    name: str | None = None
    # The Box user id once a refresh has seen the account; None until then.
    box_id: str | None = None


class RosterGroup(_Frozen):
    """One managed Box group, by its name and the names it had before."""

    name: str
    previous_names: tuple[str, ...] = ()
    # A digest of the member logins (`members_digest`), None when it has none: a removed
    # group and a new one with the same members look like an undeclared rename.
    members: str | None = None
    box_id: str | None = None


class Roster(_Frozen):
    """Everything one run manages in Box, and how people leave it."""

    # Stack key (Entra object id, spec id, else login) -> user.
    users: dict[str, RosterUser] = Field(default_factory=dict)
    # Stack key (Entra object id, else name) -> managed Box group.
    groups: dict[str, RosterGroup] = Field(default_factory=dict)
    # Assigned Entra group (display name) -> how many users are in scope through it.
    assigned: dict[str, Annotated[int, Field(ge=0)]] = Field(default_factory=dict)
    limit: Annotated[int, Field(ge=0)] = 0
    # How removed users leave, and who receives their content; the policy of this run's spec.
    deprovision: DeprovisionMode = "disable"
    custodian: str | None = None
    # False when read from the first guard's records, which listed no Box groups.
    groups_known: bool = True

    def recorded(self) -> dict[str, Any]:
        """The roster as the departures resource records it: each user and group without
        the fields at their defaults (not inactive, no previous logins, no Box id yet), which
        at 10,000 people is half a megabyte of every checkpoint. `Roster.model_validate`
        reads it back the same."""
        return {
            **self.model_dump(exclude={"users", "groups"}),
            "users": {
                key: user.model_dump(exclude_defaults=True) for key, user in self.users.items()
            },
            "groups": {
                key: group.model_dump(exclude_defaults=True) for key, group in self.groups.items()
            },
        }

    def logins(self) -> dict[str, str]:
        """Every login and previous login of the roster -> the key of the user who has it."""
        found: dict[str, str] = {}
        for key, user in self.users.items():
            for login in (*user.previous_logins, user.login):
                found[login] = key
        return found

    def group_names(self) -> dict[str, str]:
        """Every group name and previous name (case-folded) -> the key of the group."""
        found: dict[str, str] = {}
        for key, group in self.groups.items():
            for name in (*group.previous_names, group.name):
                found[name.casefold()] = key
        return found


def members_digest(logins: Iterable[str]) -> str | None:
    """A short, stable digest of a set of member logins; None for no members."""
    ordered = sorted(set(logins))
    if not ordered:
        return None
    return hashlib.sha256("\n".join(ordered).encode()).hexdigest()[:16]


def from_recorded(recorded: Mapping[str, Any]) -> Roster:
    """A roster from recorded inputs, in today's shape or the first guard's."""
    users = recorded.get("users") or {}
    if any(isinstance(value, str) for value in users.values()) or _LEGACY_KEYS & recorded.keys():
        return _from_first_guard(recorded)
    return Roster.model_validate(recorded)


def _from_first_guard(recorded: Mapping[str, Any]) -> Roster:
    inactive = set(recorded.get("inactive") or ())
    users = {
        key: RosterUser(login=str(login), inactive=key in inactive)
        for key, login in (recorded.get("users") or {}).items()
    }
    return Roster(
        users=users,
        assigned=dict(recorded.get("groups") or {}),
        limit=int(recorded.get("limit") or 0),
        deprovision=recorded.get("deprovision") or "disable",
        custodian=recorded.get("custodian"),
        groups_known=False,
    )
