"""What happens around every Box request: faults, authentication, request ids, the log.

Registered by `emulator.app` as Flask `before_request`/`after_request` hooks rather than as
per-view decorators, so that nothing escapes them: unknown paths (404) and wrong methods (405)
are logged and faulted like the rest. `/_emulator/` requests are left alone.

Order: the body is read whole (a malformed one is a 400, for `/_emulator/` too), then
latency, then a fault timed `before` (drop, 429, 5xx) instead of the view, then the bearer
token; the view runs and commits; then a fault timed `after` replaces the answer (the change
stands but the client never hears of it).
"""

from __future__ import annotations

import contextlib
import re
import socket
import time

from flask import Response, g, request

from emulator.auth import authenticate
from emulator.errors import BoxError
from emulator.faults import FaultDecision
from emulator.request_log import DROPPED, LogEntry
from emulator.responses import box_error_response, request_id
from emulator.runtime import current

ADMIN_PREFIX = "/_emulator/"
_CONVERTER = re.compile(r"<(?:[a-z]+:)?([a-z_]+)>")


def is_box_request() -> bool:
    return not request.path.startswith(ADMIN_PREFIX)


def read_body() -> None:
    """Read the whole request body first, so that a broken one is Box's 400, not a 500.

    werkzeug raises `OSError` for malformed chunked encoding while the body is read. The
    connection is closed after the answer: what is left of the stream cannot be trusted.
    """
    try:
        request.get_data(cache=True)
    except (OSError, ValueError):
        message = "The request body could not be read (malformed chunked encoding)"
        raise BoxError(400, "bad_request", message, headers={"Connection": "close"}) from None


def before_box_request() -> Response | None:
    if not is_box_request():
        return None
    request_id()
    decision = current().faults.decide(request.method, request.path)
    g.fault = decision
    if decision.latency_s:
        time.sleep(decision.latency_s)
    if decision.timing == "before":
        _strike(decision)
        if decision.kind == "drop":
            return _drop_connection()
    if request.path.startswith("/2.0/"):
        authenticate()
    return None


def after_box_request(response: Response) -> Response:
    if not is_box_request():
        return response
    decision: FaultDecision = g.get("fault", FaultDecision())
    if decision.timing == "after" and decision.kind == "error":
        response = box_error_response(server_error(decision.status))
    if decision.timing == "after" and decision.kind == "drop":
        response = _drop_connection()
    if not g.get("dropped", False):
        response.headers["box-request-id"] = request_id()
    _log(response, decision)
    return response


def server_error(status: int) -> BoxError:
    codes = {500: "internal_server_error", 502: "bad_gateway", 503: "unavailable"}
    return BoxError(status, codes.get(status, "internal_server_error"))


def _strike(decision: FaultDecision) -> None:
    if decision.kind == "rate_limit":
        raise BoxError(
            429,
            "rate_limit_exceeded",
            "Request rate limit exceeded, please try again later",
            headers={"Retry-After": str(decision.retry_after)},
        )
    if decision.kind == "error":
        raise server_error(decision.status)


def _drop_connection() -> Response:
    """Shut the client's socket: it sees the connection close with no answer at all."""
    connection = request.environ.get("werkzeug.socket")
    if isinstance(connection, socket.socket):
        with contextlib.suppress(OSError):  # already gone: the client has what it would have
            connection.shutdown(socket.SHUT_RDWR)
    g.dropped = True
    return Response(status=500)


def _log(response: Response, decision: FaultDecision) -> None:
    rule = request.url_rule
    template = _CONVERTER.sub(r"{\1}", rule.rule) if rule is not None else request.path
    status = DROPPED if g.get("dropped", False) else response.status_code
    current().log.append(
        LogEntry(
            method=request.method,
            path=request.path,
            template=template,
            status=status,
            timestamp=time.time(),
            fault=decision.label,
            as_user=request.headers.get("As-User"),
        )
    )
