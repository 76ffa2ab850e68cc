"""An existing Box account or group with a managed login or name is adopted, never duplicated,
and the preview and the PR summary say so with exactly what the adoption changes."""

from __future__ import annotations

from typing import Any

import pytest
from box_sdk_gen import BoxClient, CreateUserRole, CreateUserStatus
from box_sdk_gen.managers.memberships import CreateGroupMembershipGroup, CreateGroupMembershipUser

from emulator import EmulatorServer
from tests.e2e.conftest import box_writes
from tests.support.box_only_spec import SMALL_ORG
from tests.support.box_view import read_box
from tests.support.engine import EngineRun, EngineStack
from tools.preview_summary.changes import access_changes
from tools.preview_summary.markdown import StackPreview, render_stack

pytestmark = pytest.mark.engine

ADA, ALAN, GRACE = "ada@contoso.example", "alan@contoso.example", "grace@contoso.example"
GB = 1024**3


def with_overrides(spec: dict[str, Any], overrides: dict[str, Any]) -> dict[str, Any]:
    return {**spec, "box": {**spec.get("box", {}), "users": overrides}}


def summary_of(run: EngineRun) -> str:
    assert run.ok, run.describe()
    return "\n".join(render_stack(StackPreview("e2e", access_changes(run.json()))))


def test_an_existing_box_account_with_the_same_login_is_adopted_not_duplicated(
    engine_stack: EngineStack, box_client: BoxClient
) -> None:
    existing = box_client.users.create_user("Ada (old account)", login=ADA)
    engine_stack.write_spec(SMALL_ORG.spec())

    up = engine_stack.up()

    same_login = box_client.users.get_users(filter_term=ADA).entries or []
    assert [user.id for user in same_login] == [existing.id]
    assert read_box(box_client).users[ADA]["name"] == "Ada Lovelace"
    (ada,) = [u for u in engine_stack.recorded_users().values() if u["id"] == existing.id]
    assert ada["adopted"] is True
    assert "login already in Box: adopting that account" in up.stdout


def test_adopting_a_co_admin_with_unlimited_space_is_previewed_as_lowering_both(
    engine_stack: EngineStack, box_client: BoxClient
) -> None:
    existing = box_client.users.create_user(
        "Ada Lovelace",
        login=ADA,
        role=CreateUserRole.COADMIN,
        space_amount=-1,
        job_title="Engineer",
    )
    engine_stack.write_spec(with_overrides(SMALL_ORG.spec(), {ADA: {"space_amount": "50 GB"}}))
    said = (
        f"adopts the existing account {ADA} (Box id {existing.id}): changes "
        "role coadmin -> user (lowers the role), space_amount unlimited -> 50 GB (lowers the quota)"
    )

    preview = engine_stack.preview()
    summary = summary_of(engine_stack.preview_json())
    engine_stack.up()

    assert said in preview.stdout
    assert (
        f"`{ADA}` (Ada Lovelace): adopts the existing account (Box id {existing.id}): changes "
        "role coadmin -> user (lowers the role), space_amount unlimited -> 50 GB (lowers the "
        "quota)"
    ) in summary
    assert "new Box user" not in summary.split(ADA, 1)[1].split("\n", 1)[0]
    ada = read_box(box_client).users[ADA]
    assert (ada["role"], ada["space_amount"]) == ("user", 50 * GB)


def test_adopting_an_inactive_account_is_called_out_as_re_enabling_it(
    engine_stack: EngineStack, box_client: BoxClient
) -> None:
    existing = box_client.users.create_user(
        "Ada Lovelace", login=ADA, status=CreateUserStatus.INACTIVE, job_title="Engineer"
    )
    engine_stack.write_spec(SMALL_ORG.spec())

    preview = engine_stack.preview()
    summary = summary_of(engine_stack.preview_json())

    assert (
        f"adopts the existing account {ADA} (Box id {existing.id}): changes status inactive -> "
        "active (re-enables an inactive account)"
    ) in preview.stdout
    gains = summary.split("**Gain Box access**", 1)[1].split("**", 1)[0]
    assert f"`{ADA}` (Ada Lovelace): adopts the existing account" in gains
    assert "re-enables an inactive account" in gains


def test_adopting_an_account_already_as_specified_says_no_changes_and_writes_nothing_to_it(
    engine_stack: EngineStack, box: EmulatorServer, box_client: BoxClient
) -> None:
    existing = box_client.users.create_user("Ada Lovelace", login=ADA, job_title="Engineer")
    engine_stack.write_spec(SMALL_ORG.spec())

    preview = engine_stack.preview()
    box.request_log.clear()
    engine_stack.up()

    assert f"adopts the existing account {ADA} (Box id {existing.id}): no changes" in (
        preview.stdout
    )
    assert "PUT /2.0/users/{user_id}" not in box_writes(box)


def test_a_group_adopted_by_name_is_previewed_with_the_members_it_adds_and_removes(
    engine_stack: EngineStack, box_client: BoxClient
) -> None:
    group = box_client.groups.create_group("Engineering")
    grace = box_client.users.create_user("Grace Hopper", login=GRACE)
    box_client.memberships.create_group_membership(
        CreateGroupMembershipUser(id=grace.id), CreateGroupMembershipGroup(id=group.id)
    )
    engine_stack.write_spec(SMALL_ORG.spec())

    preview = engine_stack.preview()
    summary = summary_of(engine_stack.preview_json())
    engine_stack.up()

    assert (
        f"adopts the existing group 'Engineering' (Box id {group.id}): changes adds {ADA} "
        f"(member), adds {ALAN} (member), removes {GRACE} (loses the group's access)"
    ) in preview.stdout
    assert (
        f"`Engineering`: adopts the existing group (Box id {group.id}): adds `{ADA}`, "
        f"`{ALAN}`, removes `{GRACE}` (they lose the group's access)"
    ) in summary
    in_box = read_box(box_client)
    assert in_box.group_ids["Engineering"] == group.id
    assert in_box.groups["Engineering"] == {ADA: "member", ALAN: "member"}
