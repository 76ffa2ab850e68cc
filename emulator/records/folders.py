"""Folders in the store: each owned by one user; folder "0" is the acting user's root.

Just enough of Box's folders to give users owned content and to watch a transfer move it.
A user sees only the folders they own (there are no collaborations here). Called by
`emulator.behaviour.folders`, `emulator.behaviour.transfer` and the user deletion.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from emulator.representation import Views, render
from emulator.store import parse_object_id

ROOT_ID = "0"
ITEMS_ORDER = [{"by": "type", "direction": "ASC"}, {"by": "name", "direction": "ASC"}]
ITEM_COLLECTION_LIMIT = 100
_MINI = ("type", "id", "sequence_id", "etag", "name")
FOLDER_VIEWS = Views(
    mini=_MINI,
    standard=(
        *_MINI,
        *("created_at", "modified_at", "description", "size", "path_collection", "created_by"),
        *("modified_by", "trashed_at", "purged_at", "content_created_at"),
        *("content_modified_at", "owned_by", "shared_link", "folder_upload_email", "parent"),
        *("item_status", "item_collection"),
    ),
    full=(
        *_MINI,
        *("created_at", "modified_at", "description", "size", "path_collection", "created_by"),
        *("modified_by", "trashed_at", "purged_at", "content_created_at"),
        *("content_modified_at", "owned_by", "shared_link", "folder_upload_email", "parent"),
        *("item_status", "item_collection", "sync_state", "has_collaborations", "permissions"),
        *("can_non_owners_invite", "is_externally_owned"),
        *("is_collaboration_restricted_to_enterprise", "allowed_shared_link_access_levels"),
        *("allowed_invitee_roles", "watermark_info", "is_accessible_via_shared_link"),
        *("can_non_owners_view_collaborators", "is_associated_with_app_item"),
    ),
)
_OWNER_PERMISSIONS = dict.fromkeys(
    (
        *("can_delete", "can_download", "can_invite_collaborator", "can_rename"),
        *("can_set_share_access", "can_share", "can_upload", "can_apply_watermark"),
    ),
    True,
)


def get_folder(db: sqlite3.Connection, folder_id: str, owner_id: int) -> sqlite3.Row | None:
    """Folder `folder_id` if `owner_id` owns it (others' folders are invisible: 404)."""
    key = parse_object_id(folder_id)
    if key is None or folder_id == ROOT_ID:
        return None
    row: sqlite3.Row | None = db.execute(
        "SELECT * FROM folders WHERE id = ? AND owner_id = ?", (key, owner_id)
    ).fetchone()
    return row


def name_in_use(
    db: sqlite3.Connection, owner_id: int, parent_id: int | None, name: str
) -> int | None:
    row = db.execute(
        "SELECT id FROM folders WHERE owner_id = ? AND ifnull(parent_id, 0) = ? AND name_key = ?",
        (owner_id, parent_id or 0, name.lower()),
    ).fetchone()
    return int(row["id"]) if row else None


def insert_folder(
    db: sqlite3.Connection, owner_id: int, parent_id: int | None, name: str, now: str
) -> int:
    cursor = db.execute(
        "INSERT INTO folders (owner_id, parent_id, name, name_key, description, created_by,"
        " created_at, modified_at) VALUES (?, ?, ?, ?, '', ?, ?, ?)",
        (owner_id, parent_id, name, name.lower(), owner_id, now, now),
    )
    return int(cursor.lastrowid or 0)


def count_children(db: sqlite3.Connection, owner_id: int, parent_id: int | None) -> int:
    sql = "SELECT count(*) FROM folders WHERE owner_id = ? AND ifnull(parent_id, 0) = ?"
    return int(db.execute(sql, (owner_id, parent_id or 0)).fetchone()[0])


def list_children(
    db: sqlite3.Connection, owner_id: int, parent_id: int | None, limit: int, offset: int
) -> list[sqlite3.Row]:
    sql = (
        "SELECT * FROM folders WHERE owner_id = ? AND ifnull(parent_id, 0) = ?"
        " ORDER BY name_key, id LIMIT ? OFFSET ?"
    )
    return db.execute(sql, (owner_id, parent_id or 0, limit, offset)).fetchall()


def delete_folder(db: sqlite3.Connection, folder_id: int) -> None:
    """Delete a folder; its subfolders go with it (ON DELETE CASCADE)."""
    db.execute("DELETE FROM folders WHERE id = ?", (folder_id,))


def count_owned(db: sqlite3.Connection, user_id: int) -> int:
    return int(
        db.execute("SELECT count(*) FROM folders WHERE owner_id = ?", (user_id,)).fetchone()[0]
    )


def delete_owned(db: sqlite3.Connection, user_id: int) -> None:
    db.execute("DELETE FROM folders WHERE owner_id = ?", (user_id,))


def move_everything(db: sqlite3.Connection, source_id: int, target_id: int, into_id: int) -> None:
    """Move the source's root items into `into_id`; all its content becomes the target's."""
    db.execute(
        "UPDATE folders SET parent_id = ? WHERE owner_id = ? AND parent_id IS NULL AND id != ?",
        (into_id, source_id, into_id),
    )
    db.execute("UPDATE folders SET owner_id = ? WHERE owner_id = ?", (target_id, source_id))


def ancestors(db: sqlite3.Connection, row: sqlite3.Row) -> list[sqlite3.Row]:
    """The folders above `row`, from the top down (the root "0" not included)."""
    chain: list[sqlite3.Row] = []
    parent_id = row["parent_id"]
    while parent_id is not None:
        parent = db.execute("SELECT * FROM folders WHERE id = ?", (parent_id,)).fetchone()
        chain.insert(0, parent)
        parent_id = parent["parent_id"]
    return chain


def mini_folder(row: sqlite3.Row | None) -> dict[str, Any]:
    if row is None:
        return {
            "type": "folder",
            "id": ROOT_ID,
            "sequence_id": None,
            "etag": None,
            "name": "All Files",
        }
    return {
        "type": "folder",
        "id": str(row["id"]),
        "sequence_id": "0",
        "etag": "0",
        "name": row["name"],
    }


def render_items(rows: list[sqlite3.Row], fields: frozenset[str] | None) -> list[dict[str, Any]]:
    return [render(mini_folder(row), FOLDER_VIEWS, fields, "mini") for row in rows]


def render_folder(
    db: sqlite3.Connection,
    row: sqlite3.Row | None,
    owner: dict[str, Any],
    fields: frozenset[str] | None,
) -> dict[str, Any]:
    """Folder `row` (None: the root) as Box's full view; `owner` is its owner's mini view.

    For the root, Box sends `parent: null` and a blank `created_by`; those keys are left out
    here because the spec's schemas (nullable beside `allOf`, `format: email`) reject them.
    """
    owner_id = int(owner["id"])
    parent_id = row["id"] if row is not None else None
    chain = [None, *ancestors(db, row)] if row is not None else []
    children = list_children(db, owner_id, parent_id, ITEM_COLLECTION_LIMIT, 0)
    full = {
        **mini_folder(row),
        **_times(row),
        "description": row["description"] if row is not None else "",
        "size": 0,
        "path_collection": {"total_count": len(chain), "entries": [mini_folder(f) for f in chain]},
        "owned_by": owner,
        "item_collection": {
            "total_count": count_children(db, owner_id, parent_id),
            "entries": render_items(children, None),
            "offset": 0,
            "limit": ITEM_COLLECTION_LIMIT,
            "order": ITEMS_ORDER,
        },
        **_constant_attributes(),
    }
    if row is not None:
        full |= {"created_by": owner, "modified_by": owner, "parent": mini_folder(chain[-1])}
    return render(full, FOLDER_VIEWS, fields, "full")


def _times(row: sqlite3.Row | None) -> dict[str, Any]:
    created = row["created_at"] if row is not None else None
    modified = row["modified_at"] if row is not None else None
    return {
        "created_at": created,
        "modified_at": modified,
        "trashed_at": None,
        "purged_at": None,
        "content_created_at": created,
        "content_modified_at": modified,
    }


def _constant_attributes() -> dict[str, Any]:
    # No `shared_link: null`, although Box sends it: the spec declares it nullable beside an
    # `allOf` of a non-nullable object, which schema validators read as "never null".
    return {
        "folder_upload_email": None,
        "item_status": "active",
        "sync_state": "not_synced",
        "has_collaborations": False,
        "permissions": dict(_OWNER_PERMISSIONS),
        "can_non_owners_invite": True,
        "is_externally_owned": False,
        "is_collaboration_restricted_to_enterprise": False,
        "allowed_shared_link_access_levels": ["open", "company", "collaborators"],
        "allowed_invitee_roles": ["editor", "viewer", "previewer", "uploader", "co-owner"],
        "watermark_info": {"is_watermarked": False},
        "is_accessible_via_shared_link": False,
        "can_non_owners_view_collaborators": True,
        "is_associated_with_app_item": False,
    }
