"""Box calls about users: list, find by exact login, fetch, create, update.

Used by `user.py` (the provider) and `deprovision.py` (custodian lookup). Results come back
as plain dicts keyed by Box field name (`box_values`), the same keys as the resource's
inputs, so the provider compares Box with the spec key by key. Errors leave through
`errors.box_call`, so callers see the providers' exception types only.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from enum import Enum
from typing import Any

from box_sdk_gen.client import BoxClient
from box_sdk_gen.managers.users import (
    CreateUserRole,
    CreateUserStatus,
    GetUsersUserType,
    UpdateUserByIdRole,
    UpdateUserByIdStatus,
)
from box_sdk_gen.schemas.user_full import UserFull

from components.box.errors import BoxNotFoundError, box_call
from components.box.user_inputs import BOX_FIELDS

PAGE_SIZE = 1000
# Box reports unlimited storage (set as -1) as this many bytes.
UNLIMITED_SPACE_REPORTED = 999_999_999_999_999
QUERY_FIELDS: list[str] = ["id", *BOX_FIELDS, "enterprise"]


def box_values(user: UserFull) -> dict[str, Any]:
    """The managed fields of a Box user as plain values (enums as strings, login lower)."""
    values = {field: _plain(getattr(user, field, None)) for field in BOX_FIELDS}
    values["login"] = (user.login or "").lower()
    if (values["space_amount"] or 0) >= UNLIMITED_SPACE_REPORTED:
        values["space_amount"] = -1
    return values


def enterprise_of(user: UserFull) -> str | None:
    return user.enterprise.id if user.enterprise is not None else None


def lowercase_login(user: UserFull) -> str:
    """The key a listing's users are looked up by: logins are unique ignoring case."""
    return (user.login or "").lower()


def list_users(client: BoxClient) -> dict[str, UserFull]:
    """Every managed user of the enterprise by id, 1000 per call with marker paging."""
    with box_call("users", "list"):
        return {user.id: user for user in _pages(client, None)}


def find_user(client: BoxClient, login: str) -> UserFull | None:
    """The user whose login is exactly `login` (ignoring case), searching every kind."""
    wanted = login.lower()
    # filter_term is a prefix match on name or login: bob@contoso.com also finds
    # bob@contoso.com.au, so every page is checked for the exact login.
    with box_call(f"user {login}", "look up"):
        for user in _pages(client, login):
            if (user.login or "").lower() == wanted:
                return user
    return None


def fetch_user(client: BoxClient, user_id: str) -> UserFull | None:
    """One user by id, or None once Box no longer has it."""
    try:
        with box_call(f"user id {user_id}", "read"):
            return client.users.get_user_by_id(user_id, fields=QUERY_FIELDS)
    except BoxNotFoundError:
        return None


def create_user(client: BoxClient, fields: Mapping[str, Any]) -> UserFull:
    """POST /users with the managed fields; raises BoxConflictError if the login exists."""
    arguments = dict(fields)
    arguments["role"] = CreateUserRole(arguments["role"])
    arguments["status"] = CreateUserStatus(arguments["status"])
    return client.users.create_user(fields=QUERY_FIELDS, **arguments)


def update_user(client: BoxClient, user_id: str, changes: Mapping[str, Any]) -> UserFull:
    """PUT /users/{id} with only the changed fields."""
    arguments = dict(changes)
    if "role" in arguments:
        arguments["role"] = UpdateUserByIdRole(arguments["role"])
    if "status" in arguments:
        arguments["status"] = UpdateUserByIdStatus(arguments["status"])
    return client.users.update_user_by_id(user_id, fields=QUERY_FIELDS, **arguments)


def changed_fields(current: Mapping[str, Any], wanted: Mapping[str, Any]) -> dict[str, Any]:
    """The wanted values that differ from Box's; logins compare without case."""
    changes = {key: value for key, value in wanted.items() if current.get(key) != value}
    if str(current.get("login", "")).lower() == str(wanted.get("login", "")).lower():
        changes.pop("login", None)
    return changes


def _pages(client: BoxClient, filter_term: str | None) -> Iterator[UserFull]:
    marker: str | None = None
    while True:
        page = client.users.get_users(
            filter_term=filter_term,
            user_type=GetUsersUserType.ALL if filter_term else None,
            fields=QUERY_FIELDS,
            limit=PAGE_SIZE,
            usemarker=True,
            marker=marker,
        )
        yield from page.entries or []
        marker = page.next_marker
        if not marker:
            return


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value
