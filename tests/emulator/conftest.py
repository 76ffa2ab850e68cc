"""Fixtures of the emulator tests: an SDK client whose every success answer is schema-checked."""

from __future__ import annotations

import pytest
from box_sdk_gen import BoxClient

from emulator import EmulatorServer
from emulator.testing import sdk_client
from tests.support.validating_session import ValidatingSession


@pytest.fixture
def checked_session() -> ValidatingSession:
    return ValidatingSession()


@pytest.fixture
def client(box: EmulatorServer, checked_session: ValidatingSession) -> BoxClient:
    """Like `box_client`, but every 2xx answer is validated against Box's OpenAPI schemas."""
    return sdk_client(box.url, requests_session=checked_session)
