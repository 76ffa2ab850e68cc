"""A `box:clientSecret` stored in plaintext stops every run until it is stored encrypted.

Plaintext stack config is committed with the stack file and kept in the state's history and
backups for good, so entra-box refuses to run (preview included, so a pull request shows it)
and names the exact command that stores it encrypted, reading the value from stdin so it
stays out of shell history. Nothing reaches Box until then.
"""

from __future__ import annotations

import pytest

from emulator import EmulatorServer
from tests.conftest import BOX_CLIENT_SECRET
from tests.support.box_only_spec import SMALL_ORG
from tests.support.engine import SECRET_CONFIG_KEY, EngineStack

pytestmark = pytest.mark.engine

FIX = "pulumi config set --secret box:clientSecret --stack e2e"


def test_a_plaintext_client_secret_is_refused_by_preview_and_up_with_the_fix(
    engine_stack: EngineStack, box: EmulatorServer
) -> None:
    engine_stack.write_spec(SMALL_ORG.spec())
    engine_stack.set_config({SECRET_CONFIG_KEY: BOX_CLIENT_SECRET})  # plaintext
    box.request_log.clear()

    previewed = engine_stack.preview()
    deployed = engine_stack.up(check=False)

    for run in (previewed, deployed):
        assert not run.ok, run.describe()
        assert "box:clientSecret is stored in plaintext" in run.output, run.describe()
        assert FIX in run.output
        assert BOX_CLIENT_SECRET not in run.output
    assert len(box.request_log) == 0


def test_once_stored_encrypted_the_same_stack_runs(
    engine_stack: EngineStack, box: EmulatorServer
) -> None:
    engine_stack.write_spec(SMALL_ORG.spec())
    engine_stack.set_config({SECRET_CONFIG_KEY: BOX_CLIENT_SECRET})
    assert not engine_stack.preview().ok

    engine_stack.set_secret(SECRET_CONFIG_KEY, BOX_CLIENT_SECRET)

    assert engine_stack.preview().ok
