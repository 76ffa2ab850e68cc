"""The inventory: every Box user and group, whether the stack manages it, admins called out.

Pure: `build_inventory` joins what Box holds (`tenant.Tenant`) with what the stack's state
manages (`stack.ManagedObjects`); `render_table` and `render_json` are the two outputs of
`python -m components inventory`. Admins and co-admins the stack does not manage are
called out, because they hold access to Box that no spec review ever sees.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from components.inventory.stack import ManagedObjects
from components.inventory.tenant import Tenant

ADMIN_ROLES = ("admin", "coadmin")


@dataclass(frozen=True)
class UserEntry:
    """One Box user as the inventory shows it."""

    login: str
    name: str
    role: str
    status: str
    managed: bool
    service_account: bool
    id: str


@dataclass(frozen=True)
class MemberEntry:
    login: str
    role: str


@dataclass(frozen=True)
class GroupEntry:
    """One Box group, its members and whether the stack manages it."""

    name: str
    members: tuple[MemberEntry, ...]
    managed: bool
    id: str


@dataclass(frozen=True)
class Inventory:
    stack: str
    users: tuple[UserEntry, ...]
    groups: tuple[GroupEntry, ...]

    @property
    def unmanaged_admins(self) -> tuple[UserEntry, ...]:
        """Admins and co-admins outside the stack (the app's own service account aside)."""
        return tuple(
            user
            for user in self.users
            if user.role in ADMIN_ROLES and not user.managed and not user.service_account
        )


def build_inventory(stack: str, tenant: Tenant, managed: ManagedObjects) -> Inventory:
    users = tuple(
        UserEntry(
            login=user.login,
            name=str(user.fields.get("name") or ""),
            role=str(user.fields.get("role") or "user"),
            status=str(user.fields.get("status") or "-"),
            managed=managed.manages_user(user.user_id, user.login),
            service_account=user.login == tenant.service_account,
            id=user.user_id,
        )
        for user in tenant.users
    )
    groups = tuple(
        GroupEntry(
            name=group.name,
            members=tuple(
                MemberEntry(login, role) for login, role in sorted(group.members.items())
            ),
            managed=managed.manages_group(group.group_id, group.name),
            id=group.group_id,
        )
        for group in tenant.groups
    )
    return Inventory(stack, users, groups)


def render_json(inventory: Inventory) -> str:
    """`{"stack", "users": [...], "groups": [...], "unmanaged_admins": [logins]}`."""
    document = {
        "stack": inventory.stack,
        "users": [asdict(user) for user in inventory.users],
        "groups": [asdict(group) for group in inventory.groups],
        "unmanaged_admins": [user.login for user in inventory.unmanaged_admins],
    }
    return json.dumps(document, indent=2) + "\n"


def render_table(inventory: Inventory) -> str:
    """Users, groups (one line per member), then the unmanaged admins, as plain tables."""
    users = [
        [u.login, u.name, u.role, u.status, _managed(u.managed, u.service_account)]
        for u in inventory.users
    ]
    groups = [
        [group.name if index == 0 else "", member, "yes" if group.managed else "no"]
        for group in inventory.groups
        for index, member in enumerate(_member_texts(group) or ("(no members)",))
    ]
    managed_users = sum(1 for user in inventory.users if user.managed)
    managed_groups = sum(1 for group in inventory.groups if group.managed)
    parts = [
        f"Box users ({len(users)}, {managed_users} managed by stack {inventory.stack})\n"
        + table(["login", "name", "role", "status", "managed"], users),
        f"Box groups ({len(inventory.groups)}, {managed_groups} managed)\n"
        + table(["group", "members", "managed"], groups),
        _admins_text(inventory),
    ]
    return "\n\n".join(parts) + "\n"


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Columns padded to their widest cell, a rule under the headers."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]
    lines = [headers, ["-" * width for width in widths], *rows]
    return "\n".join(
        "  ".join(str(cell).ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in lines
    )


def _managed(managed: bool, service_account: bool) -> str:
    if service_account:
        return "no (the app's service account)"
    return "yes" if managed else "no"


def _member_texts(group: GroupEntry) -> tuple[str, ...]:
    return tuple(f"{m.login}{' (admin)' if m.role == 'admin' else ''}" for m in group.members)


def _admins_text(inventory: Inventory) -> str:
    admins = inventory.unmanaged_admins
    if not admins:
        return "No admin or co-admin outside the stack."
    lines = [f"Admins and co-admins the stack does not manage ({len(admins)}):"]
    lines += [f"  {user.login} ({user.role})" for user in admins]
    return "\n".join(lines)
