"""Microsoft's national clouds: which sign-in and Graph hosts a tenant's cloud uses.

The Box app is in Entra's gallery in the US Government clouds too. pulumi-azuread picks its
cloud from `azuread:environment` (or `ARM_ENVIRONMENT`), with the names and aliases of
terraform-provider-azuread v3.9.0 (`global`/`public`, `usgovernmentl4`/`usgovernment`,
`usgovernmentl5`/`dod`, `china`). entra-box's own Graph calls (`settings.py`) and the
federation metadata URL it exports (`component.py`) read the same setting here, so both
halves of a stack talk to the same cloud.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class Cloud:
    """The hosts of one national cloud."""

    login_url: str
    graph_url: str


GLOBAL: Final = Cloud("https://login.microsoftonline.com", "https://graph.microsoft.com")
US_GOVERNMENT_L4: Final = Cloud("https://login.microsoftonline.us", "https://graph.microsoft.us")
US_GOVERNMENT_L5: Final = Cloud(
    "https://login.microsoftonline.us", "https://dod-graph.microsoft.us"
)
CHINA: Final = Cloud("https://login.chinacloudapi.cn", "https://microsoftgraph.chinacloudapi.cn")

CLOUDS: Final = {
    "global": GLOBAL,
    "public": GLOBAL,
    "usgovernmentl4": US_GOVERNMENT_L4,
    "usgovernment": US_GOVERNMENT_L4,
    "usgovernmentl5": US_GOVERNMENT_L5,
    "dod": US_GOVERNMENT_L5,
    "china": CHINA,
}
CONFIG_KEY: Final = "azuread:environment"
ENV_VARIABLE: Final = "ARM_ENVIRONMENT"


class UnknownCloudError(ValueError):
    """An `azuread:environment` that names no cloud the azuread provider knows."""


def cloud_named(name: str | None) -> Cloud:
    """The cloud `name` selects (unset: the global cloud, as the azuread provider defaults)."""
    if name is None or not name.strip():
        return GLOBAL
    found = CLOUDS.get(name.strip().lower())
    if found is None:
        raise UnknownCloudError(
            f"{CONFIG_KEY} (or {ENV_VARIABLE}) is {name!r}, which names no cloud: use one of "
            f"{', '.join(sorted(CLOUDS))}"
        )
    return found


def federation_metadata_url(cloud: Cloud) -> str:
    """Entra's SAML federation metadata URL template for `cloud` ({0} tenant, {1} app id)."""
    return f"{cloud.login_url}/{{0}}/federationmetadata/2007-06/federationmetadata.xml?appid={{1}}"
