"""The Graph dynamic providers through the real Pulumi CLI, against the fake Graph over HTTP.

A small program registers `ActiveSigningKey`, `EntraJobsPaused` and `ProvisioningSettings`
for one service principal; the engine pickles the providers, runs them in entra-box's
provider host (which loads only `allowed.py`'s classes) and hands them the stack config,
`azuread:clientSecret` encrypted by the passphrase provider. Asserted: what the fake Graph
holds after each `up`, that a job switched on again is paused by `up --refresh`, and that
the state never holds the client secret.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.entra.fake_graph import FakeGraph, running_fake_graph
from tests.support.engine import EngineStack

pytestmark = pytest.mark.engine

SP_ID = "a750f6cf-0000-4000-8000-000000000003"
SECRET = "deployer-secret-engine"
PROGRAM = textwrap.dedent(
    """
    import pulumi

    from components.entra.graph.resources import (
        ActiveSigningKey,
        EntraJobsPaused,
        ProvisioningSettings,
    )

    config = pulumi.Config("test")
    sp = config.require("sp")
    options = pulumi.ResourceOptions()
    ActiveSigningKey("key", sp, config.require("thumbprint"), options)
    EntraJobsPaused("jobs", sp, options)
    ProvisioningSettings("settings", sp, {"SyncAll": "false"}, options)
    """
)


@pytest.fixture
def graph() -> Iterator[FakeGraph]:
    with running_fake_graph() as fake:
        fake.state.add_service_principal(SP_ID)
        fake.state.jobs[SP_ID] = [
            {"id": "box.job.1", "templateId": "box", "schedule": {"state": "Active"}}
        ]
        fake.state.secrets[SP_ID] = {"SecretToken": "box-oauth-token", "SyncAll": "true"}
        yield fake


@pytest.fixture
def stack(tmp_path: Path, graph: FakeGraph) -> EngineStack:
    stack = EngineStack(tmp_path / "engine-graph", name="graph").create()
    (stack.project_dir / "__main__.py").write_text(PROGRAM)
    config = {k: v for k, v in graph.config().items() if k != "azuread:clientSecret"}
    stack.set_config({**config, "test:sp": SP_ID, "test:thumbprint": "OLD"})
    stack.set_secret("azuread:clientSecret", SECRET)
    return stack


def test_the_graph_providers_run_under_the_engine_and_keep_the_secret_out_of_state(
    stack: EngineStack, graph: FakeGraph
) -> None:
    stack.up()
    sp = graph.state.service_principals[SP_ID]
    assert sp["preferredTokenSigningKeyThumbprint"] == "OLD"
    assert graph.state.jobs[SP_ID][0]["schedule"]["state"] == "Paused"
    assert graph.state.secrets[SP_ID] == {"SecretToken": "box-oauth-token", "SyncAll": "false"}
    assert SECRET not in json.dumps(stack.export_state())

    graph.state.jobs[SP_ID][0]["schedule"]["state"] = "Active"  # switched on in the portal
    stack.set_config({"test:thumbprint": "NEW"})
    stack.up("--refresh")
    assert graph.state.jobs[SP_ID][0]["schedule"]["state"] == "Paused"
    assert sp["preferredTokenSigningKeyThumbprint"] == "NEW"
    assert graph.state.secrets[SP_ID]["SecretToken"] == "box-oauth-token"
    assert not any(SECRET in run.stdout + run.stderr for run in stack.runs)
