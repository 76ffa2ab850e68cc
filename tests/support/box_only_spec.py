"""Box-only specs for engine tests: a small organisation as data, edited one fact at a time.

Used by the end-to-end and reliability tests through `EngineStack.write_spec`. An `Org` is a
frozen description (people, assigned Entra groups, directly assigned people, Box-only
groups); its `with_*`/`without_*` methods return the edited copy a test deploys next, so a
test states only the change it is about. `Org.spec()` renders the spec mapping (spec
version 1, `entra.manage: false`, inline directory, `objects: users-and-groups`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any


@dataclass(frozen=True)
class Person:
    """A directory user."""

    login: str
    name: str
    job_title: str | None = None
    enabled: bool = True
    # The Entra object id, which keys the person in the stack when given.
    object_id: str | None = None

    def directory_entry(self) -> dict[str, Any]:
        entry: dict[str, Any] = {"userPrincipalName": self.login, "displayName": self.name}
        if self.object_id is not None:
            entry["objectId"] = self.object_id
        if self.job_title is not None:
            entry["jobTitle"] = self.job_title
        if not self.enabled:
            entry["accountEnabled"] = False
        return entry


@dataclass(frozen=True)
class Org:
    """A Box-only stack's organisation: who exists, who is assigned, which groups exist."""

    people: tuple[Person, ...]
    # Assigned Entra groups (provisioned as Box groups): display name -> member logins.
    groups: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    direct: tuple[str, ...] = ()
    # Box-only groups (`box.groups`): name -> member logins.
    box_groups: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    deprovision: str = "disable"
    custodian: str | None = None
    max_deprovisions: int | None = None
    # Entra object ids of assigned groups, by display name (optional, as in a real spec).
    group_object_ids: Mapping[str, str] = field(default_factory=dict)

    def spec(self) -> dict[str, Any]:
        """The spec mapping (what `stacks/<stack>.yaml` would hold)."""
        return {
            "version": 1,
            "entra": {"manage": False, "assignments": self._assignments()},
            "provisioning": self._provisioning(),
            "directory": self._directory(),
            "box": {"groups": self._box_groups()} if self.box_groups else {},
        }

    # -- edits: each returns a new Org ---------------------------------------------------------
    def with_person(self, person: Person, *, group: str | None = None) -> Org:
        """Add a person to the directory, assigned directly or through `group`."""
        people = (*self.people, person)
        if group is None:
            return replace(self, people=people, direct=(*self.direct, person.login))
        groups = {**self.groups, group: (*self.groups.get(group, ()), person.login)}
        return replace(self, people=people, groups=groups)

    def renamed(self, login: str, name: str) -> Org:
        people = tuple(replace(p, name=name) if p.login == login else p for p in self.people)
        return replace(self, people=people)

    def disabled(self, login: str) -> Org:
        """`login`'s Entra account is disabled (accountEnabled: false); still assigned."""
        people = tuple(replace(p, enabled=False) if p.login == login else p for p in self.people)
        return replace(self, people=people)

    def with_object_id(self, login: str, object_id: str | None) -> Org:
        """`login`'s Entra object id becomes `object_id` (None: the spec no longer gives one)."""
        people = tuple(
            replace(p, object_id=object_id) if p.login == login else p for p in self.people
        )
        return replace(self, people=people)

    def without_object_ids(self) -> Org:
        """The same directory with every user's and group's Entra object id left out."""
        people = tuple(replace(p, object_id=None) for p in self.people)
        return replace(self, people=people, group_object_ids={})

    def with_group(self, group: str, members: tuple[str, ...]) -> Org:
        """Assign another Entra group (provisioned as a Box group) of existing people."""
        return replace(self, groups={**self.groups, group: members})

    def without_member(self, group: str, login: str) -> Org:
        """`login` leaves the assigned Entra group `group` (stays in the directory)."""
        members = tuple(m for m in self.groups[group] if m != login)
        return replace(self, groups={**self.groups, group: members})

    def out_of_scope(self, login: str) -> Org:
        """`login` loses every assignment but stays in the directory."""
        return replace(
            self,
            groups=_without(self.groups, login),
            box_groups=_without(self.box_groups, login),
            direct=tuple(m for m in self.direct if m != login),
        )

    def without_group(self, group: str) -> Org:
        """Unassign the Entra group `group`; its members stay assigned directly."""
        members = self.groups[group]
        groups = {name: logins for name, logins in self.groups.items() if name != group}
        direct = (*self.direct, *(m for m in members if m not in self.direct))
        return replace(self, groups=groups, direct=direct)

    # -- rendering ---------------------------------------------------------------------------
    def _assignments(self) -> list[dict[str, str]]:
        by_group = [{"group": name, "role": "User"} for name in self.groups]
        return by_group + [{"user": login, "role": "User"} for login in self.direct]

    def _provisioning(self) -> dict[str, Any]:
        section: dict[str, Any] = {
            "objects": "users-and-groups",
            "mappings": {"job_title": "jobTitle"},
            "deprovision": self.deprovision,
        }
        if self.custodian is not None:
            section["custodian"] = self.custodian
        if self.max_deprovisions is not None:
            section["maxDeprovisions"] = self.max_deprovisions
        return section

    def _directory(self) -> dict[str, Any]:
        return {
            "source": "inline",
            "users": [person.directory_entry() for person in self.people],
            "groups": [self._group_entry(name, members) for name, members in self.groups.items()],
        }

    def _group_entry(self, name: str, members: tuple[str, ...]) -> dict[str, Any]:
        entry: dict[str, Any] = {"displayName": name, "members": list(members)}
        if name in self.group_object_ids:
            entry["objectId"] = self.group_object_ids[name]
        return entry

    def _box_groups(self) -> list[dict[str, Any]]:
        return [
            {"name": name, "members": [{"login": login} for login in members]}
            for name, members in self.box_groups.items()
        ]


def _without(groups: Mapping[str, tuple[str, ...]], login: str) -> dict[str, tuple[str, ...]]:
    return {name: tuple(m for m in members if m != login) for name, members in groups.items()}


SMALL_ORG = Org(
    people=(
        Person("ada@contoso.example", "Ada Lovelace", "Engineer"),
        Person("alan@contoso.example", "Alan Turing", "Engineer"),
        Person("grace@contoso.example", "Grace Hopper", "Admiral"),
        Person("it@contoso.example", "IT Admin"),
    ),
    groups={
        "Engineering": ("ada@contoso.example", "alan@contoso.example"),
        "Research": ("ada@contoso.example", "grace@contoso.example"),
    },
    direct=("it@contoso.example",),
)
"""Four people, two provisioned groups sharing a member, one direct assignment."""
