"""`PUT /2.0/users/{id}/folders/0`: move everything a user owns to another user.

As Box does it: a folder named "{Source Name}'s Files and Folders" is created in the target's
root, everything the source owned moves into it and becomes the target's, and the answer is
that new folder (Folder--Full, 200) owned by the target. Admin only; a co-admin may not move
content from or to an admin or co-admin. Only folder "0" can be transferred.
"""

from __future__ import annotations

import json
import sqlite3

from flask import Blueprint, Response, request

from emulator.auth import acting_user_id, require_admin
from emulator.bodies import Transfer, parse_body
from emulator.errors import BoxError, not_found
from emulator.params import parse_bool
from emulator.records import folders
from emulator.records.users import ENTERPRISE_KINDS, get_user, mini_user
from emulator.responses import ok, requested_fields
from emulator.runtime import current

blueprint = Blueprint("transfer", __name__)
PRIVILEGED = ("admin", "coadmin")


@blueprint.put("/2.0/users/<user_id>/folders/0")
def put_users_id_folders_0(user_id: str) -> Response:
    runtime = current()
    body = parse_body(Transfer)
    parse_bool(request.args, "notify")
    with runtime.store.write() as db:
        require_admin(db)
        source = _enterprise_user(db, user_id)
        target = _enterprise_user(db, body.owned_by.id)
        if source["id"] == target["id"]:
            raise BoxError(
                400, "bad_request", "The source and the target of a transfer must differ"
            )
        _check_privilege(db, source, target)
        name = _free_name(db, int(target["id"]), f"{source['name']}'s Files and Folders")
        new_id = folders.insert_folder(db, int(target["id"]), None, name, runtime.timestamp())
        folders.move_everything(db, int(source["id"]), int(target["id"]), new_id)
        row = folders.get_folder(db, str(new_id), int(target["id"]))
        owner = mini_user(int(target["id"]), target["name"], target["login"])
        return ok(folders.render_folder(db, row, owner, requested_fields()))


def _enterprise_user(db: sqlite3.Connection, user_id: str) -> sqlite3.Row:
    row = get_user(db, user_id)
    if row is None or row["kind"] not in ENTERPRISE_KINDS:
        raise not_found("user", user_id)
    return row


def _check_privilege(db: sqlite3.Connection, source: sqlite3.Row, target: sqlite3.Row) -> None:
    actor = get_user(db, acting_user_id())
    if actor is None or _role(actor) == "admin":
        return
    if _role(source) in PRIVILEGED or _role(target) in PRIVILEGED:
        raise BoxError(403, "forbidden", "Cannot transfer files from/to higher privileged accounts")


def _role(row: sqlite3.Row) -> str:
    role: str = json.loads(row["attrs"]).get("role", "user")
    return role


def _free_name(db: sqlite3.Connection, owner_id: int, wanted: str) -> str:
    """`wanted`, or `wanted (2)`, `(3)`… if the target's root already holds that name."""
    name, counter = wanted, 1
    while folders.name_in_use(db, owner_id, None, name) is not None:
        counter += 1
        name = f"{wanted} ({counter})"
    return name
