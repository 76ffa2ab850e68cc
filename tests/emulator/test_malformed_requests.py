"""Malformed requests get a 4xx with Box's JSON error body, never a 500 or an HTML page.

Box answers bad input with a `ClientError` (400 `bad_request`, 404 `not_found`...). The
emulator used to answer 500 for a 100,000-deep JSON body, a 5,000-digit id and broken
chunked encoding, HTML for a malformed request line, and to accept a NUL in a login and a
`space_amount` of 10^40. Requests the SDK cannot build are sent over raw sockets.
"""

from __future__ import annotations

import http.client
import json
import socket
from typing import Any

import pytest
from box_sdk_gen import BoxClient

from emulator import EmulatorServer
from tests.support.box_calls import assert_box_error, box_error, raw

ERROR_KEYS = {"type", "status", "code", "message", "context_info", "help_url", "request_id"}
HUGE_ID = "9" * 5000


@pytest.fixture
def token(box: EmulatorServer, box_client: BoxClient) -> str:
    access = box_client.auth.retrieve_token(network_session=box_client.network_session)
    assert access.access_token is not None
    return access.access_token


def _send(box: EmulatorServer, token: str, method: str, path: str, body: str | None = None) -> Any:
    connection = http.client.HTTPConnection("127.0.0.1", box.port, timeout=30)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type"), json.loads(response.read())
    finally:
        connection.close()


def _send_raw(box: EmulatorServer, request: bytes) -> bytes:
    """Send `request` as is and read the answer until the server closes the connection."""
    with socket.create_connection(("127.0.0.1", box.port), timeout=30) as connection:
        connection.sendall(request)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    return answer


def _box_error_of(answer: bytes) -> tuple[int, dict[str, Any]]:
    head, _, body = answer.partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in header_lines)
    assert headers["Content-Type"] == "application/json", answer[:300]
    error = json.loads(body)
    assert set(error) == ERROR_KEYS and error["type"] == "error", error
    return int(status_line.split()[1]), error


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("[" * 100_000 + "]" * 100_000, id="100000-deep-list"),
        pytest.param('{"a":' * 100_000 + "1" + "}" * 100_000, id="100000-deep-object"),
        pytest.param(
            '{"name": "Ada", "login": "ada@example.com", "space_amount": ' + "9" * 5000 + "}",
            id="5000-digit-number",
        ),
        pytest.param('{"name": "Ada", "login": ', id="truncated"),
    ],
)
def test_a_body_that_is_not_usable_json_is_a_400(
    box: EmulatorServer, token: str, body: str
) -> None:
    status, kind, error = _send(box, token, "POST", "/2.0/users", body)
    assert (status, kind, error["code"]) == (400, "application/json", "bad_request")
    assert box.request_log.count(method="POST", path_prefix="/2.0/users", status=400) == 1


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", f"/2.0/users/{HUGE_ID}"),
        ("PUT", f"/2.0/users/{HUGE_ID}"),
        ("DELETE", f"/2.0/users/{HUGE_ID}"),
        ("GET", f"/2.0/users/{HUGE_ID}/memberships"),
        ("GET", f"/2.0/groups/{HUGE_ID}"),
        ("GET", f"/2.0/groups/{HUGE_ID}/memberships"),
        ("GET", f"/2.0/group_memberships/{HUGE_ID}"),
        ("GET", f"/2.0/folders/{HUGE_ID}"),
        ("GET", "/2.0/groups/" + "9" * 25),
        ("GET", "/2.0/users/%D9%A3%D9%A0%D9%A0"),  # Arabic-Indic digits: not an id
    ],
)
def test_an_id_that_no_object_can_have_is_a_404(
    box: EmulatorServer, token: str, method: str, path: str
) -> None:
    status, _, error = _send(box, token, method, path, "{}" if method == "PUT" else None)
    assert (status, error["code"]) == (404, "not_found")


def test_ids_in_a_body_that_no_object_can_have_are_a_404(box_client: BoxClient) -> None:
    body = {"user": {"id": HUGE_ID}, "group": {"id": "9" * 25}}
    error = box_error(lambda: raw(box_client, "POST", "/2.0/group_memberships", json=body))
    assert_box_error(error, 404, "not_found")


def test_a_marker_that_no_object_can_have_is_a_400(box_client: BoxClient) -> None:
    params = {"usemarker": "true", "marker": "Ym94LWVtdWxhdG9yOjk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5"}
    error = box_error(lambda: raw(box_client, "GET", "/2.0/users", params=params))
    assert_box_error(error, 400, "invalid_marker")


def test_broken_chunked_encoding_is_a_400(box: EmulatorServer, token: str) -> None:
    request = (
        b"POST /2.0/users HTTP/1.1\r\nHost: box\r\nAuthorization: Bearer "
        + token.encode()
        + b"\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        + b"zz\r\n{}\r\n0\r\n\r\n"
    )
    status, error = _box_error_of(_send_raw(box, request))
    assert (status, error["code"]) == (400, "bad_request")


@pytest.mark.parametrize(
    "request_line",
    [
        pytest.param(b"GARBAGE", id="one-word"),
        pytest.param(b"GET /2.0/users HTTP/1.1 extra", id="four-words"),
        pytest.param(b"GET /2.0/users HTTP/9.9", id="unknown-version"),
        pytest.param(b"GET /2.0/users HTTP/2.0", id="unsupported-version"),
    ],
)
def test_a_malformed_request_line_is_answered_in_json(
    box: EmulatorServer, request_line: bytes
) -> None:
    status, error = _box_error_of(_send_raw(box, request_line + b"\r\nHost: box\r\n\r\n"))
    assert (status, error["code"], error["status"]) == (400, "bad_request", 400)


@pytest.mark.parametrize(
    "login", ["ada\u0000@example.com", "ada@exa\u0007mple.com", "ada\u0085@example.com"]
)
def test_a_login_with_a_control_character_is_refused(box_client: BoxClient, login: str) -> None:
    body = {"name": "Ada", "login": login}
    error = box_error(lambda: raw(box_client, "POST", "/2.0/users", json=body))
    assert assert_box_error(error, 400, "bad_request")["context_info"]["errors"][0]["name"] == (
        "login"
    )


@pytest.mark.parametrize("amount", [10**40, 2**63, -2])
def test_a_space_amount_outside_int64_is_refused(box_client: BoxClient, amount: int) -> None:
    body = {"name": "Ada", "login": "ada@example.com", "space_amount": amount}
    error = box_error(lambda: raw(box_client, "POST", "/2.0/users", json=body))
    body_error = assert_box_error(error, 400, "bad_request")
    assert body_error["context_info"]["errors"][0]["name"] == "space_amount"


def test_the_largest_int64_space_amount_is_accepted(box_client: BoxClient) -> None:
    body = {"name": "Ada", "login": "ada@example.com", "space_amount": 2**63 - 1}
    assert raw(box_client, "POST", "/2.0/users", json=body).status == 201
