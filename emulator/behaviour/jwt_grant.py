"""The JWT bearer grant of `POST /oauth2/token`: Box's JWT server authentication.

`oauth.post_token` hands over a request with
`grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer`. As Box does, the app's client id and
secret must be right, and the `assertion` must be a JWT signed (RS256/384/512) with the
private key of a public key added to the app (header `kid` = its `publicKeyID`, looked up in
`EmulatorConfig.jwt_public_keys`), with claims `iss` = the client id, `aud` =
`https://api.box.com/oauth2/token` (whatever URL the token request went to: box_sdk_gen
fixes it), `box_sub_type` `enterprise` (with `sub` the enterprise id) or `user` (`sub` a user
id), a `jti`, and an `exp` at most 60 seconds ahead. Every failure is Box's `invalid_grant`
(or `invalid_client`) with a description naming the claim at fault. Each `jti` is accepted
once per emulator run, as Box refuses a replayed assertion.
"""

from __future__ import annotations

import threading
from typing import Any

import jwt

from emulator.errors import OAuthError
from emulator.runtime import Runtime

GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer"
AUDIENCE = "https://api.box.com/oauth2/token"
ALGORITHMS = ["RS256", "RS384", "RS512"]
MAX_LIFETIME_SECONDS = 60

_SEEN_JTI: set[str] = set()
_SEEN_LOCK = threading.Lock()


def assertion_subject(runtime: Runtime, assertion: str, client_id: str) -> tuple[str, str]:
    """`(box_sub_type, sub)` of a valid assertion; OAuthError `invalid_grant` otherwise."""
    if not assertion:
        raise OAuthError("invalid_request", "The 'assertion' parameter is missing")
    key = _public_key(runtime, assertion)
    claims = _verified_claims(assertion, key)
    if claims.get("iss") != client_id:
        raise OAuthError("invalid_grant", "Please check the 'iss' claim.")
    if float(claims["exp"]) - runtime.clock() > MAX_LIFETIME_SECONDS:
        raise OAuthError(
            "invalid_grant",
            "Please check the 'exp' claim: it may be at most 60 seconds in the future.",
        )
    _check_unused(str(claims["jti"]))
    subject_type = claims.get("box_sub_type")
    if subject_type not in ("enterprise", "user"):
        raise OAuthError("invalid_grant", "Please check the 'box_sub_type' claim.")
    return str(subject_type), str(claims["sub"])


def _public_key(runtime: Runtime, assertion: str) -> str:
    try:
        header = jwt.get_unverified_header(assertion)
    except jwt.PyJWTError:
        raise OAuthError("invalid_grant", "The assertion is not a well-formed JWT.") from None
    key = runtime.config.jwt_public_keys.get(str(header.get("kid") or ""))
    if key is None:
        raise OAuthError(
            "invalid_grant",
            "Please check the 'kid' header: no public key with this id is added to the app.",
        )
    return key


def _verified_claims(assertion: str, key: str) -> dict[str, Any]:
    try:
        claims: dict[str, Any] = jwt.decode(
            assertion,
            key,
            algorithms=ALGORITHMS,
            audience=AUDIENCE,
            options={"require": ["exp", "iss", "sub", "aud", "jti"]},
        )
    except jwt.InvalidSignatureError:
        raise OAuthError(
            "invalid_grant",
            "Signature verification error. The public key identified by kid must correspond "
            "to the private key used for signing.",
        ) from None
    except jwt.ExpiredSignatureError:
        raise OAuthError(
            "invalid_grant",
            "Current date/time MUST be before the expiration date/time listed in the 'exp' claim",
        ) from None
    except jwt.InvalidAudienceError:
        raise OAuthError("invalid_grant", "Please check the 'aud' claim.") from None
    except jwt.MissingRequiredClaimError as error:
        raise OAuthError("invalid_grant", f"Please check the '{error.claim}' claim.") from None
    except jwt.PyJWTError as error:
        raise OAuthError("invalid_grant", f"The assertion was refused: {error}") from None
    return claims


def _check_unused(jti: str) -> None:
    with _SEEN_LOCK:
        if jti in _SEEN_JTI:
            raise OAuthError("invalid_grant", "A unique 'jti' value is required.")
        _SEEN_JTI.add(jti)
