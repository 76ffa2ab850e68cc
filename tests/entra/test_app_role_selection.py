"""An assignment's role is found among the Box app's roles by display name or value."""

from __future__ import annotations

import pytest

from components.entra.app_roles import app_role_id
from components.entra.errors import UnknownAppRoleError

ROLES = [
    {"display_name": "User", "id": "id-user", "value": None, "allowed_member_types": ["User"]},
    {"displayName": "Co-admin", "id": "id-coadmin", "value": "coadmin"},
    {
        "display_name": "Disabled",
        "id": "id-off",
        "enabled": False,
        "allowed_member_types": ["User"],
    },
    {"display_name": "Robots", "id": "id-app", "allowed_member_types": ["Application"]},
]


@pytest.mark.parametrize(
    ("wanted", "expected"),
    [("User", "id-user"), ("Co-admin", "id-coadmin"), ("coadmin", "id-coadmin")],
)
def test_a_role_is_found_by_display_name_or_value(wanted: str, expected: str) -> None:
    assert app_role_id(ROLES, wanted, "user 'a@b.c'") == expected


@pytest.mark.parametrize("wanted", ["Admin", "user", "Disabled", "Robots"])
def test_an_unknown_disabled_or_app_only_role_is_an_error_listing_the_usable_roles(
    wanted: str,
) -> None:
    with pytest.raises(UnknownAppRoleError) as raised:
        app_role_id(ROLES, wanted, "group 'Sales'")
    message = str(raised.value)
    assert f"{wanted!r}" in message
    assert "group 'Sales'" in message
    assert "'Co-admin', 'User'" in message
    assert "Disabled" not in message.split("roles are:")[1]
