"""The program's own check of credentials kept in plaintext stack config (no engine)."""

from __future__ import annotations

from collections.abc import Iterator

import pulumi
import pytest
from pulumi.runtime.config import set_all_config

from components.secrets_check import plaintext_secrets, refuse_plaintext_secrets

SECRET = "s3cr3t-value"


@pytest.fixture(autouse=True)
def no_config_afterwards() -> Iterator[None]:
    yield
    set_all_config({}, [])


def test_a_plaintext_client_secret_is_refused_with_the_command_that_encrypts_it() -> None:
    set_all_config({"box:clientSecret": SECRET}, [])

    with pytest.raises(pulumi.RunError) as refused:
        refuse_plaintext_secrets("prod")

    message = str(refused.value)
    assert "box:clientSecret is stored in plaintext in the stack config of prod" in message
    assert (
        """printf '%s' "$BOX_CLIENT_SECRET" | pulumi config set --secret box:clientSecret """
        "--stack prod"
    ) in message
    assert SECRET not in message


@pytest.mark.parametrize(
    ("config", "secret_keys"),
    [
        ({"box:clientSecret": SECRET}, ["box:clientSecret"]),
        ({"box:clientId": "an-id"}, []),
        ({}, []),
    ],
    ids=["stored-encrypted", "other-keys-in-plaintext", "unset"],
)
def test_an_encrypted_or_unset_secret_lets_the_program_run(
    config: dict[str, str], secret_keys: list[str]
) -> None:
    set_all_config(config, secret_keys)

    refuse_plaintext_secrets("prod")

    assert plaintext_secrets() == []


def test_the_box_jwt_config_must_be_encrypted_too() -> None:
    set_all_config({"box:jwtConfig": SECRET}, [])

    assert plaintext_secrets() == ["box:jwtConfig"]
