"""`directory.source: entra`: read the directory the resolution needs, live from Entra.

Called by `components.program` before resolution; returns the spec layer's `Directory`, so
the same pure `components.resolve.resolve` computes Box's desired users for inline and Entra
directories alike. What is read is exactly what resolution uses: the directly assigned
users, each assigned group's *direct* members (Entra does not expand nested groups for app
assignment, and neither does resolution), and, for those users, the attributes the mappings
name. Users and groups carry their object ids, which key their Box resources in the stack, so
a UPN or group rename in Entra is an in-place update in Box.

Cost. With Graph credentials in the stack config (as every real run has, for the Graph
providers), members are read over Graph (`components.entra.graph.members`): one `get_groups`
invoke per assigned group for its id, then each group's direct members in pages of 999 with
exactly the mapped attributes selected, and, only when the mappings name attributes outside
`BASIC_USER_ATTRIBUTES`, one Graph read per *directly* assigned user; the run logs how many
Graph requests the read took. Without Graph credentials (tests of other areas under mocks)
it falls back to pulumi-azuread's data sources, with a warning: one `get_group` per group,
`get_users` for everybody (the provider sends one Graph request per id) and one `get_user`
per in-scope user for attributes `get_users` does not return.

A group that reads as having no user members is reported in `empty_groups` (and logged): an
emptied or truncated read must not look like "everyone left", so the caller can trip the
mass-deprovision guard.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pulumi

from components.entra.errors import PrincipalsNotFoundError
from components.entra.graph import program_reads
from components.entra.lookups import BASIC_USER_ATTRIBUTES, EntraGroupRef, EntraLookups, EntraUser
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


@dataclass(frozen=True)
class _Members:
    """Each group's direct user members (object ids), the users, and non-user member counts."""

    user_ids: Mapping[str, tuple[str, ...]]
    users: Mapping[str, EntraUser]
    others: Mapping[str, int]


def _members_from_data_sources(
    groups: Mapping[str, EntraGroupRef], lookups: EntraLookups
) -> _Members:
    member_ids = {name: lookups.group_member_ids(ref) for name, ref in groups.items()}
    users = lookups.users_by_object_id(oid for ids in member_ids.values() for oid in ids)
    user_ids = {name: tuple(oid for oid in ids if oid in users) for name, ids in member_ids.items()}
    others = {name: len(ids) - len(user_ids[name]) for name, ids in member_ids.items()}
    return _Members(user_ids, users, others)


def _graph_user(fields: Mapping[str, object]) -> EntraUser:
    attributes = {
        name: value
        for name, value in fields.items()
        if name not in ("id", "@odata.type") and value not in ("", None)
    }
    return EntraUser(str(fields["id"]), attributes)


def _members_from_graph(
    groups: Mapping[str, EntraGroupRef],
    wanted: frozenset[str],
    graph: program_reads.GraphDirectory,
) -> _Members:
    user_ids: dict[str, tuple[str, ...]] = {}
    users: dict[str, EntraUser] = {}
    others: dict[str, int] = {}
    for name, ref in groups.items():
        read = graph.group_members(ref.object_id, wanted)
        found = [_graph_user(fields) for fields in read.users]
        users.update((user.object_id, user) for user in found)
        user_ids[name] = tuple(user.object_id for user in found)
        others[name] = read.other_count
    return _Members(user_ids, users, others)


def _direct_users_from_graph(
    direct: Mapping[str, EntraUser], wanted: frozenset[str], graph: program_reads.GraphDirectory
) -> dict[str, EntraUser]:
    if not wanted - BASIC_USER_ATTRIBUTES:
        return dict(direct)
    return {key: _graph_user(graph.user(u.object_id, wanted)) for key, u in direct.items()}


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
    wanted = frozenset(mapped_attributes) | _CORE_ATTRIBUTES
    if program_reads.graph_configured():
        graph = program_reads.GraphDirectory()
        members = _members_from_graph(groups, wanted, graph)
        direct = _direct_users_from_graph(direct, wanted, graph)
        in_scope = {user.object_id: user for user in [*direct.values(), *members.users.values()]}
        users = [_directory_user(u, _only(u.attributes, wanted)) for u in _by_upn(in_scope)]
        pulumi.log.info(f"read the Entra directory with {graph.requests} Graph request(s)")
    else:
        pulumi.log.warn(
            "directory.source: entra without Graph credentials (azuread:clientId, "
            "azuread:clientSecret, azuread:tenantId): reading members through pulumi-azuread's "
            "data sources, one Graph request per member (docs/entra.md)"
        )
        members = _members_from_data_sources(groups, lookups)
        in_scope = {user.object_id: user for user in [*direct.values(), *members.users.values()]}
        users = _with_attributes(in_scope.values(), wanted, lookups)
    directory_groups = [
        DirectoryGroup(
            display_name=name,
            members=tuple(sorted(members.users[oid].upn for oid in ids)),
            object_id=groups[name].object_id,
        )
        for name, ids in sorted(members.user_ids.items())
    ]
    directory = Directory(users=tuple(users), groups=tuple(directory_groups))
    return _summarise(directory, members.others)


def _only(attributes: Mapping[str, object], wanted: frozenset[str]) -> dict[str, object]:
    return {name: value for name, value in attributes.items() if name in wanted}


def _by_upn(users: Mapping[str, EntraUser]) -> list[EntraUser]:
    return sorted(users.values(), key=lambda user: user.upn)


def _summarise(directory: Directory, others: Mapping[str, int]) -> EntraDirectoryRead:
    counts = {group.display_name: len(group.members) for group in directory.groups}
    empty = tuple(sorted(name for name, count in counts.items() if count == 0))
    for name in empty:
        pulumi.log.warn(f"Entra group {name!r} is assigned to Box but has no direct user members")
    return EntraDirectoryRead(
        directory=directory,
        empty_groups=empty,
        user_member_counts=counts,
        other_member_counts=dict(others),
    )
