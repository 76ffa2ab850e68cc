"""Renames the spec did not declare: a leaver and an arrival that look like one person or group.

Pure. Called by the departures resource (`components/box/departures.py`) in `check`, so
every preview warns, and by `python -m components validate --previous`. A person removed
while someone new of the same Box name arrives, or a group removed while a new one has
exactly its members, is most likely a rename written as a removal plus an addition: as
written, the old account is deprovisioned (its content transferred or disabled) and a new,
empty one created; the old group is deleted with its folder collaborations. Each warning
says what to add to the spec (`previousLogins`, `previousNames`) to keep them instead.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Literal

from components.guard.plan import DeprovisionPlan
from components.guard.roster import Roster


@dataclass(frozen=True, order=True)
class LikelyRename:
    """An undeclared rename: what leaves, what arrives, and the spec edit that keeps it."""

    kind: Literal["user", "group"]
    old: str
    new: str

    def warning(self) -> str:
        if self.kind == "user":
            return (
                f"{self.new} looks like a rename of {self.old} (same name): as written, "
                f"{self.old} leaves Box and {self.new} gets a new, empty account; add "
                f"previousLogins: [{self.old}] to {self.new} in directory.users to keep the "
                "account and its content"
            )
        return (
            f"Box group {self.new!r} looks like a rename of {self.old!r} (same members): as "
            f"written, {self.old!r} is deleted with its folder collaborations and "
            f"{self.new!r} created without them; add previousNames: [{self.old!r}] to "
            f"{self.new!r} in box.groups to rename it in place"
        )


def likely_renames(old: Roster | None, new: Roster, plan: DeprovisionPlan) -> list[LikelyRename]:
    """The undeclared renames in going from `old` to `new` (whose plan is `plan`)."""
    if old is None:
        return []
    return sorted(_users(old, new, plan) + _groups(old, new, plan))


def _users(old: Roster, new: Roster, plan: DeprovisionPlan) -> list[LikelyRename]:
    old_logins = old.logins()
    arrivals: dict[str, list[str]] = defaultdict(list)
    for key, user in new.users.items():
        known = key in old.users or any(
            login in old_logins for login in (user.login, *user.previous_logins)
        )
        if not known and user.name:
            arrivals[user.name.casefold()].append(user.login)
    found = []
    for leaver in plan.removed:
        before = old.users.get(leaver.key)
        named = arrivals.get(before.name.casefold(), []) if before and before.name else []
        if len(named) == 1:
            found.append(LikelyRename("user", leaver.login, named[0]))
    return found


def _groups(old: Roster, new: Roster, plan: DeprovisionPlan) -> list[LikelyRename]:
    old_names = old.group_names()
    arrivals: dict[str, list[str]] = defaultdict(list)
    for key, group in new.groups.items():
        names = (group.name, *group.previous_names)
        known = key in old.groups or any(name.casefold() in old_names for name in names)
        if not known and group.members:
            arrivals[group.members].append(group.name)
    found = []
    for removal in plan.group_removals:
        before = old.groups.get(removal.key)
        same = arrivals.get(before.members, []) if before and before.members else []
        if len(same) == 1:
            found.append(LikelyRename("group", removal.name, same[0]))
    return found
