"""Users in the store: rows, lookups by id and login, listing queries, and Box's views.

Called by `emulator.behaviour.users` (and by the other behaviours that need a user). Kinds:
`managed` (created with a login), `app` (`is_platform_access_only`), `service` (the app's own
service account, not listed by `GET /users`) and `external` (never created by the API).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from emulator.representation import Views, render
from emulator.store import parse_object_id

UNLIMITED_SPACE = -1
# Box reports unlimited storage as this number; a request may send -1 for it.
UNLIMITED_SPACE_REPORTED = 999_999_999_999_999
ENTERPRISE_NAME = "Box Emulator Enterprise"
ENTERPRISE_KINDS = ("managed", "app", "service")
LISTED_KINDS = ("managed", "app")

USER_VIEWS = Views(
    mini=("type", "id", "name", "login"),
    standard=(
        *("type", "id", "name", "login", "created_at", "modified_at", "language", "timezone"),
        *("space_amount", "space_used", "max_upload_size", "status", "job_title", "phone"),
        *("address", "avatar_url", "notification_email"),
    ),
    full=(
        *("type", "id", "name", "login", "created_at", "modified_at", "language", "timezone"),
        *("space_amount", "space_used", "max_upload_size", "status", "job_title", "phone"),
        *("address", "avatar_url", "notification_email", "role", "tracking_codes"),
        *("can_see_managed_users", "is_sync_enabled", "is_external_collab_restricted"),
        *("is_exempt_from_device_limits", "is_exempt_from_login_verification", "enterprise"),
        *("my_tags", "hostname", "is_platform_access_only", "external_app_user_id"),
    ),
)

DEFAULT_ATTRIBUTES: dict[str, Any] = {
    "role": "user",
    "status": "active",
    "language": "en",
    "timezone": "America/Los_Angeles",
    "space_amount": UNLIMITED_SPACE,
    "space_used": 0,
    "max_upload_size": 5_368_709_120,
    "job_title": "",
    "phone": "",
    "address": "",
    "notification_email": None,
    "tracking_codes": [],
    "can_see_managed_users": True,
    "is_sync_enabled": True,
    "is_external_collab_restricted": False,
    "is_exempt_from_device_limits": False,
    "is_exempt_from_login_verification": False,
    "my_tags": [],
    "is_platform_access_only": False,
}


@dataclass(frozen=True)
class UserQuery:
    """What `GET /users` asks for."""

    user_type: str = "managed"
    filter_term: str | None = None
    external_app_user_id: str | None = None


def get_user(db: sqlite3.Connection, user_id: str | int) -> sqlite3.Row | None:
    key = user_id if isinstance(user_id, int) else parse_object_id(user_id)
    if key is None:
        return None
    row: sqlite3.Row | None = db.execute("SELECT * FROM users WHERE id = ?", (key,)).fetchone()
    return row


def login_owner(db: sqlite3.Connection, login: str) -> int | None:
    """The id of the user holding `login`, compared case-insensitively."""
    row = db.execute("SELECT id FROM users WHERE login_key = ?", (login.lower(),)).fetchone()
    return int(row["id"]) if row else None


def attributes(row: sqlite3.Row) -> dict[str, Any]:
    attrs: dict[str, Any] = json.loads(row["attrs"])
    return attrs


def insert_user(
    db: sqlite3.Connection, kind: str, name: str, login: str, values: dict[str, Any], now: str
) -> int:
    attrs = {**DEFAULT_ATTRIBUTES, **values}
    app_user_id = attrs.pop("external_app_user_id", None)
    cursor = db.execute(
        "INSERT INTO users (kind, login, login_key, name, name_key, external_app_user_id, attrs,"
        " created_at, modified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (kind, login, login.lower(), name, name.lower(), app_user_id, json.dumps(attrs), now, now),
    )
    return int(cursor.lastrowid or 0)


def update_user(
    db: sqlite3.Connection, row: sqlite3.Row, changes: dict[str, Any], now: str
) -> None:
    changes = dict(changes)
    name = changes.pop("name", row["name"])
    login = changes.pop("login", row["login"])
    app_user_id = changes.pop("external_app_user_id", row["external_app_user_id"])
    attrs = {**attributes(row), **changes}
    db.execute(
        "UPDATE users SET name = ?, name_key = ?, login = ?, login_key = ?,"
        " external_app_user_id = ?, attrs = ?, modified_at = ? WHERE id = ?",
        (name, name.lower(), login, login.lower(), app_user_id, json.dumps(attrs), now, row["id"]),
    )


def delete_user(db: sqlite3.Connection, user_id: int) -> None:
    db.execute("DELETE FROM users WHERE id = ?", (user_id,))


def render_user(row: sqlite3.Row, fields: frozenset[str] | None) -> dict[str, Any]:
    attrs = attributes(row)
    enterprise_id = attrs.pop("enterprise_id", None)
    space = attrs.get("space_amount")
    full = {
        "type": "user",
        "id": str(row["id"]),
        "name": row["name"],
        "login": row["login"],
        "created_at": row["created_at"],
        "modified_at": row["modified_at"],
        **attrs,
        "space_amount": UNLIMITED_SPACE_REPORTED if space == UNLIMITED_SPACE else space,
        "avatar_url": f"https://app.box.com/api/avatar/large/{row['id']}",
        "hostname": "https://app.box.com/",
    }
    # Box sends `enterprise: null` for a user outside any enterprise; the spec's schema
    # (nullable beside allOf) rejects null, so the key is left out instead.
    if enterprise_id is not None:
        full["enterprise"] = enterprise(enterprise_id)
    if row["external_app_user_id"] is not None:
        full["external_app_user_id"] = row["external_app_user_id"]
    return render(full, USER_VIEWS, fields)


def mini_user(user_id: int, name: str, login: str) -> dict[str, Any]:
    return {"type": "user", "id": str(user_id), "name": name, "login": login}


def enterprise(enterprise_id: str | None) -> dict[str, Any] | None:
    if enterprise_id is None:
        return None
    return {"type": "enterprise", "id": enterprise_id, "name": ENTERPRISE_NAME}


def _where(query: UserQuery) -> tuple[str, list[Any]]:
    term = (query.filter_term or "").lower()
    clauses: list[tuple[str, list[Any]]] = []
    if query.user_type in ("managed", "all"):
        clauses.append(_listed_clause(term))
    if term and query.user_type in ("all", "external"):
        # External users are found only by their exact, full login.
        clauses.append(("kind = 'external' AND login_key = ?", [term]))
    where = " OR ".join(f"({sql})" for sql, _ in clauses) or "0"
    params = [param for _, clause_params in clauses for param in clause_params]
    if query.external_app_user_id is not None:
        where = f"({where}) AND external_app_user_id = ?"
        params.append(query.external_app_user_id)
    return where, params


def _listed_clause(term: str) -> tuple[str, list[Any]]:
    """Managed and app users, whose name or login starts with `term` if one is given."""
    sql = f"kind IN {LISTED_KINDS!r}"
    if not term:
        return sql, []
    upper = term + "\U0010ffff"
    sql += " AND ((name_key >= ? AND name_key < ?) OR (login_key >= ? AND login_key < ?))"
    return sql, [term, upper, term, upper]


def count_users(db: sqlite3.Connection, query: UserQuery) -> int:
    where, params = _where(query)
    return int(db.execute(f"SELECT count(*) FROM users WHERE {where}", params).fetchone()[0])  # noqa: S608


def list_users(
    db: sqlite3.Connection, query: UserQuery, limit: int, offset: int = 0, after_id: int = 0
) -> list[sqlite3.Row]:
    where, params = _where(query)
    if query.filter_term or query.external_app_user_id is not None:
        # Find the few matches through the name/login indexes first; a walk in id order
        # would read every user before it knew a rare prefix had no more matches.
        where = f"id IN (SELECT id FROM users WHERE {where})"  # noqa: S608
    sql = f"SELECT * FROM users WHERE ({where}) AND id > ? ORDER BY id LIMIT ? OFFSET ?"  # noqa: S608
    return db.execute(sql, [*params, after_id, limit, offset]).fetchall()
