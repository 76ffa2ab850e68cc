"""What a run does to people and groups leaving Box: the last recorded roster against this run's.

Pure. Called by the departures resource (`components/box/departures.py`) in `check` (so a
preview shows the plan and the guard can refuse it), in `update` (to carry it out) and in
`delete` (`pulumi destroy`), and by the PR summary (`tools/preview_summary`).

A Box account is matched by the *person*, not by the resource key: an old roster entry is
kept when its key is still in the roster, or when its login is still wanted under another
key (a re-key: object ids dropped, added or changed), or named as a previous login of a
renamed person. Only an entry matched by none of these leaves, so an account the desired
state still wants is never deprovisioned, whatever happens to the keys. A kept user whose
spec now wants them inactive (while they were not) is a deprovision too. Groups are matched
the same way by name and previous names.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from components.guard.roster import Roster, RosterUser

Reason = Literal["removed", "disabled"]


@dataclass(frozen=True, order=True)
class Deprovision:
    """One Box user this run would take access from, and why."""

    login: str
    reason: Reason
    key: str = ""
    box_id: str | None = None


@dataclass(frozen=True, order=True)
class Rekey:
    """A person the roster keeps under a new key (or a new login): the same Box account."""

    login: str
    old_key: str
    new_key: str
    old_login: str


@dataclass(frozen=True, order=True)
class GroupRemoval:
    """A managed Box group that is no longer wanted under any key or name."""

    name: str
    key: str
    box_id: str | None = None


@dataclass(frozen=True)
class DeprovisionPlan:
    """Everything the departures resource weighs and does."""

    deprovisions: tuple[Deprovision, ...] = ()
    rekeys: tuple[Rekey, ...] = ()
    group_removals: tuple[GroupRemoval, ...] = ()
    # (group name, users in scope through it last run), sorted by name.
    emptied_groups: tuple[tuple[str, int], ...] = ()

    @property
    def count(self) -> int:
        return len(self.deprovisions)

    @property
    def removed(self) -> tuple[Deprovision, ...]:
        return tuple(item for item in self.deprovisions if item.reason == "removed")


def plan_deprovisions(old: Roster | None, new: Roster) -> DeprovisionPlan:
    """What applying `new` after `old` does; nothing when there was no `old` run."""
    if old is None:
        return DeprovisionPlan()
    matches = _match_users(old, new)
    return DeprovisionPlan(
        deprovisions=tuple(sorted(_removed(old, matches) + _disabled(old, new, matches))),
        rekeys=tuple(sorted(_rekeys(old, new, matches))),
        group_removals=tuple(sorted(_group_removals(old, new))),
        emptied_groups=_emptied(old.assigned, new.assigned),
    )


def everyone_leaves(old: Roster) -> DeprovisionPlan:
    """`pulumi destroy`: every managed user leaves (disabled) and every group goes."""
    leavers = [_leaving(key, user, "removed") for key, user in old.users.items()]
    groups = [GroupRemoval(g.name, key, g.box_id) for key, g in old.groups.items()]
    return DeprovisionPlan(deprovisions=tuple(sorted(leavers)), group_removals=tuple(groups))


def _match_users(old: Roster, new: Roster) -> dict[str, str]:
    """Old key -> the new key of the same person, for every old user still wanted."""
    new_logins = new.logins()
    matches: dict[str, str] = {}
    for key, user in old.users.items():
        if key in new.users:
            matches[key] = key
        elif user.login in new_logins:
            matches[key] = new_logins[user.login]
    return matches


def _leaving(key: str, user: RosterUser, reason: Reason) -> Deprovision:
    return Deprovision(user.login, reason, key, user.box_id)


def _removed(old: Roster, matches: Mapping[str, str]) -> list[Deprovision]:
    return [_leaving(key, user, "removed") for key, user in old.users.items() if key not in matches]


def _disabled(old: Roster, new: Roster, matches: Mapping[str, str]) -> list[Deprovision]:
    disabled = []
    for key, new_key in matches.items():
        before, after = old.users[key], new.users[new_key]
        if after.inactive and not before.inactive:
            disabled.append(Deprovision(after.login, "disabled", new_key, before.box_id))
    return disabled


def _rekeys(old: Roster, new: Roster, matches: Mapping[str, str]) -> list[Rekey]:
    return [
        Rekey(new.users[new_key].login, key, new_key, old.users[key].login)
        for key, new_key in matches.items()
        if new_key != key
    ]


def _group_removals(old: Roster, new: Roster) -> list[GroupRemoval]:
    names = new.group_names()
    return [
        GroupRemoval(group.name, key, group.box_id)
        for key, group in old.groups.items()
        if key not in new.groups and group.name.casefold() not in names
    ]


def _emptied(old: Mapping[str, int], new: Mapping[str, int]) -> tuple[tuple[str, int], ...]:
    return tuple(
        (name, before) for name, before in sorted(old.items()) if before > 0 and new.get(name) == 0
    )
