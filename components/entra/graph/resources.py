"""The Graph dynamic providers: what the Box app needs that pulumi-azuread has no resource for.

Registered by `components.entra.component`; each provider class is listed in
`components/provider_host/allowed.py`. Credentials reach a provider only through
`configure` (stack config, `settings`); an instance holds a registry key, never a client or
a secret, so its pickle is a class reference. Inputs and outputs hold object ids,
thumbprints and entra-box's own provisioning settings, nothing secret.

- `ServicePrincipalReady`: waits until the template's new service principal can be read, so
  `ServicePrincipal(use_existing=True)` finds it instead of racing replication.
- `ActiveSigningKey`: PATCHes the service principal's `preferredTokenSigningKeyThumbprint`,
  which makes a SAML signing certificate the one Entra signs with.
- `ProvisioningSettings`: entra-box's three synchronization secrets, read-merge-write; the
  keys it does not own (Box's OAuth tokens from the portal's Authorize) are never written.
- `EntraJobsPaused`: `engine: entra-box` keeps Entra's own provisioning jobs for the app
  paused (or absent), whatever template they were made from.
"""

from __future__ import annotations

import time
from typing import Any, ClassVar, Final

import pulumi
from pulumi.dynamic import (
    ConfigureRequest,
    CreateResult,
    DiffResult,
    ReadResult,
    Resource,
    ResourceProvider,
    UpdateResult,
)

from components.entra.graph.client import GraphClient, GraphNotFoundError, client, connect
from components.entra.graph.settings import settings_from_config
from components.entra.graph.synchronization import (
    merged_secrets,
    owned_secrets,
    running_job_ids,
)

SP_KEY: Final = "servicePrincipalObjectId"
_PROVIDER_KEY: Final = "__provider"


def _inputs(props: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in props.items() if key != _PROVIDER_KEY}


class GraphProvider(ResourceProvider):
    """Shared plumbing: credentials from `configure`, in-place diffs of the listed inputs."""

    serialize_as_secret_always = False
    compared: ClassVar[tuple[str, ...]] = ()
    _graph_key: str | None = None

    def configure(self, req: ConfigureRequest) -> None:
        self._graph_key = connect(settings_from_config(req.config))

    @property
    def graph(self) -> GraphClient:
        return client(self._graph_key or "")

    def diff(self, _id: str, _olds: dict[str, Any], _news: dict[str, Any]) -> DiffResult:
        changes = [key for key in self.compared if _olds.get(key) != _news.get(key)]
        return DiffResult(changes=bool(changes), replaces=[SP_KEY] if SP_KEY in changes else [])


class ServicePrincipalReadyProvider(GraphProvider):
    """Create waits (up to `timeoutSeconds`) until Graph returns the service principal."""

    compared = (SP_KEY,)

    def create(self, props: dict[str, Any]) -> CreateResult:
        sp_id = str(props[SP_KEY])
        deadline = time.monotonic() + float(props.get("timeoutSeconds", 300))
        delay = float(props.get("pollSeconds", 5))
        while True:
            try:
                self.graph.call("GET", f"/servicePrincipals/{sp_id}?$select=id")
                return CreateResult(sp_id, _inputs(props))
            except GraphNotFoundError:
                if time.monotonic() >= deadline:
                    raise
                time.sleep(delay)


class ActiveSigningKeyProvider(GraphProvider):
    """`preferredTokenSigningKeyThumbprint` set to the given certificate's thumbprint."""

    compared = (SP_KEY, "thumbprint")

    def _set(self, props: dict[str, Any]) -> None:
        self.graph.call(
            "PATCH",
            f"/servicePrincipals/{props[SP_KEY]}",
            {"preferredTokenSigningKeyThumbprint": props["thumbprint"]},
        )

    def create(self, props: dict[str, Any]) -> CreateResult:
        self._set(props)
        return CreateResult(str(props[SP_KEY]), _inputs(props))

    def update(self, _id: str, _olds: dict[str, Any], _news: dict[str, Any]) -> UpdateResult:
        self._set(_news)
        return UpdateResult(_inputs(_news))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        sp = self.graph.call(
            "GET", f"/servicePrincipals/{id_}?$select=preferredTokenSigningKeyThumbprint"
        )
        thumbprint = sp.get("preferredTokenSigningKeyThumbprint")
        return ReadResult(id_, {**_inputs(props), "thumbprint": thumbprint})

    def delete(self, _id: str, _props: dict[str, Any]) -> None:
        # Leaving the key active is safe: removing its certificate is what retires it.
        return None


class ProvisioningSettingsProvider(GraphProvider):
    """entra-box's own synchronization secrets (`settings`), merged into what Graph holds."""

    compared = (SP_KEY, "settings")

    def _path(self, props: dict[str, Any]) -> str:
        return f"/servicePrincipals/{props[SP_KEY]}/synchronization/secrets"

    def _write(self, props: dict[str, Any]) -> None:
        listed = (self.graph.call("GET", self._path(props)) or {}).get("value", [])
        body = {"value": merged_secrets(listed, dict(props["settings"]))}
        self.graph.call("PUT", self._path(props), body)

    def create(self, props: dict[str, Any]) -> CreateResult:
        self._write(props)
        return CreateResult(str(props[SP_KEY]), _inputs(props))

    def update(self, _id: str, _olds: dict[str, Any], _news: dict[str, Any]) -> UpdateResult:
        self._write(_news)
        return UpdateResult(_inputs(_news))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        listed = (self.graph.call("GET", self._path(props)) or {}).get("value", [])
        current = owned_secrets(listed)
        known = dict(props.get("settings") or {})
        # A masked value cannot be compared: keep what the state says for it.
        settings = {k: (v if v is not None else known.get(k, "")) for k, v in current.items()}
        return ReadResult(id_, {**_inputs(props), "settings": settings})

    def delete(self, _id: str, _props: dict[str, Any]) -> None:
        # The tenant keeps its last settings; entra-box does not blank keys on removal.
        return None


class EntraJobsPausedProvider(GraphProvider):
    """Every provisioning job of the app paused; `runningJobs` lists any found running."""

    compared = (SP_KEY, "runningJobs")

    def _jobs_path(self, props: dict[str, Any]) -> str:
        return f"/servicePrincipals/{props[SP_KEY]}/synchronization/jobs"

    def _running(self, props: dict[str, Any]) -> list[str]:
        try:
            listed = self.graph.call("GET", self._jobs_path(props)) or {}
        except GraphNotFoundError:
            # No synchronization set up for the app at all: no job can write to Box.
            return []
        return running_job_ids(listed.get("value", []))

    def _pause_all(self, props: dict[str, Any]) -> dict[str, Any]:
        for job_id in self._running(props):
            self.graph.call("POST", f"{self._jobs_path(props)}/{job_id}/pause")
        return {**_inputs(props), "runningJobs": []}

    def create(self, props: dict[str, Any]) -> CreateResult:
        return CreateResult(str(props[SP_KEY]), self._pause_all(props))

    def update(self, _id: str, _olds: dict[str, Any], _news: dict[str, Any]) -> UpdateResult:
        return UpdateResult(self._pause_all(_news))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        return ReadResult(id_, {**_inputs(props), "runningJobs": self._running(props)})

    def delete(self, _id: str, _props: dict[str, Any]) -> None:
        return None


class ServicePrincipalReady(Resource, module="entra", name="ServicePrincipalReady"):
    """The template's service principal, once Graph can read it."""

    def __init__(
        self,
        name: str,
        service_principal_object_id: pulumi.Input[str],
        opts: pulumi.ResourceOptions,
    ) -> None:
        props = {SP_KEY: service_principal_object_id, "timeoutSeconds": 300, "pollSeconds": 5}
        super().__init__(ServicePrincipalReadyProvider(), name, props, opts)


class ActiveSigningKey(Resource, module="entra", name="ActiveSigningKey"):
    """The SAML signing certificate Entra signs with (by thumbprint)."""

    def __init__(
        self,
        name: str,
        service_principal_object_id: pulumi.Input[str],
        thumbprint: pulumi.Input[str],
        opts: pulumi.ResourceOptions,
    ) -> None:
        props = {SP_KEY: service_principal_object_id, "thumbprint": thumbprint}
        super().__init__(ActiveSigningKeyProvider(), name, props, opts)


class ProvisioningSettings(Resource, module="entra", name="ProvisioningSettings"):
    """entra-box's provisioning settings among the app's synchronization secrets."""

    def __init__(
        self,
        name: str,
        service_principal_object_id: pulumi.Input[str],
        settings: dict[str, str],
        opts: pulumi.ResourceOptions,
    ) -> None:
        props = {SP_KEY: service_principal_object_id, "settings": settings}
        super().__init__(ProvisioningSettingsProvider(), name, props, opts)


class EntraJobsPaused(Resource, module="entra", name="EntraJobsPaused"):
    """Entra's own provisioning jobs for the app, kept paused (`engine: entra-box`)."""

    def __init__(
        self,
        name: str,
        service_principal_object_id: pulumi.Input[str],
        opts: pulumi.ResourceOptions,
    ) -> None:
        props: dict[str, Any] = {SP_KEY: service_principal_object_id, "runningJobs": []}
        super().__init__(EntraJobsPausedProvider(), name, props, opts)
