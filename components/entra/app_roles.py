"""Pick the Box service principal's app role that an assignment names.

Pure; called by `components.entra.component` inside `Output.apply` on the service
principal's `app_roles`, so the role id becomes the `app_role_id` input of an
`AppRoleAssignment` without any resource being created inside `apply`. Gallery apps publish
roles whose `value` may be empty (the Graph SAML tutorial shows `User` and `msiam_access`
with `value: null`), so a role is matched by display name first, then by value.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from components.entra.errors import UnknownAppRoleError


def _field(role: Any, python_name: str, wire_name: str) -> Any:
    # pulumi-azuread hands app roles over as `ServicePrincipalAppRole` output types (read
    # through their properties); a plain mapping may use Python or Graph's camelCase names.
    if isinstance(getattr(type(role), python_name, None), property):
        return getattr(role, python_name)
    if isinstance(role, Mapping):
        return role.get(python_name, role.get(wire_name))
    return None


def _is_assignable_to_people(role: Any) -> bool:
    enabled = _field(role, "enabled", "isEnabled")
    member_types = _field(role, "allowed_member_types", "allowedMemberTypes") or ("User",)
    return enabled is not False and "User" in member_types


def _role_labels(roles: Sequence[Any]) -> list[str]:
    return sorted({str(_field(role, "display_name", "displayName")) for role in roles})


def app_role_id(roles: Sequence[Any], wanted: str, principal: str) -> str:
    """The id of the enabled, user-assignable role whose display name (or value) is `wanted`.

    Raises `UnknownAppRoleError` listing the roles that exist when none matches.
    """
    usable = [role for role in roles if _is_assignable_to_people(role)]
    for name_field in (("display_name", "displayName"), ("value", "value")):
        for role in usable:
            if _field(role, *name_field) == wanted:
                return str(_field(role, "id", "id"))
    raise UnknownAppRoleError(wanted, principal, _role_labels(usable))
