"""Box groups: those provisioned from assigned Entra groups, and the spec's Box-only ones.

With `objects: users-and-groups`, each assigned Entra group becomes a Box group of the
same name whose members are its direct user members; that name must be one Box takes (at
most 255 characters, one printable line), as Box-only groups' names are. Box-only groups
(`box.groups`) may hold only in-scope users, and their names may not collide
(case-insensitively, as Box compares them) with each other or with a provisioned group. A
group's `key`, the name of its resource in the stack, is the Entra object id of a
provisioned group when known, else a Box-only group's `id`, else the group's name; a key may
not be another group's name. A Box-only group's `previousNames` (and its name, when an `id`
keys it) are its `aliases`, the names its resource had before; none may be another group's.
"""

from __future__ import annotations

from pydantic import TypeAdapter, ValidationError

from components.desired import DesiredBoxGroup, DesiredMembership
from components.resolve.bindings import Site, bind, not_in_scope_hint
from components.resolve.directory_index import DirectoryIndex
from components.resolve.issues import IssueLog
from components.resolve.scope import Scope
from components.resolve.users import BoxUsers
from components.spec import SpecPath
from components.spec.model import BoxGroup, Spec
from components.spec.pydantic_errors import explain_value
from components.spec.types import BOX_GROUP_NAME_LIMIT, BoxGroupName

_BOX_GROUP_NAME: TypeAdapter[str] = TypeAdapter(BoxGroupName)


def resolve_groups(
    spec: Spec, index: DirectoryIndex, scope: Scope, users: BoxUsers, log: IssueLog
) -> list[DesiredBoxGroup]:
    groups: dict[str, DesiredBoxGroup] = {}
    if spec.provisioning.objects == "users-and-groups":
        for key in scope.groups:
            if _fits_box(key, index, log):
                group = _provisioned(key, index, users)
                groups[group.name.casefold()] = group
    written: dict[str, SpecPath] = {
        key: log.group_path(index.groups[key][0]) for key in groups if key in index.groups
    }
    for position, box_group in enumerate(spec.box.groups):
        group = _box_only(position, box_group, users, log)
        key = group.name.casefold()
        if key in groups:
            _report_name_clash(position, groups[key], log)
            continue
        groups[key] = group
        written[key] = ("box", "groups", position)
    _report_key_clashes(groups, index, log)
    _report_former_name_clashes(groups, written, log)
    return sorted(groups.values(), key=lambda group: (group.name.casefold(), group.name))


def _fits_box(key: str, index: DirectoryIndex, log: IssueLog) -> bool:
    """Whether assigned Entra group `key` has a name Box takes as a group's (reported if not)."""
    position, group = index.groups[key]
    name = group.display_name
    try:
        _BOX_GROUP_NAME.validate_python(name)
    except ValidationError as error:
        shown = repr(name) if len(name) <= 40 else f"{name[:20]!r}..."
        if len(name) > BOX_GROUP_NAME_LIMIT:
            limit = BOX_GROUP_NAME_LIMIT
            message = f"is provisioned to Box, whose group names have at most {limit} characters"
            hint = "shorten its name in Entra, or set 'objects: users' to provision no groups"
        else:
            problem, hint = explain_value(error.errors()[0])
            message = f"is provisioned to Box as a group name: {problem}"
        log.add(log.group_path(position, "displayName"), f"group {shown} {message}", hint)
        return False
    return True


def _provisioned(key: str, index: DirectoryIndex, users: BoxUsers) -> DesiredBoxGroup:
    members = sorted(
        users.login_of[member] for member in index.user_members[key] if member in users.login_of
    )
    group = index.groups[key][1]
    name = group.display_name
    stack_key = group.object_id.lower() if group.object_id else name
    previous = tuple(sorted(set(group.previous_names) - {name}))
    return DesiredBoxGroup(
        name=name,
        key=stack_key,
        previous_names=previous,
        aliases=tuple(sorted({name, *previous} - {stack_key})),
        origin="entra",
        members=tuple(DesiredMembership(login=login) for login in members),
    )


def _box_only(position: int, group: BoxGroup, users: BoxUsers, log: IssueLog) -> DesiredBoxGroup:
    members: dict[str, DesiredMembership] = {}
    for number, member in enumerate(group.members):
        path = ("box", "groups", position, "members", number, "login")
        login = bind(member.login, Site(path), users.people, log)
        if login is None:
            continue
        if login in members:
            log.add(path, f"{member.login!r} is listed twice in group {group.name!r}", "remove one")
        elif login not in users.by_login:
            _report_out_of_scope(path, member.login, users, log)
        else:
            members[login] = DesiredMembership(login=login, role=member.role)
    previous = tuple(sorted({name for name in group.previous_names if name != group.name}))
    key = group.id.lower() if group.id else group.name
    former = {group.name, *previous} - {key}
    return DesiredBoxGroup(
        name=group.name,
        key=key,
        previous_names=previous,
        aliases=tuple(sorted(former)),
        origin="box",
        description=group.description,
        members=tuple(members[login] for login in sorted(members)),
    )


def _report_out_of_scope(path: SpecPath, written: str, users: BoxUsers, log: IssueLog) -> None:
    log.add(
        path,
        f"{written!r} is not a Box user in scope, and Box-only groups may hold only those",
        not_in_scope_hint(written, users.people, log, "remove them from this group"),
    )


def _report_name_clash(position: int, existing: DesiredBoxGroup, log: IssueLog) -> None:
    if existing.origin == "entra":
        message = f"the name {existing.name!r} is already a Box group provisioned from Entra"
        hint = "rename this Box-only group, or stop assigning the Entra group"
    else:
        message = f"another Box-only group is already named {existing.name!r}"
        hint = "Box group names are unique regardless of case; rename or merge one"
    log.add(("box", "groups", position, "name"), message, hint)


def _report_key_clashes(
    groups: dict[str, DesiredBoxGroup], index: DirectoryIndex, log: IssueLog
) -> None:
    # Names are unique already, and so are object ids: what is left is an object id that is
    # also another group's name.
    for group in groups.values():
        other = groups.get(group.key.casefold()) if group.key != group.name else None
        if other is None or group.origin != "entra":
            continue
        log.add(
            log.group_path(index.groups[group.name.casefold()][0], "objectId"),
            f"group {group.name!r} has objectId {group.key!r}, which is also the name of "
            f"the Box group {other.name!r}",
            "a Box group is named in the stack by its objectId, or by its name when it has "
            "none; correct the objectId, or rename the other group",
        )


def _report_former_name_clashes(
    groups: dict[str, DesiredBoxGroup], written: dict[str, SpecPath], log: IssueLog
) -> None:
    """A group's id or previous name that is another group's name, key or former name.

    Each would make two groups one resource, or one old Box group two new ones. (An Entra
    object id equal to another group's name is `_report_key_clashes`'.)
    """
    names = {folded: group.name for folded, group in groups.items()}
    claimed: dict[str, str] = {}
    for folded, path in written.items():
        group = groups[folded]
        if group.origin == "box" and group.key != group.name:
            owner = names.get(group.key.casefold()) or claimed.get(group.key.casefold())
            if owner is not None:
                _report_former(path, "id", group.key, owner, log)
            claimed[group.key.casefold()] = group.name
        for previous in group.previous_names:
            owner = names.get(previous.casefold()) or claimed.get(previous.casefold())
            if owner is not None and owner != group.name:
                _report_former(path, "previousNames", previous, owner, log)
            claimed.setdefault(previous.casefold(), group.name)


def _report_former(path: SpecPath, field: str, name: str, owner: str, log: IssueLog) -> None:
    at = (*path, field) if path != ("directory", "source") else path
    log.add(
        at,
        f"{name!r} is already the name, id or former name of the Box group {owner!r}",
        "a former name or id belongs to one group only; remove it here or from the other group",
    )
