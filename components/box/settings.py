"""Box connection settings, read from stack config in the providers' `configure`.

Two kinds of server authentication, as Box offers them: client credentials
(`box:clientId`, `box:clientSecret`) or JWT (`box:jwtConfig`, the app's downloaded JSON
config, which also gives the client id, client secret and enterprise id).

`BoxProvider.configure` (components/box/provider.py) calls `settings_from_config` with the
config the Pulumi engine hands a dynamic provider: the whole stack config, keys kept with
their namespace (`box:clientId`) and secrets already decrypted. Nothing here is stored on a
provider instance or in state; `connection.py` turns the settings into a shared client.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import Annotated, Any, Protocol

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    StringConstraints,
    ValidationError,
    field_validator,
)

from components.box.errors import BoxConfigError
from components.box.jwt_config import parse_jwt_config

DEFAULT_BASE_URL = "https://api.box.com"
# Box allows about 1000 API calls per minute per user; the service account is one user.
DEFAULT_MAX_REQUESTS_PER_MINUTE = 1000

# Stack config key -> settings field, in the order errors are reported.
CONFIG_KEYS: dict[str, str] = {
    "box:clientId": "client_id",
    "box:clientSecret": "client_secret",
    "box:jwtConfig": "jwt_config",
    "box:enterpriseId": "enterprise_id",
    "box:baseUrl": "base_url",
    "box:maxRequestsPerMinute": "max_requests_per_minute",
    "box:retryTimeoutSeconds": "retry_timeout_seconds",
    "box:maxAttempts": "max_attempts",
    "box:retryBaseSeconds": "retry_base_seconds",
}

_FIXES: dict[str, str] = {
    "client_id": "copy it from the Box Developer Console (your app > Configuration) and run "
    "`pulumi config set box:clientId <id>`",
    "client_secret": "copy it from the Box Developer Console and run "
    "`pulumi config set --secret box:clientSecret`, which prompts for it (never the secret "
    "on the command line, where the shell history keeps it; or, for a JWT app, "
    "`pulumi config set --secret box:jwtConfig < config.json`)",
    "enterprise_id": "find it in the Box Admin Console (Account & Billing) and run "
    "`pulumi config set box:enterpriseId <digits>`",
    "base_url": "leave it unset for Box, or set the emulator's URL, e.g. "
    "`pulumi config set box:baseUrl http://127.0.0.1:8080`",
    "max_requests_per_minute": "set a positive whole number, e.g. 1000",
    "retry_timeout_seconds": "set a positive number of seconds, e.g. 120",
    "max_attempts": "set a whole number from 1 to 20",
    "retry_base_seconds": "set a positive number of seconds, e.g. 1",
}

# A per-process key, so registry keys mean nothing outside this process.
_PROCESS_KEY = secrets.token_bytes(32)

NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class ConfigSource(Protocol):
    """What `pulumi.dynamic.Config` offers: namespaced lookups, None when unset."""

    def get(self, key: str) -> Any: ...


class BoxSettings(BaseModel):
    """Credentials and tuning for one Box enterprise."""

    model_config = ConfigDict(frozen=True, extra="forbid", coerce_numbers_to_str=True)

    client_id: NonEmpty
    client_secret: SecretStr
    # The JWT app's config JSON; unset for client credentials.
    jwt_config: SecretStr | None = None
    enterprise_id: Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^\d+$")]
    base_url: NonEmpty = DEFAULT_BASE_URL
    max_requests_per_minute: Annotated[float, Field(gt=0)] = DEFAULT_MAX_REQUESTS_PER_MINUTE
    retry_timeout_seconds: Annotated[float, Field(gt=0)] = 120.0
    max_attempts: Annotated[int, Field(ge=1, le=20)] = 8
    # First back-off when Box gives no Retry-After; doubles per attempt (with jitter).
    retry_base_seconds: Annotated[float, Field(gt=0)] = 1.0

    @field_validator("client_secret")
    @classmethod
    def _secret_not_blank(cls, value: SecretStr) -> SecretStr:
        if not value.get_secret_value().strip():
            raise ValueError("must not be empty")
        return value

    @field_validator("base_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not value.startswith(("https://", "http://")):
            raise ValueError("must start with https:// (or http:// for the local emulator)")
        return value.rstrip("/")


def settings_from_config(config: ConfigSource) -> BoxSettings:
    """Read and validate the `box:*` stack config; BoxConfigError names each bad key."""
    raw = {field: config.get(key) for key, field in CONFIG_KEYS.items()}
    present = {field: value for field, value in raw.items() if value is not None}
    if present.get("jwt_config") is not None:
        present = _with_jwt_app(present)
    try:
        return BoxSettings.model_validate(present)
    except ValidationError as error:
        # Not chained: pydantic's own text would repeat the rejected values, secret included.
        raise BoxConfigError(_describe(error)) from None


def _with_jwt_app(present: dict[str, Any]) -> dict[str, Any]:
    """The settings with the client id, secret and enterprise taken from the JWT config."""
    app = parse_jwt_config(str(present["jwt_config"]))
    from_file = {
        "client_id": app.box_app_settings.client_id,
        "client_secret": app.box_app_settings.client_secret.get_secret_value(),
        "enterprise_id": app.enterprise_id,
    }
    for field, value in from_file.items():
        given = present.get(field)
        if value is not None and given is not None and str(given).strip() != value:
            key = next(key for key, name in CONFIG_KEYS.items() if name == field)
            raise BoxConfigError(
                f"The Box stack config is contradictory: {key} differs from the app's JWT "
                f"config (box:jwtConfig); remove it with `pulumi config rm {key}`, since "
                "box:jwtConfig already says it"
            )
    filled = {field: value for field, value in from_file.items() if value is not None}
    return {**filled, **present}


def registry_key(settings: BoxSettings) -> str:
    """A digest of everything that identifies a connection; keyed with a per-process secret."""
    material = "\n".join(
        (
            settings.base_url,
            settings.enterprise_id,
            settings.client_id,
            settings.client_secret.get_secret_value(),
            settings.jwt_config.get_secret_value() if settings.jwt_config else "",
        )
    )
    return hmac.new(_PROCESS_KEY, material.encode(), hashlib.sha256).hexdigest()


def _describe(error: ValidationError) -> str:
    keys = {field: key for key, field in CONFIG_KEYS.items()}
    lines = ["The Box stack config is incomplete or invalid:"]
    for problem in error.errors(include_input=False):
        field = str(problem["loc"][0]) if problem["loc"] else ""
        reason = "is not set" if problem["type"] == "missing" else problem["msg"]
        fix = _FIXES.get(field, "")
        lines.append(f"  {keys.get(field, field)}: {reason}; {fix}")
    return "\n".join(lines)
