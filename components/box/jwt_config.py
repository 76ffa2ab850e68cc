"""Box JWT server authentication: the app's config JSON, as the Box Developer Console gives it.

`settings.settings_from_config` calls `parse_jwt_config` on `box:jwtConfig` (a Pulumi
secret holding the whole downloaded file) to check it and to take the client id, client
secret and enterprise id from it; `transport.build_client` calls it again to sign in with
`box_sdk_gen`'s `BoxJWTAuth`. Nothing parsed here is stored on a provider or in state, and
errors name the missing JSON key, never a value.
"""

from __future__ import annotations

import json

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

from components.box.errors import BoxConfigError

_FIX = (
    "set it to the whole JSON file the Box Developer Console downloads when you add a public "
    "key (your app > Configuration > Add and Manage Public Keys > Generate a Public/Private "
    "Keypair): `pulumi config set --secret box:jwtConfig < config.json`"
)


class _Model(BaseModel):
    # The downloaded file has more keys (webhooks, ...) than sign-in needs: they are ignored.
    model_config = ConfigDict(frozen=True, extra="ignore", populate_by_name=True)


class JwtAppAuth(_Model):
    """The key pair part: which public key Box checks, and the encrypted private key."""

    public_key_id: str = Field(alias="publicKeyID", min_length=1)
    private_key: SecretStr = Field(alias="privateKey")
    passphrase: SecretStr = SecretStr("")


class JwtAppSettings(_Model):
    client_id: str = Field(alias="clientID", min_length=1)
    client_secret: SecretStr = Field(alias="clientSecret")
    app_auth: JwtAppAuth = Field(alias="appAuth")


class JwtAppConfig(_Model):
    """The parts of Box's JWT config file that signing in needs."""

    box_app_settings: JwtAppSettings = Field(alias="boxAppSettings")
    enterprise_id: str | None = Field(None, alias="enterpriseID")


def parse_jwt_config(text: str) -> JwtAppConfig:
    """The app config in `text`; BoxConfigError naming what is missing or malformed."""
    try:
        document = json.loads(text)
    except ValueError:
        raise BoxConfigError(f"box:jwtConfig is not JSON; {_FIX}") from None
    try:
        return JwtAppConfig.model_validate(document)
    except ValidationError as error:
        missing = ", ".join(
            ".".join(str(part) for part in problem["loc"]) or "(the document)"
            for problem in error.errors(include_input=False)
        )
        raise BoxConfigError(f"box:jwtConfig lacks or mistypes {missing}; {_FIX}") from None
