"""A change made in Box behind Pulumi's back is reported, then repaired by `pulumi up`.

Drift shows in `pulumi preview --refresh --expect-no-changes` (a non-zero exit: what the
scheduled drift check runs) and in `pulumi refresh` (which records Box's values in state);
the next `pulumi up` puts the spec's values back with exactly one Box call (a repair that
would undo a lockout made in Box is refused instead: test_lockouts.py).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from box_sdk_gen import BoxClient

from emulator import EmulatorServer
from tests.e2e.conftest import assert_box_holds_the_resolved_state, box_writes, deploy
from tests.support import box_console
from tests.support.box_only_spec import SMALL_ORG
from tests.support.box_view import ADA, rename_ada_in_box
from tests.support.engine import EngineStack

pytestmark = pytest.mark.engine

GRACE = "grace@contoso.example"


def add_grace_to_engineering_in_box(client: BoxClient) -> None:
    # Access added by hand: a narrowing repair, made without acknowledgement. (Access taken
    # away in Box is a lockout the next `up` leaves alone unless acknowledged: test_lockouts.)
    box_console.add_member(client, "Engineering", GRACE)


DRIFTS: list[tuple[Callable[[BoxClient], None], str, str]] = [
    (rename_ada_in_box, ADA, "PUT /2.0/users/{user_id}"),
    (
        add_grace_to_engineering_in_box,
        "Engineering",
        "DELETE /2.0/group_memberships/{membership_id}",
    ),
]


@pytest.mark.parametrize(
    ("drift", "resource", "repair"), DRIFTS, ids=["user-renamed", "member-added"]
)
def test_drift_is_reported_by_a_refreshing_preview_and_by_refresh_and_repaired_by_up(
    engine_stack: EngineStack,
    box: EmulatorServer,
    box_client: BoxClient,
    drift: Callable[[BoxClient], None],
    resource: str,
    repair: str,
) -> None:
    deploy(engine_stack, box, SMALL_ORG)
    drift(box_client)
    box.request_log.clear()

    check = engine_stack.preview("--refresh", "--expect-no-changes")
    refresh = engine_stack.refresh()
    engine_stack.up()

    assert check.returncode != 0
    assert "no changes were expected" in check.stderr
    # A resource of its own, or (user shards) a line naming the person in their shard.
    assert f"{resource} updated" in refresh.stdout or (
        f"box user {resource}: refresh: Box differs" in refresh.output
    )
    assert box_writes(box) == [repair]
    assert_box_holds_the_resolved_state(engine_stack, box_client)
