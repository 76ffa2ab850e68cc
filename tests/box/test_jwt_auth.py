"""Box JWT server authentication (`box:jwtConfig`) beside client credentials, against the emulator.

The emulator holds the app's public key, as a Box app does once a key pair is added in the
Developer Console; the stack config holds the downloaded JSON config (private key encrypted
with its passphrase) as one secret. Sign-in goes through box_sdk_gen's `BoxJWTAuth`.
"""

from __future__ import annotations

import json
import traceback
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from pulumi.dynamic import ConfigureRequest

from components.box.errors import BoxConfigError, BoxConnectionError
from components.box.settings import settings_from_config
from components.box.user import BoxUserProvider
from emulator import EmulatorConfig, EmulatorServer
from emulator.config import DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_ENTERPRISE_ID
from emulator.seed import service_account_login
from tests.box.conftest import box_config
from tests.support.box_only_spec import SMALL_ORG
from tests.support.engine import FAST_BOX_TUNING, EngineStack

KEY_ID = "k7dm2a1x"
PASSPHRASE = "correct horse battery staple"  # a test key's passphrase, made up here


@dataclass(frozen=True)
class KeyPair:
    private_pem: str
    public_pem: str


def new_key_pair(passphrase: str = PASSPHRASE) -> KeyPair:
    """An RSA key pair as Box's 'Generate a Public/Private Keypair' makes it (encrypted PEM)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(passphrase.encode()),
    )
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return KeyPair(private.decode(), public.decode())


def jwt_config(
    pair: KeyPair, *, key_id: str = KEY_ID, passphrase: str = PASSPHRASE, **app: object
) -> str:
    """The JSON file the Box Developer Console downloads for a JWT app."""
    return json.dumps(
        {
            "boxAppSettings": {
                "clientID": DEFAULT_CLIENT_ID,
                "clientSecret": DEFAULT_CLIENT_SECRET,
                "appAuth": {
                    "publicKeyID": key_id,
                    "privateKey": pair.private_pem,
                    "passphrase": passphrase,
                },
                **app,
            },
            "enterpriseID": DEFAULT_ENTERPRISE_ID,
        }
    )


@pytest.fixture(scope="module")
def app_key() -> KeyPair:
    return new_key_pair()


@pytest.fixture(scope="module")
def jwt_box(app_key: KeyPair) -> Iterator[EmulatorServer]:
    server = EmulatorServer(EmulatorConfig(jwt_public_keys={KEY_ID: app_key.public_pem})).start()
    yield server
    server.stop()


def configure_with(url: str, config_json: str) -> BoxUserProvider:
    """A provider configured from `box:jwtConfig` alone (no client id, secret or enterprise)."""
    provider = BoxUserProvider()
    overrides: dict[str, str | None] = {
        "box:clientId": None,
        "box:clientSecret": None,
        "box:enterpriseId": None,
        "box:jwtConfig": config_json,
    }
    provider.configure(ConfigureRequest(box_config(url, **overrides)))
    return provider


def test_a_jwt_app_connects_as_the_enterprise_service_account(
    jwt_box: EmulatorServer, app_key: KeyPair
) -> None:
    jwt_box.request_log.clear()

    provider = configure_with(jwt_box.url, jwt_config(app_key))

    assert provider.box.service_account == service_account_login(jwt_box.config)
    assert provider.box.enterprise_id == DEFAULT_ENTERPRISE_ID
    assert jwt_box.request_log.count("POST", "/oauth2/token", status=200) == 1


def test_a_key_the_app_does_not_have_is_refused_naming_box_jwt_config(
    jwt_box: EmulatorServer, app_key: KeyPair
) -> None:
    with pytest.raises(BoxConnectionError) as raised:
        configure_with(jwt_box.url, jwt_config(app_key, key_id="removed-key"))

    assert "Box refused the app's JWT assertion" in str(raised.value)
    assert "publicKeyID in box:jwtConfig" in str(raised.value)


def test_a_private_key_that_is_not_the_apps_fails_the_signature_check(
    jwt_box: EmulatorServer,
) -> None:
    with pytest.raises(BoxConnectionError) as raised:
        configure_with(jwt_box.url, jwt_config(new_key_pair()))

    assert "Signature verification error" in str(raised.value)


def test_a_wrong_passphrase_is_named_and_the_key_never_shown(
    jwt_box: EmulatorServer, app_key: KeyPair
) -> None:
    with pytest.raises(BoxConnectionError) as raised:
        configure_with(jwt_box.url, jwt_config(app_key, passphrase="not-it"))

    assert "the private key in box:jwtConfig cannot be read with its passphrase" in str(
        raised.value
    )
    shown = "".join(traceback.format_exception(raised.value))
    assert "PRIVATE KEY" not in shown and PASSPHRASE not in shown


def test_client_credentials_still_work_on_the_same_emulator(jwt_box: EmulatorServer) -> None:
    provider = BoxUserProvider()
    provider.configure(ConfigureRequest(box_config(jwt_box.url)))

    assert provider.box.enterprise_id == DEFAULT_ENTERPRISE_ID


def test_a_config_json_without_its_key_pair_names_the_missing_part(app_key: KeyPair) -> None:
    document = json.loads(jwt_config(app_key))
    del document["boxAppSettings"]["appAuth"]
    config = box_config("http://127.0.0.1:1", **{"box:jwtConfig": json.dumps(document)})

    with pytest.raises(BoxConfigError) as raised:
        settings_from_config(config)

    assert "box:jwtConfig lacks or mistypes boxAppSettings.appAuth" in str(raised.value)
    assert "pulumi config set --secret box:jwtConfig < config.json" in str(raised.value)


def test_a_client_id_that_contradicts_the_jwt_config_is_refused(app_key: KeyPair) -> None:
    config = box_config(
        "http://127.0.0.1:1",
        **{"box:jwtConfig": jwt_config(app_key), "box:clientId": "another-app"},
    )

    with pytest.raises(BoxConfigError) as raised:
        settings_from_config(config)

    assert "box:clientId differs from the app's JWT config" in str(raised.value)


@pytest.mark.engine
def test_a_stack_signed_in_by_jwt_deploys_and_keeps_the_key_out_of_state(
    tmp_path: Path, jwt_box: EmulatorServer, app_key: KeyPair
) -> None:
    jwt_box.reset()
    stack = EngineStack(tmp_path / "jwt", name="jwt").create()
    stack.set_config({"box:baseUrl": jwt_box.url, **FAST_BOX_TUNING})
    stack.set_secret("box:jwtConfig", jwt_config(app_key))
    stack.write_spec(SMALL_ORG.spec())

    stack.up()

    assert len(stack.recorded_users()) == len(SMALL_ORG.people)
    stored = "".join(path.read_text(errors="replace") for path in stack.backend_files())
    stored += stack.stack_config_file().read_text()
    assert "PRIVATE KEY" not in stored and PASSPHRASE not in stored
