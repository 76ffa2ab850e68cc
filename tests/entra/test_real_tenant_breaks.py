"""Issue 18: what a first run on a real tenant would break, each as the mocks now show it.

Under `FakeTenant`, which checks every azuread input against pulumi-azuread's schema and
answers with only what the provider computes (see `tests/entra/fake_tenant.py`).
"""

from __future__ import annotations

import json
import logging

import pulumi
import pytest

from components.desired import DesiredApplication, DesiredAssignment, DesiredEntra
from components.entra.adoption import AdoptionRequiredError
from components.entra.component import BoxEnterpriseApp, BoxEnterpriseAppArgs
from components.entra.errors import EntraSpecError, UnknownAppRoleError
from components.entra.lookups import EntraLookups
from tests.entra.fake_tenant import (
    ACTIVE_SIGNING_KEY,
    APP,
    ASSIGNMENT,
    CLIENT_ID,
    DEPLOYER_OBJECT_ID,
    IDENTIFIER,
    MSIAM_ONLY,
    SIGNING_THUMBPRINT,
    SP,
    SP_OBJECT_ID,
    SP_READY,
    TENANT_ID,
    FakeTenant,
    role_id,
)
from tests.entra.harness import run_program

MARKER = "entra-box:stack=entra-box/test"


def _entra(*assignments: DesiredAssignment) -> DesiredEntra:
    application = DesiredApplication(display_name="Box (prod)")
    return DesiredEntra(manage=True, application=application, assignments=assignments)


def _user(upn: str, role: str = "User") -> DesiredAssignment:
    return DesiredAssignment(principal_type="user", principal=upn, role=role)


def _group(name: str) -> DesiredAssignment:
    return DesiredAssignment(principal_type="group", principal=name, role="User")


@pytest.fixture
def tenant() -> FakeTenant:
    tenant = FakeTenant()
    alice = tenant.add_user("alice@contoso.com", "Alice", mail="alice.smith@contoso.com")
    tenant.add_group("Sales", [alice])
    return tenant


def _run(tenant: FakeTenant, args: BoxEnterpriseAppArgs) -> dict[str, object]:
    def build() -> None:
        app = BoxEnterpriseApp("box-enterprise-app", args, EntraLookups())
        pulumi.export("samlMetadataUrl", app.saml_metadata_url)

    return run_program(tenant, build, preview=True)


# -- 1. an existing Box app is adopted, never duplicated ------------------------------------
def test_a_hand_made_box_app_fails_the_preview_with_the_import_file_and_registers_nothing(
    tenant: FakeTenant,
) -> None:
    made = tenant.add_app(
        "Box",
        identifier_uris=["box.net"],
        web_redirect_uris=["https://sso.services.box.net/sp/ACS.saml2"],
        sp_object_id="5e1d0000-0000-4000-8000-000000000099",
    )
    with pytest.raises(AdoptionRequiredError) as raised:
        _run(tenant, BoxEnterpriseAppArgs(entra=_entra()))
    message = str(raised.value)
    document = json.loads(message[message.index("{") : message.rindex("}") + 1])
    assert "pulumi import --file entra-adopt.json" in message
    assert document["resources"] == [
        {
            "type": "entra-box:entra:BoxEnterpriseApp",
            "name": "box-enterprise-app",
            "component": True,
        },
        {
            "type": "azuread:index/applicationFromTemplate:ApplicationFromTemplate",
            "name": "box-app",
            "id": f"/applicationTemplates/8c0e8d5a-0000-4000-8000-00000000b0c5/instantiate/"
            f"{made.object_id}/5e1d0000-0000-4000-8000-000000000099",
            "parent": "box-enterprise-app",
        },
        {
            "type": "azuread:index/applicationIdentifierUri:ApplicationIdentifierUri",
            "name": "box-app-saml-identifier",
            "id": f"/applications/{made.object_id}/identifierUris/Ym94Lm5ldA==",
            "parent": "box-enterprise-app",
        },
        {
            "type": "azuread:index/applicationRedirectUris:ApplicationRedirectUris",
            "name": "box-app-saml-reply-url",
            "id": f"/applications/{made.object_id}/redirectUris/Web",
            "parent": "box-enterprise-app",
        },
    ]
    assert tenant.resources == []


def test_an_app_left_by_an_interrupted_first_run_is_found_by_name_not_leaked(
    tenant: FakeTenant,
) -> None:
    # Created, then "pending create" cleared from the state: no identifier, no marker yet.
    tenant.add_app("Box (prod)", sp_object_id="5e1d0000-0000-4000-8000-000000000098")
    with pytest.raises(AdoptionRequiredError, match="'Box \\(prod\\)'"):
        _run(tenant, BoxEnterpriseAppArgs(entra=_entra()))
    assert tenant.of_type(APP) == []


def test_the_app_this_stack_holds_is_not_refused(tenant: FakeTenant) -> None:
    tenant.add_app(
        "Box (prod)", identifier_uris=["box.net"], sp_object_id="5e1d-held", sp_tags=[MARKER]
    )
    _run(tenant, BoxEnterpriseAppArgs(entra=_entra()))
    assert len(tenant.of_type(APP)) == 1


# -- 2. the real federation metadata URL -----------------------------------------------------
def test_the_saml_metadata_url_is_entras_federation_metadata_for_the_tenant_and_app(
    tenant: FakeTenant,
) -> None:
    outputs = _run(tenant, BoxEnterpriseAppArgs(entra=_entra()))
    assert outputs["samlMetadataUrl"] == (
        f"https://login.microsoftonline.com/{TENANT_ID}/federationmetadata/2007-06/"
        f"federationmetadata.xml?appid={CLIENT_ID}"
    )


# -- 3. the signing certificate is made the active one ----------------------------------------
def test_the_saml_signing_certificate_is_made_the_active_signing_key(tenant: FakeTenant) -> None:
    _run(tenant, BoxEnterpriseAppArgs(entra=_entra()))
    (active,) = tenant.of_type(ACTIVE_SIGNING_KEY)
    assert active.inputs["servicePrincipalObjectId"] == SP_OBJECT_ID
    assert active.inputs["thumbprint"] == SIGNING_THUMBPRINT


# -- 4. adopting the template's service principal keeps its tags and owners -------------------
def test_adopting_the_service_principal_keeps_entras_tags_and_marks_the_stack(
    tenant: FakeTenant,
) -> None:
    _run(tenant, BoxEnterpriseAppArgs(entra=_entra()))
    assert "WindowsAzureActiveDirectoryIntegratedApp" in tenant.service_principal_tags
    assert "WindowsAzureActiveDirectoryGalleryApplicationNonPrimaryV1" in (
        tenant.service_principal_tags
    )
    assert MARKER in tenant.service_principal_tags


def test_without_owners_in_the_spec_the_deployer_is_sent_so_owners_never_diff(
    tenant: FakeTenant,
) -> None:
    _run(tenant, BoxEnterpriseAppArgs(entra=_entra()))
    (sp,) = tenant.of_type(SP)
    assert sp.inputs["owners"] == [DEPLOYER_OBJECT_ID]


def test_the_service_principal_is_adopted_only_once_graph_can_read_it(tenant: FakeTenant) -> None:
    _run(tenant, BoxEnterpriseAppArgs(entra=_entra()))
    names = [r.type for r in tenant.resources]
    (ready,) = tenant.of_type(SP_READY)
    assert ready.inputs["servicePrincipalObjectId"] == SP_OBJECT_ID
    assert names.index(SP_READY) < names.index(SP)


# -- 5. the identifier URI after the service principal is in SAML mode -------------------------
def test_the_identifier_uri_is_registered_after_the_saml_service_principal(
    tenant: FakeTenant,
) -> None:
    _run(tenant, BoxEnterpriseAppArgs(entra=_entra()))
    names = [r.type for r in tenant.resources]
    assert names.index(SP) < names.index(IDENTIFIER)


# -- 8. app roles and licences ----------------------------------------------------------------
def test_an_app_publishing_only_msiam_access_fails_the_preview_listing_that_role(
    tenant: FakeTenant,
) -> None:
    tenant.add_app("Box (prod)", identifier_uris=["box.net"], sp_object_id="sp", sp_tags=[MARKER])
    tenant.app_roles = MSIAM_ONLY
    with pytest.raises(UnknownAppRoleError, match=r"'User'.*Its roles are: 'msiam_access'"):
        _run(tenant, BoxEnterpriseAppArgs(entra=_entra(_user("alice@contoso.com"))))
    assert tenant.resources == []


def test_on_a_first_run_the_roles_are_checked_only_once_the_app_exists_with_a_warning(
    tenant: FakeTenant, caplog: pytest.LogCaptureFixture
) -> None:
    # The known limit: no app during the preview, so no roles to check before the `up`.
    tenant.app_roles = MSIAM_ONLY
    with caplog.at_level(logging.WARNING), pytest.raises(UnknownAppRoleError, match="msiam"):
        _run(tenant, BoxEnterpriseAppArgs(entra=_entra(_user("alice@contoso.com"))))
    assert len(tenant.of_type(APP)) == 1
    assert "cannot be checked in this preview" in caplog.text


def test_once_the_app_exists_assignments_use_the_role_ids_it_publishes(
    tenant: FakeTenant,
) -> None:
    tenant.hold_box_app()
    _run(tenant, BoxEnterpriseAppArgs(entra=_entra(_user("alice@contoso.com"))))
    (assignment,) = tenant.of_type(ASSIGNMENT)
    assert assignment.inputs["appRoleId"] == role_id("User")


def test_assigning_a_group_warns_that_entra_id_p1_or_p2_is_needed(
    tenant: FakeTenant, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        _run(tenant, BoxEnterpriseAppArgs(entra=_entra(_group("Sales"))))
    assert "Microsoft Entra ID P1 or P2" in caplog.text


def test_assigning_only_users_gives_no_licence_warning(
    tenant: FakeTenant, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        _run(tenant, BoxEnterpriseAppArgs(entra=_entra(_user("alice@contoso.com"))))
    assert "P1 or P2" not in caplog.text


# -- 9. the NameID is what the Box login is mapped from ----------------------------------------
@pytest.mark.parametrize(
    ("login", "claim_id"),
    [("userPrincipalName", "userprincipalname"), ("mail", "mail"), ("employeeId", "employeeid")],
)
def test_the_name_id_is_the_attribute_the_box_login_is_mapped_from(
    tenant: FakeTenant, login: str, claim_id: str
) -> None:
    _run(tenant, BoxEnterpriseAppArgs(entra=_entra(), login_attribute=login))
    (definition,) = tenant.named("box-saml-claims").inputs["definitions"]
    (claim,) = json.loads(definition)["ClaimsMappingPolicy"]["ClaimsSchema"]
    assert claim == {
        "ID": claim_id,
        "SamlClaimType": "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier",
        "Source": "user",
    }


def test_a_login_attribute_a_claim_cannot_carry_fails_the_preview(tenant: FakeTenant) -> None:
    with pytest.raises(EntraSpecError, match=r"provisioning\.mappings\.login: 'jobTitle'"):
        _run(tenant, BoxEnterpriseAppArgs(entra=_entra(), login_attribute="jobTitle"))
    assert tenant.resources == []
