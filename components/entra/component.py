"""`BoxEnterpriseApp`: the Box enterprise application in Entra ID, as one Pulumi component.

Built by `components.program.build_stack` when `entra.manage` is true. It does what the Box
SSO tutorial has an admin click through, in the order the Microsoft Graph SAML tutorial does
it (sources in `components.entra.box_saml`):

- first, read-only: the tenant's existing Box app (`components.entra.adoption`): one this
  stack does not hold fails the preview with the `pulumi import` file that adopts it; the
  app's published app roles when it exists (an assignment naming a role it lacks fails the
  preview, listing the roles it has); a warning when groups are assigned (Entra ID P1/P2);
- the app from the Entra gallery template (`ApplicationFromTemplate`), then a wait until its
  service principal is readable (`graph.resources.ServicePrincipalReady`, replication);
- the service principal adopted with `use_existing`: SAML single sign-on, assignment
  required, notification emails, Box's sign-on URL, owners sent explicitly (the spec's, or
  the deploying identity, so reading them back never diffs), and its tags kept (what Entra
  set, which lists it under Enterprise applications, plus this stack's marker);
- after the service principal is in SAML mode, Box's identifier (tenants with identifier-URI
  protection accept `box.net` only then) and reply URL; a SAML signing certificate made the
  active one (`graph.resources.ActiveSigningKey`); a claims-mapping policy whose NameID is
  the attribute the Box login is mapped from;
- one app role assignment per spec assignment, its role id from the roles the existing app
  publishes (on the first run, when the app does not exist during the preview, picked during
  the `up` from the new app's roles, with a warning);
- Entra's provisioning: with `engine: entra-box`, Entra's own jobs for the app kept paused
  (`EntraJobsPaused`, no template id involved); with `engine: entra`, a job from the app's own
  synchronization template (read from Graph) and entra-box's settings merged into the app's
  synchronization secrets (`ProvisioningSettings`).

All lookups happen before anything is registered, so a bad name fails the preview and
registers nothing.
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
from components.entra import adoption, box_saml
from components.entra.app_roles import app_role_id
from components.entra.errors import EntraSpecError
from components.entra.graph import clouds, program_reads
from components.entra.graph.resources import (
    ActiveSigningKey,
    EntraJobsPaused,
    ProvisioningSettings,
    ServicePrincipalReady,
)
from components.entra.lookups import EntraLookups, ExistingServicePrincipal, GalleryTemplate
from components.entra.naming import assignment_resource_names, owner_resource_name
from components.entra.principals import ResolvedPrincipals, resolve_principals
from components.entra.provisioning_job import (
    EntraJobSettings,
    job_enabled,
    provisioning_status,
    synchronization_secret_credentials,
)

COMPONENT_TYPE: Final = adoption.COMPONENT_TYPE
SIGNING_CERTIFICATE_NAME: Final = "CN=Microsoft Azure Federated SSO Certificate"
# The tag Entra gives an instantiated gallery app's service principal; it is what lists the
# app under Enterprise applications (Graph: "applicationTemplate: instantiate").
INTEGRATED_APP_TAG: Final = "WindowsAzureActiveDirectoryIntegratedApp"
GROUP_LICENCE_WARNING: Final = (
    "entra.assignments assigns groups to the Box app: assigning groups to an enterprise app "
    "needs Microsoft Entra ID P1 or P2 in the tenant; without it the assignment fails "
    "(docs/entra.md, 'Tenant prerequisites')."
)
FIRST_RUN_ASSIGNMENTS_WARNING: Final = (
    "entra.assignments: the Box app does not exist yet, so the roles it publishes cannot be "
    "checked in this preview; an assignment naming a role the new app lacks fails during "
    "the `up`, after the app is created (docs/entra.md, 'App roles')."
)
RESOURCE_NAMES: Final = {
    "application": "box-app",
    "identifier": "box-app-saml-identifier",
    "redirects": "box-app-saml-reply-url",
}


@dataclass(frozen=True)
class BoxEnterpriseAppArgs:
    """What the component needs from the spec: the Entra section and the provisioning choice."""

    entra: DesiredEntra
    engine: ProvisioningEngine = "entra-box"
    job: EntraJobSettings = field(default_factory=EntraJobSettings)
    # Box's SP-initiated sign-on URL, `https://<subdomain>.account.box.com`.
    sign_on_url: str | None = None
    # The Entra attribute the Box login is mapped from (`provisioning.mappings.login`); the
    # SAML NameID must be the same value for Box to match the person.
    login_attribute: str = "userPrincipalName"


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


def _role_ids(
    sp: ExistingServicePrincipal, assignments: Sequence[DesiredAssignment]
) -> dict[DesiredAssignment, str]:
    """Each assignment's role id among the roles the app publishes; the preview fails otherwise."""
    return {
        assignment: app_role_id(sp.app_roles, assignment.role, _who(assignment))
        for assignment in assignments
    }


def _who(assignment: DesiredAssignment) -> str:
    return f"{assignment.principal_type} {assignment.principal!r}"


def _role_id_once_created(
    sp: azuread.ServicePrincipal, assignment: DesiredAssignment
) -> pulumi.Output[str]:
    """First run only: the role id picked from the new app's roles, during the `up`."""

    def pick(roles: Sequence[Any]) -> str:
        return app_role_id(roles, assignment.role, _who(assignment))

    return sp.app_roles.apply(pick)


def _kept_tags(current: Sequence[str] | None, marker: str) -> list[str]:
    """The tags Entra set, the integrated-app tag, and this stack's marker; sorted, once each."""
    return sorted({*(current or ()), INTEGRATED_APP_TAG, marker})


@dataclass(frozen=True)
class _Preflight:
    """What the read-only checks found, for the registrations that follow."""

    principals: ResolvedPrincipals
    template: GalleryTemplate
    deployer_object_id: str
    tenant_id: str
    marker: str
    existing_sp: ExistingServicePrincipal | None
    # Role id per assignment, from the existing app's published roles; empty on a first run.
    role_ids: dict[DesiredAssignment, str]


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
        pre = self._preflight(name, args, application, lookups)
        assignment_names = assignment_resource_names(args.entra.assignments)
        template_id = self._synchronization_template(args, application, pre)
        super().__init__(COMPONENT_TYPE, name, None, opts)

        app = self._create_application(application, pre.template)
        sp = self._create_service_principal(app, application, pre, args.sign_on_url)
        certificate = self._create_saml_settings(app, sp, args.login_attribute)
        self._create_owners(app, application, pre.principals)
        self._create_assignments(sp, pre, assignment_names)
        self._create_provisioning(sp, args.engine, args.job, template_id)

        self.client_id = sp.client_id
        self.service_principal_object_id = sp.object_id
        # In the tenant's own cloud: a US Government tenant signs in at login.microsoftonline.us.
        metadata_url = clouds.federation_metadata_url(program_reads.stack_cloud())
        self.saml_metadata_url = pulumi.Output.format(metadata_url, pre.tenant_id, sp.client_id)
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

    @staticmethod
    def _preflight(
        name: str,
        args: BoxEnterpriseAppArgs,
        application: DesiredApplication,
        lookups: EntraLookups,
    ) -> _Preflight:
        """Every read and check that can fail the preview, before anything is registered."""
        principals = resolve_principals(args.entra, lookups)
        template = lookups.gallery_template(application.gallery_template)
        _check_template(template, args.engine)
        box_saml.name_id_source(args.login_attribute)
        marker = adoption.stack_marker(pulumi.get_project(), pulumi.get_stack())
        current = adoption.find_current_app(lookups, application.display_name)
        names = adoption.ResourceNames(component=name, **RESOURCE_NAMES)
        adoption.check_adoption(current, marker, template.template_id, names)
        existing_sp = current.service_principal if current else None
        role_ids = _role_ids(existing_sp, args.entra.assignments) if existing_sp else {}
        if existing_sp is None and args.entra.assignments:
            pulumi.log.warn(FIRST_RUN_ASSIGNMENTS_WARNING)
        if any(a.principal_type == "group" for a in args.entra.assignments):
            pulumi.log.warn(GROUP_LICENCE_WARNING)
        client = lookups.client_config()
        return _Preflight(
            principals, template, client.object_id, client.tenant_id, marker, existing_sp, role_ids
        )

    @staticmethod
    def _synchronization_template(
        args: BoxEnterpriseAppArgs, application: DesiredApplication, pre: _Preflight
    ) -> str | None:
        """`engine: entra`: the app's own template id, once its service principal exists."""
        if args.engine != "entra":
            return None
        if pre.existing_sp is None:
            pulumi.log.warn(
                "provisioning.engine: entra: the Box app does not exist yet, so its "
                "provisioning template cannot be read; the provisioning job is registered by "
                "the next `pulumi up`, after this one creates the app."
            )
            return None
        return program_reads.synchronization_template_id(
            pre.existing_sp.object_id, application.display_name
        )

    def _child(self, **extra: Any) -> pulumi.ResourceOptions:
        return pulumi.ResourceOptions(parent=self, **extra)

    def _create_application(
        self, application: DesiredApplication, template: GalleryTemplate
    ) -> azuread.ApplicationFromTemplate:
        return azuread.ApplicationFromTemplate(
            RESOURCE_NAMES["application"],
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
        pre: _Preflight,
        sign_on_url: str | None,
    ) -> azuread.ServicePrincipal:
        # The template created the service principal; `use_existing` adopts it once Graph
        # can read it (the template's create waits for the application only).
        ready = ServicePrincipalReady(
            "box-app-service-principal-ready", app.service_principal_object_id, self._child()
        )
        created = azuread.get_application_output(object_id=app.application_object_id)
        current = azuread.get_service_principal_output(object_id=ready.id)
        # Owners are always sent: unsent, the provider reads back the owner Entra set at
        # instantiation (the deploying identity) and the next preview diffs it away.
        owners = pre.principals.owner_ids(application.owners) or [pre.deployer_object_id]
        return azuread.ServicePrincipal(
            "box-app-service-principal",
            client_id=created.client_id,
            use_existing=True,
            app_role_assignment_required=True,
            preferred_single_sign_on_mode=box_saml.PREFERRED_SSO_MODE,
            login_url=sign_on_url,
            notification_email_addresses=list(application.notification_emails),
            owners=owners,
            # Unsent, `use_existing` would PATCH the tags to an empty list.
            tags=current.tags.apply(lambda tags: _kept_tags(tags, pre.marker)),
            opts=self._child(depends_on=[app, ready]),
        )

    def _create_saml_settings(
        self, app: azuread.ApplicationFromTemplate, sp: azuread.ServicePrincipal, login: str
    ) -> azuread.ServicePrincipalTokenSigningCertificate:
        # After the service principal is in SAML mode: identifier-URI protection accepts a
        # non-verified-domain identifier such as `box.net` for SAML apps only.
        after_sp = pulumi.Output.all(app.application_id, sp.preferred_single_sign_on_mode).apply(
            lambda values: str(values[0])
        )
        azuread.ApplicationIdentifierUri(
            RESOURCE_NAMES["identifier"],
            application_id=after_sp,
            identifier_uri=box_saml.BOX_SAML_IDENTIFIER,
            opts=self._child(depends_on=[sp]),
        )
        azuread.ApplicationRedirectUris(
            RESOURCE_NAMES["redirects"],
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
        ActiveSigningKey(
            "box-app-saml-active-signing-key", sp.object_id, certificate.thumbprint, self._child()
        )
        policy = azuread.ClaimsMappingPolicy(
            "box-saml-claims",
            display_name=f"Box SAML claims (NameID = {login})",
            definitions=[box_saml.box_claims_mapping_definition(login)],
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
        self, sp: azuread.ServicePrincipal, pre: _Preflight, names: dict[DesiredAssignment, str]
    ) -> None:
        # Role ids come from the roles the existing app publishes, checked at preview. On a
        # first run they are picked during the `up`; the assignments are still registered,
        # so the preview shows them (and the assignment policy sees them).
        for assignment, resource_name in sorted(names.items(), key=lambda item: item[1]):
            role = pre.role_ids.get(assignment)
            azuread.AppRoleAssignment(
                resource_name,
                app_role_id=role if role is not None else _role_id_once_created(sp, assignment),
                principal_object_id=pre.principals.object_id(assignment),
                resource_object_id=sp.object_id,
                opts=self._child(),
            )

    def _create_provisioning(
        self,
        sp: azuread.ServicePrincipal,
        engine: ProvisioningEngine,
        job: EntraJobSettings,
        template_id: str | None,
    ) -> None:
        if engine == "entra-box":
            # No job is created, so no template id is needed: any job someone makes in the
            # admin center is paused, and a refresh shows one running again as drift.
            EntraJobsPaused("box-entra-jobs-paused", sp.object_id, self._child())
            return
        settings = ProvisioningSettings(
            "box-provisioning-settings",
            sp.object_id,
            dict(synchronization_secret_credentials(job)),
            self._child(),
        )
        if template_id is not None:
            azuread.SynchronizationJob(
                "box-provisioning-job",
                service_principal_id=sp.id,
                template_id=template_id,
                enabled=job_enabled(engine, job),
                opts=self._child(depends_on=[settings]),
            )
