"""Read-only Graph reads the program makes while it runs (so `pulumi preview` sees them).

Called by `components.entra.component` for `provisioning.engine: entra` (the Box app's own
synchronization template, which pulumi-azuread cannot read) and by
`components.entra.lookups` for `directory.source: entra` (`GraphDirectory`: paged member
reads, see `members`). Credentials come from the stack config the azuread provider uses
(`settings`); a 403 becomes a preview error naming the permission to grant, before anything
is registered.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pulumi

from components.entra.errors import EntraSpecError
from components.entra.graph import clouds, members
from components.entra.graph.client import GraphClient, GraphError, client, connect
from components.entra.graph.settings import (
    configured_cloud,
    has_credentials,
    settings_from_config,
)
from components.entra.graph.synchronization import box_template_id


class _StackConfig:
    """The program's stack config, read by full key (`azuread:clientSecret`)."""

    def get(self, key: str) -> Any:
        return pulumi.runtime.get_config(key)


def _graph() -> GraphClient:
    return client(connect(settings_from_config(_StackConfig())))


def stack_cloud() -> clouds.Cloud:
    """The national cloud the stack's azuread provider signs in to (`azuread:environment`)."""
    return configured_cloud(_StackConfig())


def graph_configured() -> bool:
    """Whether the stack config (or `ARM_*` environment) gives Graph credentials."""
    return has_credentials(_StackConfig())


class GraphDirectory:
    """Directory reads over Graph for one program run; `requests` counts the calls made."""

    def __init__(self) -> None:
        self._graph = _graph()
        self._start = self._graph.requests

    @property
    def requests(self) -> int:
        return self._graph.requests - self._start

    def group_members(self, group_id: str, attributes: Iterable[str]) -> members.GroupMembers:
        try:
            return members.group_members(self._graph, group_id, attributes)
        except GraphError as error:
            raise EntraSpecError(f"reading the members of group {group_id}: {error}") from None

    def user(self, object_id: str, attributes: Iterable[str]) -> dict[str, Any]:
        try:
            return members.user(self._graph, object_id, attributes)
        except GraphError as error:
            raise EntraSpecError(f"reading user {object_id}: {error}") from None


def synchronization_template_id(service_principal_id: str, app_name: str) -> str:
    """The template id the app's service principal publishes for Box provisioning."""
    graph = _graph()
    path = f"/servicePrincipals/{service_principal_id}/synchronization/templates"
    try:
        answer = graph.call("GET", path)
    except GraphError as error:
        raise EntraSpecError(f"reading the Box app's provisioning templates: {error}") from None
    return box_template_id(answer.get("value", ()), app_name)
