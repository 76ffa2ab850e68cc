"""The committed environments' stack config: Box and Entra identifiers, never a secret."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from components.box.settings import CONFIG_KEYS

STACKS = Path(__file__).resolve().parents[2] / "stacks"
ENVIRONMENTS = ["dev", "prod"]


def config_of(stack: str) -> dict[str, Any]:
    document = yaml.safe_load((STACKS / f"Pulumi.{stack}.yaml").read_text())
    config: dict[str, Any] = document["config"]
    return config


@pytest.mark.parametrize("stack", ENVIRONMENTS)
def test_an_environment_names_its_box_app_enterprise_api_and_entra_tenant(stack: str) -> None:
    config = config_of(stack)

    assert {"box:clientId", "box:enterpriseId", "box:baseUrl", "azuread:tenantId"} <= set(config)
    assert config["box:baseUrl"] == "https://api.box.com"
    assert {key for key in config if key.startswith("box:")} <= set(CONFIG_KEYS)


@pytest.mark.parametrize("stack", ENVIRONMENTS)
def test_an_environment_never_holds_the_client_secret_in_plaintext(stack: str) -> None:
    secret = config_of(stack).get("box:clientSecret")

    assert secret is None or (isinstance(secret, dict) and set(secret) == {"secure"})
