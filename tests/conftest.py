"""Shared fixtures: one Box emulator per test session, reset for each test, and an SDK client.

- `box_emulator` (session): an in-process `EmulatorServer` on a free port.
- `box` (function): that emulator, serving and reset to only its service account, with an
  empty request log and no faults.
- `box_client` (function): an official SDK `BoxClient` authenticated against `box` (CCG).
Its first call fetches a token, so the request log also holds a `POST /oauth2/token`.
- `new_engine_stack` (function): makes `EngineStack`s (tests/support/engine.py): the real
  Pulumi CLI running this checkout's program in a temp project with a file backend, Box
  config pointing at `box`; `engine_stack` is one such stack named `e2e`. Tests using them
  are marked `engine`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from box_sdk_gen import BoxClient

from emulator import EmulatorConfig, EmulatorServer
from emulator.config import DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_ENTERPRISE_ID
from emulator.testing import sdk_client
from tests.support.engine import EngineStack, emulator_target

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


NewEngineStack = Callable[[str], EngineStack]


@pytest.fixture
def new_engine_stack(tmp_path: Path, box: EmulatorServer) -> NewEngineStack:
    """Make a stack (by name) of the program in its own temp project, connected to `box`."""

    def make(name: str) -> EngineStack:
        stack = EngineStack(tmp_path / f"engine-{name}", name=name).create()
        return stack.connect_box(emulator_target(box.url))

    return make


@pytest.fixture
def engine_stack(new_engine_stack: NewEngineStack) -> EngineStack:
    """Stack `e2e`, initialised and connected to `box`; the test writes its spec."""
    return new_engine_stack("e2e")
