"""Rotating the Box client secret: the old one fails `pulumi preview` clearly, the new one works.

Box is an emulator with its data on disk, restarted on the same port with a new client
secret, as Box behaves once the secret is reset in the Developer Console. The stack still
holds the old secret: `pulumi preview` must stop at the connection check with a message that
says which setting is wrong and how to set it, before any Box write. After
`pulumi config set --secret box:clientSecret` (value on stdin) the next preview finds the
stack converged. Neither secret ever appears in the state or the stack's config file: the
providers hold tokens only in memory, per command.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from emulator import EmulatorConfig, EmulatorServer
from tests.conftest import BOX_CLIENT_SECRET
from tests.support.box_only_spec import SMALL_ORG
from tests.support.engine import SECRET_CONFIG_KEY, EngineStack, emulator_target

pytestmark = pytest.mark.engine

NEW_SECRET = "rotated-client-secret-2026"


@pytest.fixture
def box_on_disk(tmp_path: Path) -> Iterator[EmulatorServer]:
    server = EmulatorServer(EmulatorConfig(state_path=tmp_path / "box.db")).start()
    yield server
    server.stop()


def test_after_a_secret_reset_preview_names_the_setting_and_the_new_secret_converges(
    tmp_path: Path, box_on_disk: EmulatorServer
) -> None:
    stack = EngineStack(tmp_path / "rotate", name="rotate").create()
    stack.connect_box(emulator_target(box_on_disk.url))
    stack.write_spec(SMALL_ORG.spec())
    stack.up()
    old_secret = BOX_CLIENT_SECRET
    box_on_disk.stop()
    config = replace(box_on_disk.config, port=box_on_disk.port, client_secret=NEW_SECRET)
    with EmulatorServer(config) as reset_box:
        refused = stack.preview()
        assert not refused.ok
        assert "Box rejected the app credentials" in refused.output
        assert f"pulumi config set --secret {SECRET_CONFIG_KEY}` (it prompts" in refused.output
        assert reset_box.request_log.writes() == []

        stack.set_secret(SECRET_CONFIG_KEY, NEW_SECRET)

        assert stack.preview("--expect-no-changes").ok
        kept = (
            "".join(path.read_text() for path in stack.backend_files())
            + stack.stack_config_file().read_text()
        )
        assert NEW_SECRET not in kept and old_secret not in kept
