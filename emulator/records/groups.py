"""Groups in the store: rows, lookups by id and name, listing, and Box's views.

Called by `emulator.behaviour.groups` and `emulator.behaviour.memberships`. Group names are
unique within the enterprise, compared case-insensitively.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from emulator.representation import Views, render
from emulator.store import parse_object_id

GROUP_VIEWS = Views(
    mini=("type", "id", "name", "group_type"),
    standard=("type", "id", "name", "group_type", "created_at", "modified_at"),
    full=(
        *("type", "id", "name", "group_type", "created_at", "modified_at", "provenance"),
        *("external_sync_identifier", "description", "invitability_level"),
        *("member_viewability_level", "permissions"),
    ),
)

DEFAULT_ATTRIBUTES: dict[str, Any] = {
    "group_type": "managed_group",
    "provenance": "",
    "external_sync_identifier": "",
    "description": "",
    "invitability_level": "admins_only",
    "member_viewability_level": "admins_only",
}


def get_group(db: sqlite3.Connection, group_id: str | int) -> sqlite3.Row | None:
    key = group_id if isinstance(group_id, int) else parse_object_id(group_id)
    if key is None:
        return None
    row: sqlite3.Row | None = db.execute("SELECT * FROM groups WHERE id = ?", (key,)).fetchone()
    return row


def name_owner(db: sqlite3.Connection, name: str) -> int | None:
    row = db.execute("SELECT id FROM groups WHERE name_key = ?", (name.lower(),)).fetchone()
    return int(row["id"]) if row else None


def insert_group(db: sqlite3.Connection, name: str, values: dict[str, Any], now: str) -> int:
    attrs = json.dumps({**DEFAULT_ATTRIBUTES, **values})
    cursor = db.execute(
        "INSERT INTO groups (name, name_key, attrs, created_at, modified_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (name, name.lower(), attrs, now, now),
    )
    return int(cursor.lastrowid or 0)


def update_group(
    db: sqlite3.Connection, row: sqlite3.Row, changes: dict[str, Any], now: str
) -> None:
    changes = dict(changes)
    name = changes.pop("name", row["name"])
    attrs = json.dumps({**json.loads(row["attrs"]), **changes})
    db.execute(
        "UPDATE groups SET name = ?, name_key = ?, attrs = ?, modified_at = ? WHERE id = ?",
        (name, name.lower(), attrs, now, row["id"]),
    )


def delete_group(db: sqlite3.Connection, group_id: int) -> None:
    db.execute("DELETE FROM groups WHERE id = ?", (group_id,))


def render_group(
    row: sqlite3.Row, fields: frozenset[str] | None, default: str = "standard"
) -> dict[str, Any]:
    full = {
        "type": "group",
        "id": str(row["id"]),
        "name": row["name"],
        "created_at": row["created_at"],
        "modified_at": row["modified_at"],
        **json.loads(row["attrs"]),
        "permissions": {"can_invite_as_collaborator": True},
    }
    return render(full, GROUP_VIEWS, fields, default)


def mini_group(group_id: int, name: str) -> dict[str, Any]:
    return {"type": "group", "id": str(group_id), "name": name, "group_type": "managed_group"}


def _where(filter_term: str | None) -> tuple[str, list[Any]]:
    if not filter_term:
        return "1", []
    term = filter_term.lower()
    return "name_key >= ? AND name_key < ?", [term, term + "\U0010ffff"]


def count_groups(db: sqlite3.Connection, filter_term: str | None) -> int:
    where, params = _where(filter_term)
    return int(db.execute(f"SELECT count(*) FROM groups WHERE {where}", params).fetchone()[0])  # noqa: S608


def list_groups(
    db: sqlite3.Connection, filter_term: str | None, limit: int, offset: int
) -> list[sqlite3.Row]:
    where, params = _where(filter_term)
    sql = f"SELECT * FROM groups WHERE {where} ORDER BY id LIMIT ? OFFSET ?"  # noqa: S608
    return db.execute(sql, [*params, limit, offset]).fetchall()
