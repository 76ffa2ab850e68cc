"""`directory.source: entra`: read the directory the resolution needs, live from Entra.

Called by `components.program` before resolution; returns the spec layer's `Directory`, so
the same pure `components.resolve.resolve` computes Box's desired users for inline and Entra
directories alike. What is read is exactly what resolution uses: the directly assigned
users, each assigned group's *direct* members (Entra does not expand nested groups for app
assignment, and neither does resolution), and, for those users, the attributes the mappings
name. Users and groups carry their object ids, which key their Box resources in the stack, so
a UPN or group rename in Entra is an in-place update in Box.

Cost, with pulumi-azuread's data sources: one `get_groups` (name) and one `get_group`
(members) invoke per assigned group, then one `get_users` invoke per `batch_size` users for
everybody at once. Only when the mappings name an attribute outside
`BASIC_USER_ATTRIBUTES` (e.g. `jobTitle`) does each in-scope user cost one `get_user` invoke,
because `get_users` does not return it; a warning says so.

A group that reads as having no user members is reported in `empty_groups` (and logged): an
emptied or truncated read must not look like "everyone left", so the caller can trip the
mass-deprovision guard.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pulumi

from components.entra.errors import PrincipalsNotFoundError
from components.entra.lookups import BASIC_USER_ATTRIBUTES, EntraLookups, EntraUser
from components.entra.principals import resolve_groups
from components.resolve import Directory, DirectoryGroup, DirectoryUser

# Attributes every DirectoryUser carries as fields, not in `attributes`.
_CORE_ATTRIBUTES = frozenset({"userPrincipalName", "displayName", "accountEnabled"})


@dataclass(frozen=True)
class EntraDirectoryRead:
    """The directory read from Entra, and what the read saw that a guard should know."""

    directory: Directory
    # Assigned groups with no direct user member, sorted: an empty read, or a real emptying.
    empty_groups: tuple[str, ...]
    # Direct user members per assigned group.
    user_member_counts: Mapping[str, int]
    # Direct members that are not users (nested groups, devices, apps), not expanded.
    other_member_counts: Mapping[str, int]


def _missing_users(upns: Iterable[str], found: Mapping[str, EntraUser]) -> list[str]:
    return [
        f"entra.assignments: user {upn!r} matches no Entra user (check the UPN)"
        for upn in sorted(set(upns))
        if upn.lower() not in found
    ]


def _directory_user(user: EntraUser, attributes: Mapping[str, object]) -> DirectoryUser:
    extra = {
        name: str(value)
        for name, value in attributes.items()
        if name not in _CORE_ATTRIBUTES and value is not None
    }
    return DirectoryUser(
        user_principal_name=user.upn,
        display_name=str(user.attributes.get("displayName", user.upn)),
        account_enabled=bool(user.attributes.get("accountEnabled", True)),
        object_id=user.object_id,
        attributes=extra,
    )


def _with_attributes(
    users: Iterable[EntraUser], wanted: frozenset[str], lookups: EntraLookups
) -> list[DirectoryUser]:
    users = sorted(users, key=lambda user: user.upn)
    extended = sorted(wanted - BASIC_USER_ATTRIBUTES)
    if extended and users:
        pulumi.log.warn(
            f"provisioning.mappings use {', '.join(extended)}, which pulumi-azuread's get_users "
            f"does not return: reading {len(users)} user(s) one lookup each"
        )
    result = []
    for user in users:
        attributes = lookups.user_details(user.object_id) if extended else user.attributes
        result.append(_directory_user(user, {k: v for k, v in attributes.items() if k in wanted}))
    return result


def read_entra_directory(
    assigned_users: Iterable[str],
    assigned_groups: Iterable[str],
    mapped_attributes: Iterable[str],
    lookups: EntraLookups,
) -> EntraDirectoryRead:
    """Read the assigned users, the assigned groups' direct members and the mapped attributes.

    Raises `PrincipalsNotFoundError` listing every assigned UPN that matches nobody and every
    group name that matches no group or several, before anything is resolved.
    """
    upns = list(assigned_users)
    direct = lookups.users_by_upn(upns)
    groups, problems = resolve_groups(assigned_groups, lookups)
    problems = _missing_users(upns, direct) + problems
    if problems:
        raise PrincipalsNotFoundError(problems)
    member_ids = {name: lookups.group_member_ids(ref) for name, ref in groups.items()}
    members = lookups.users_by_object_id(oid for ids in member_ids.values() for oid in ids)
    in_scope = {user.object_id: user for user in [*direct.values(), *members.values()]}
    wanted = frozenset(mapped_attributes) | _CORE_ATTRIBUTES
    directory_groups = [
        DirectoryGroup(
            display_name=name,
            members=tuple(sorted(members[oid].upn for oid in ids if oid in members)),
            object_id=groups[name].object_id,
        )
        for name, ids in sorted(member_ids.items())
    ]
    return _summarise(
        Directory(
            users=tuple(_with_attributes(in_scope.values(), wanted, lookups)),
            groups=tuple(directory_groups),
        ),
        member_ids,
    )


def _summarise(
    directory: Directory, member_ids: Mapping[str, tuple[str, ...]]
) -> EntraDirectoryRead:
    counts = {group.display_name: len(group.members) for group in directory.groups}
    others = {name: len(ids) - counts[name] for name, ids in member_ids.items()}
    empty = tuple(sorted(name for name, count in counts.items() if count == 0))
    for name in empty:
        pulumi.log.warn(f"Entra group {name!r} is assigned to Box but has no direct user members")
    return EntraDirectoryRead(
        directory=directory,
        empty_groups=empty,
        user_member_counts=counts,
        other_member_counts=others,
    )
