"""Graph credentials, from the same stack config the azuread provider reads.

Read by `resources` in a provider's `configure` (the engine hands it the whole stack config,
namespaced keys, secrets decrypted) and by `program_reads` in the program; like the azuread
provider, the `ARM_*` environment variables stand in for unset keys. Only client-secret
credentials are supported (not Azure CLI, managed identity or OIDC). Nothing here is stored
on a provider instance or in state.
"""

from __future__ import annotations

import os
from typing import Any, Final, Protocol

from pydantic import BaseModel, ConfigDict, SecretStr, ValidationError

from components.entra.errors import EntraSpecError
from components.entra.graph import clouds

DEFAULT_GRAPH_URL: Final = clouds.GLOBAL.graph_url
DEFAULT_LOGIN_URL: Final = clouds.GLOBAL.login_url

# The environment variables terraform-provider-azuread v3.9.0 falls back to (provider.go).
ENV_FALLBACKS: Final = {
    "azuread:tenantId": "ARM_TENANT_ID",
    "azuread:clientId": "ARM_CLIENT_ID",
    "azuread:clientSecret": "ARM_CLIENT_SECRET",
}

# Stack config key -> settings field. `azuread:*` are the pulumi-azuread provider's own keys.
CONFIG_KEYS: Final = {
    "azuread:tenantId": "tenant_id",
    "azuread:clientId": "client_id",
    "azuread:clientSecret": "client_secret",
    "entra-box:graphUrl": "graph_url",
    "entra-box:graphLoginUrl": "login_url",
}


class GraphSettings(BaseModel):
    """A client-credentials identity for Graph; `graph_url`/`login_url` change only for tests."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    tenant_id: str
    client_id: str
    client_secret: SecretStr
    graph_url: str = DEFAULT_GRAPH_URL
    login_url: str = DEFAULT_LOGIN_URL


class ConfigSource(Protocol):
    """A dynamic provider's `req.config`, or `pulumi.runtime.get_config` wrapped (program)."""

    def get(self, key: str) -> Any: ...


def has_credentials(config: ConfigSource) -> bool:
    """Whether config or environment give all three client-credential values."""
    return all(config.get(key) or os.environ.get(ENV_FALLBACKS[key]) for key in ENV_FALLBACKS)


def settings_from_config(config: ConfigSource) -> GraphSettings:
    """Settings from namespaced stack config; a missing key fails naming the command to set it."""
    read: dict[str, Any] = {
        field: config.get(key) or os.environ.get(ENV_FALLBACKS.get(key, ""))
        for key, field in CONFIG_KEYS.items()
    }
    values = {field: value for field, value in read.items() if value}
    cloud = configured_cloud(config)
    # The cloud the azuread provider signs in to; the entra-box:* URLs (tests) win over it.
    values.setdefault("graph_url", cloud.graph_url)
    values.setdefault("login_url", cloud.login_url)
    try:
        return GraphSettings.model_validate(values)
    except ValidationError:
        missing = [key for key, field in CONFIG_KEYS.items() if field not in values]
        raise EntraSpecError(
            "entra-box calls Microsoft Graph where pulumi-azuread has no resource, with the "
            f"azuread provider's credentials; missing: {', '.join(missing)}. Set them with "
            "`pulumi config set azuread:tenantId <id>`, `pulumi config set azuread:clientId <id>` "
            "and `pulumi config set --secret azuread:clientSecret`, which prompts for it "
            "(docs/entra.md)."
        ) from None  # not chained: pydantic's text would repeat the values, secret included


def configured_cloud(config: ConfigSource) -> clouds.Cloud:
    """The national cloud of `azuread:environment` (or `ARM_ENVIRONMENT`), as the provider's."""
    name = config.get(clouds.CONFIG_KEY) or os.environ.get(clouds.ENV_VARIABLE)
    try:
        return clouds.cloud_named(name)
    except clouds.UnknownCloudError as error:
        raise EntraSpecError(str(error)) from None
