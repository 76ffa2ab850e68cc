"""A stack in a US Government (or China) tenant talks to that cloud on both halves.

The Box app is in Entra's gallery in the US Government clouds too. pulumi-azuread picks its
cloud from `azuread:environment` (or `ARM_ENVIRONMENT`); entra-box's own Graph calls and the
SAML federation metadata URL it exports must follow the same setting, or a GCC High stack
would sign in at the commercial cloud and hand Box a metadata URL that does not exist.
"""

from __future__ import annotations

from typing import Any

import pulumi
import pytest

from components.desired import DesiredApplication, DesiredEntra
from components.entra.component import BoxEnterpriseApp, BoxEnterpriseAppArgs
from components.entra.errors import EntraSpecError
from components.entra.graph.settings import GraphSettings, settings_from_config
from components.entra.lookups import EntraLookups
from tests.entra.fake_tenant import CLIENT_ID, TENANT_ID, FakeTenant
from tests.entra.harness import run_program

CREDENTIALS = {
    "azuread:tenantId": "72f988bf-0000-4000-8000-0000000000aa",
    "azuread:clientId": "deployer-client",
    "azuread:clientSecret": "deployer-secret",
}


def graph_settings(config: dict[str, str]) -> GraphSettings:
    return settings_from_config({**CREDENTIALS, **config})


@pytest.fixture(autouse=True)
def no_cloud_in_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ARM_ENVIRONMENT", raising=False)


@pytest.mark.parametrize(
    ("environment", "login_url", "graph_url"),
    [
        (None, "https://login.microsoftonline.com", "https://graph.microsoft.com"),
        ("public", "https://login.microsoftonline.com", "https://graph.microsoft.com"),
        ("usgovernment", "https://login.microsoftonline.us", "https://graph.microsoft.us"),
        ("usgovernmentl4", "https://login.microsoftonline.us", "https://graph.microsoft.us"),
        ("USGovernmentL5", "https://login.microsoftonline.us", "https://dod-graph.microsoft.us"),
        ("dod", "https://login.microsoftonline.us", "https://dod-graph.microsoft.us"),
        ("china", "https://login.chinacloudapi.cn", "https://microsoftgraph.chinacloudapi.cn"),
    ],
)
def test_graph_calls_go_to_the_cloud_azuread_environment_names(
    environment: str | None, login_url: str, graph_url: str
) -> None:
    config = {} if environment is None else {"azuread:environment": environment}
    settings = graph_settings(config)
    assert (settings.login_url, settings.graph_url) == (login_url, graph_url)


def test_arm_environment_stands_in_for_unset_config(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARM_ENVIRONMENT", "usgovernment")
    assert graph_settings({}).graph_url == "https://graph.microsoft.us"


def test_the_test_only_urls_still_win_over_the_cloud() -> None:
    settings = graph_settings(
        {"azuread:environment": "usgovernment", "entra-box:graphUrl": "http://127.0.0.1:9"}
    )
    assert settings.graph_url == "http://127.0.0.1:9"


def test_an_unknown_cloud_is_refused_naming_the_ones_that_exist() -> None:
    with pytest.raises(EntraSpecError) as raised:
        graph_settings({"azuread:environment": "usgov-high"})
    assert "usgov-high" in str(raised.value)
    assert "usgovernmentl4" in str(raised.value)


def test_a_us_government_stack_exports_the_metadata_url_of_that_cloud() -> None:
    entra = DesiredEntra(
        manage=True, application=DesiredApplication(display_name="Box"), assignments=()
    )

    def build() -> None:
        app = BoxEnterpriseApp(
            "box-enterprise-app", BoxEnterpriseAppArgs(entra=entra), EntraLookups()
        )
        pulumi.export("samlMetadataUrl", app.saml_metadata_url)

    outputs: dict[str, Any] = run_program(
        FakeTenant(), build, preview=True, config={"azuread:environment": "usgovernment"}
    )
    assert outputs["samlMetadataUrl"] == (
        f"https://login.microsoftonline.us/{TENANT_ID}/federationmetadata/2007-06/"
        f"federationmetadata.xml?appid={CLIENT_ID}"
    )
