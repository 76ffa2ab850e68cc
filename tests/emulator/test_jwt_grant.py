"""`POST /oauth2/token` with the JWT bearer grant: the claims Box checks, checked the same way."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jwt
import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from emulator import EmulatorConfig, EmulatorServer
from emulator.cli import build_parser, config_from_args
from emulator.config import DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_ENTERPRISE_ID

KEY_ID = "key-1"
GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer"
_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
_PUBLIC = _KEY.public_key().public_bytes(
    serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
)


@pytest.fixture(scope="module")
def server() -> Iterator[EmulatorServer]:
    running = EmulatorServer(EmulatorConfig(jwt_public_keys={KEY_ID: _PUBLIC.decode()})).start()
    yield running
    running.stop()


def claims(**changes: Any) -> dict[str, Any]:
    """What box_sdk_gen's BoxJWTAuth signs for the enterprise's service account."""
    base = {
        "iss": DEFAULT_CLIENT_ID,
        "sub": DEFAULT_ENTERPRISE_ID,
        "box_sub_type": "enterprise",
        "aud": "https://api.box.com/oauth2/token",
        "jti": str(uuid.uuid4()),
        "exp": int(time.time()) + 30,
    }
    return {key: value for key, value in {**base, **changes}.items() if value is not None}


def token_answer(server: EmulatorServer, claim_set: dict[str, Any]) -> requests.Response:
    assertion = jwt.encode(claim_set, _KEY, algorithm="RS256", headers={"kid": KEY_ID})
    form = {
        "grant_type": GRANT,
        "assertion": assertion,
        "client_id": DEFAULT_CLIENT_ID,
        "client_secret": DEFAULT_CLIENT_SECRET,
    }
    return requests.post(f"{server.url}/oauth2/token", data=form, timeout=10)


def test_a_valid_assertion_gets_a_bearer_token_even_though_aud_names_box_itself(
    server: EmulatorServer,
) -> None:
    answer = token_answer(server, claims())

    assert answer.status_code == 200
    assert answer.json()["token_type"] == "bearer"


@pytest.mark.parametrize(
    ("changes", "described"),
    [
        ({"aud": "http://127.0.0.1/oauth2/token"}, "'aud' claim"),
        ({"iss": "another-app"}, "'iss' claim"),
        ({"sub": "999"}, "Grant credentials are invalid"),
        ({"exp": int(time.time()) + 3600}, "at most 60 seconds"),
        ({"jti": None}, "'jti' claim"),
    ],
)
def test_a_claim_box_would_refuse_is_invalid_grant(
    server: EmulatorServer, changes: dict[str, Any], described: str
) -> None:
    answer = token_answer(server, claims(**changes))

    assert answer.status_code == 400
    assert answer.json()["error"] == "invalid_grant"
    assert described in answer.json()["error_description"]


def test_a_replayed_assertion_is_refused(server: EmulatorServer) -> None:
    once = claims()
    assert token_answer(server, once).status_code == 200

    again = token_answer(server, once)

    assert again.json()["error_description"] == "A unique 'jti' value is required."


def test_the_command_line_takes_the_apps_public_keys(tmp_path: Path) -> None:
    pem = tmp_path / "public.pem"
    pem.write_bytes(_PUBLIC)

    config = config_from_args(build_parser().parse_args(["--jwt-public-key", f"{KEY_ID}={pem}"]))

    assert config.jwt_public_keys == {KEY_ID: _PUBLIC.decode()}
