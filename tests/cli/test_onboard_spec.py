"""`onboard`'s spec (pure): who is adopted as they are, who is left out and why."""

from __future__ import annotations

from pathlib import Path

import yaml

from components.inventory.onboard import spec_from_tenant
from components.inventory.tenant import Tenant, TenantGroup, TenantUser
from components.resolve import inline_directory, resolve
from components.spec.load import load_spec

SERVICE = "automationuser_1_x@boxdevedition.com"


def user(login: str, **fields: object) -> TenantUser:
    base = {"login": login, "name": login.split("@")[0].title(), "status": "active", "role": "user"}
    return TenantUser(login.split("@")[0], {**base, **fields})


def group(name: str, members: dict[str, str]) -> TenantGroup:
    return TenantGroup(name, name, None, "managed_group", members)


TENANT = Tenant(
    service_account=SERVICE,
    users=(
        user(
            "ada@contoso.example", job_title="Engineer", space_amount=-1, timezone="Europe/London"
        ),
        user("boss@contoso.example", role="admin"),
        user("carol@contoso.example", role="coadmin"),
        user("dan@contoso.example", status="inactive"),
        user(SERVICE, role="admin"),
    ),
    groups=(
        group("Engineering", {"ada@contoso.example": "admin", "dan@contoso.example": "member"}),
        group("Board", {"boss@contoso.example": "member", "ada@contoso.example": "member"}),
    ),
)


def test_every_manageable_user_is_written_with_the_fields_that_differ_from_the_defaults() -> None:
    spec = spec_from_tenant(TENANT).spec

    assert [u["userPrincipalName"] for u in spec["directory"]["users"]] == [
        "ada@contoso.example",
        "carol@contoso.example",
        "dan@contoso.example",
    ]
    assert spec["box"]["users"] == {
        "ada@contoso.example": {
            "space_amount": "unlimited",
            "timezone": "Europe/London",
            "job_title": "Engineer",
        },
        "carol@contoso.example": {"role": "coadmin"},
    }
    assert spec["directory"]["users"][2]["accountEnabled"] is False


def test_the_admin_and_groups_holding_someone_unmanageable_are_left_out_with_the_reason() -> None:
    onboarding = spec_from_tenant(TENANT)

    assert [g["name"] for g in onboarding.spec["box"]["groups"]] == ["Engineering"]
    assert onboarding.left_out == [
        "boss@contoso.example: the enterprise's admin, whom entra-box never manages",
        "group 'Board': its members boss@contoso.example cannot be managed, and managing the "
        "group would remove them",
    ]
    assert "# Left out: boss@contoso.example" in onboarding.render()


def test_the_written_spec_loads_and_resolves_to_the_tenant(tmp_path: Path) -> None:
    path = tmp_path / "prod.yaml"
    path.write_text(spec_from_tenant(TENANT).render())

    spec = load_spec(path)
    state = resolve(spec, inline_directory(spec))

    users = {u.login: u for u in state.box.users}
    assert users["dan@contoso.example"].status == "inactive"
    assert users["carol@contoso.example"].role == "coadmin"
    (engineering,) = state.box.groups
    assert {m.login: m.role for m in engineering.members} == {
        "ada@contoso.example": "admin",
        "dan@contoso.example": "member",
    }
    assert yaml.safe_load(path.read_text())["entra"]["manage"] is False
