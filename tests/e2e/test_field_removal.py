"""Removing a value from the spec: Box reverts to its default where it has one, else keeps its
value, and the preview, the PR summary and Box agree (docs/field-rules.md)."""

from __future__ import annotations

import re

import pytest
from box_sdk_gen import BoxClient

from emulator import EmulatorServer
from tests.e2e.conftest import box_writes
from tests.e2e.test_adoption import summary_of, with_overrides
from tests.support.box_only_spec import SMALL_ORG
from tests.support.box_view import read_box
from tests.support.engine import EngineStack

pytestmark = pytest.mark.engine

ADA = "ada@contoso.example"
GB = 1024**3
OVERRIDE = {ADA: {"is_external_collab_restricted": True, "space_amount": "10 GB"}}


def test_deleting_an_override_reverts_the_restriction_and_leaves_the_quota_to_box(
    engine_stack: EngineStack, box: EmulatorServer, box_client: BoxClient
) -> None:
    engine_stack.write_spec(with_overrides(SMALL_ORG.spec(), OVERRIDE))
    engine_stack.up()
    box.request_log.clear()
    engine_stack.write_spec(SMALL_ORG.spec())

    preview = engine_stack.preview()
    diff = engine_stack.preview("--diff")
    summary = summary_of(engine_stack.preview_json())
    engine_stack.up()

    assert (
        f"box user {ADA}: is_external_collab_restricted true -> false (gains access: lifts a "
        "restriction): removed from the spec, so Box's default is restored"
    ) in preview.stdout
    assert f"box user {ADA}: space_amount no longer managed: Box keeps 10 GB" in preview.stdout
    assert re.search(r"is_external_collab_restricted\s*: true => false", diff.stdout)
    gains = summary.split("**Gain Box access**", 1)[1].split("**", 1)[0]
    assert "is_external_collab_restricted true -> false (gains access: lifts a restriction)" in (
        gains
    )
    assert "space_amount no longer managed: Box keeps 10 GB" in summary
    assert "(unset)" not in summary
    assert box_writes(box) == ["PUT /2.0/users/{user_id}"]
    ada = box_client.users.get_user_by_id(
        read_box(box_client).user_ids[ADA],
        fields=["is_external_collab_restricted", "space_amount"],
    )
    assert (ada.is_external_collab_restricted, ada.space_amount) == (False, 10 * GB)
    assert engine_stack.preview("--expect-no-changes").ok


def test_a_quota_box_kept_is_not_repaired_once_the_spec_stops_managing_it(
    engine_stack: EngineStack, box: EmulatorServer, box_client: BoxClient
) -> None:
    engine_stack.write_spec(with_overrides(SMALL_ORG.spec(), OVERRIDE))
    engine_stack.up()
    engine_stack.write_spec(SMALL_ORG.spec())
    engine_stack.up()
    ada_id = read_box(box_client).user_ids[ADA]
    box_client.users.update_user_by_id(ada_id, space_amount=20 * GB)
    box.request_log.clear()

    refreshed = engine_stack.preview("--refresh", "--expect-no-changes")

    assert refreshed.ok, refreshed.describe()
    engine_stack.up("--refresh")
    assert box_writes(box) == []
    assert read_box(box_client).users[ADA]["space_amount"] == 20 * GB
