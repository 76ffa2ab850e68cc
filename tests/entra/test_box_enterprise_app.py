"""The Box enterprise app component registers what the tutorials click, with the right inputs."""

from __future__ import annotations

import json

import pytest

from components.desired import DesiredApplication, DesiredAssignment, DesiredEntra
from components.entra.component import BoxEnterpriseApp, BoxEnterpriseAppArgs
from components.entra.errors import EntraSpecError, PrincipalsNotFoundError, UnknownAppRoleError
from components.entra.lookups import EntraLookups
from components.entra.provisioning_job import EntraJobSettings
from tests.entra.fake_tenant import (
    APP,
    ASSIGNMENT,
    BOX_TEMPLATE_ID,
    CLIENT_ID,
    GET_USERS,
    JOB,
    JOBS_PAUSED,
    PROVISIONING_SETTINGS,
    SECRET,
    SP,
    SP_OBJECT_ID,
    FakeTenant,
    role_id,
)
from tests.entra.harness import run_program


def _user(upn: str, role: str = "User") -> DesiredAssignment:
    return DesiredAssignment(principal_type="user", principal=upn, role=role)


def _group(name: str, role: str = "User") -> DesiredAssignment:
    return DesiredAssignment(principal_type="group", principal=name, role=role)


def _entra(*assignments: DesiredAssignment, owners: tuple[str, ...] = ()) -> DesiredEntra:
    application = DesiredApplication(
        display_name="Box (prod)", owners=owners, notification_emails=("it@contoso.com",)
    )
    return DesiredEntra(manage=True, application=application, assignments=assignments)


@pytest.fixture
def tenant() -> FakeTenant:
    tenant = FakeTenant()
    alice = tenant.add_user("alice@contoso.com", "Alice", mail="alice@contoso.com")
    bob = tenant.add_user("bob@contoso.com", "Bob")
    tenant.add_user("carol@contoso.com", "Carol")
    tenant.add_group("Sales", [alice, bob])
    tenant.add_group("Sales EMEA", [bob])
    return tenant


def _run(tenant: FakeTenant, args: BoxEnterpriseAppArgs) -> None:
    run_program(tenant, lambda: _build(args))


def _build(args: BoxEnterpriseAppArgs) -> None:
    BoxEnterpriseApp("box", args, EntraLookups())


def test_the_gallery_app_is_instantiated_once_from_the_template_found_by_name(
    tenant: FakeTenant,
) -> None:
    _run(tenant, BoxEnterpriseAppArgs(entra=_entra()))
    (app,) = tenant.of_type(APP)
    assert app.inputs == {"displayName": "Box (prod)", "templateId": BOX_TEMPLATE_ID}


def test_the_service_principal_uses_saml_requires_assignment_and_carries_owners_and_emails(
    tenant: FakeTenant,
) -> None:
    args = BoxEnterpriseAppArgs(
        entra=_entra(owners=("Carol@contoso.com",)), sign_on_url="https://contoso.account.box.com"
    )
    _run(tenant, args)
    (sp,) = tenant.of_type(SP)
    carol = next(u for u in tenant.users.values() if u.upn == "carol@contoso.com")
    assert sp.inputs == {
        "clientId": CLIENT_ID,
        "useExisting": True,
        "appRoleAssignmentRequired": True,
        "preferredSingleSignOnMode": "saml",
        "loginUrl": "https://contoso.account.box.com",
        "notificationEmailAddresses": ["it@contoso.com"],
        "owners": [carol.object_id],
        "tags": [
            "WindowsAzureActiveDirectoryGalleryApplicationNonPrimaryV1",
            "WindowsAzureActiveDirectoryIntegratedApp",
            "entra-box:stack=entra-box/test",
        ],
    }
    owner = tenant.named("owner-carol@contoso.com")
    assert owner.inputs["ownerObjectId"] == carol.object_id


def test_box_saml_identifier_reply_url_and_upn_name_id_claim_are_set(tenant: FakeTenant) -> None:
    _run(tenant, BoxEnterpriseAppArgs(entra=_entra()))
    assert tenant.named("box-app-saml-identifier").inputs["identifierUri"] == "box.net"
    assert tenant.named("box-app-saml-reply-url").inputs["redirectUris"] == [
        "https://sso.services.box.net/sp/ACS.saml2"
    ]
    (definition,) = tenant.named("box-saml-claims").inputs["definitions"]
    (claim,) = json.loads(definition)["ClaimsMappingPolicy"]["ClaimsSchema"]
    # Box matches the NameID against the login, mapped from userPrincipalName by default.
    assert claim["ID"] == "userprincipalname"
    assert claim["SamlClaimType"].endswith("/claims/nameidentifier")
    assignment = tenant.named("box-saml-claims-assignment").inputs
    assert assignment["servicePrincipalId"] == f"/servicePrincipals/{SP_OBJECT_ID}"
    assert tenant.named("box-app-saml-signing-certificate").inputs["servicePrincipalId"]


def test_each_assignment_gets_the_principal_and_role_ids_it_names(tenant: FakeTenant) -> None:
    tenant.hold_box_app()
    entra = _entra(_user("alice@contoso.com"), _group("Sales", "coadmin"), _group("Sales EMEA"))
    _run(tenant, BoxEnterpriseAppArgs(entra=entra))
    ids = {g.display_name: g.object_id for g in tenant.groups}
    alice = next(u for u in tenant.users.values() if u.upn == "alice@contoso.com")
    assert {
        r.name: (r.inputs["principalObjectId"], r.inputs["appRoleId"], r.inputs["resourceObjectId"])
        for r in tenant.of_type(ASSIGNMENT)
    } == {
        "assignment-user-alice@contoso.com": (alice.object_id, role_id("User"), SP_OBJECT_ID),
        "assignment-group-sales": (ids["Sales"], role_id("Co-admin"), SP_OBJECT_ID),
        "assignment-group-sales-emea": (ids["Sales EMEA"], role_id("User"), SP_OBJECT_ID),
    }


def test_all_assigned_users_and_owners_are_looked_up_in_one_batch(tenant: FakeTenant) -> None:
    entra = _entra(
        _user("alice@contoso.com"), _user("bob@contoso.com"), owners=("carol@contoso.com",)
    )
    _run(tenant, BoxEnterpriseAppArgs(entra=entra))
    assert tenant.call_counts()[GET_USERS] == 1


def test_engine_entra_box_keeps_entras_jobs_paused_without_creating_one(
    tenant: FakeTenant,
) -> None:
    job_settings = EntraJobSettings(enabled=True)
    _run(tenant, BoxEnterpriseAppArgs(entra=_entra(), engine="entra-box", job=job_settings))
    # No job is created, so no template id (possibly wrong) is ever needed.
    assert tenant.of_type(JOB) == []
    (paused,) = tenant.of_type(JOBS_PAUSED)
    assert paused.inputs["servicePrincipalObjectId"] == SP_OBJECT_ID
    assert tenant.of_type(SECRET) == []


def test_engine_entra_merges_only_its_own_settings_and_never_registers_a_secret_resource(
    tenant: FakeTenant,
) -> None:
    settings = EntraJobSettings(
        enabled=True,
        notification_email="it@contoso.com",
        accidental_deletion_threshold=20,
        skip_out_of_scope_deletions=True,
    )
    _run(tenant, BoxEnterpriseAppArgs(entra=_entra(), engine="entra", job=settings))
    # First run: the app does not exist at preview, so its template cannot be read yet.
    assert tenant.of_type(JOB) == []
    assert tenant.of_type(SECRET) == []
    (merged,) = tenant.of_type(PROVISIONING_SETTINGS)
    credentials = merged.inputs["settings"]
    assert sorted(credentials) == ["SkipOutOfScopeDeletions", "SyncAll", "SyncNotificationSettings"]
    assert credentials["SyncAll"] == "false"
    assert credentials["SkipOutOfScopeDeletions"] == "true"
    assert json.loads(credentials["SyncNotificationSettings"]) == {
        "Enabled": True,
        "Recipients": "it@contoso.com",
        "DeleteThresholdEnabled": True,
        "DeleteThresholdValue": 20,
    }


def test_principals_that_match_nothing_are_reported_together_and_nothing_is_registered(
    tenant: FakeTenant,
) -> None:
    entra = _entra(_user("nobody@contoso.com"), _group("Ghosts"), owners=("gone@contoso.com",))
    with pytest.raises(PrincipalsNotFoundError) as raised:
        _run(tenant, BoxEnterpriseAppArgs(entra=entra))
    message = str(raised.value)
    assert "user 'nobody@contoso.com' matches no Entra user" in message
    assert "owners: 'gone@contoso.com' matches no Entra user" in message
    assert "group 'Ghosts' could not be resolved" in message
    assert tenant.resources == []


def test_a_group_name_shared_by_several_groups_is_an_error_listing_them(tenant: FakeTenant) -> None:
    tenant.add_group("Sales")
    with pytest.raises(
        PrincipalsNotFoundError, match=r"'Sales' matches 2 Entra groups \(group-0001, group-0003\)"
    ):
        _run(tenant, BoxEnterpriseAppArgs(entra=_entra(_group("Sales"))))
    assert tenant.resources == []


def test_an_unknown_role_is_an_error_listing_the_roles_that_exist(tenant: FakeTenant) -> None:
    tenant.hold_box_app()
    with pytest.raises(UnknownAppRoleError, match=r"'Admin'.*'Co-admin', 'User', 'msiam_access'"):
        _run(tenant, BoxEnterpriseAppArgs(entra=_entra(_user("alice@contoso.com", "Admin"))))


def test_an_unknown_gallery_template_is_a_clear_error(tenant: FakeTenant) -> None:
    entra = DesiredEntra(
        manage=True, application=DesiredApplication(display_name="Box", gallery_template="Bxo")
    )
    with pytest.raises(EntraSpecError, match="gallery application template 'Bxo'"):
        _run(tenant, BoxEnterpriseAppArgs(entra=entra))
    assert tenant.resources == []
