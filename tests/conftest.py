"""Shared fixtures: one Box emulator per test session, reset for each test, and an SDK client.

- `box_emulator` (session): an in-process `EmulatorServer` on a free port.
- `box` (function): that emulator, serving and reset to only its service account, with an
  empty request log and no faults.
- `box_client` (function): an official SDK `BoxClient` authenticated against `box` (CCG).
Its first call fetches a token, so the request log also holds a `POST /oauth2/token`.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from box_sdk_gen import BoxClient

from emulator import EmulatorConfig, EmulatorServer
from emulator.config import DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_ENTERPRISE_ID
from emulator.testing import sdk_client

BOX_CLIENT_ID = DEFAULT_CLIENT_ID
BOX_CLIENT_SECRET = DEFAULT_CLIENT_SECRET
BOX_ENTERPRISE_ID = DEFAULT_ENTERPRISE_ID


@pytest.fixture(scope="session")
def box_emulator() -> Iterator[EmulatorServer]:
    server = EmulatorServer(EmulatorConfig()).start()
    yield server
    server.stop()


@pytest.fixture
def box(box_emulator: EmulatorServer) -> EmulatorServer:
    if not box_emulator.running:  # a previous test stopped it to test a restart
        box_emulator.start()
    box_emulator.reset()
    return box_emulator


@pytest.fixture
def box_client(box: EmulatorServer) -> BoxClient:
    return sdk_client(box.url)
