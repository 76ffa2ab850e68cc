"""Fixtures for the Box providers: providers configured against the emulator, as the engine does.

- `users` / `groups` / `departures`: a `BoxUserProvider` / `BoxGroupProvider` /
  `DeparturesProvider` whose `configure` got the
  `box:*` stack config (emulator URL, default credentials, fast retries, a rate limit far
  above what a test needs); every test starts with no process-wide connection.
- `configure_provider`: the same with config overrides, for the connection-check tests.
- `provisioning_log`: what the providers wrote to the Pulumi log (a dynamic provider has no
  engine connection, so `pulumi.log` writes to stderr, which the engine shows).
- helpers to make Box content owned by a user and to read Box through the SDK.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Protocol, TypeVar

import pulumi.runtime
import pytest
from box_sdk_gen import BoxClient, UserFull
from pulumi.dynamic import Config, ConfigureRequest, ResourceProvider

from components.box.connection import forget_connections
from components.box.departures import DeparturesProvider
from components.box.group import BoxGroupProvider
from components.box.user import BoxUserProvider
from components.box.user_api import QUERY_FIELDS
from emulator import EmulatorServer
from tests.conftest import BOX_CLIENT_ID, BOX_CLIENT_SECRET, BOX_ENTERPRISE_ID

# Re-exported (`x as x`): the Box tests import these from here.
from tests.support.box_view import give_content as give_content
from tests.support.box_view import root_items as root_items

PROJECT = "entra-box"


def box_config(url: str, **overrides: str | None) -> Config:
    """The stack config a dynamic provider receives: every key with its namespace."""
    return Config(stack_config(url, **overrides), PROJECT)


def stack_config(url: str, **overrides: str | None) -> dict[str, str]:
    """The stack's config values for the emulator at `url`, unset keys left out."""
    raw: dict[str, str | None] = {
        "box:clientId": BOX_CLIENT_ID,
        "box:clientSecret": BOX_CLIENT_SECRET,
        "box:enterpriseId": BOX_ENTERPRISE_ID,
        "box:baseUrl": url,
        "box:maxRequestsPerMinute": "60000",
        "box:retryTimeoutSeconds": "20",
        "box:retryBaseSeconds": "0.05",
        f"{PROJECT}:spec": "stacks/dev.yaml",
        **overrides,
    }
    return {key: value for key, value in raw.items() if value is not None}


@pytest.fixture(autouse=True)
def fresh_connections() -> Iterator[None]:
    forget_connections()
    yield
    forget_connections()


P = TypeVar("P", bound=ResourceProvider)


class ConfigureProvider(Protocol):
    """Make a provider of `kind` and configure it as the engine would, config overridden."""

    def __call__(self, kind: type[P], **overrides: str | None) -> P: ...


@pytest.fixture
def configure_provider(box: EmulatorServer) -> ConfigureProvider:
    def configure(kind: type[P], **overrides: str | None) -> P:
        provider = kind()
        provider.configure(ConfigureRequest(box_config(box.url, **overrides)))
        return provider

    return configure


@pytest.fixture
def users(configure_provider: ConfigureProvider) -> BoxUserProvider:
    return configure_provider(BoxUserProvider)


@pytest.fixture
def groups(configure_provider: ConfigureProvider) -> BoxGroupProvider:
    return configure_provider(BoxGroupProvider)


@pytest.fixture
def departures(configure_provider: ConfigureProvider) -> DeparturesProvider:
    return configure_provider(DeparturesProvider)


@pytest.fixture
def provisioning_log(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[[], str]:
    # As in the dynamic provider process (pulumi.dynamic.__main__.get_provider): no engine.
    monkeypatch.setattr(pulumi.runtime.settings.SETTINGS, "engine", None)
    capsys.readouterr()

    def read() -> str:
        return capsys.readouterr().err

    return read


def user_inputs(login: str, **fields: Any) -> dict[str, Any]:
    """A user resource's inputs as the engine passes them (None values never arrive)."""
    inputs = {"login": login, "name": login.split("@")[0].title(), "status": "active"}
    inputs |= {"role": "user", **fields}
    return {key: value for key, value in inputs.items() if value is not None}


def create(users: BoxUserProvider, login: str, **fields: Any) -> tuple[str, dict[str, Any]]:
    """Check then create a user from `user_inputs(login, **fields)`: its id and outputs."""
    inputs = users.check({}, user_inputs(login, **fields)).inputs
    result = users.create(inputs)
    assert result.outs is not None
    return result.id, result.outs


def box_user(client: BoxClient, user_id: str) -> UserFull:
    return client.users.get_user_by_id(user_id, fields=QUERY_FIELDS)


def logins_in_box(client: BoxClient, prefix: str) -> list[str]:
    found = client.users.get_users(filter_term=prefix, limit=1000).entries or []
    return sorted(user.login or "" for user in found)


def folder_items(client: BoxClient, user_id: str, folder_name: str) -> list[str]:
    as_user = client.with_as_user_header(user_id)
    root = as_user.folders.get_folder_items("0").entries or []
    folder = next(entry for entry in root if entry.name == folder_name)
    return [entry.name or "" for entry in as_user.folders.get_folder_items(folder.id).entries or []]
