"""Small helpers every behaviour module answers with: JSON bodies, 201, 204, `fields`.

Kept apart so that the behaviour modules read as Box's documentation does: status, body.
"""

from __future__ import annotations

import secrets
from typing import Any

from flask import Response, g, jsonify, request

from emulator.errors import BoxError, OAuthError
from emulator.params import parse_fields


def ok(body: dict[str, Any]) -> Response:
    return jsonify(body)


def created(body: dict[str, Any]) -> tuple[Response, int]:
    return jsonify(body), 201


def no_content() -> Response:
    return Response(status=204)


def requested_fields() -> frozenset[str] | None:
    return parse_fields(request.args)


def request_id() -> str:
    """This request's id, as Box puts it in error bodies and the `box-request-id` header."""
    if "request_id" not in g:
        g.request_id = secrets.token_hex(8)
    rid: str = g.request_id
    return rid


def box_error_response(error: BoxError) -> Response:
    response = jsonify(error.body(request_id()))
    response.status_code = error.status
    for name, value in error.headers.items():
        response.headers[name] = value
    return response


def oauth_error_response(error: OAuthError) -> Response:
    response = jsonify(error.body())
    response.status_code = error.status
    return response
