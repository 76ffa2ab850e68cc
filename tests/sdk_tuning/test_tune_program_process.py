"""`tune_program_process`, which `__main__.py` calls first, applies every tuning of the package."""

from __future__ import annotations

import gc

import pulumi.log
import pulumi.runtime.stack as sdk_stack
import pytest

from components.sdk_tuning import TUNING_SWITCH, tune_program_process
from components.sdk_tuning.debug_messages import SWITCH
from components.sdk_tuning.garbage_collection import NO_FULL_COLLECTIONS
from components.sdk_tuning.output_drain import wait_for_rpcs
from tests.support.sdk_tuning import sdk_tuning_undone


def test_every_tuning_is_applied(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SWITCH, raising=False)
    with sdk_tuning_undone():
        sdk_debug = pulumi.log.debug

        tune_program_process()

        assert gc.get_threshold()[2] == NO_FULL_COLLECTIONS
        assert pulumi.log.debug is not sdk_debug
        assert sdk_stack.wait_for_rpcs is wait_for_rpcs


def test_the_tuning_can_be_switched_off_to_measure_whether_it_is_needed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(TUNING_SWITCH, "off")
    with sdk_tuning_undone():
        sdk_debug, sdk_wait, threshold = (
            pulumi.log.debug,
            sdk_stack.wait_for_rpcs,
            gc.get_threshold(),
        )

        tune_program_process()

        assert pulumi.log.debug is sdk_debug
        assert sdk_stack.wait_for_rpcs is sdk_wait
        assert gc.get_threshold() == threshold
