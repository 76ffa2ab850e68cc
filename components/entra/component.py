"""`BoxEnterpriseApp`: the Box enterprise application in Entra ID, as one Pulumi component.

Built by `components.program.build_stack` when `entra.manage` is true. It does what the Box
SSO tutorial has an admin click through, in the order the Microsoft Graph SAML tutorial does
it (sources in `components.entra.box_saml`):

- the app from the Entra gallery template (`ApplicationFromTemplate`, which creates the
  application and its service principal and, unlike `Application`, leaves the template's
  app roles alone);
- the service principal adopted with `use_existing` and set to SAML single sign-on,
  assignment required, owners, notification emails and Box's sign-on URL;
- Box's identifier and reply URL, a SAML signing certificate, and a claims-mapping policy that
  makes the NameID the user's `mail` as Box expects;
- one app role assignment per spec assignment, the role id computed with `apply` from the
  service principal's published roles;
- Entra's provisioning job (see `components.entra.provisioning_job`).

All lookups (principals, gallery template) happen before anything is registered, so a bad
name fails the preview and registers nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Final

import pulumi
import pulumi_azuread as azuread

from components.desired import (
    DesiredApplication,
    DesiredAssignment,
    DesiredEntra,
    ProvisioningEngine,
)
from components.entra import box_saml
from components.entra.app_roles import app_role_id
from components.entra.errors import EntraSpecError
from components.entra.lookups import EntraLookups, GalleryTemplate
from components.entra.naming import assignment_resource_names, owner_resource_name
from components.entra.principals import ResolvedPrincipals, resolve_principals
from components.entra.provisioning_job import (
    EntraJobSettings,
    job_enabled,
    provisioning_status,
    synchronization_secret_credentials,
)

COMPONENT_TYPE: Final = "entra-box:entra:BoxEnterpriseApp"
SIGNING_CERTIFICATE_NAME: Final = "CN=Microsoft Azure Federated SSO Certificate"


@dataclass(frozen=True)
class BoxEnterpriseAppArgs:
    """What the component needs from the spec: the Entra section and the provisioning choice."""

    entra: DesiredEntra
    engine: ProvisioningEngine = "entra-box"
    job: EntraJobSettings = field(default_factory=EntraJobSettings)
    # Box's SP-initiated sign-on URL, `https://<subdomain>.account.box.com`.
    sign_on_url: str | None = None


def _require_application(entra: DesiredEntra) -> DesiredApplication:
    if entra.application is None:
        raise EntraSpecError(
            "entra.application is missing: a stack with entra.manage: true must describe the "
            "Box enterprise app (at least its displayName)."
        )
    return entra.application


def _check_template(template: GalleryTemplate, engine: ProvisioningEngine) -> None:
    if box_saml.PREFERRED_SSO_MODE not in template.single_sign_on_modes:
        raise EntraSpecError(
            f"entra.application.galleryTemplate: {template.display_name!r} does not support "
            f"SAML single sign-on (it supports {list(template.single_sign_on_modes)}); use the "
            "Box gallery app."
        )
    if engine == "entra" and "sync" not in template.provisioning_types:
        raise EntraSpecError(
            f"provisioning.engine: entra needs a gallery app with automatic provisioning, and "
            f"{template.display_name!r} has none; use the Box gallery app or engine entra-box."
        )


def _role_id(sp: azuread.ServicePrincipal, assignment: DesiredAssignment) -> pulumi.Output[str]:
    """The assignment's app role id, picked once the service principal's roles are known."""
    who = f"{assignment.principal_type} {assignment.principal!r}"

    def pick(roles: Sequence[Any]) -> str:
        return app_role_id(roles, assignment.role, who)

    return sp.app_roles.apply(pick)


class BoxEnterpriseApp(pulumi.ComponentResource):
    """The Box enterprise app in Entra: SSO, owners, assignments and the provisioning job."""

    client_id: pulumi.Output[str]
    service_principal_object_id: pulumi.Output[str]
    saml_metadata_url: pulumi.Output[str]
    saml_signing_thumbprint: pulumi.Output[str]
    provisioning_status: str

    def __init__(
        self,
        name: str,
        args: BoxEnterpriseAppArgs,
        lookups: EntraLookups,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        application = _require_application(args.entra)
        principals = resolve_principals(args.entra, lookups)
        template = lookups.gallery_template(application.gallery_template)
        _check_template(template, args.engine)
        assignment_names = assignment_resource_names(args.entra.assignments)
        super().__init__(COMPONENT_TYPE, name, None, opts)

        app = self._create_application(application, template)
        sp = self._create_service_principal(app, application, principals, args.sign_on_url)
        certificate = self._create_saml_settings(app, sp)
        self._create_owners(app, application, principals)
        self._create_assignments(sp, principals, assignment_names)
        self._create_provisioning_job(sp, args.engine, args.job)

        self.client_id = sp.client_id
        self.service_principal_object_id = sp.object_id
        self.saml_metadata_url = sp.saml_metadata_url
        self.saml_signing_thumbprint = certificate.thumbprint
        self.provisioning_status = provisioning_status(args.engine, args.job)
        self.register_outputs(
            {
                "clientId": self.client_id,
                "servicePrincipalObjectId": self.service_principal_object_id,
                "samlMetadataUrl": self.saml_metadata_url,
                "samlSigningThumbprint": self.saml_signing_thumbprint,
                "provisioningStatus": self.provisioning_status,
            }
        )

    def _child(self, **extra: Any) -> pulumi.ResourceOptions:
        return pulumi.ResourceOptions(parent=self, **extra)

    def _create_application(
        self, application: DesiredApplication, template: GalleryTemplate
    ) -> azuread.ApplicationFromTemplate:
        return azuread.ApplicationFromTemplate(
            "box-app",
            display_name=application.display_name,
            template_id=template.template_id,
            # The template matters only at creation, and a new id forces a replacement: were
            # Microsoft to republish the Box template, the app (and its SSO certificate, which
            # Box trusts) must not be deleted and recreated because of it.
            opts=self._child(ignore_changes=["template_id"]),
        )

    def _create_service_principal(
        self,
        app: azuread.ApplicationFromTemplate,
        application: DesiredApplication,
        principals: ResolvedPrincipals,
        sign_on_url: str | None,
    ) -> azuread.ServicePrincipal:
        # The template already created the service principal; `use_existing` adopts it. Its
        # client id is only on the application, read back by object id.
        created = azuread.get_application_output(object_id=app.application_object_id)
        owners = principals.owner_ids(application.owners)
        return azuread.ServicePrincipal(
            "box-app-service-principal",
            client_id=created.client_id,
            use_existing=True,
            app_role_assignment_required=True,
            preferred_single_sign_on_mode=box_saml.PREFERRED_SSO_MODE,
            login_url=sign_on_url,
            notification_email_addresses=list(application.notification_emails),
            # Not sent when the spec names no owner, so that a stack that never lists owners
            # does not clear the ones Entra set when it created the app.
            owners=owners or None,
            opts=self._child(depends_on=[app]),
        )

    def _create_saml_settings(
        self, app: azuread.ApplicationFromTemplate, sp: azuread.ServicePrincipal
    ) -> azuread.ServicePrincipalTokenSigningCertificate:
        azuread.ApplicationIdentifierUri(
            "box-app-saml-identifier",
            application_id=app.application_id,
            identifier_uri=box_saml.BOX_SAML_IDENTIFIER,
            opts=self._child(),
        )
        azuread.ApplicationRedirectUris(
            "box-app-saml-reply-url",
            application_id=app.application_id,
            type="Web",
            redirect_uris=[box_saml.BOX_SAML_REPLY_URL],
            opts=self._child(),
        )
        certificate = azuread.ServicePrincipalTokenSigningCertificate(
            "box-app-saml-signing-certificate",
            service_principal_id=sp.id,
            display_name=SIGNING_CERTIFICATE_NAME,
            opts=self._child(),
        )
        policy = azuread.ClaimsMappingPolicy(
            "box-saml-claims",
            display_name="Box SAML claims (NameID = mail)",
            definitions=[box_saml.box_claims_mapping_definition()],
            opts=self._child(),
        )
        azuread.ServicePrincipalClaimsMappingPolicyAssignment(
            "box-saml-claims-assignment",
            claims_mapping_policy_id=policy.id,
            service_principal_id=sp.id,
            opts=self._child(),
        )
        return certificate

    def _create_owners(
        self,
        app: azuread.ApplicationFromTemplate,
        application: DesiredApplication,
        principals: ResolvedPrincipals,
    ) -> None:
        for upn, object_id in zip(
            application.owners, principals.owner_ids(application.owners), strict=True
        ):
            azuread.ApplicationOwner(
                owner_resource_name(upn),
                application_id=app.application_id,
                owner_object_id=object_id,
                opts=self._child(),
            )

    def _create_assignments(
        self,
        sp: azuread.ServicePrincipal,
        principals: ResolvedPrincipals,
        names: dict[DesiredAssignment, str],
    ) -> None:
        for assignment, resource_name in sorted(names.items(), key=lambda item: item[1]):
            azuread.AppRoleAssignment(
                resource_name,
                app_role_id=_role_id(sp, assignment),
                principal_object_id=principals.object_id(assignment),
                resource_object_id=sp.object_id,
                opts=self._child(),
            )

    def _create_provisioning_job(
        self, sp: azuread.ServicePrincipal, engine: ProvisioningEngine, job: EntraJobSettings
    ) -> azuread.SynchronizationJob:
        depends_on: Sequence[pulumi.Resource] = []
        if engine == "entra":
            depends_on = [
                azuread.SynchronizationSecret(
                    "box-provisioning-settings",
                    service_principal_id=sp.id,
                    credentials=[
                        azuread.SynchronizationSecretCredentialArgs(key=key, value=value)
                        for key, value in synchronization_secret_credentials(job)
                    ],
                    opts=self._child(),
                )
            ]
        return azuread.SynchronizationJob(
            "box-provisioning-job",
            service_principal_id=sp.id,
            template_id=job.template_id,
            enabled=job_enabled(engine, job),
            opts=self._child(depends_on=list(depends_on)),
        )
