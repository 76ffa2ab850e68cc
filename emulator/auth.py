"""Who is calling: the bearer token, the `As-User` header, and the admin check.

`authenticate` runs before every `/2.0/...` view (registered by `emulator.app`); views then ask
`acting_user_id()` whose content they act on and call `require_admin` for admin-only calls.
"""

from __future__ import annotations

import json
import sqlite3

from flask import g, request

from emulator.errors import BoxError, insufficient_permissions, unauthorized
from emulator.records.tokens import find_grant
from emulator.records.users import ENTERPRISE_KINDS, get_user
from emulator.runtime import current

ADMIN_ROLES = ("admin", "coadmin")


def authenticate() -> None:
    """Check the bearer token and `As-User`; remember the acting user in `flask.g`."""
    runtime = current()
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise unauthorized()
    with runtime.store.read() as db:
        grant = find_grant(db, token.strip())
        if grant is None or grant.expires_at <= runtime.clock():
            raise unauthorized("invalid_token")
        g.token_user_id = grant.user_id
        g.acting_user_id = _acting_user(db, grant.user_id, request.headers.get("As-User"))


def _acting_user(db: sqlite3.Connection, token_user_id: int, as_user: str | None) -> int:
    if as_user is None or as_user.strip() == "":
        return token_user_id
    target = get_user(db, as_user.strip())
    if target is None or target["kind"] not in ENTERPRISE_KINDS:
        raise BoxError(
            400,
            "invalid_request_parameters",
            f"As-User '{as_user}' is not a user of this enterprise",
        )
    if _role(db, token_user_id) not in ADMIN_ROLES:
        raise insufficient_permissions("Only an admin may act as another user (As-User)")
    return int(target["id"])


def acting_user_id() -> int:
    user_id: int = g.acting_user_id
    return user_id


def require_admin(db: sqlite3.Connection) -> None:
    """Admin-only calls: the acting user must be an admin or co-admin of the enterprise."""
    if _role(db, acting_user_id()) not in ADMIN_ROLES:
        raise insufficient_permissions()


def _role(db: sqlite3.Connection, user_id: int) -> str | None:
    row = get_user(db, user_id)
    if row is None:
        return None
    role: str = json.loads(row["attrs"]).get("role", "user")
    return role
