"""The dynamic providers entra-box accepts from a resource's state: its own, and nothing else.

Read by `loading.load_provider` before anything from the state is used. One line per
provider class, as `module:Class`; a provider class that is not listed here cannot be
loaded by the host, so its resources fail with a refusal naming this file
(`tests/security/test_allowed_providers.py` finds every `ResourceProvider` subclass in
`components` and fails for one that is missing). Names only, no imports: the check runs
before any provider module is imported.
"""

from __future__ import annotations

ALLOWED_PROVIDERS: frozenset[str] = frozenset(
    {
        "components.box.user:BoxUserProvider",
        "components.box.group:BoxGroupProvider",
        # One shard of users (entra-box:userModel: shards); see docs/performance-shards.md.
        "components.box.user_shard:UserShardProvider",
        "components.box.paused:PausedUserShardProvider",
        # Orders groups after every shard, which they no longer take ids from.
        "components.box.users_ready:UsersReadyProvider",
        "components.box.departures:DeparturesProvider",
        # While provisioning is paused: the same providers with every Box write taken out.
        "components.box.paused:PausedBoxUserProvider",
        "components.box.paused:PausedBoxGroupProvider",
        "components.box.departures:PausedDeparturesProvider",
        # The first guard, only to refresh or drop records written before departures.
        "components.guard.resource:DeprovisionGuardProvider",
        # Microsoft Graph where pulumi-azuread has no resource (components/entra/graph).
        "components.entra.graph.resources:ServicePrincipalReadyProvider",
        "components.entra.graph.resources:ActiveSigningKeyProvider",
        "components.entra.graph.resources:ProvisioningSettingsProvider",
        "components.entra.graph.resources:EntraJobsPausedProvider",
    }
)
