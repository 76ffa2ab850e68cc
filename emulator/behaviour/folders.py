"""Folders: `POST /2.0/folders`, `GET /2.0/folders/{id}`, `GET /2.0/folders/{id}/items`,
`DELETE /2.0/folders/{id}` (`recursive`), all on behalf of the acting user (`As-User`).

Enough to give users owned content and to watch a transfer move it. Content created As-User X
is owned by X; folder "0" is the acting user's root; others' folders are invisible (404).
Names are unique within a folder, case-insensitively (409 `item_name_in_use`).
"""

from __future__ import annotations

import sqlite3

from flask import Blueprint, Response, request

from emulator.auth import acting_user_id
from emulator.bodies import FolderCreate, parse_body
from emulator.errors import BoxError, not_found
from emulator.paging import parse_offset_page
from emulator.params import parse_bool
from emulator.records import folders
from emulator.records.users import get_user, mini_user
from emulator.responses import created, no_content, ok, requested_fields
from emulator.runtime import current

blueprint = Blueprint("folders", __name__)
_FORBIDDEN_NAMES = frozenset({".", ".."})


@blueprint.post("/2.0/folders")
def post_folders() -> tuple[Response, int]:
    runtime = current()
    body = parse_body(FolderCreate)
    _check_name(body.name)
    owner_id = acting_user_id()
    with runtime.store.write() as db:
        parent = _folder_or_root(db, body.parent.id, owner_id)
        parent_id = int(parent["id"]) if parent is not None else None
        clash = folders.name_in_use(db, owner_id, parent_id, body.name)
        if clash is not None:
            raise BoxError(
                409,
                "item_name_in_use",
                "Item with the same name already exists",
                {"conflicts": [{"type": "folder", "id": str(clash), "name": body.name}]},
            )
        folder_id = folders.insert_folder(db, owner_id, parent_id, body.name, runtime.timestamp())
        row = folders.get_folder(db, str(folder_id), owner_id)
        return created(folders.render_folder(db, row, _owner(db, owner_id), requested_fields()))


@blueprint.get("/2.0/folders/<folder_id>")
def get_folders_id(folder_id: str) -> Response:
    owner_id = acting_user_id()
    with current().store.read() as db:
        row = _folder_or_root(db, folder_id, owner_id)
        return ok(folders.render_folder(db, row, _owner(db, owner_id), requested_fields()))


@blueprint.get("/2.0/folders/<folder_id>/items")
def get_folders_id_items(folder_id: str) -> Response:
    page = parse_offset_page(request.args)
    owner_id = acting_user_id()
    with current().store.read() as db:
        row = _folder_or_root(db, folder_id, owner_id)
        parent_id = int(row["id"]) if row is not None else None
        children = folders.list_children(db, owner_id, parent_id, page.limit, page.offset)
        fields = requested_fields()
        if fields is not None and not fields <= set(folders.FOLDER_VIEWS.mini):
            owner = _owner(db, owner_id)
            entries = [folders.render_folder(db, child, owner, fields) for child in children]
        else:
            entries = folders.render_items(children, fields)
        return ok(
            {
                "total_count": folders.count_children(db, owner_id, parent_id),
                "entries": entries,
                "offset": page.offset,
                "limit": page.limit,
                "order": folders.ITEMS_ORDER,
            }
        )


@blueprint.delete("/2.0/folders/<folder_id>")
def delete_folders_id(folder_id: str) -> Response:
    recursive = parse_bool(request.args, "recursive")
    owner_id = acting_user_id()
    with current().store.write() as db:
        if folder_id == folders.ROOT_ID:
            raise BoxError(
                403, "access_denied_insufficient_permissions", "The root folder cannot be deleted"
            )
        row = _folder_or_root(db, folder_id, owner_id)
        assert row is not None  # noqa: S101 - the root was refused above
        if not recursive and folders.count_children(db, owner_id, int(row["id"])):
            raise BoxError(400, "folder_not_empty", "Cannot delete - folder not empty")
        folders.delete_folder(db, int(row["id"]))
    return no_content()


def _folder_or_root(db: sqlite3.Connection, folder_id: str, owner_id: int) -> sqlite3.Row | None:
    """The acting user's folder `folder_id`, None for their root "0"; 404 otherwise."""
    if folder_id == folders.ROOT_ID:
        return None
    row = folders.get_folder(db, folder_id, owner_id)
    if row is None:
        raise not_found("folder", folder_id)
    return row


def _owner(db: sqlite3.Connection, user_id: int) -> dict[str, object]:
    user = get_user(db, user_id)
    if user is None:
        raise not_found("user", str(user_id))
    return mini_user(int(user["id"]), user["name"], user["login"])


def _check_name(name: str) -> None:
    stripped = name.strip()
    if (
        not stripped
        or stripped != name
        or len(name) > 255
        or name in _FORBIDDEN_NAMES
        or "/" in name
        or "\\" in name
    ):
        raise BoxError(400, "item_name_invalid", "Item name invalid", {"name": name})
