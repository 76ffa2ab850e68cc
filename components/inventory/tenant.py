"""Every user and group of a Box enterprise, with memberships, read once (read-only).

Called by the `inventory` and `onboard` commands with the checked connection the providers
use (`components.box.connection`), so a wrong `box:*` setting is reported by the same
connection check that `pulumi preview` runs. Only GET calls are made.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from components.box import group_api, user_api
from components.box.connection import BoxConnection
from components.box.membership import list_members


@dataclass(frozen=True)
class TenantUser:
    """One Box user: its id and its Box fields as plain values (`user_api.box_values`)."""

    user_id: str
    fields: dict[str, Any]

    @property
    def login(self) -> str:
        return str(self.fields.get("login") or "")


@dataclass(frozen=True)
class TenantGroup:
    """One Box group and its members (login -> membership role `member` or `admin`)."""

    group_id: str
    name: str
    description: str | None
    group_type: str
    members: dict[str, str]


@dataclass(frozen=True)
class Tenant:
    """A Box enterprise as the app's service account sees it."""

    service_account: str
    users: tuple[TenantUser, ...]
    groups: tuple[TenantGroup, ...]


def read_tenant(box: BoxConnection) -> Tenant:
    """Users sorted by login, groups by name, each group's members listed."""
    users = [
        TenantUser(user_id, user_api.box_values(user))
        for user_id, user in user_api.list_users(box.client).items()
    ]
    groups = [
        TenantGroup(
            group_id=group_id,
            name=group.name or "",
            description=group.description,
            group_type=_plain(group.group_type) or "managed_group",
            members={
                login: member.role
                for login, member in list_members(
                    box.client, group_id, f"group {group.name!r}"
                ).items()
            },
        )
        for group_id, group in group_api.list_groups(box.client).items()
    ]
    return Tenant(
        service_account=box.service_account.lower(),
        users=tuple(sorted(users, key=lambda user: user.login)),
        groups=tuple(sorted(groups, key=lambda group: group.name.lower())),
    )


def _plain(value: object) -> str | None:
    if value is None:
        return None
    return str(getattr(value, "value", value))
