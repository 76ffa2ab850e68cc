"""`POST /oauth2/token` (client credentials and JWT bearer grants) and `POST /oauth2/revoke`.

The SDK's CCG auth posts `grant_type=client_credentials&client_id=…&client_secret=…&
box_subject_type=enterprise&box_subject_id=<enterprise id>` to `{base_url}/oauth2/token`;
its JWT auth posts `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer&assertion=…&
client_id=…&client_secret=…`, the subject in the assertion (`jwt_grant.py`).
Failures answer Box's `OAuth2Error` body (`error`, `error_description`) with status 400.
"""

from __future__ import annotations

import hmac
import sqlite3

from flask import Blueprint, Response, jsonify, request

from emulator.behaviour.jwt_grant import GRANT_TYPE as JWT_GRANT_TYPE
from emulator.behaviour.jwt_grant import assertion_subject
from emulator.errors import OAuthError
from emulator.records.tokens import issue_token
from emulator.records.users import ENTERPRISE_KINDS, get_user
from emulator.runtime import Runtime, current
from emulator.seed import service_account

blueprint = Blueprint("oauth", __name__)


@blueprint.post("/oauth2/token")
def post_token() -> Response:
    runtime = current()
    form = request.form
    grant_type = form.get("grant_type")
    if not grant_type:
        raise OAuthError("invalid_request", "The 'grant_type' parameter is missing")
    if grant_type not in ("client_credentials", JWT_GRANT_TYPE):
        raise OAuthError("unsupported_grant_type", f"Grant type '{grant_type}' is not supported")
    client_id = form.get("client_id", "")
    _check_client(runtime, client_id, form.get("client_secret", ""))
    subject_type: str | None
    subject_id: str | None
    if grant_type == JWT_GRANT_TYPE:
        subject_type, subject_id = assertion_subject(runtime, form.get("assertion", ""), client_id)
    else:
        subject_type, subject_id = form.get("box_subject_type"), form.get("box_subject_id")
    with runtime.store.write() as db:
        user_id = _subject_user(runtime, db, subject_type, subject_id)
        token = issue_token(db, user_id, runtime.config.token_ttl, runtime.clock())
    return jsonify(
        {
            "access_token": token,
            "expires_in": runtime.config.token_ttl,
            "restricted_to": [],
            "token_type": "bearer",
        }
    )


@blueprint.post("/oauth2/revoke")
def post_revoke() -> Response:
    runtime = current()
    _check_client(runtime, request.form.get("client_id", ""), request.form.get("client_secret", ""))
    token = request.form.get("token", "")
    with runtime.store.write() as db:
        db.execute("DELETE FROM tokens WHERE token = ?", (token,))
    return Response(status=200)


def _check_client(runtime: Runtime, client_id: str, client_secret: str) -> None:
    config = runtime.config
    good_id = hmac.compare_digest(client_id.encode(), config.client_id.encode())
    good_secret = hmac.compare_digest(client_secret.encode(), config.client_secret.encode())
    if not (good_id and good_secret):
        raise OAuthError("invalid_client", "The client credentials are invalid")


def _subject_user(
    runtime: Runtime, db: sqlite3.Connection, subject_type: str | None, subject_id: str | None
) -> int:
    """The user a token acts for: the service account (enterprise) or one managed user."""
    if subject_type == "enterprise":
        if subject_id != runtime.config.enterprise_id:
            raise OAuthError("invalid_grant", "Grant credentials are invalid")
        return int(service_account(db)["id"])
    if subject_type == "user":
        user = get_user(db, subject_id or "")
        if user is None or user["kind"] not in ENTERPRISE_KINDS:
            raise OAuthError("invalid_grant", "Grant credentials are invalid")
        return int(user["id"])
    raise OAuthError("invalid_request", "'box_subject_type' must be 'enterprise' or 'user'")
