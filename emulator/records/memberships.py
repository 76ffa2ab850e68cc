"""Group memberships in the store: rows joined with their user and group, and Box's view.

Called by `emulator.behaviour.memberships` and by the membership listings of users and groups.
A user is in a group at most once.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from emulator.records.groups import mini_group
from emulator.records.users import mini_user
from emulator.representation import Views, render
from emulator.store import parse_object_id

_ALL = (
    "type",
    "id",
    "user",
    "group",
    "role",
    "configurable_permissions",
    "created_at",
    "modified_at",
)
MEMBERSHIP_VIEWS = Views(mini=("type", "id"), standard=_ALL, full=_ALL)
# Permissions a group admin holds unless they are switched off.
ADMIN_PERMISSIONS = (
    "can_run_reports",
    "can_instant_login",
    "can_create_accounts",
    "can_edit_accounts",
)

_SELECT = (
    "SELECT m.*, u.name AS user_name, u.login AS user_login, g.name AS group_name"
    " FROM memberships m JOIN users u ON u.id = m.user_id JOIN groups g ON g.id = m.group_id"
)


def get_membership(db: sqlite3.Connection, membership_id: str) -> sqlite3.Row | None:
    key = parse_object_id(membership_id)
    if key is None:
        return None
    row: sqlite3.Row | None = db.execute(f"{_SELECT} WHERE m.id = ?", (key,)).fetchone()
    return row


def find_membership(db: sqlite3.Connection, user_id: int, group_id: int) -> int | None:
    row = db.execute(
        "SELECT id FROM memberships WHERE user_id = ? AND group_id = ?", (user_id, group_id)
    ).fetchone()
    return int(row["id"]) if row else None


def insert_membership(
    db: sqlite3.Connection,
    user_id: int,
    group_id: int,
    role: str,
    permissions: dict[str, bool] | None,
    now: str,
) -> int:
    cursor = db.execute(
        "INSERT INTO memberships (user_id, group_id, role, permissions, created_at, modified_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (user_id, group_id, role, _permissions_json(permissions), now, now),
    )
    return int(cursor.lastrowid or 0)


def update_membership(
    db: sqlite3.Connection, membership_id: int, changes: dict[str, Any], now: str
) -> None:
    if "role" in changes:
        db.execute("UPDATE memberships SET role = ? WHERE id = ?", (changes["role"], membership_id))
    if "configurable_permissions" in changes:
        db.execute(
            "UPDATE memberships SET permissions = ? WHERE id = ?",
            (_permissions_json(changes["configurable_permissions"]), membership_id),
        )
    db.execute("UPDATE memberships SET modified_at = ? WHERE id = ?", (now, membership_id))


def delete_membership(db: sqlite3.Connection, membership_id: int) -> None:
    db.execute("DELETE FROM memberships WHERE id = ?", (membership_id,))


def render_membership(row: sqlite3.Row, fields: frozenset[str] | None = None) -> dict[str, Any]:
    full: dict[str, Any] = {
        "type": "group_membership",
        "id": str(row["id"]),
        "user": mini_user(row["user_id"], row["user_name"], row["user_login"]),
        "group": mini_group(row["group_id"], row["group_name"]),
        "role": row["role"],
        "created_at": row["created_at"],
        "modified_at": row["modified_at"],
    }
    if row["role"] == "admin":
        full["configurable_permissions"] = _effective_permissions(row["permissions"])
    return render(full, MEMBERSHIP_VIEWS, fields)


def count_memberships(db: sqlite3.Connection, column: str, owner_id: int) -> int:
    sql = f"SELECT count(*) FROM memberships WHERE {_column(column)} = ?"  # noqa: S608
    return int(db.execute(sql, (owner_id,)).fetchone()[0])


def list_memberships(
    db: sqlite3.Connection, column: str, owner_id: int, limit: int, offset: int
) -> list[sqlite3.Row]:
    sql = f"{_SELECT} WHERE m.{_column(column)} = ? ORDER BY m.id LIMIT ? OFFSET ?"
    return db.execute(sql, (owner_id, limit, offset)).fetchall()


def _column(column: str) -> str:
    if column not in ("user_id", "group_id"):
        raise ValueError(f"memberships are listed by user_id or group_id, not {column!r}")
    return column


def _permissions_json(permissions: dict[str, bool] | None) -> str:
    """`null` switches every permission off; a permission left out stays on."""
    if permissions is None:
        return json.dumps(dict.fromkeys(ADMIN_PERMISSIONS, False))
    return json.dumps(permissions)


def _effective_permissions(stored: str | None) -> dict[str, bool]:
    given: dict[str, bool] = json.loads(stored) if stored else {}
    return {name: given.get(name, True) for name in ADMIN_PERMISSIONS}
