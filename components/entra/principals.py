"""Resolve the spec's principals (assigned users and groups, app owners) to Entra object ids.

Called by `components.entra.component.BoxEnterpriseApp` and by
`components.entra.directory_reader`, through one shared `EntraLookups`. Users are resolved
by UPN in batches, groups by exact display name. Anything unresolvable (a UPN matching
nobody, a group name matching no group or several) is collected and raised at once as
`PrincipalsNotFoundError`, before any resource is registered: never a silent skip.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from components.desired import DesiredAssignment, DesiredEntra
from components.entra.errors import EntraLookupError, PrincipalsNotFoundError
from components.entra.lookups import EntraGroupRef, EntraLookups, EntraUser


@dataclass(frozen=True)
class ResolvedPrincipals:
    """Object ids for every principal the spec names, keyed as the spec spells them."""

    users: Mapping[str, EntraUser]
    groups: Mapping[str, EntraGroupRef]

    def object_id(self, assignment: DesiredAssignment) -> str:
        if assignment.principal_type == "user":
            return self.users[assignment.principal.lower()].object_id
        return self.groups[assignment.principal].object_id

    def owner_ids(self, owners: Iterable[str]) -> list[str]:
        return [self.users[upn.lower()].object_id for upn in owners]


def _group_problem(name: str, matches: list[EntraGroupRef]) -> str | None:
    if not matches:
        return f"entra.assignments: group {name!r} matches no Entra group (check its display name)"
    if len(matches) > 1:
        ids = ", ".join(sorted(group.object_id for group in matches))
        return (
            f"entra.assignments: group {name!r} matches {len(matches)} Entra groups ({ids}); "
            "a group is assigned by display name, so rename the others or assign another group"
        )
    return None


def _resolve_group(name: str, lookups: EntraLookups) -> tuple[EntraGroupRef | None, str | None]:
    try:
        matches = lookups.groups_named(name)
    except EntraLookupError as failure:
        # pulumi-azuread fails a name lookup that finds nothing; say so with its reason.
        return None, f"entra.assignments: group {name!r} could not be resolved: {failure}"
    problem = _group_problem(name, matches)
    return (None, problem) if problem else (matches[0], None)


def _user_problems(entra: DesiredEntra, found: Mapping[str, EntraUser]) -> list[str]:
    problems = [
        f"entra.assignments: user {a.principal!r} matches no Entra user (check the UPN)"
        for a in entra.assignments
        if a.principal_type == "user" and a.principal.lower() not in found
    ]
    owners = entra.application.owners if entra.application else ()
    problems += [
        f"entra.application.owners: {upn!r} matches no Entra user (owners are UPNs)"
        for upn in owners
        if upn.lower() not in found
    ]
    return problems


def resolve_groups(
    names: Iterable[str], lookups: EntraLookups
) -> tuple[dict[str, EntraGroupRef], list[str]]:
    """Each name's one Entra group, and a problem line for each name matching none or several."""
    groups: dict[str, EntraGroupRef] = {}
    problems: list[str] = []
    for name in sorted(set(names)):
        group, problem = _resolve_group(name, lookups)
        if group is not None:
            groups[name] = group
        if problem is not None:
            problems.append(problem)
    return groups, problems


def resolve_principals(entra: DesiredEntra, lookups: EntraLookups) -> ResolvedPrincipals:
    """Object ids for every assigned user and group and every owner, or one error listing misses."""
    owners = entra.application.owners if entra.application else ()
    upns = [a.principal for a in entra.assignments if a.principal_type == "user"] + list(owners)
    users = lookups.users_by_upn(upns)
    groups, group_problems = resolve_groups(
        (a.principal for a in entra.assignments if a.principal_type == "group"), lookups
    )
    problems = _user_problems(entra, users) + group_problems
    if problems:
        raise PrincipalsNotFoundError(problems)
    return ResolvedPrincipals(users=users, groups=groups)
