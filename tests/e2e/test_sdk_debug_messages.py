"""The SDK's per-resource debug messages stay out of a run unless `ENTRA_BOX_SDK_DEBUG` asks.

`pulumi preview --debug` shows every debug message the engine receives, so it shows whether
the program sent the SDK's `registering resource` messages
(components/sdk_tuning/debug_messages.py).
"""

from __future__ import annotations

import pytest

from components.sdk_tuning.debug_messages import SWITCH
from tests.support.engine import DEMO_SPEC, EngineStack

pytestmark = pytest.mark.engine

SDK_REGISTRATION_MESSAGE = "registering resource: ty=pulumi-python:dynamic/box:User"


def test_a_debug_preview_omits_the_sdks_registration_messages(engine_stack: EngineStack) -> None:
    engine_stack.write_spec(DEMO_SPEC.read_text())

    run = engine_stack.preview("--debug", check=True)

    assert "box:User" in run.output  # the preview did register the users
    assert SDK_REGISTRATION_MESSAGE not in run.output


def test_the_switch_brings_them_back_for_a_run_that_needs_them(engine_stack: EngineStack) -> None:
    engine_stack.write_spec(DEMO_SPEC.read_text())
    engine_stack.env[SWITCH] = "true"

    run = engine_stack.preview("--debug", check=True)

    assert SDK_REGISTRATION_MESSAGE in run.output
