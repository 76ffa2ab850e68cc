"""A Box-only spec that adopts an existing enterprise's users and groups as they are.

`python -m components onboard` writes what `spec_from_tenant` returns. Each user the app can
manage (not the enterprise's admin, not the app's own service account) becomes an inline
directory user with a per-login Box override holding its current Box fields; each managed
group becomes a Box-only group with its current members. A first `pulumi preview` of the
result then shows every account as adopted (a user shard entry, or a `box:User`, created,
`adopts` its Box id) and no field or membership change, so the team can review "adopts N
accounts, changes nothing" before anything is managed. Pure: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from pydantic import ValidationError

from components.inventory.tenant import Tenant, TenantGroup, TenantUser
from components.spec.model import BoxUserOverride

# The override fields a user's current value is written for, in the spec's order.
_OVERRIDE_FIELDS = (
    "role",
    "status",
    "space_amount",
    "language",
    "timezone",
    "job_title",
    "phone",
    "address",
    "is_sync_enabled",
    "can_see_managed_users",
    "is_external_collab_restricted",
    "is_exempt_from_device_limits",
    "is_exempt_from_login_verification",
)
# Where the spec's defaults already say it, the override stays short.
_IMPLIED = {"role": "user", "status": "active"}


@dataclass
class Onboarding:
    """The spec to write and what was left out of it (each line says why)."""

    spec: dict[str, Any]
    users: int = 0
    groups: int = 0
    left_out: list[str] = field(default_factory=list)

    def render(self) -> str:
        header = [
            "# yaml-language-server: $schema=./spec.schema.json",
            f"# Written by `python -m components onboard` from Box: {self.users} users and "
            f"{self.groups} groups as they are now.",
            "# A first `pulumi preview` adopts them and changes nothing; review it, then edit.",
        ]
        header += [f"# Left out: {line}" for line in self.left_out]
        body = yaml.safe_dump(self.spec, sort_keys=False, allow_unicode=True, width=100)
        return "\n".join(header) + "\n" + body


def spec_from_tenant(tenant: Tenant) -> Onboarding:
    """The Box-only spec that adopts `tenant`'s manageable users and groups unchanged."""
    onboarding = Onboarding(spec={})
    users = [user for user in tenant.users if _manageable(user, tenant, onboarding)]
    logins = {user.login for user in users}
    groups = [group for group in tenant.groups if _adoptable(group, logins, onboarding)]
    onboarding.users, onboarding.groups = len(users), len(groups)
    onboarding.spec = {
        "version": 1,
        "entra": {
            "manage": False,
            "assignments": [{"user": user.login, "role": "User"} for user in users],
        },
        "directory": {"source": "inline", "users": [_directory_user(user) for user in users]},
        "box": {
            "users": {user.login: _override(user) for user in users if _override(user)},
            "groups": [_box_group(group) for group in groups],
        },
    }
    return onboarding


def _manageable(user: TenantUser, tenant: Tenant, onboarding: Onboarding) -> bool:
    if user.login == tenant.service_account:
        return False  # the app itself: never a managed user
    if user.fields.get("role") == "admin":
        onboarding.left_out.append(
            f"{user.login}: the enterprise's admin, whom entra-box never manages"
        )
        return False
    return True


def _adoptable(group: TenantGroup, logins: set[str], onboarding: Onboarding) -> bool:
    if group.group_type != "managed_group":
        return False
    outsiders = sorted(set(group.members) - logins)
    if outsiders:
        # Managing the group would remove them (a Box write): leave it to a person to decide.
        onboarding.left_out.append(
            f"group {group.name!r}: its members {', '.join(outsiders)} cannot be managed, "
            "and managing the group would remove them"
        )
        return False
    return True


def _directory_user(user: TenantUser) -> dict[str, Any]:
    return {
        "userPrincipalName": user.login,
        "displayName": user.fields.get("name") or user.login,
        "accountEnabled": user.fields.get("status") != "inactive",
    }


def _override(user: TenantUser) -> dict[str, Any]:
    """The user's current Box values the spec must state to change nothing."""
    values: dict[str, Any] = {}
    for name in _OVERRIDE_FIELDS:
        value = user.fields.get(name)
        if value is None or value == "" or _IMPLIED.get(name) == value:
            continue
        if name == "status" and value == "inactive":
            continue  # accountEnabled: false already says it
        if _valid(name, value):
            values[name] = "unlimited" if name == "space_amount" and value == -1 else value
    return values


def _valid(name: str, value: Any) -> bool:
    # A value Box holds but the spec cannot state (e.g. an unusual time zone) is left unset,
    # which the spec reads as "Box keeps whatever it has": still no change.
    try:
        BoxUserOverride.model_validate({name: value})
    except ValidationError:
        return False
    return True


def _box_group(group: TenantGroup) -> dict[str, Any]:
    written: dict[str, Any] = {"name": group.name}
    if group.description:
        written["description"] = group.description
    written["members"] = [
        {"login": login, **({"role": "admin"} if role == "admin" else {})}
        for login, role in sorted(group.members.items())
    ]
    return written
