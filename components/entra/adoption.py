"""Is the Box app already in the tenant, and does this stack hold it? Checked before registering.

Called by `components.entra.component.BoxEnterpriseApp` while the program runs, so `pulumi
preview` fails before anything is written. Most tenants already have a hand-made Box app, and
a run interrupted after Entra created the app but before Pulumi recorded it (the "clear
pending creates" recovery) leaves one too: registering another would duplicate the app and
then collide on the identifier URI `box.net` half-way through `up`.

The app is looked up read-only by identifier URI, then by display name. The stack marks the
app it holds with a tag on its service principal (`stack_marker`), set by the same update
that configures SAML; an app found without this stack's marker is refused with the
`pulumi import` file that adopts it (docs/entra.md, "Adopting an existing Box app").
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Final

from components.entra.box_saml import BOX_SAML_IDENTIFIER
from components.entra.errors import EntraSpecError
from components.entra.lookups import EntraLookups, ExistingApplication, ExistingServicePrincipal

MARKER_PREFIX: Final = "entra-box:stack="
COMPONENT_TYPE: Final = "entra-box:entra:BoxEnterpriseApp"
APP_TYPE: Final = "azuread:index/applicationFromTemplate:ApplicationFromTemplate"
IDENTIFIER_TYPE: Final = "azuread:index/applicationIdentifierUri:ApplicationIdentifierUri"
REDIRECT_TYPE: Final = "azuread:index/applicationRedirectUris:ApplicationRedirectUris"


def stack_marker(project: str, stack: str) -> str:
    """The service principal tag saying which stack holds the app."""
    return f"{MARKER_PREFIX}{project}/{stack}"


@dataclass(frozen=True)
class CurrentApp:
    """The Box app the tenant already holds, if any, with its service principal."""

    application: ExistingApplication
    service_principal: ExistingServicePrincipal | None

    def held_by(self, marker: str) -> bool:
        return self.service_principal is not None and marker in self.service_principal.tags


def find_current_app(lookups: EntraLookups, display_name: str) -> CurrentApp | None:
    """The app with Box's identifier URI, else the app named `display_name`; None if neither."""
    application = lookups.application(identifier_uri=BOX_SAML_IDENTIFIER)
    if application is None:
        application = lookups.application(display_name=display_name)
    if application is None:
        return None
    return CurrentApp(application, lookups.service_principal(application.client_id))


@dataclass(frozen=True)
class ResourceNames:
    """The names the component gives the resources an adoption imports."""

    component: str
    application: str
    identifier: str
    redirects: str


def import_file(current: CurrentApp, template_id: str, names: ResourceNames) -> dict[str, object]:
    """A `pulumi import --file` document adopting the app under the component."""
    app_id = current.application.object_id
    sp_id = current.service_principal.object_id if current.service_principal else "<sp-object-id>"
    resources: list[dict[str, object]] = [
        {"type": COMPONENT_TYPE, "name": names.component, "component": True},
        {
            "type": APP_TYPE,
            "name": names.application,
            "id": f"/applicationTemplates/{template_id}/instantiate/{app_id}/{sp_id}",
            "parent": names.component,
        },
    ]
    if BOX_SAML_IDENTIFIER in current.application.identifier_uris:
        encoded = base64.b64encode(BOX_SAML_IDENTIFIER.encode()).decode()
        resources.append(
            {
                "type": IDENTIFIER_TYPE,
                "name": names.identifier,
                "id": f"/applications/{app_id}/identifierUris/{encoded}",
                "parent": names.component,
            }
        )
    if current.application.web_redirect_uris:
        resources.append(
            {
                "type": REDIRECT_TYPE,
                "name": names.redirects,
                "id": f"/applications/{app_id}/redirectUris/Web",
                "parent": names.component,
            }
        )
    return {"resources": resources}


class AdoptionRequiredError(EntraSpecError):
    """The tenant holds a Box app this stack does not: adopt it with `pulumi import`."""

    def __init__(self, current: CurrentApp, document: dict[str, object]) -> None:
        app = current.application
        identifier = ""
        if BOX_SAML_IDENTIFIER in app.identifier_uris:
            identifier = f", identifier URI {BOX_SAML_IDENTIFIER}"
        super().__init__(
            f"entra.application: the tenant already has the app {app.display_name!r} "
            f"(object id {app.object_id}, client id {app.client_id}{identifier}), and this "
            "stack does not hold it; registering another would duplicate it. "
            "Nothing was changed. To adopt it, save this as entra-adopt.json and run "
            "`pulumi import --file entra-adopt.json` (then `pulumi preview`):\n"
            f"{json.dumps(document, indent=2)}\n"
            "If `pulumi stack --show-ids` already lists this object id (a first run that stopped "
            "before the service principal was tagged), run `pulumi up` after "
            "`pulumi state delete <urn of box-app>` and the import above. See docs/entra.md, "
            "'Adopting an existing Box app'."
        )


def check_adoption(
    current: CurrentApp | None, marker: str, template_id: str, names: ResourceNames
) -> None:
    """Raise `AdoptionRequiredError` when the tenant holds a Box app without this stack's marker."""
    if current is not None and not current.held_by(marker):
        raise AdoptionRequiredError(current, import_file(current, template_id, names))
