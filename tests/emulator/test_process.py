"""`python -m emulator` as a process: its first line, credentials, faults, clean stops."""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest
import requests

from emulator.testing import EmulatorProcess, sdk_client


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_the_command_prints_its_url_serves_the_sdk_and_stops_cleanly(sig: signal.Signals) -> None:
    with EmulatorProcess("--port", "0") as emulator:
        assert emulator.url.startswith("http://127.0.0.1:") and emulator.port > 0

        me = sdk_client(emulator.url).users.get_user_me()

        assert me.type == "user"
        assert emulator.stop(sig) == 0


def test_the_command_takes_its_credentials_from_options() -> None:
    options = ("--client-id", "my-app", "--client-secret", "my-secret", "--enterprise-id", "77")
    with EmulatorProcess(*options) as emulator:
        custom = sdk_client(
            emulator.url, client_id="my-app", client_secret="my-secret", enterprise_id="77"
        )
        me = custom.users.get_user_me(fields=["enterprise"])
        refused = requests.post(
            f"{emulator.url}/oauth2/token",
            data={"grant_type": "client_credentials", "client_id": "entra-box-emulator"},
            timeout=10,
        )

    assert me.enterprise is not None and me.enterprise.id == "77"
    assert (refused.status_code, refused.json()["error"]) == (400, "invalid_client")


def test_the_command_injects_the_faults_it_is_given() -> None:
    with EmulatorProcess("--error-rate", "1", "--seed", "3") as emulator:
        statuses = {
            requests.get(f"{emulator.url}/2.0/users/me", timeout=10).status_code for _ in range(5)
        }
        log = requests.get(f"{emulator.url}/_emulator/requests", timeout=10).json()

    assert statuses <= {500, 502, 503}
    assert log["counts"] == {"GET /2.0/users/me": 5}


def test_the_command_exposes_its_admin_endpoints() -> None:
    with EmulatorProcess(
        "--rate-limit", "100", "--latency", "1", "--error-timing", "mixed"
    ) as emulator:
        faults = requests.get(f"{emulator.url}/_emulator/faults", timeout=10).json()["config"]

    assert (faults["rate_limit"], faults["latency_ms"], faults["error_timing"]) == (100, 1, "mixed")


@pytest.mark.parametrize(
    ("option", "value", "named"),
    [
        ("--error-rate", "2", "error_rate"),
        ("--drop-rate", "-1", "drop_rate"),
        ("--rate-limit", "0", "rate_limit"),
        ("--token-ttl", "0", "token_ttl"),
        ("--error-timing", "sometimes", "--error-timing"),
    ],
)
def test_a_bad_option_stops_the_command_with_a_clear_message(
    option: str, value: str, named: str
) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "emulator", option, value],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert result.returncode == 2
    assert named in result.stderr and result.stdout == ""
