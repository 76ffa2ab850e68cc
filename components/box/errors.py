"""The one boundary where Box SDK errors become the providers' own exception types.

Every Box call in components/box runs inside `box_call` (reads) or `audit.box_write`
(writes), which turn `box_sdk_gen` errors into four kinds the provider code can act on:
retryable (with a delay), conflict, not found, and permanent. Each message names the Box
object, the operation and what to do next, and is chained `from` the SDK error (whose text
the SDK already strips of tokens and secrets).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from box_sdk_gen.box.errors import BoxAPIError, BoxSDKError

_RERUN = "re-run `pulumi up`; nothing is duplicated by a re-run"
# Steps named in a progress report; a group of thousands would otherwise fill the CI log.
PROGRESS_SHOWN = 20


class BoxProviderError(Exception):
    """Base of every error the Box providers raise."""

    def __init__(self, message: str, *, code: str | None = None, status: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.status = status


class BoxRetryableError(BoxProviderError):
    """Box was busy or unreachable; the same call may succeed after `delay` seconds."""

    def __init__(self, message: str, *, delay: float, code: str | None = None, status: int = 0):
        super().__init__(message, code=code, status=status)
        self.delay = delay


class BoxConflictError(BoxProviderError):
    """Box already holds an object with this login or name."""


class BoxNotFoundError(BoxProviderError):
    """The Box object does not exist (any more)."""


class BoxPermanentError(BoxProviderError):
    """Box refused the call; repeating it unchanged will not help."""


class BoxConfigError(BoxPermanentError):
    """The `box:*` stack config is missing or invalid."""


class BoxConnectionError(BoxPermanentError):
    """The connection check failed: credentials, enterprise or admin rights are wrong."""


def box_error_code(error: BoxAPIError) -> str | None:
    """Box's error code: `code` for API errors, `error` for OAuth2 token errors."""
    body = error.response_info.body or {}
    code = error.response_info.code or body.get("error")
    return str(code) if code else None


def box_error_text(error: BoxAPIError) -> str:
    """Box's own one-line explanation, without request details or headers."""
    body = error.response_info.body or {}
    text = body.get("message") or body.get("error_description") or ""
    code = box_error_code(error)
    parts = [str(error.response_info.status_code), code or "", str(text)]
    request_id = error.response_info.request_id
    if request_id:
        parts.append(f"(request id {request_id})")
    return " ".join(part for part in parts if part)


def retry_after_seconds(error: BoxAPIError, default: float = 1.0) -> float:
    """The Retry-After header in seconds, or `default` when absent or not a number."""
    headers = {name.lower(): value for name, value in error.response_info.headers.items()}
    try:
        return max(0.0, float(headers.get("retry-after", default)))
    except ValueError:
        return default


def translate(error: BoxSDKError, target: str, operation: str) -> BoxProviderError:
    """Map one SDK error to the providers' taxonomy, with a message naming target and fix."""
    where = f"{operation} {target}"
    if not isinstance(error, BoxAPIError):
        return BoxRetryableError(
            f"{where}: could not reach Box ({error.message}); check box:baseUrl and the "
            f"network, then {_RERUN}",
            delay=5.0,
        )
    status = error.response_info.status_code
    code = box_error_code(error)
    said = box_error_text(error)
    if status == 429 or status >= 500:
        return BoxRetryableError(
            f"{where}: Box kept answering {said} until the retry time ran out; wait a few "
            f"minutes (or lower box:maxRequestsPerMinute) and {_RERUN}",
            delay=retry_after_seconds(error),
            code=code,
            status=status,
        )
    if status == 409:
        return BoxConflictError(
            f"{where}: Box reports a conflict: {said}; another Box object already has this "
            "login or name: change the spec, or rename or remove the other in the Box Admin "
            "Console, then re-run `pulumi up`",
            code=code,
            status=status,
        )
    if status == 404:
        return BoxNotFoundError(f"{where}: not found in Box: {said}", code=code, status=status)
    hint = _permission_hint(status)
    return BoxPermanentError(f"{where}: Box refused: {said}{hint}", code=code, status=status)


def _permission_hint(status: int) -> str:
    if status in (401, 403):
        return (
            "; the Box app needs 'App + Enterprise Access', the 'Manage users' and 'Manage "
            "groups' scopes and admin authorization in the Box Admin Console"
        )
    return "; fix the value in the spec and run `pulumi up` again"


@contextmanager
def box_call(target: str, operation: str) -> Iterator[None]:
    """Run Box calls; SDK errors leave as the providers' exception types."""
    try:
        yield
    except BoxSDKError as error:
        raise translate(error, target, operation) from error


def with_progress(
    error: BoxProviderError, done: Sequence[str], not_done: Sequence[str]
) -> BoxProviderError:
    """The same kind of error, its message extended by what was and was not done."""
    lines = [error.message]
    lines.append("Done before the failure: " + _listed(done))
    lines.append("Not done: " + _listed(not_done))
    extended = "\n".join(lines)
    if isinstance(error, BoxRetryableError):
        return BoxRetryableError(extended, delay=error.delay, code=error.code, status=error.status)
    return type(error)(extended, code=error.code, status=error.status)


def _listed(steps: Sequence[str]) -> str:
    if not steps:
        return "nothing"
    shown = "; ".join(steps[:PROGRESS_SHOWN])
    more = len(steps) - PROGRESS_SHOWN
    return f"{shown}; and {more} more (`pulumi preview --diff` lists them)" if more > 0 else shown
