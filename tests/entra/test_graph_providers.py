"""The Graph dynamic providers against a fake Graph over HTTP (`tests.entra.fake_graph`).

Each provider is driven through its public `ResourceProvider` methods, as the engine calls
them, after `configure` with stack config; assertions are on what the fake Graph holds and
on its request log.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from typing import Any

import pytest
from pulumi.dynamic import ConfigureRequest

from components.entra.errors import EntraSpecError
from components.entra.graph.client import GraphPermissionError
from components.entra.graph.resources import (
    ActiveSigningKeyProvider,
    EntraJobsPausedProvider,
    GraphProvider,
    ProvisioningSettingsProvider,
    ServicePrincipalReadyProvider,
)
from tests.entra.fake_graph import FakeGraph, running_fake_graph

SP_ID = "a750f6cf-0000-4000-8000-000000000003"
OURS = {"SyncAll": "false", "SkipOutOfScopeDeletions": "true", "SyncNotificationSettings": "{}"}


@pytest.fixture
def graph() -> Iterator[FakeGraph]:
    with running_fake_graph() as fake:
        fake.state.add_service_principal(SP_ID)
        yield fake


def _configured(provider: GraphProvider, graph: FakeGraph) -> Any:
    provider.configure(ConfigureRequest(graph.config()))  # type: ignore[arg-type]
    return provider


# -- point 3: the active signing key ---------------------------------------------------------
def test_the_signing_key_provider_sets_and_switches_the_preferred_thumbprint(
    graph: FakeGraph,
) -> None:
    provider = _configured(ActiveSigningKeyProvider(), graph)
    props = {"servicePrincipalObjectId": SP_ID, "thumbprint": "OLD"}
    created = provider.create(props)
    assert graph.state.service_principals[SP_ID]["preferredTokenSigningKeyThumbprint"] == "OLD"
    new = {**props, "thumbprint": "NEW"}
    diff = provider.diff(created.id, props, new)
    assert diff.changes and not diff.replaces  # in place: no outage
    provider.update(created.id, props, new)
    assert provider.read(created.id, new).outs["thumbprint"] == "NEW"


# -- point 6: only entra-box's own synchronization secrets ------------------------------------
def test_settings_are_merged_and_box_authorization_tokens_are_never_written(
    graph: FakeGraph,
) -> None:
    graph.state.secrets[SP_ID] = {
        "BaseAddress": "https://api.box.com",
        "SecretToken": "box-oauth-token",
        "SyncAll": "true",
    }
    provider = _configured(ProvisioningSettingsProvider(), graph)
    provider.create({"servicePrincipalObjectId": SP_ID, "settings": OURS})
    assert graph.state.secrets[SP_ID] == {
        "BaseAddress": "https://api.box.com",
        "SecretToken": "box-oauth-token",
        **OURS,
    }
    (put,) = graph.calls("PUT", "/synchronization/secrets")
    sent = {pair["key"]: pair["value"] for pair in put[2]["value"]}
    assert "SecretToken" not in sent and "*" not in sent.values()


def test_reading_settings_reports_only_owned_keys_so_the_drift_check_stays_clean(
    graph: FakeGraph,
) -> None:
    graph.state.secrets[SP_ID] = {"SecretToken": "box-oauth-token", **OURS}
    provider = _configured(ProvisioningSettingsProvider(), graph)
    props = {"servicePrincipalObjectId": SP_ID, "settings": OURS}
    read = provider.read(SP_ID, props)
    assert read.outs["settings"] == OURS
    assert not provider.diff(SP_ID, read.outs, props).changes


def test_a_setting_changed_in_the_portal_shows_as_drift(graph: FakeGraph) -> None:
    graph.state.secrets[SP_ID] = {**OURS, "SyncAll": "true"}
    provider = _configured(ProvisioningSettingsProvider(), graph)
    props = {"servicePrincipalObjectId": SP_ID, "settings": OURS}
    assert provider.diff(SP_ID, provider.read(SP_ID, props).outs, props).changes


# -- point 7: Entra's own job kept off, permissions fail fast ---------------------------------
def test_entras_own_running_job_is_paused_and_shows_as_drift_when_restarted(
    graph: FakeGraph,
) -> None:
    job: dict[str, Any] = {"id": "box.abc.1", "templateId": "box", "schedule": {"state": "Active"}}
    graph.state.jobs[SP_ID] = [job]
    provider = _configured(EntraJobsPausedProvider(), graph)
    props = {"servicePrincipalObjectId": SP_ID, "runningJobs": []}
    provider.create(props)
    assert job["schedule"]["state"] == "Paused"
    job["schedule"]["state"] = "Active"  # someone switches it on in the admin center
    read = provider.read(SP_ID, props)
    assert read.outs["runningJobs"] == ["box.abc.1"]
    assert provider.diff(SP_ID, read.outs, props).changes


def test_an_app_without_any_synchronization_has_no_job_to_pause(graph: FakeGraph) -> None:
    provider = _configured(EntraJobsPausedProvider(), graph)
    props = {"servicePrincipalObjectId": "no-synchronization-here", "runningJobs": []}
    assert provider.create(props).outs["runningJobs"] == []


def test_without_the_synchronization_permission_the_provider_fails_at_once_naming_it(
    graph: FakeGraph,
) -> None:
    graph.state.forbidden.append("/synchronization")
    provider = _configured(EntraJobsPausedProvider(), graph)
    with pytest.raises(GraphPermissionError, match=r"Synchronization\.ReadWrite\.All"):
        provider.create({"servicePrincipalObjectId": SP_ID, "runningJobs": []})
    assert len(graph.calls("GET", "/synchronization/jobs")) == 1  # no retries


# -- point 4: replication ---------------------------------------------------------------------
def test_the_wait_for_the_service_principal_outlasts_replication(graph: FakeGraph) -> None:
    graph.state.replication_misses = 2
    provider = _configured(ServicePrincipalReadyProvider(), graph)
    created = provider.create({"servicePrincipalObjectId": SP_ID, "pollSeconds": 0})
    assert created.id == SP_ID
    assert len(graph.calls("GET", f"/servicePrincipals/{SP_ID}")) == 3


# -- credentials ------------------------------------------------------------------------------
def test_a_configured_provider_pickles_without_its_secret(graph: FakeGraph) -> None:
    provider = _configured(ProvisioningSettingsProvider(), graph)
    assert b"deployer-secret" not in pickle.dumps(provider)


def test_missing_credentials_name_the_config_to_set() -> None:
    with pytest.raises(EntraSpecError, match="azuread:clientSecret"):
        ProvisioningSettingsProvider().configure(
            ConfigureRequest({"azuread:tenantId": "t", "azuread:clientId": "c"})  # type: ignore[arg-type]
        )


def test_the_arm_environment_stands_in_for_unset_config_as_for_the_azuread_provider(
    graph: FakeGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = graph.config()
    for key, env in (
        ("azuread:tenantId", "ARM_TENANT_ID"),
        ("azuread:clientId", "ARM_CLIENT_ID"),
        ("azuread:clientSecret", "ARM_CLIENT_SECRET"),
    ):
        monkeypatch.setenv(env, config.pop(key))
    provider = ActiveSigningKeyProvider()
    provider.configure(ConfigureRequest(config))  # type: ignore[arg-type]
    provider.create({"servicePrincipalObjectId": SP_ID, "thumbprint": "T"})
    assert graph.state.service_principals[SP_ID]["preferredTokenSigningKeyThumbprint"] == "T"
