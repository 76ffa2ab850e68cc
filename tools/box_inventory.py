"""What exists in a Box enterprise, as readable tables: users with status, groups with members.

`tools/demo.py` prints this after `pulumi up` so the demo shows Box itself, not Pulumi's
view of it. Reads through the official SDK (`box_sdk_gen`) and never writes. The tables are
plain text with aligned columns, so they read the same in a terminal and in a CI log;
`python -m components inventory` (components/inventory/) is the admin's view of a stack.
"""

from __future__ import annotations

from dataclasses import dataclass

from box_sdk_gen import BoxClient, UserFull

from components.inventory.report import table

PAGE = 1000


@dataclass(frozen=True, order=True)
class UserRow:
    """One Box user as the inventory shows it."""

    login: str
    name: str
    status: str
    role: str


@dataclass(frozen=True, order=True)
class GroupRow:
    """One Box group and its members (`login`, or `login (admin)` for group admins)."""

    name: str
    members: tuple[str, ...]


@dataclass(frozen=True)
class Inventory:
    users: tuple[UserRow, ...]
    groups: tuple[GroupRow, ...]


def read_inventory(client: BoxClient) -> Inventory:
    """Every enterprise user and group (up to 1000 each: the demo's scale), sorted."""
    users = client.users.get_users(limit=PAGE, fields=["login", "name", "status", "role"])
    groups = client.groups.get_groups(limit=PAGE).entries or []
    return Inventory(
        users=tuple(sorted(_user_row(user) for user in users.entries or [])),
        groups=tuple(sorted(GroupRow(g.name or "", _members(client, g.id)) for g in groups)),
    )


def render(inventory: Inventory) -> str:
    """The users table, then the groups table (one line per member)."""
    users = [[u.login, u.name, u.status, u.role] for u in inventory.users]
    groups = [
        [group.name if index == 0 else "", member]
        for group in inventory.groups
        for index, member in enumerate(group.members or ("(no members)",))
    ]
    return "\n\n".join(
        [
            f"Box users ({len(users)})\n" + table(["login", "name", "status", "role"], users),
            f"Box groups ({len(inventory.groups)})\n" + table(["group", "members"], groups),
        ]
    )


def _user_row(user: UserFull) -> UserRow:
    return UserRow(user.login or "", user.name or "", _plain(user.status), _plain(user.role))


def _members(client: BoxClient, group_id: str) -> tuple[str, ...]:
    entries = client.memberships.get_group_memberships(group_id, limit=PAGE).entries or []
    return tuple(
        sorted(
            f"{entry.user.login}{' (admin)' if _plain(entry.role) == 'admin' else ''}"
            for entry in entries
            if entry.user is not None
        )
    )


def _plain(value: object) -> str:
    """An SDK enum's value, or the text itself; `-` when Box left it out."""
    if value is None:
        return "-"
    return str(getattr(value, "value", value))
