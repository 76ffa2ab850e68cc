"""The token endpoint and bearer tokens, as the SDK's client-credentials auth meets them."""

from __future__ import annotations

import pytest
import requests
from box_sdk_gen import BoxClient

from emulator import EmulatorConfig, EmulatorServer
from emulator.testing import sdk_client
from tests.conftest import BOX_CLIENT_ID, BOX_CLIENT_SECRET, BOX_ENTERPRISE_ID
from tests.support.box_calls import box_error
from tests.support.validating_session import ValidatingSession


def test_the_sdk_gets_a_bearer_token_with_client_credentials_and_uses_it(
    box: EmulatorServer, client: BoxClient, checked_session: ValidatingSession
) -> None:
    me = client.users.get_user_me()

    assert me.type == "user"
    assert box.request_log.count("POST", "/oauth2/token", status=200) == 1
    assert box.request_log.count("GET", "/2.0/users/me", status=200) == 1
    assert checked_session.checked["AccessToken"] == 1


def test_the_token_lives_as_long_as_configured() -> None:
    with EmulatorServer() as default, EmulatorServer(EmulatorConfig(token_ttl=120)) as short:
        for server, ttl in ((default, 3600), (short, 120)):
            answer = requests.post(f"{server.url}/oauth2/token", data=_ccg_form(), timeout=10)
            assert (answer.status_code, answer.json()["expires_in"]) == (200, ttl)
            assert answer.json()["token_type"] == "bearer"


@pytest.mark.parametrize(
    ("client_id", "client_secret", "enterprise_id", "error"),
    [
        ("someone-else", BOX_CLIENT_SECRET, BOX_ENTERPRISE_ID, "invalid_client"),
        (BOX_CLIENT_ID, "wrong-secret", BOX_ENTERPRISE_ID, "invalid_client"),
        (BOX_CLIENT_ID, BOX_CLIENT_SECRET, "123", "invalid_grant"),
    ],
)
def test_wrong_credentials_get_an_oauth_error(
    box: EmulatorServer, client_id: str, client_secret: str, enterprise_id: str, error: str
) -> None:
    client = sdk_client(
        box.url, client_id=client_id, client_secret=client_secret, enterprise_id=enterprise_id
    )

    failure = box_error(client.users.get_user_me)

    body = failure.response_info.body or {}
    assert failure.response_info.status_code == 400
    assert (set(body), body["error"]) == ({"error", "error_description"}, error)
    assert box.request_log.count(path_prefix="/2.0/") == 0


@pytest.mark.parametrize(
    ("form", "error"),
    [
        ({"grant_type": ""}, "invalid_request"),
        ({"grant_type": "password"}, "unsupported_grant_type"),
        ({"box_subject_type": "planet"}, "invalid_request"),
        ({"box_subject_type": "user", "box_subject_id": "1"}, "invalid_grant"),
    ],
)
def test_malformed_token_requests_get_an_oauth_error(
    box: EmulatorServer, form: dict[str, str], error: str
) -> None:
    answer = requests.post(f"{box.url}/oauth2/token", data={**_ccg_form(), **form}, timeout=10)

    assert answer.status_code == 400
    assert answer.json()["error"] == error


@pytest.mark.parametrize(
    "authorization",
    [None, "Bearer", "Bearer not-a-token", "Basic ZW11bGF0b3I6c2VjcmV0"],
)
def test_api_calls_without_a_valid_bearer_token_are_401(
    box: EmulatorServer, authorization: str | None
) -> None:
    headers = {"Authorization": authorization} if authorization else {}

    answer = requests.get(f"{box.url}/2.0/users/me", headers=headers, timeout=10)

    assert answer.status_code == 401
    assert answer.json()["code"] in ("unauthorized", "invalid_token")
    assert answer.headers["WWW-Authenticate"].startswith('Bearer realm="Service"')


def test_an_expired_token_is_refused_and_the_sdk_refreshes_it(
    box: EmulatorServer, client: BoxClient
) -> None:
    client.users.get_user_me()
    assert box.expire_tokens() >= 1

    client.users.get_user_me()

    statuses = [(e.method, e.path, e.status) for e in box.request_log.entries]
    assert statuses == [
        ("POST", "/oauth2/token", 200),
        ("GET", "/2.0/users/me", 200),
        ("GET", "/2.0/users/me", 401),
        ("POST", "/oauth2/token", 200),
        ("GET", "/2.0/users/me", 200),
    ]


def test_an_expired_token_gets_box_s_401_body(box: EmulatorServer, box_client: BoxClient) -> None:
    box_client.users.get_user_me()
    token = box_client.auth.retrieve_token().access_token
    box.expire_tokens()

    answer = requests.get(
        f"{box.url}/2.0/users/me", headers={"Authorization": f"Bearer {token}"}, timeout=10
    )

    assert (answer.status_code, answer.json()["code"]) == (401, "invalid_token")


def test_a_revoked_token_no_longer_works(box: EmulatorServer, box_client: BoxClient) -> None:
    box_client.users.get_user_me()
    token = box_client.auth.retrieve_token().access_token

    box_client.auth.revoke_token(network_session=box_client.network_session)

    answer = requests.get(
        f"{box.url}/2.0/users/me", headers={"Authorization": f"Bearer {token}"}, timeout=10
    )
    assert answer.status_code == 401


def _ccg_form() -> dict[str, str]:
    return {
        "grant_type": "client_credentials",
        "client_id": BOX_CLIENT_ID,
        "client_secret": BOX_CLIENT_SECRET,
        "box_subject_type": "enterprise",
        "box_subject_id": BOX_ENTERPRISE_ID,
    }
