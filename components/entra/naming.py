"""Stable, readable Pulumi resource names for the Entra side.

Pure; used by `components.entra.component`. A name depends only on what the spec says about
the object (a UPN, a group display name, a role when a principal holds several), never on
list order or on ids Entra assigns, so reordering the spec changes nothing and a preview
reads as `assignment-user-alice@contoso.com`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from components.desired import DesiredAssignment

_UNSAFE = re.compile(r"[^a-z0-9@._-]+")
# Between a principal and its role in an assignment's name. A slug never contains it, so the
# principal part of a name is exact (the group `Sales` is not a prefix of `Sales-EU`'s name).
ROLE_SEPARATOR = "/"


def slug(text: str) -> str:
    """Lower-case `text` with each run of characters outside `[a-z0-9@._-]` turned into `-`."""
    return _UNSAFE.sub("-", text.strip().lower()).strip("-")


def owner_resource_name(upn: str) -> str:
    return f"owner-{slug(upn)}"


def principal_resource_name(kind: str, principal: str) -> str:
    """`assignment-<user|group>-<slug of the principal>`: a principal's assignment, one role."""
    return f"assignment-{kind}-{slug(principal)}"


def is_assignment_of(name: str, kind: str, principal: str) -> bool:
    """Whether `name` is one of this principal's assignment resources, whatever its role."""
    base = principal_resource_name(kind, principal)
    return name == base or name.startswith(f"{base}{ROLE_SEPARATOR}")


def _principal_key(assignment: DesiredAssignment) -> tuple[str, str]:
    return assignment.principal_type, slug(assignment.principal)


def assignment_resource_names(
    assignments: Iterable[DesiredAssignment],
) -> dict[DesiredAssignment, str]:
    """`assignment-<user|group>-<principal>`, plus `/<role>` for a principal holding several roles.

    Raises `ValueError` when two different principals slug to the same name (e.g. the groups
    `Sales Team` and `sales-team`), since Pulumi would otherwise see one resource.
    """
    assignments = list(assignments)
    roles_per_principal = Counter(_principal_key(assignment) for assignment in assignments)
    names: dict[DesiredAssignment, str] = {}
    for assignment in assignments:
        kind, principal = _principal_key(assignment)
        name = principal_resource_name(kind, assignment.principal)
        if roles_per_principal[(kind, principal)] > 1:
            name = f"{name}{ROLE_SEPARATOR}{slug(assignment.role)}"
        names[assignment] = name
    _refuse_collisions(names)
    return names


def _refuse_collisions(names: dict[DesiredAssignment, str]) -> None:
    seen: dict[str, DesiredAssignment] = {}
    for assignment, name in names.items():
        other = seen.setdefault(name, assignment)
        if other is not assignment:
            raise ValueError(
                f"entra.assignments: {other.principal_type} {other.principal!r} and "
                f"{assignment.principal_type} {assignment.principal!r} would share the resource "
                f"name {name!r}; rename one of them in Entra or assign it through another group."
            )
