"""Look-ups into the directory by UPN and group name, and the directory's own consistency.

First step of `resolve`: UPNs and group names are compared case-insensitively (as Entra
does), so two users or groups that differ only in case are an error, and each group's
direct members are classified into users and nested groups. Nested groups are kept
apart, never expanded: Entra does not expand them for app assignment either. Object ids,
which key Box resources in the stack, are unique across users and groups; a repeated one
is reported and dropped from the later entry, which then falls back to its login or name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from components.resolve.directory import Directory, DirectoryGroup, DirectoryUser
from components.resolve.issues import IssueLog
from components.spec import SpecPath

_Entry = TypeVar("_Entry", DirectoryUser, DirectoryGroup)


@dataclass(frozen=True)
class DirectoryIndex:
    """The directory keyed for look-up; keys are case-folded UPNs and group names."""

    users: dict[str, tuple[int, DirectoryUser]]
    groups: dict[str, tuple[int, DirectoryGroup]]
    # Group key -> user keys of its direct user members, in the order written.
    user_members: dict[str, tuple[str, ...]]


def index_directory(directory: Directory, log: IssueLog) -> DirectoryIndex:
    # Object id (case-folded) -> who has it, e.g. "user 'ada@contoso.com'".
    object_ids: dict[str, str] = {}
    users = _index_users(directory, log, object_ids)
    groups = _index_groups(directory, log, object_ids)
    members = {
        key: _user_members(index, group, users, groups, log)
        for key, (index, group) in groups.items()
    }
    return DirectoryIndex(users, groups, members)


def _index_users(
    directory: Directory, log: IssueLog, object_ids: dict[str, str]
) -> dict[str, tuple[int, DirectoryUser]]:
    users: dict[str, tuple[int, DirectoryUser]] = {}
    for index, user in enumerate(directory.users):
        key = user.user_principal_name.casefold()
        if key in users:
            first = users[key][1].user_principal_name
            log.add(
                log.user_path(index, "userPrincipalName"),
                f"user {user.user_principal_name!r} is listed twice (also as {first!r})",
                "UPNs are unique regardless of case; remove or rename one of them",
            )
            continue
        label = f"user {user.user_principal_name!r}"
        path = log.user_path(index, "objectId")
        users[key] = (index, _unique_object_id(user, label, path, object_ids, log))
    return users


def _index_groups(
    directory: Directory, log: IssueLog, object_ids: dict[str, str]
) -> dict[str, tuple[int, DirectoryGroup]]:
    groups: dict[str, tuple[int, DirectoryGroup]] = {}
    for index, group in enumerate(directory.groups):
        key = group.display_name.casefold()
        if key in groups:
            log.add(
                log.group_path(index, "displayName"),
                f"two groups are named {group.display_name!r}",
                "groups are assigned and provisioned by display name, which must be "
                "unique regardless of case; rename one of them",
            )
            continue
        label = f"group {group.display_name!r}"
        path = log.group_path(index, "objectId")
        groups[key] = (index, _unique_object_id(group, label, path, object_ids, log))
    return groups


def _unique_object_id(
    entry: _Entry, label: str, path: SpecPath, seen: dict[str, str], log: IssueLog
) -> _Entry:
    """`entry`, without its object id if another user or group has it already (reported)."""
    if entry.object_id is None:
        return entry
    key = entry.object_id.casefold()
    if key not in seen:
        seen[key] = label
        return entry
    log.add(
        path,
        f"{label} has objectId {entry.object_id!r}, which {seen[key]} has too",
        "Entra object ids are unique; copy the right one from the Entra admin center",
    )
    return entry.model_copy(update={"object_id": None})


def _user_members(
    index: int,
    group: DirectoryGroup,
    users: dict[str, tuple[int, DirectoryUser]],
    groups: dict[str, tuple[int, DirectoryGroup]],
    log: IssueLog,
) -> tuple[str, ...]:
    found: dict[str, None] = {}
    seen: set[str] = set()
    for position, member in enumerate(group.members):
        key = member.casefold()
        path = log.group_path(index, "members", position)
        if key in seen:
            log.add(
                path, f"{member!r} is listed twice in group {group.display_name!r}", "remove one"
            )
        elif key in users:
            found[key] = None
        elif key not in groups:
            _report_unknown_member(path, group, member, users, groups, log)
        seen.add(key)
    return tuple(found)


def _report_unknown_member(
    path: SpecPath,
    group: DirectoryGroup,
    member: str,
    users: dict[str, tuple[int, DirectoryUser]],
    groups: dict[str, tuple[int, DirectoryGroup]],
    log: IssueLog,
) -> None:
    known = [user.user_principal_name for _, user in users.values()]
    known += [other.display_name for _, other in groups.values()]
    log.add(
        path,
        f"group {group.display_name!r} has member {member!r}, "
        "which is neither a user nor a group in the directory",
        log.suggest(member, known, "add it to the directory, or fix the name"),
    )
