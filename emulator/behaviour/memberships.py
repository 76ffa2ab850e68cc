"""Group memberships: `POST /2.0/group_memberships`, `GET/PUT/DELETE /2.0/group_memberships/{id}`,
and the two listings `GET /2.0/users/{id}/memberships` and `GET /2.0/groups/{id}/memberships`
(offset paging; they take no `fields`).

A user is in a group at most once: adding them again is a 409 `conflict` (Box's exact code for
this is undocumented). The role defaults to `member`.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from flask import Blueprint, Response, request

from emulator.auth import acting_user_id, require_admin
from emulator.bodies import MembershipCreate, MembershipUpdate, parse_body
from emulator.errors import BoxError, not_found
from emulator.paging import OffsetPage, offset_collection, parse_offset_page
from emulator.records.groups import get_group
from emulator.records.memberships import (
    count_memberships,
    delete_membership,
    find_membership,
    get_membership,
    insert_membership,
    list_memberships,
    render_membership,
    update_membership,
)
from emulator.records.users import ENTERPRISE_KINDS, get_user
from emulator.responses import created, no_content, ok, requested_fields
from emulator.runtime import current

blueprint = Blueprint("memberships", __name__)


@blueprint.post("/2.0/group_memberships")
def post_group_memberships() -> tuple[Response, int]:
    runtime = current()
    body = parse_body(MembershipCreate)
    permissions = body.given().get("configurable_permissions", {})
    with runtime.store.write() as db:
        require_admin(db)
        user = get_user(db, body.user.id)
        if user is None or user["kind"] not in ENTERPRISE_KINDS:
            raise not_found("user", body.user.id)
        group = get_group(db, body.group.id)
        if group is None:
            raise not_found("group", body.group.id)
        _check_not_member(db, int(user["id"]), int(group["id"]))
        membership_id = insert_membership(
            db, int(user["id"]), int(group["id"]), body.role, permissions, runtime.timestamp()
        )
        row = _existing(db, str(membership_id))
        return created(render_membership(row, requested_fields()))


@blueprint.get("/2.0/group_memberships/<membership_id>")
def get_group_memberships_id(membership_id: str) -> Response:
    with current().store.read() as db:
        row = _existing(db, membership_id)
        if int(row["user_id"]) != acting_user_id():
            require_admin(db)
        return ok(render_membership(row, requested_fields()))


@blueprint.put("/2.0/group_memberships/<membership_id>")
def put_group_memberships_id(membership_id: str) -> Response:
    runtime = current()
    changes = parse_body(MembershipUpdate).given()
    if changes.get("role", "") is None:
        del changes["role"]
    with runtime.store.write() as db:
        require_admin(db)
        row = _existing(db, membership_id)
        update_membership(db, int(row["id"]), changes, runtime.timestamp())
        return ok(render_membership(_existing(db, membership_id), requested_fields()))


@blueprint.delete("/2.0/group_memberships/<membership_id>")
def delete_group_memberships_id(membership_id: str) -> Response:
    with current().store.write() as db:
        require_admin(db)
        delete_membership(db, int(_existing(db, membership_id)["id"]))
    return no_content()


@blueprint.get("/2.0/users/<user_id>/memberships")
def get_users_id_memberships(user_id: str) -> Response:
    page = parse_offset_page(request.args)
    with current().store.read() as db:
        user = get_user(db, user_id)
        if user is None or user["kind"] == "external":
            raise not_found("user", user_id)
        if int(user["id"]) != acting_user_id():
            require_admin(db)
        return ok(_listing(db, "user_id", int(user["id"]), page))


@blueprint.get("/2.0/groups/<group_id>/memberships")
def get_groups_id_memberships(group_id: str) -> Response:
    page = parse_offset_page(request.args)
    with current().store.read() as db:
        require_admin(db)
        group = get_group(db, group_id)
        if group is None:
            raise not_found("group", group_id)
        return ok(_listing(db, "group_id", int(group["id"]), page))


def _listing(
    db: sqlite3.Connection, column: str, owner_id: int, page: OffsetPage
) -> dict[str, Any]:
    rows = list_memberships(db, column, owner_id, page.limit, page.offset)
    total = count_memberships(db, column, owner_id)
    return offset_collection([render_membership(row) for row in rows], total, page)


def _existing(db: sqlite3.Connection, membership_id: str) -> sqlite3.Row:
    row = get_membership(db, membership_id)
    if row is None:
        raise not_found("group_membership", membership_id)
    return row


def _check_not_member(db: sqlite3.Connection, user_id: int, group_id: int) -> None:
    existing = find_membership(db, user_id, group_id)
    if existing is not None:
        raise BoxError(
            409,
            "conflict",
            "User is already a member of this group",
            {"conflicts": [{"type": "group_membership", "id": str(existing)}]},
        )
