"""`pulumi destroy` removes the managed groups and disables the users, keeping every account."""

from __future__ import annotations

from dataclasses import replace

import pytest
from box_sdk_gen import BoxClient

from components.guard import ACKNOWLEDGE_VARIABLE
from emulator import EmulatorServer
from tests.e2e.conftest import deploy
from tests.reliability.engine_runs import extra_env
from tests.support.box_only_spec import SMALL_ORG
from tests.support.box_view import give_content, owned_folders, read_box
from tests.support.engine import EngineStack

pytestmark = pytest.mark.engine


def test_destroy_deletes_the_groups_and_disables_every_user_with_their_content_kept(
    engine_stack: EngineStack, box: EmulatorServer, box_client: BoxClient
) -> None:
    # Even with `delete` as the policy: destroy only ever disables, content is kept.
    deploy(engine_stack, box, replace(SMALL_ORG, deprovision="delete"))
    ada_id = read_box(box_client).user_ids["ada@contoso.example"]
    give_content(box_client, ada_id, "Notes on the Analytical Engine")

    with extra_env(engine_stack, **{ACKNOWLEDGE_VARIABLE: str(len(SMALL_ORG.people))}):
        engine_stack.destroy()

    in_box = read_box(box_client)
    assert in_box.groups == {}
    assert {login: user["status"] for login, user in in_box.users.items()} == {
        person.login: "inactive" for person in SMALL_ORG.people
    }
    assert owned_folders(box_client, ada_id) == ["Notes on the Analytical Engine"]
    assert engine_stack.recorded_users() == {}
