"""Read-only Graph reads the program makes while it runs (so `pulumi preview` sees them).

Called by `components.entra.component` for `provisioning.engine: entra`: the Box app's own
synchronization template, which pulumi-azuread cannot read. Credentials come from the stack
config the azuread provider uses (`settings`); a 403 becomes a preview error naming the
permission to grant, before anything is registered.
"""

from __future__ import annotations

from typing import Any

import pulumi

from components.entra.errors import EntraSpecError
from components.entra.graph.client import GraphError, client, connect
from components.entra.graph.settings import settings_from_config
from components.entra.graph.synchronization import box_template_id


class _StackConfig:
    """The program's stack config, read by full key (`azuread:clientSecret`)."""

    def get(self, key: str) -> Any:
        return pulumi.runtime.get_config(key)


def synchronization_template_id(service_principal_id: str, app_name: str) -> str:
    """The template id the app's service principal publishes for Box provisioning."""
    graph = client(connect(settings_from_config(_StackConfig())))
    path = f"/servicePrincipals/{service_principal_id}/synchronization/templates"
    try:
        answer = graph.call("GET", path)
    except GraphError as error:
        raise EntraSpecError(f"reading the Box app's provisioning templates: {error}") from None
    return box_template_id(answer.get("value", ()), app_name)
