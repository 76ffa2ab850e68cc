"""`box:clientSecret`, set with `pulumi config set --secret`, never shows in plaintext."""

from __future__ import annotations

import pytest

from emulator import EmulatorServer
from tests.conftest import BOX_CLIENT_SECRET
from tests.e2e.conftest import deploy
from tests.support.box_only_spec import SMALL_ORG
from tests.support.engine import EngineStack

pytestmark = pytest.mark.engine


def test_the_client_secret_never_appears_in_state_backend_files_config_or_any_output(
    engine_stack: EngineStack, box: EmulatorServer
) -> None:
    deploy(engine_stack, box, SMALL_ORG)
    engine_stack.write_spec(SMALL_ORG.renamed("ada@contoso.example", "Ada King").spec())
    engine_stack.preview("--diff")
    engine_stack.preview_json()
    engine_stack.up()
    engine_stack.refresh()
    engine_stack.pulumi("config", "--json")
    engine_stack.pulumi("stack", "output", "--json")
    state = engine_stack.pulumi("stack", "export").stdout

    secret = BOX_CLIENT_SECRET
    assert all(secret not in run.output for run in engine_stack.runs)
    assert secret not in state
    assert [f for f in engine_stack.backend_files() if secret.encode() in f.read_bytes()] == []
    assert secret not in engine_stack.stack_config_file().read_text()
    # The stack does hold it (encrypted): asked for explicitly, Pulumi decrypts it.
    assert engine_stack.pulumi("config", "get", "box:clientSecret").stdout.strip() == secret
