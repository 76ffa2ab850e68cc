"""A login held by a Box account entra-box cannot take is found by the preview, read-only.

Issue 15.6: the preview, not `up`, says that a new person's login belongs to an account
outside the enterprise, or that a login change would take a login another account holds.
Nothing is written to Box.
"""

from __future__ import annotations

import pytest
from box_sdk_gen import BoxClient

from emulator import EmulatorServer
from emulator.records.users import insert_user
from tests.e2e.conftest import deploy
from tests.e2e.test_renames_in_place import NEW, OLD, ORG, relogged
from tests.support.box_only_spec import SMALL_ORG, Person
from tests.support.engine import EngineStack

pytestmark = pytest.mark.engine

OUTSIDER = "katherine@contoso.example"
NOW = "2026-12-01T00:00:00Z"


def external_account(box: EmulatorServer, login: str) -> str:
    """Seed the emulator with another company's Box user holding `login` (its id)."""
    # The Box API cannot create another enterprise's user: the emulator's store is seeded.
    with box.runtime.store.write() as db:
        values = {"enterprise_id": "424242"}
        return str(insert_user(db, "external", "Katherine (elsewhere)", login, values, NOW))


def test_a_new_login_held_outside_the_enterprise_fails_the_preview(
    engine_stack: EngineStack, box: EmulatorServer, box_client: BoxClient
) -> None:
    deploy(engine_stack, box, SMALL_ORG)
    held = external_account(box, OUTSIDER)
    box.request_log.clear()
    katherine = Person(OUTSIDER, "Katherine Johnson", "Mathematician")
    engine_stack.write_spec(SMALL_ORG.with_person(katherine, group="Research").spec())

    preview = engine_stack.preview()

    assert not preview.ok
    said = " ".join(preview.stdout.split())
    assert f"the login belongs to Box user id {held} outside enterprise" in said
    assert list(box.request_log.writes()) == []


def test_a_login_change_to_a_login_another_account_holds_fails_the_preview(
    engine_stack: EngineStack, box: EmulatorServer, box_client: BoxClient
) -> None:
    deploy(engine_stack, box, ORG)
    other = box_client.users.create_user("Nadia Ivanova (made by hand)", login=NEW)
    box.request_log.clear()
    engine_stack.write_spec(relogged(ORG.spec(), previousLogins=[OLD]))

    preview = engine_stack.preview()

    assert not preview.ok
    said = " ".join(preview.stdout.split())
    assert f"change login {OLD} to {NEW}: Box user id {other.id} already has that login" in said
    assert list(box.request_log.writes()) == []
