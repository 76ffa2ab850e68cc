"""Who is in scope: the app's assignments, checked against the directory.

Entra provisions only what is assigned: users assigned directly, plus the *direct* user
members of assigned groups (nested groups are not expanded). For each in-scope user this
records how they came in (`user:<upn>`, `group:<name>`), which becomes `assigned_via`.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from components.desired import DesiredAssignment
from components.resolve.directory_index import DirectoryIndex
from components.resolve.issues import IssueLog
from components.spec.model import Assignment


@dataclass
class Scope:
    """The in-scope users (by UPN key) and assigned groups (by name key)."""

    via: dict[str, set[str]] = field(default_factory=dict)
    groups: dict[str, None] = field(default_factory=dict)
    assignments: list[DesiredAssignment] = field(default_factory=list)


def resolve_scope(assignments: list[Assignment], index: DirectoryIndex, log: IssueLog) -> Scope:
    scope = Scope()
    seen: dict[tuple[str, str, str], int] = {}
    for position, assignment in enumerate(assignments):
        desired = _assign(position, assignment, index, scope, log)
        if desired is None:
            continue
        key = (desired.principal_type, desired.principal.casefold(), desired.role.casefold())
        if key in seen:
            log.add(
                ("entra", "assignments", position),
                f"{desired.principal!r} is assigned role {desired.role!r} twice "
                f"(also entra.assignments[{seen[key]}])",
                "remove one of the two assignments",
            )
            continue
        seen[key] = position
        scope.assignments.append(desired)
    return scope


def _assign(
    position: int, assignment: Assignment, index: DirectoryIndex, scope: Scope, log: IssueLog
) -> DesiredAssignment | None:
    if assignment.user is not None:
        return _assign_user(position, assignment.user, assignment.role, index, scope, log)
    if assignment.group is not None:
        return _assign_group(position, assignment.group, assignment.role, index, scope, log)
    return None


def _assign_user(
    position: int, upn: str, role: str, index: DirectoryIndex, scope: Scope, log: IssueLog
) -> DesiredAssignment | None:
    found = index.users.get(upn.casefold())
    if found is None:
        known = [user.user_principal_name for _, user in index.users.values()]
        hint = log.suggest(upn, known, "add the user to the directory, or fix the UPN")
        log.add(
            ("entra", "assignments", position, "user"), f"no user {upn!r} in the directory", hint
        )
        return None
    principal = found[1].user_principal_name.lower()
    scope.via.setdefault(upn.casefold(), set()).add(f"user:{principal}")
    return DesiredAssignment(principal_type="user", principal=principal, role=role)


def _assign_group(
    position: int, name: str, role: str, index: DirectoryIndex, scope: Scope, log: IssueLog
) -> DesiredAssignment | None:
    key = name.casefold()
    found = index.groups.get(key)
    if found is None:
        known = [group.display_name for _, group in index.groups.values()]
        hint = log.suggest(name, known, "add the group to the directory, or fix the name")
        log.add(
            ("entra", "assignments", position, "group"), f"no group {name!r} in the directory", hint
        )
        return None
    display_name = found[1].display_name
    scope.groups[key] = None
    for member in index.user_members[key]:
        scope.via.setdefault(member, set()).add(f"group:{display_name}")
    return DesiredAssignment(principal_type="group", principal=display_name, role=role)


def out_of_scope_hint(
    login: str, index: DirectoryIndex, in_scope: Collection[str], log: IssueLog, remedy: str
) -> str:
    """Why `login` is not a Box user in scope, and what to do (`remedy` otherwise)."""
    assign = "assign them in entra.assignments, directly or through a group"
    if login.casefold() in index.users:
        return f"they are in the directory but not assigned; {assign}, or {remedy}"
    return log.suggest(login, in_scope, f"{assign}, or {remedy}")
