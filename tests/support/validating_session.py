"""A `requests.Session` that checks every successful Box answer against Box's OpenAPI schemas.

Given to the SDK (through `emulator.testing.sdk_client(requests_session=...)`) by the emulator
tests, so that every success answer they provoke is validated, not just the ones a test looks
at. A 2xx answer on a route with no known schema fails too, so no route escapes unchecked.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import requests

from tests.support.openapi import assert_matches_schema

_ID = r"[^/]+"
SCHEMAS: list[tuple[str, re.Pattern[str], str | None]] = [
    (method, re.compile(pattern.replace("{id}", _ID) + r"$"), schema)
    for method, pattern, schema in [
        ("POST", "/oauth2/token", "AccessToken"),
        ("POST", "/oauth2/revoke", None),
        ("GET", "/2.0/users", "Users"),
        ("POST", "/2.0/users", "User--Full"),
        ("GET", "/2.0/users/me", "User--Full"),
        ("GET", "/2.0/users/{id}/memberships", "GroupMemberships"),
        ("PUT", "/2.0/users/{id}/folders/0", "Folder--Full"),
        ("GET", "/2.0/users/{id}", "User--Full"),
        ("PUT", "/2.0/users/{id}", "User--Full"),
        ("DELETE", "/2.0/users/{id}", None),
        ("GET", "/2.0/groups", "Groups"),
        ("POST", "/2.0/groups", "Group--Full"),
        ("GET", "/2.0/groups/{id}/memberships", "GroupMemberships"),
        ("GET", "/2.0/groups/{id}", "Group--Full"),
        ("PUT", "/2.0/groups/{id}", "Group--Full"),
        ("DELETE", "/2.0/groups/{id}", None),
        ("POST", "/2.0/group_memberships", "GroupMembership"),
        ("GET", "/2.0/group_memberships/{id}", "GroupMembership"),
        ("PUT", "/2.0/group_memberships/{id}", "GroupMembership"),
        ("DELETE", "/2.0/group_memberships/{id}", None),
        ("POST", "/2.0/folders", "Folder--Full"),
        ("GET", "/2.0/folders/{id}/items", "Items"),
        ("GET", "/2.0/folders/{id}", "Folder--Full"),
        ("DELETE", "/2.0/folders/{id}", None),
    ]
]


def schema_for(method: str, path: str) -> str | None:
    """The schema of a success answer to `method path`; None for an answer with no body."""
    for route_method, pattern, schema in SCHEMAS:
        if route_method == method and pattern.match(path):
            return schema
    raise AssertionError(f"no schema known for a success answer to {method} {path}")


class ValidatingSession(requests.Session):
    """Validates each 2xx answer as it arrives; counts the answers it checked per schema."""

    def __init__(self) -> None:
        super().__init__()
        self.checked: dict[str, int] = {}
        self.hooks["response"].append(self._check)

    def _check(self, response: requests.Response, *args: Any, **kwargs: Any) -> None:
        if not 200 <= response.status_code < 300:
            return
        request = response.request
        path = urlsplit(request.url or "").path
        schema = schema_for(request.method or "", path)
        if schema is None:
            assert response.status_code in (200, 204) and not response.content, (
                f"{request.method} {path} answered a body where Box answers none"
            )
        else:
            assert_matches_schema(response.json(), schema)
        key = schema or "no body"
        self.checked[key] = self.checked.get(key, 0) + 1
