"""The `box:*` stack config as a dynamic provider's `configure` receives it."""

from __future__ import annotations

from typing import Any

import pytest
from pulumi.dynamic import Config

from components.box.errors import BoxConfigError
from components.box.settings import DEFAULT_BASE_URL, registry_key, settings_from_config

GOOD = {
    "box:clientId": "entra-box-emulator",
    "box:clientSecret": "emulator-secret",
    "box:enterpriseId": "900001",
}


def config(**overrides: Any) -> Config:
    raw = {**GOOD, **overrides}
    return Config({k: v for k, v in raw.items() if v is not None}, "entra-box")


def test_namespaced_keys_are_read_and_defaults_fill_the_rest() -> None:
    settings = settings_from_config(config())
    assert settings.client_id == "entra-box-emulator"
    assert settings.client_secret.get_secret_value() == "emulator-secret"
    assert settings.enterprise_id == "900001"
    assert settings.base_url == DEFAULT_BASE_URL
    assert settings.max_requests_per_minute == 1000


def test_an_enterprise_id_given_as_a_number_is_accepted() -> None:
    assert settings_from_config(config(**{"box:enterpriseId": 900001})).enterprise_id == "900001"


def test_the_base_url_loses_its_trailing_slash() -> None:
    settings = settings_from_config(config(**{"box:baseUrl": "http://127.0.0.1:5000/"}))
    assert settings.base_url == "http://127.0.0.1:5000"


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("box:clientId", None, "box:clientId: is not set"),
        ("box:clientSecret", None, "pulumi config set --secret box:clientSecret"),
        ("box:clientSecret", "  ", "box:clientSecret: Value error, must not be empty"),
        ("box:enterpriseId", "contoso", "box:enterpriseId"),
        ("box:baseUrl", "api.box.com", "must start with https://"),
        ("box:maxRequestsPerMinute", "0", "box:maxRequestsPerMinute"),
        ("box:maxAttempts", "99", "box:maxAttempts"),
    ],
)
def test_bad_config_names_the_key_and_the_fix(key: str, value: Any, expected: str) -> None:
    with pytest.raises(BoxConfigError) as raised:
        settings_from_config(config(**{key: value}))
    assert expected in str(raised.value)
    assert raised.value.__cause__ is None


def test_a_rejected_secret_is_never_repeated_in_the_error() -> None:
    with pytest.raises(BoxConfigError) as raised:
        settings_from_config(config(**{"box:clientSecret": ["s3cr3t-value"]}))
    assert "s3cr3t-value" not in str(raised.value)


def test_the_registry_key_identifies_credentials_without_containing_them() -> None:
    first = registry_key(settings_from_config(config()))
    other = registry_key(settings_from_config(config(**{"box:clientSecret": "other"})))
    assert first == registry_key(settings_from_config(config()))
    assert first != other
    assert "emulator-secret" not in first
