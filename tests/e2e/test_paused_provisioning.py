"""`provisioning.paused: true`: the stack keeps its resources and no run writes to Box.

A paused stack with spec changes of every kind (someone new, someone out of scope, a rename,
a group membership removed) previews and deploys with no Box write and says so; setting
`paused` back to false then carries every change out.
"""

from __future__ import annotations

from typing import Any

import pytest
from box_sdk_gen import BoxClient

from emulator import EmulatorServer
from tests.e2e.conftest import box_writes, deploy
from tests.support.box_only_spec import SMALL_ORG, Org, Person
from tests.support.box_view import read_box
from tests.support.engine import EngineStack

pytestmark = pytest.mark.engine

ADA, ALAN, GRACE = "ada@contoso.example", "alan@contoso.example", "grace@contoso.example"
NOTE = "provisioning paused: nothing is written to Box"
KATHERINE = Person("katherine@contoso.example", "Katherine Johnson", "Mathematician")


def edited() -> Org:
    """Someone new, someone leaving, a rename and a membership removed."""
    return (
        SMALL_ORG.with_person(KATHERINE, group="Research")
        .out_of_scope(GRACE)
        .renamed(ADA, "Ada King")
        .without_member("Engineering", ALAN)
    )


def paused(org: Org) -> dict[str, Any]:
    spec = org.spec()
    spec["provisioning"]["paused"] = True
    return spec


def test_a_paused_stack_with_spec_changes_writes_nothing_to_box_and_says_so(
    engine_stack: EngineStack, box: EmulatorServer, box_client: BoxClient
) -> None:
    deploy(engine_stack, box, SMALL_ORG)
    before = read_box(box_client)
    engine_stack.write_spec(paused(edited()))

    preview = engine_stack.preview(check=True)
    up = engine_stack.up()

    assert NOTE in preview.output
    assert NOTE in up.output
    assert box_writes(box) == []
    assert read_box(box_client) == before
    assert before.users[GRACE]["status"] == "active"


def test_resuming_shows_guards_and_carries_out_every_change_made_while_paused(
    engine_stack: EngineStack, box: EmulatorServer, box_client: BoxClient
) -> None:
    deploy(engine_stack, box, SMALL_ORG)
    engine_stack.write_spec(paused(edited()))
    engine_stack.up()
    engine_stack.write_spec(edited().spec())

    refused = engine_stack.preview()
    engine_stack.env["ENTRA_BOX_ACKNOWLEDGE_DEPROVISIONS"] = "2"
    preview = engine_stack.preview("--diff", check=True)
    up = engine_stack.up()

    assert NOTE not in up.output
    # The first run after resuming plans and guards what the paused runs did not do: two
    # people left the scope while paused, one more than maxDeprovisions allows unasked.
    assert not refused.ok
    assert f"Would deprovision: {ALAN} (no longer in scope), {GRACE}" in refused.output
    assert GRACE in preview.output and ALAN in preview.output
    assert "Ada King" in preview.stdout
    in_box = read_box(box_client)
    # Grace left the scope; so did Alan, whose only group no longer holds him.
    assert in_box.users[GRACE]["status"] == "inactive"
    assert in_box.users[ALAN]["status"] == "inactive"
    assert in_box.users[KATHERINE.login]["status"] == "active"
    assert in_box.users[ADA]["name"] == "Ada King"
    assert engine_stack.preview("--expect-no-changes").ok
