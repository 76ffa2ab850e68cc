"""Users: `GET/POST /2.0/users`, `GET/PUT/DELETE /2.0/users/{id}`, `GET /2.0/users/me`.

Box's rules kept here: 201 on create, 204 on delete; logins are unique case-insensitively
(409 `user_login_already_used`) and stored lower-case; `DELETE` refuses while the user owns
content unless `force=true` (400 `user_has_content`, a code Box does not document); `-1` in
`space_amount` means unlimited and reads back as 999999999999999. Deleting a user removes their
group memberships. `status: inactive` keeps the user's content.
"""

from __future__ import annotations

import secrets
import sqlite3
from typing import Any

from flask import Blueprint, Response, request

from emulator.auth import acting_user_id, require_admin
from emulator.bodies import UserCreate, UserUpdate, parse_body
from emulator.errors import BoxError, insufficient_permissions, invalid_parameter, not_found
from emulator.paging import MarkerPage, marker_collection, offset_collection, parse_any_page
from emulator.params import parse_bool
from emulator.records import folders
from emulator.records.users import (
    UserQuery,
    count_users,
    delete_user,
    get_user,
    insert_user,
    list_users,
    login_owner,
    render_user,
    update_user,
)
from emulator.responses import created, no_content, ok, requested_fields
from emulator.runtime import current

blueprint = Blueprint("users", __name__)
USER_TYPES = ("all", "managed", "external")
# Attributes a PUT may set to null; for the others a null means "leave as is".
NULLABLE_UPDATES = frozenset({"notification_email", "enterprise"})
IGNORED_UPDATES = ("notify", "is_password_reset_required")


@blueprint.get("/2.0/users")
def get_users() -> Response:
    query = _user_query()
    page = parse_any_page(request.args)
    fields = requested_fields()
    with current().store.read() as db:
        require_admin(db)
        if isinstance(page, MarkerPage):
            rows = list_users(db, query, page.limit + 1, after_id=page.after_id)
            more = len(rows) > page.limit
            entries = [render_user(row, fields) for row in rows[: page.limit]]
            last_id = int(rows[page.limit - 1]["id"]) if more else None
            return ok(marker_collection(entries, last_id, page))
        rows = list_users(db, query, page.limit, offset=page.offset)
        total = count_users(db, query)
        return ok(offset_collection([render_user(row, fields) for row in rows], total, page))


@blueprint.post("/2.0/users")
def post_users() -> tuple[Response, int]:
    runtime = current()
    body = parse_body(UserCreate)
    values = {k: v for k, v in body.given().items() if k not in ("name", "login")}
    values["enterprise_id"] = runtime.config.enterprise_id
    kind = "app" if body.is_platform_access_only else "managed"
    login = (body.login or f"AppUser_{secrets.token_hex(6)}@boxdevedition.com").lower()
    with runtime.store.write() as db:
        require_admin(db)
        _check_login_free(db, login, None)
        user_id = insert_user(db, kind, body.name, login, values, runtime.timestamp())
        return created(render_user(_existing_user(db, str(user_id)), requested_fields()))


@blueprint.get("/2.0/users/me")
def get_users_me() -> Response:
    with current().store.read() as db:
        return ok(render_user(_existing_user(db, str(acting_user_id())), requested_fields()))


@blueprint.get("/2.0/users/<user_id>")
def get_users_id(user_id: str) -> Response:
    with current().store.read() as db:
        if user_id != str(acting_user_id()):
            require_admin(db)
        return ok(render_user(_existing_user(db, user_id), requested_fields()))


@blueprint.put("/2.0/users/<user_id>")
def put_users_id(user_id: str) -> Response:
    runtime = current()
    # The spec names `invalid_parameter` for a badly formatted value in this call only.
    body = parse_body(UserUpdate, code="invalid_parameter")
    changes = _update_changes(body.given(), runtime.config.enterprise_id)
    with runtime.store.write() as db:
        require_admin(db)
        row = _existing_user(db, user_id)
        if "login" in changes:
            _check_login_free(db, changes["login"], int(row["id"]))
        update_user(db, row, changes, runtime.timestamp())
        return ok(render_user(_existing_user(db, user_id), requested_fields()))


@blueprint.delete("/2.0/users/<user_id>")
def delete_users_id(user_id: str) -> Response:
    parse_bool(request.args, "notify")
    force = parse_bool(request.args, "force")
    with current().store.write() as db:
        require_admin(db)
        row = _existing_user(db, user_id)
        if row["kind"] == "service":
            raise insufficient_permissions("The application's service account cannot be deleted")
        owned = folders.count_owned(db, int(row["id"]))
        if owned and not force:
            raise BoxError(
                400,
                "user_has_content",
                "The user still owns content; transfer it first or delete with force=true",
                {"owned_folder_count": owned},
            )
        folders.delete_owned(db, int(row["id"]))
        delete_user(db, int(row["id"]))
    return no_content()


def _user_query() -> UserQuery:
    user_type = request.args.get("user_type") or "managed"
    if user_type not in USER_TYPES:
        raise invalid_parameter(
            "user_type", user_type, "'user_type' must be all, managed or external"
        )
    return UserQuery(
        user_type, request.args.get("filter_term"), request.args.get("external_app_user_id")
    )


def _existing_user(db: sqlite3.Connection, user_id: str) -> sqlite3.Row:
    row = get_user(db, user_id)
    if row is None or row["kind"] == "external":
        raise not_found("user", user_id)
    return row


def _check_login_free(db: sqlite3.Connection, login: str, user_id: int | None) -> None:
    owner = login_owner(db, login)
    if owner is not None and owner != user_id:
        raise BoxError(
            409, "user_login_already_used", "User with the specified login already exists"
        )


def _update_changes(given: dict[str, Any], enterprise_id: str) -> dict[str, Any]:
    """The attribute changes a PUT body asks for, normalised as they are stored."""
    changes = {
        key: value
        for key, value in given.items()
        if key not in IGNORED_UPDATES and (value is not None or key in NULLABLE_UPDATES)
    }
    if "enterprise" in changes:
        enterprise = changes.pop("enterprise")
        if enterprise is None or enterprise["id"] != enterprise_id:
            raise invalid_parameter(
                "enterprise", enterprise, "The emulator cannot move users out of the enterprise"
            )
    if "login" in changes:
        changes["login"] = changes["login"].lower()
    if changes.get("notification_email") is not None:
        changes["notification_email"] = {**changes["notification_email"], "is_confirmed": False}
    return changes
