"""Calls through the official SDK that its typed managers cannot make, and error checks.

`raw` sends any method, path, query and JSON body with the client's own auth, retries and
URLs (`BoxClient.make_request`), for bad input the typed managers would refuse to build.
`box_error` runs a call that must fail and returns the SDK's view of Box's error answer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from box_sdk_gen import BoxAPIError, BoxClient
from box_sdk_gen.networking.fetch_options import FetchOptions, ResponseFormat
from box_sdk_gen.networking.fetch_response import FetchResponse

ERROR_KEYS = {"type", "status", "code", "message", "context_info", "help_url", "request_id"}


def raw(
    client: BoxClient,
    method: str,
    path: str,
    *,
    params: dict[str, str] | None = None,
    json: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> FetchResponse:
    base_url = client.network_session.base_urls.base_url
    return client.make_request(
        FetchOptions(
            url=f"{base_url}{path}",
            method=method,
            params=params or {},
            headers=headers or {},
            data=json,
            content_type="application/json",
            response_format=ResponseFormat.JSON
            if method != "DELETE"
            else ResponseFormat.NO_CONTENT,
        )
    )


def raw_json(
    client: BoxClient,
    method: str,
    path: str,
    *,
    params: dict[str, str] | None = None,
    json: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """`raw`, for a call answering a JSON object: that object."""
    data = raw(client, method, path, params=params, json=json).data
    assert isinstance(data, dict), data
    return data


def box_error(call: Callable[[], object]) -> BoxAPIError:
    with pytest.raises(BoxAPIError) as caught:
        call()
    return caught.value


def assert_box_error(error: BoxAPIError, status: int, code: str) -> dict[str, Any]:
    """The error answer is Box's `ClientError` body with this status and code; returns it."""
    info = error.response_info
    body: dict[str, Any] = dict(info.body or {})
    assert (info.status_code, info.code) == (status, code), body
    assert set(body) == ERROR_KEYS, body
    assert body["type"] == "error" and body["status"] == status
    assert body["request_id"] and body["help_url"].startswith("https://developer.box.com/")
    assert info.headers.get("box-request-id") == body["request_id"]
    return body
