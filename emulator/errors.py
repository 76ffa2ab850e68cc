"""Box's error answers: the `ClientError` body for the API and `OAuth2Error` for the token.

Behaviour modules raise `BoxError` (or `OAuthError`); `emulator.app` turns them into responses
with `box_error_body`. Codes and messages follow Box's documented ones (see
/work/shared/box-api/NOTES.md); where Box documents no code, the one chosen is noted here.
"""

from __future__ import annotations

from typing import Any

HELP_URL = "https://developer.box.com/guides/api-calls/permissions-and-errors/common-errors/"

_STATUS_MESSAGES = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    409: "Conflict",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
}


class BoxError(Exception):
    """An API failure answered with Box's `ClientError` body."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str | None = None,
        context_info: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.status = status
        self.code = code
        self.message = message or _STATUS_MESSAGES.get(status, "Error")
        self.context_info = context_info
        self.headers = headers or {}
        super().__init__(f"{status} {code}: {self.message}")

    def body(self, request_id: str) -> dict[str, Any]:
        return {
            "type": "error",
            "status": self.status,
            "code": self.code,
            "context_info": self.context_info,
            "help_url": HELP_URL,
            "message": self.message,
            "request_id": request_id,
        }


class OAuthError(Exception):
    """A token-endpoint failure answered with Box's `OAuth2Error` body."""

    def __init__(self, error: str, description: str, status: int = 400) -> None:
        self.error = error
        self.description = description
        self.status = status
        super().__init__(f"{error}: {description}")

    def body(self) -> dict[str, str]:
        return {"error": self.error, "error_description": self.description}


def parameter_error(name: str, value: object, reason: str = "invalid_parameter") -> dict[str, str]:
    """One entry of the `context_info.errors` list Box attaches to a 400 or 404."""
    if reason == "missing_parameter":
        return {"reason": reason, "name": name, "message": f"'{name}' is required"}
    return {
        "reason": reason,
        "name": name,
        "message": f"Invalid value '{value}'. '{name}' with value '{value}' is not valid",
    }


def bad_request(
    errors: list[dict[str, str]], message: str | None = None, code: str = "bad_request"
) -> BoxError:
    return BoxError(400, code, message, {"errors": errors})


def invalid_parameter(name: str, value: object, message: str | None = None) -> BoxError:
    return bad_request([parameter_error(name, value)], message)


def not_found(kind: str, object_id: str) -> BoxError:
    """404 for an unknown (or invisible) object, in the shape Box gives for an unknown id."""
    entry = {
        "reason": "invalid_parameter",
        "name": kind,
        "message": f"Invalid value '{object_id}'. '{kind}' with value '{object_id}' not found",
    }
    return BoxError(404, "not_found", "Not Found", {"errors": [entry]})


def insufficient_permissions(message: str = "Access denied - insufficient permission") -> BoxError:
    return BoxError(403, "access_denied_insufficient_permissions", message)


def unauthorized(code: str = "unauthorized") -> BoxError:
    """401 with the `WWW-Authenticate` challenge Box sends beside it."""
    challenge = 'Bearer realm="Service"'
    if code == "invalid_token":
        challenge += (
            ', error="invalid_token", error_description="The access token provided is invalid."'
        )
    return BoxError(401, code, "Unauthorized", None, {"WWW-Authenticate": challenge})
