"""`configure` checks the Box connection first ("Test Connection") and says what is wrong."""

from __future__ import annotations

import socket
import traceback

import pytest

from components.box.errors import BoxConnectionError
from components.box.group import BoxGroupProvider
from components.box.user import BoxUserProvider
from emulator import EmulatorServer
from tests.box.conftest import ConfigureProvider

WRONG_SECRET = "not-the-emulator-secret"


def connection_error(configure: ConfigureProvider, **overrides: str) -> BoxConnectionError:
    with pytest.raises(BoxConnectionError) as raised:
        configure(BoxUserProvider, **overrides)
    return raised.value


def test_a_wrong_client_secret_names_the_credentials_and_never_shows_the_secret(
    box: EmulatorServer, configure_provider: ConfigureProvider
) -> None:
    error = connection_error(configure_provider, **{"box:clientSecret": WRONG_SECRET})

    assert "box:clientId or box:clientSecret is wrong" in str(error)
    assert "invalid_client" in str(error)
    shown = "".join(traceback.format_exception(error))
    assert WRONG_SECRET not in shown
    assert box.request_log.writes() == []


def test_a_wrong_enterprise_id_names_box_enterprise_id(
    configure_provider: ConfigureProvider,
) -> None:
    error = connection_error(configure_provider, **{"box:enterpriseId": "123456"})

    assert "no token for enterprise 123456" in str(error)
    assert "box:enterpriseId is wrong" in str(error)


def test_credentials_of_another_enterprise_are_refused(
    box: EmulatorServer, configure_provider: ConfigureProvider
) -> None:
    box.set_service_account(enterprise_id="777")

    error = connection_error(configure_provider)

    assert "box:enterpriseId is 900001 but these credentials belong to enterprise 777" in str(error)


def test_a_service_account_without_admin_rights_is_refused(
    box: EmulatorServer, configure_provider: ConfigureProvider
) -> None:
    box.set_service_account(role="user")

    error = connection_error(configure_provider)

    assert "has role 'user'" in str(error)
    assert "co-admin" in str(error)


def test_a_co_admin_service_account_passes(
    box: EmulatorServer, configure_provider: ConfigureProvider
) -> None:
    box.set_service_account(role="coadmin")

    assert isinstance(configure_provider(BoxUserProvider), BoxUserProvider)


def test_an_unreachable_box_names_the_base_url(configure_provider: ConfigureProvider) -> None:
    with socket.socket() as probe:  # a port that nothing listens on once the probe closes
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"

    error = connection_error(configure_provider, **{"box:baseUrl": closed, "box:maxAttempts": "2"})

    assert f"cannot reach {closed}" in str(error)
    assert "check box:baseUrl" in str(error)


def test_the_check_runs_once_per_process_for_all_providers(
    box: EmulatorServer, configure_provider: ConfigureProvider
) -> None:
    box.request_log.clear()

    configure_provider(BoxUserProvider)
    configure_provider(BoxGroupProvider)

    assert box.request_log.counts_by_route() == {
        "POST /oauth2/token": 1,
        "GET /2.0/users/me": 1,
    }
