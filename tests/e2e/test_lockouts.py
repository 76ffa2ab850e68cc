"""Access taken away in Box by hand (an emergency lockout) is not given back unreviewed.

When a refresh shows Box more restrictive than the spec (a user set inactive, a member
removed from a group, a role lowered), a refreshing preview says which repair would widen
access again and refuses it, and `pulumi up --refresh` refuses it without a Box write for
those people, until `ENTRA_BOX_ACKNOWLEDGE_REENABLES` names them. Access added in Box by
hand is taken back by the same `up` with no acknowledgement.
"""

from __future__ import annotations

from typing import Any

import pytest
from box_sdk_gen import BoxClient

from emulator import EmulatorServer
from tests.e2e.conftest import assert_box_holds_the_resolved_state, box_writes
from tests.e2e.test_adoption import summary_of
from tests.support import box_console
from tests.support.box_view import ADA, read_box
from tests.support.engine import EngineStack
from tests.support.lockouts import (
    ACKNOWLEDGE,
    ALAN,
    GRACE,
    IT,
    LOCKOUT_WORDS,
    lock_out_in_box,
    spec_with_roles,
)

pytestmark = pytest.mark.engine


def deploy(stack: EngineStack, box: EmulatorServer, spec: dict[str, Any]) -> None:
    stack.write_spec(spec)
    stack.up()
    box.request_log.clear()


def test_lockouts_made_in_box_are_refused_by_a_refreshing_preview_and_up_until_acknowledged(
    engine_stack: EngineStack, box: EmulatorServer, box_client: BoxClient
) -> None:
    deploy(engine_stack, box, spec_with_roles())
    lock_out_in_box(box_client)
    locked = read_box(box_client)
    box.request_log.clear()

    preview = engine_stack.preview("--refresh")
    refused = engine_stack.up("--refresh", check=False)
    after_refusal = read_box(box_client)
    writes_of_refusal = box_writes(box)
    engine_stack.env[ACKNOWLEDGE] = f"{GRACE},{ALAN},{IT}"
    acknowledged = engine_stack.up("--refresh", check=False)
    del engine_stack.env[ACKNOWLEDGE]
    converged = engine_stack.preview("--refresh", "--expect-no-changes")

    assert preview.returncode != 0
    assert refused.returncode != 0
    for run in (preview, refused):
        said = run.stdout + run.stderr
        assert all(words in said for words in LOCKOUT_WORDS), said
        assert f"{ACKNOWLEDGE}=" in said
        assert "Nothing was changed in Box for" in said
    assert after_refusal == locked
    assert writes_of_refusal == []
    assert acknowledged.ok, acknowledged.describe()
    assert "restoring access taken away in Box, as acknowledged" in acknowledged.stdout
    assert converged.ok, converged.describe()
    assert_box_holds_the_resolved_state(engine_stack, box_client)


def test_an_acknowledgement_for_someone_else_does_not_restore_a_lockout(
    engine_stack: EngineStack, box: EmulatorServer, box_client: BoxClient
) -> None:
    deploy(engine_stack, box, spec_with_roles())
    box_console.set_status(box_client, GRACE, "inactive")
    box.request_log.clear()

    engine_stack.env[ACKNOWLEDGE] = ALAN
    refused = engine_stack.up("--refresh", check=False)

    assert refused.returncode != 0
    assert f"{ACKNOWLEDGE}={GRACE} pulumi up --refresh" in refused.stdout + refused.stderr
    assert read_box(box_client).users[GRACE]["status"] == "inactive"
    assert box_writes(box) == []


def test_access_added_in_box_by_hand_is_taken_back_without_acknowledgement(
    engine_stack: EngineStack, box: EmulatorServer, box_client: BoxClient
) -> None:
    spec = spec_with_roles()
    spec["box"]["users"][ALAN] = {"status": "inactive"}
    deploy(engine_stack, box, spec)
    box_console.set_status(box_client, ALAN, "active")
    box_console.set_role(box_client, ADA, "coadmin")
    box_console.add_member(box_client, "Engineering", GRACE)
    box_console.set_member_role(box_client, "Ops", ADA, "admin")
    box.request_log.clear()

    repaired = engine_stack.up("--refresh", check=False)

    assert repaired.ok, repaired.describe()
    assert box_writes(box) == [
        "DELETE /2.0/group_memberships/{membership_id}",
        "PUT /2.0/group_memberships/{membership_id}",
        "PUT /2.0/users/{user_id}",
        "PUT /2.0/users/{user_id}",
    ]
    assert_box_holds_the_resolved_state(engine_stack, box_client)
    assert engine_stack.preview("--refresh", "--expect-no-changes").ok


def test_a_user_deleted_in_box_is_not_re_created_unless_acknowledged(
    engine_stack: EngineStack, box: EmulatorServer, box_client: BoxClient
) -> None:
    # Deleting an account in the Admin Console is the strongest lockout there is; the next
    # refreshing run would otherwise give the person a new, empty account with their groups.
    deploy(engine_stack, box, spec_with_roles())
    box_console.delete_user(box_client, GRACE)
    deleted = read_box(box_client)
    box.request_log.clear()

    preview = engine_stack.preview("--refresh")
    refused = engine_stack.up("--refresh", check=False)
    plain = engine_stack.up(check=False)
    after_refusal = read_box(box_client)
    writes_of_refusal = box_writes(box)
    engine_stack.env[ACKNOWLEDGE] = GRACE
    summary = summary_of(engine_stack.preview_json("--refresh"))
    acknowledged = engine_stack.up("--refresh", check=False)
    del engine_stack.env[ACKNOWLEDGE]
    converged = engine_stack.preview("--refresh", "--expect-no-changes")

    assert GRACE not in deleted.user_ids
    for run in (preview, refused, plain):
        said = run.stdout + run.stderr
        assert run.returncode != 0, said
        assert f"{GRACE}: re-creates a user deleted in Box" in said, said
        assert f"{ACKNOWLEDGE}=" in said, said
    assert after_refusal == deleted
    assert writes_of_refusal == []
    assert f"`{GRACE}`" in summary and "re-creates a user deleted in Box" in summary, summary
    assert acknowledged.ok, acknowledged.describe()
    assert GRACE in read_box(box_client).user_ids
    assert converged.ok, converged.describe()
    assert_box_holds_the_resolved_state(engine_stack, box_client)
