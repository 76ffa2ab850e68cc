"""Groups: `GET/POST /2.0/groups`, `GET/PUT/DELETE /2.0/groups/{id}`.

Group names are unique in the enterprise (compared case-insensitively); a duplicate is a 409
`conflict`. Box's own code here is unverified: its spec names `invalid_parameter`, its guides
define 409 `conflict` ("A resource with this value already exists"), and clients treat 409
`conflict` as "group exists". Deleting a group removes its memberships and never its users.
"""

from __future__ import annotations

import sqlite3

from flask import Blueprint, Response, request

from emulator.auth import require_admin
from emulator.bodies import GroupCreate, GroupUpdate, parse_body
from emulator.errors import BoxError, not_found
from emulator.paging import offset_collection, parse_offset_page
from emulator.records.groups import (
    count_groups,
    delete_group,
    get_group,
    insert_group,
    list_groups,
    name_owner,
    render_group,
    update_group,
)
from emulator.responses import created, no_content, ok, requested_fields
from emulator.runtime import current

blueprint = Blueprint("groups", __name__)


@blueprint.get("/2.0/groups")
def get_groups() -> Response:
    page = parse_offset_page(request.args)
    term = request.args.get("filter_term")
    fields = requested_fields()
    with current().store.read() as db:
        require_admin(db)
        rows = list_groups(db, term, page.limit, page.offset)
        entries = [render_group(row, fields) for row in rows]
        return ok(offset_collection(entries, count_groups(db, term), page))


@blueprint.post("/2.0/groups")
def post_groups() -> tuple[Response, int]:
    runtime = current()
    body = parse_body(GroupCreate)
    values = {k: v for k, v in body.given().items() if k != "name"}
    with runtime.store.write() as db:
        require_admin(db)
        _check_name_free(db, body.name, None)
        group_id = insert_group(db, body.name, values, runtime.timestamp())
        return created(render_group(_existing_group(db, str(group_id)), requested_fields()))


@blueprint.get("/2.0/groups/<group_id>")
def get_groups_id(group_id: str) -> Response:
    with current().store.read() as db:
        require_admin(db)
        return ok(render_group(_existing_group(db, group_id), requested_fields()))


@blueprint.put("/2.0/groups/<group_id>")
def put_groups_id(group_id: str) -> Response:
    runtime = current()
    changes = {k: v for k, v in parse_body(GroupUpdate).given().items() if v is not None}
    with runtime.store.write() as db:
        require_admin(db)
        row = _existing_group(db, group_id)
        if "name" in changes:
            _check_name_free(db, changes["name"], int(row["id"]))
        update_group(db, row, changes, runtime.timestamp())
        return ok(render_group(_existing_group(db, group_id), requested_fields()))


@blueprint.delete("/2.0/groups/<group_id>")
def delete_groups_id(group_id: str) -> Response:
    with current().store.write() as db:
        require_admin(db)
        delete_group(db, int(_existing_group(db, group_id)["id"]))
    return no_content()


def _existing_group(db: sqlite3.Connection, group_id: str) -> sqlite3.Row:
    row = get_group(db, group_id)
    if row is None:
        raise not_found("group", group_id)
    return row


def _check_name_free(db: sqlite3.Connection, name: str, group_id: int | None) -> None:
    owner = name_owner(db, name)
    if owner is not None and owner != group_id:
        raise BoxError(
            409,
            "conflict",
            "A resource with this value already exists",
            {"conflicts": [{"type": "group", "id": str(owner), "name": name}]},
        )
