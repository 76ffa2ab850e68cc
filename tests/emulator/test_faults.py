"""Faults on purpose, and the official SDK's own retries against them (seen in the request log)."""

from __future__ import annotations

import contextlib
import http.client
import json
from typing import Any

import pytest
import requests
from box_sdk_gen import BoxClient

from emulator import EmulatorConfig, EmulatorServer, FaultConfig
from emulator.faults import FaultInjector
from tests.support.box_calls import assert_box_error, box_error


def _statuses(box: EmulatorServer, path_prefix: str = "/2.0/") -> list[int]:
    return [entry.status for entry in box.request_log.select(path_prefix=path_prefix)]


def test_the_sdk_retries_after_a_429_and_succeeds(box: EmulatorServer, client: BoxClient) -> None:
    client.users.get_user_me()
    box.inject("rate_limit", retry_after=1, path_prefix="/2.0/users")

    client.users.create_user("Patient", login="patient@example.com")

    assert _statuses(box, "/2.0/users") == [200, 429, 201]
    assert box.request_log.select(status=429)[0].fault == "rate_limit"


def test_a_429_carries_box_s_body_and_an_integer_retry_after_header_spelled_as_box_does(
    box: EmulatorServer, box_client: BoxClient
) -> None:
    box_client.users.get_user_me()
    token = box_client.auth.retrieve_token().access_token
    box.inject("rate_limit", retry_after=7)
    connection = http.client.HTTPConnection("127.0.0.1", box.port, timeout=10)

    connection.request("GET", "/2.0/users/me", headers={"Authorization": f"Bearer {token}"})
    answer = connection.getresponse()

    assert answer.status == 429
    assert ("Retry-After", "7") in answer.getheaders()
    body = json.loads(answer.read())
    assert (body["code"], body["type"], body["status"]) == ("rate_limit_exceeded", "error", 429)


@pytest.mark.parametrize("status", [500, 502, 503])
def test_the_sdk_retries_a_5xx_and_succeeds(
    box: EmulatorServer, client: BoxClient, status: int
) -> None:
    client.users.get_user_me()
    box.inject("error", count=2, status=status, method="GET")

    assert client.users.get_user_me().type == "user"

    assert _statuses(box) == [200, status, status, 200]


def test_the_sdk_gives_up_after_five_attempts_with_box_s_error(
    box: EmulatorServer, client: BoxClient
) -> None:
    client.users.get_user_me()
    box.inject("error", count=5, status=500, method="GET")

    failure = box_error(client.users.get_user_me)

    assert_box_error(failure, 500, "internal_server_error")
    assert _statuses(box) == [200, 500, 500, 500, 500, 500]


def test_an_error_before_the_write_leaves_nothing_behind(
    box: EmulatorServer, client: BoxClient
) -> None:
    client.users.get_user_me()
    box.inject("error", status=503, timing="before", method="POST", path_prefix="/2.0/users")

    client.users.create_user("Once", login="once@example.com")

    assert _statuses(box, "/2.0/users") == [200, 503, 201]
    assert client.users.get_users().total_count == 1


def test_an_error_after_the_write_keeps_the_change_and_loses_the_answer(
    box: EmulatorServer, client: BoxClient
) -> None:
    client.users.get_user_me()
    box.inject("error", status=500, timing="after", method="POST", path_prefix="/2.0/users")

    # The SDK retries the lost answer, and the retry finds the login already taken: this is
    # what a client's idempotency must cope with.
    failure = box_error(lambda: client.users.create_user("Twice", login="twice@example.com"))

    assert_box_error(failure, 409, "user_login_already_used")
    assert _statuses(box, "/2.0/users") == [200, 500, 409]
    assert box.request_log.select(status=500)[0].fault == "error_after"
    assert [u.login for u in client.users.get_users().entries or []] == ["twice@example.com"]


def test_a_dropped_connection_gets_no_answer_and_the_sdk_retries(
    box: EmulatorServer, client: BoxClient
) -> None:
    client.users.get_user_me()
    box.inject("drop", method="GET")

    assert client.users.get_user_me().type == "user"

    assert _statuses(box) == [200, 0, 200]


def test_a_connection_dropped_after_the_write_keeps_the_change(
    box: EmulatorServer, client: BoxClient
) -> None:
    client.users.get_user_me()
    box.inject("drop", timing="after", method="POST", path_prefix="/2.0/groups")

    failure = box_error(lambda: client.groups.create_group("Dropped"))

    assert_box_error(failure, 409, "conflict")
    assert [g.name for g in client.groups.get_groups().entries or []] == ["Dropped"]


def test_a_dropped_connection_is_reset_with_no_http_answer(
    box: EmulatorServer, box_client: BoxClient
) -> None:
    box.inject("drop", path_prefix="/oauth2/token")

    with pytest.raises(requests.exceptions.ConnectionError):
        requests.post(f"{box.url}/oauth2/token", data={"grant_type": "x"}, timeout=10)


def test_a_rate_limit_answers_429_once_the_bucket_is_empty(box: EmulatorServer) -> None:
    box.set_faults(rate_limit=3)

    statuses = [requests.get(f"{box.url}/2.0/users/me", timeout=10) for _ in range(5)]

    assert [answer.status_code for answer in statuses] == [401, 401, 401, 429, 429]
    assert int(statuses[3].headers["Retry-After"]) >= 1


def test_random_faults_are_reproducible_with_a_seed() -> None:
    faults = FaultConfig(error_rate=0.5, drop_rate=0.1, error_timing="mixed", seed=42)
    runs = []
    for _ in range(2):
        with EmulatorServer(EmulatorConfig(faults=faults)) as server:
            for _ in range(30):
                with contextlib.suppress(requests.exceptions.ConnectionError):
                    requests.get(f"{server.url}/2.0/users/me", timeout=10)
            runs.append([(e.status, e.fault) for e in server.request_log.entries])

    assert runs[0] == runs[1]
    assert {fault for _, fault in runs[0]} >= {None, "error_before", "error_after"}


def test_faults_never_strike_the_emulator_s_own_endpoints(box: EmulatorServer) -> None:
    box.set_faults(error_rate=1.0, drop_rate=0.0)

    answer = requests.get(f"{box.url}/_emulator/faults", timeout=10)

    assert answer.status_code == 200 and answer.json()["config"]["error_rate"] == 1.0
    assert len(box.request_log) == 0


def test_a_reset_clears_the_faults(box: EmulatorServer, client: BoxClient) -> None:
    box.set_faults(error_rate=1.0)
    box.inject("drop")

    box.reset()

    assert client.users.get_user_me().type == "user"
    assert _statuses(box) == [200]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"error_rate": 1.5}, "error_rate"),
        ({"drop_rate": -0.1}, "drop_rate"),
        ({"error_timing": "during"}, "error_timing"),
        ({"rate_limit": 0}, "rate_limit"),
        ({"latency_ms": -1}, "latency_ms"),
        ({"colour": "red"}, "unknown fault settings"),
    ],
)
def test_bad_fault_settings_are_refused_with_a_clear_error(
    box: EmulatorServer, changes: dict[str, Any], message: str
) -> None:
    with pytest.raises((ValueError, TypeError), match=message):
        box.set_faults(None, **changes)


def test_a_token_bucket_refills_at_the_rate_limit_per_minute() -> None:
    now = [0.0]
    injector = FaultInjector(FaultConfig(rate_limit=60), clock=lambda: now[0])

    first = [injector.decide("GET", "/2.0/users").kind for _ in range(61)]
    now[0] += 1.0
    after_a_second = injector.decide("GET", "/2.0/users").kind

    assert first == ["none"] * 60 + ["rate_limit"]
    assert after_a_second == "none"


def test_latency_is_added_to_every_decision() -> None:
    injector = FaultInjector(FaultConfig(latency_ms=250))

    assert injector.decide("GET", "/2.0/users").latency_s == 0.25
