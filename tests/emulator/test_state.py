"""`--state FILE`: data survive a restart, and a crash loses nothing already acknowledged."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests
from box_sdk_gen import (
    BoxClient,
    BoxSDKError,
    CreateGroupMembershipGroup,
    CreateGroupMembershipUser,
)

from emulator import EmulatorConfig, EmulatorServer
from emulator.testing import EmulatorProcess, sdk_client


def test_state_survives_a_clean_restart_on_the_same_port(tmp_path: Path) -> None:
    state = str(tmp_path / "box.db")
    with EmulatorProcess("--state", state) as first:
        client = sdk_client(first.url)
        user = client.users.create_user("Durable", login="durable@example.com")
        group = client.groups.create_group("Durable Group")
        client.memberships.create_group_membership(
            CreateGroupMembershipUser(id=user.id), CreateGroupMembershipGroup(id=group.id)
        )
        assert first.stop() == 0

    with EmulatorProcess("--state", state, "--port", str(first.port)) as second:
        # The same client, token and all: tokens are part of the state too.
        members = client.memberships.get_group_memberships(group.id)
        tokens_issued = requests_to_token(second.url)

    assert [m.user.login for m in members.entries or [] if m.user] == ["durable@example.com"]
    assert tokens_issued == 0


def test_a_crash_right_after_acknowledged_writes_loses_none_of_them(tmp_path: Path) -> None:
    state = str(tmp_path / "box.db")
    with EmulatorProcess("--state", state) as first:
        client = sdk_client(first.url)
        logins = [
            client.users.create_user(f"Writer {n}", login=f"writer{n}@example.com").login
            for n in range(25)
        ]
        first.kill()

    with EmulatorProcess("--state", state) as second:
        listed = sdk_client(second.url).users.get_users(limit=1000)

    assert [u.login for u in listed.entries or []] == logins


def test_ids_keep_counting_after_a_restart(tmp_path: Path) -> None:
    state = str(tmp_path / "box.db")
    with EmulatorProcess("--state", state) as first:
        before = sdk_client(first.url).users.create_user("A", login="a@example.com").id
        first.kill()
    with EmulatorProcess("--state", state) as second:
        after = sdk_client(second.url).users.create_user("B", login="b@example.com").id

    assert int(after) > int(before)


def test_an_in_process_emulator_restarts_on_its_port_with_its_state(tmp_path: Path) -> None:
    server = EmulatorServer(EmulatorConfig(state_path=tmp_path / "box.db")).start()
    try:
        client = sdk_client(server.url)
        user = client.users.create_user("Kept", login="kept@example.com")
        port = server.port

        server.restart()

        assert server.port == port
        assert client.users.get_user_by_id(user.id).login == "kept@example.com"
        assert server.request_log.count("POST", "/oauth2/token") == 1
    finally:
        server.stop()


def test_an_in_memory_emulator_keeps_its_data_across_an_in_process_restart() -> None:
    with EmulatorServer() as server:
        client = sdk_client(server.url)
        user = client.users.create_user("Remembered", login="remembered@example.com")

        server.stop()
        server.start()

        assert client.users.get_user_by_id(user.id).name == "Remembered"


def test_a_reset_empties_the_state_file_too(tmp_path: Path) -> None:
    state = tmp_path / "box.db"
    with EmulatorServer(EmulatorConfig(state_path=state)) as server:
        sdk_client(server.url).users.create_user("Erased", login="erased@example.com")
        server.reset()
    with EmulatorServer(EmulatorConfig(state_path=state)) as server:
        assert sdk_client(server.url).users.get_users().total_count == 0


def requests_to_token(url: str) -> int:
    log = requests.get(f"{url}/_emulator/requests", timeout=10).json()
    return int(log["counts"].get("POST /oauth2/token", 0))


def test_the_shared_emulator_can_be_stopped_mid_test_and_started_on_its_port(
    box: EmulatorServer, box_client: BoxClient
) -> None:
    user = box_client.users.create_user("Patient", login="patient@example.com")
    port = box.port
    box.stop()

    with pytest.raises(BoxSDKError):
        box_client.users.get_user_by_id(user.id)
    box.start()

    assert box.port == port
    assert box_client.users.get_user_by_id(user.id).name == "Patient"
