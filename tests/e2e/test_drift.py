"""A change made in Box behind Pulumi's back is reported, then repaired by `pulumi up`.

Drift shows in `pulumi preview --refresh --expect-no-changes` (a non-zero exit: what the
scheduled drift check runs) and in `pulumi refresh` (which records Box's values in state);
the next `pulumi up` puts the spec's values back with exactly one Box call.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from box_sdk_gen import BoxClient

from emulator import EmulatorServer
from tests.e2e.conftest import assert_box_holds_the_resolved_state, box_writes, deploy
from tests.support.box_only_spec import SMALL_ORG
from tests.support.box_view import ADA, read_box, rename_ada_in_box
from tests.support.engine import EngineStack

pytestmark = pytest.mark.engine

ALAN = "alan@contoso.example"


def remove_alan_from_engineering_in_box(client: BoxClient) -> None:
    group_id = read_box(client).group_ids["Engineering"]
    memberships = client.memberships.get_group_memberships(group_id).entries or []
    alans = next(m.id for m in memberships if m.user is not None and m.user.login == ALAN)
    assert alans is not None
    client.memberships.delete_group_membership_by_id(alans)


DRIFTS: list[tuple[Callable[[BoxClient], None], str, str]] = [
    (rename_ada_in_box, ADA, "PUT /2.0/users/{user_id}"),
    (remove_alan_from_engineering_in_box, "Engineering", "POST /2.0/group_memberships"),
]


@pytest.mark.parametrize(
    ("drift", "resource", "repair"), DRIFTS, ids=["user-renamed", "membership-removed"]
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
