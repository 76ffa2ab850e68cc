"""The Flask application: behaviour blueprints, the request pipeline and Box's error answers.

Built by `EmulatorServer` around a `Runtime`. Every failure of a Box request, including an
unknown path, a wrong method or a bug in the emulator, is answered with Box's `ClientError`
body (the token endpoint with `OAuth2Error`).
"""

from __future__ import annotations

import logging

from flask import Flask, Response
from werkzeug.exceptions import HTTPException

from emulator import admin, pipeline
from emulator.behaviour import folders, groups, memberships, oauth, transfer, users
from emulator.errors import BoxError, OAuthError
from emulator.responses import box_error_response, oauth_error_response
from emulator.runtime import EXTENSION_KEY, Runtime

_HTTP_CODES = {404: "not_found", 405: "method_not_allowed", 413: "bad_request", 415: "bad_request"}
_log = logging.getLogger(__name__)


def create_app(runtime: Runtime) -> Flask:
    app = Flask("emulator")
    app.json.sort_keys = False  # type: ignore[attr-defined]  # Box's field order, not sorted
    app.extensions[EXTENSION_KEY] = runtime
    for module in (oauth, users, groups, memberships, folders, transfer, admin):
        app.register_blueprint(module.blueprint)
    app.before_request(pipeline.read_body)
    app.before_request(pipeline.before_box_request)
    app.after_request(pipeline.after_box_request)
    app.register_error_handler(BoxError, box_error_response)
    app.register_error_handler(OAuthError, oauth_error_response)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected_error)
    return app


def _http_error(error: HTTPException) -> Response:
    status = error.code or 500
    code = _HTTP_CODES.get(status, "bad_request" if status < 500 else "internal_server_error")
    return box_error_response(BoxError(status, code))


def _unexpected_error(error: Exception) -> Response:
    _log.exception("the emulator failed on a request", exc_info=error)
    return box_error_response(BoxError(500, "internal_server_error", str(error)))
