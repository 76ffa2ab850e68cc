"""The one error boundary: Box SDK errors become four kinds, each naming object and fix."""

from __future__ import annotations

from typing import Any

import pytest
from box_sdk_gen.box.errors import BoxAPIError, BoxSDKError, RequestInfo, ResponseInfo

from components.box.errors import (
    BoxConflictError,
    BoxNotFoundError,
    BoxPermanentError,
    BoxProviderError,
    BoxRetryableError,
    box_call,
    with_progress,
)


def api_error(status: int, code: str, headers: dict[str, str] | None = None) -> BoxAPIError:
    body: dict[str, Any] = {"type": "error", "status": status, "code": code, "message": "msg"}
    return BoxAPIError(
        request_info=RequestInfo("POST", "https://box/2.0/users", {}, {"Authorization": "x"}),
        response_info=ResponseInfo(status, headers or {}, body=body, code=code, request_id="req-1"),
        message=f"{status} msg",
    )


@pytest.mark.parametrize(
    ("status", "code", "kind", "words"),
    [
        (409, "user_login_already_used", BoxConflictError, "conflict"),
        (404, "not_found", BoxNotFoundError, "not found in Box"),
        (429, "rate_limit_exceeded", BoxRetryableError, "re-run `pulumi up`"),
        (503, "unavailable", BoxRetryableError, "lower box:maxRequestsPerMinute"),
        (403, "access_denied_insufficient_permissions", BoxPermanentError, "Manage users"),
        (400, "bad_request", BoxPermanentError, "fix the value in the spec"),
    ],
)
def test_each_box_answer_maps_to_its_kind_naming_object_operation_and_fix(
    status: int, code: str, kind: type[BoxProviderError], words: str
) -> None:
    with pytest.raises(kind) as raised, box_call("user bob@contoso.com", "create"):
        raise api_error(status, code)
    message = str(raised.value)
    assert message.startswith("create user bob@contoso.com")
    assert words in message
    assert f"{status} {code} msg (request id req-1)" in message
    assert raised.value.code == code
    assert isinstance(raised.value.__cause__, BoxAPIError)


def test_a_retryable_error_carries_box_retry_after() -> None:
    with pytest.raises(BoxRetryableError) as raised, box_call("group 'Sales'", "update"):
        raise api_error(429, "rate_limit_exceeded", {"Retry-After": "7"})
    assert raised.value.delay == 7.0


def test_a_dropped_connection_is_retryable_and_points_at_the_base_url() -> None:
    with pytest.raises(BoxRetryableError) as raised, box_call("users", "list"):
        raise BoxSDKError(message="Connection aborted")
    assert "box:baseUrl" in str(raised.value)


def test_progress_says_what_was_and_was_not_done_keeping_the_kind() -> None:
    error = BoxRetryableError("add member c", delay=3.0, code="unavailable", status=503)
    extended = with_progress(error, ["remove a", "add b"], ["add c"])
    assert isinstance(extended, BoxRetryableError)
    assert extended.delay == 3.0
    assert "Done before the failure: remove a; add b" in str(extended)
    assert "Not done: add c" in str(extended)
