"""Each kind of spec edit reaches Box through `pulumi up` with exactly the calls it needs."""

from __future__ import annotations

import pytest
from box_sdk_gen import BoxClient

from emulator import EmulatorServer
from tests.e2e.conftest import assert_box_holds_the_resolved_state, box_writes, deploy
from tests.support.box_only_spec import SMALL_ORG, Person
from tests.support.box_view import (
    give_content,
    owned_folders,
    read_box,
)
from tests.support.engine import EngineStack
from tools.preview_summary.shards import per_person_steps

pytestmark = pytest.mark.engine

ADA, ALAN, GRACE = "ada@contoso.example", "alan@contoso.example", "grace@contoso.example"


def test_a_new_person_is_created_and_joins_their_group_with_one_call_each(
    engine_stack: EngineStack, box: EmulatorServer, box_client: BoxClient
) -> None:
    deploy(engine_stack, box, SMALL_ORG)
    katherine = Person("katherine@contoso.example", "Katherine Johnson", "Mathematician")
    engine_stack.write_spec(SMALL_ORG.with_person(katherine, group="Research").spec())

    engine_stack.up()

    assert box_writes(box) == ["POST /2.0/group_memberships", "POST /2.0/users"]
    assert_box_holds_the_resolved_state(engine_stack, box_client)


def test_a_renamed_person_is_updated_in_place_and_keeps_their_box_user_id(
    engine_stack: EngineStack, box: EmulatorServer, box_client: BoxClient
) -> None:
    deploy(engine_stack, box, SMALL_ORG)
    user_id = read_box(box_client).user_ids[ADA]
    engine_stack.write_spec(SMALL_ORG.renamed(ADA, "Ada King").spec())

    planned = engine_stack.preview_json().json()
    engine_stack.up()

    changes = [
        (step["newState"].get("inputs", {}).get("login"), step["op"])
        for step in per_person_steps(planned["steps"])  # a user shard's step, per person
        if step["op"] != "same"
    ]
    assert changes == [(ADA, "update")]
    assert box_writes(box) == ["PUT /2.0/users/{user_id}"]
    in_box = read_box(box_client)
    assert (in_box.user_ids[ADA], in_box.users[ADA]["name"]) == (user_id, "Ada King")


def test_someone_leaving_a_group_costs_one_membership_call_and_keeps_their_account(
    engine_stack: EngineStack, box: EmulatorServer, box_client: BoxClient
) -> None:
    deploy(engine_stack, box, SMALL_ORG)
    engine_stack.write_spec(SMALL_ORG.without_member("Research", ADA).spec())

    engine_stack.up()

    assert box_writes(box) == ["DELETE /2.0/group_memberships/{membership_id}"]
    in_box = read_box(box_client)
    assert in_box.groups["Research"] == {GRACE: "member"}
    assert in_box.users[ADA]["status"] == "active"


def test_someone_removed_from_scope_is_disabled_in_box_with_their_content_intact(
    engine_stack: EngineStack, box: EmulatorServer, box_client: BoxClient
) -> None:
    deploy(engine_stack, box, SMALL_ORG)
    alan_id = read_box(box_client).user_ids[ALAN]
    give_content(box_client, alan_id, "Enigma notes", "Morphogenesis")
    engine_stack.write_spec(SMALL_ORG.out_of_scope(ALAN).spec())

    engine_stack.up()

    in_box = read_box(box_client)
    assert in_box.users[ALAN]["status"] == "inactive"
    assert in_box.user_ids[ALAN] == alan_id
    assert owned_folders(box_client, alan_id) == ["Enigma notes", "Morphogenesis"]
    assert in_box.groups["Engineering"] == {ADA: "member"}
    assert box.request_log.count(method="DELETE", path_prefix="/2.0/users") == 0


def test_a_removed_group_is_deleted_from_box_and_its_members_keep_their_accounts(
    engine_stack: EngineStack, box: EmulatorServer, box_client: BoxClient
) -> None:
    deploy(engine_stack, box, SMALL_ORG)
    engine_stack.write_spec(SMALL_ORG.without_group("Research").spec())

    engine_stack.up()

    assert box_writes(box) == ["DELETE /2.0/groups/{group_id}"]
    in_box = read_box(box_client)
    assert "Research" not in in_box.groups
    assert {in_box.users[login]["status"] for login in (ADA, GRACE)} == {"active"}
    assert_box_holds_the_resolved_state(engine_stack, box_client)
