"""Renames are in-place updates: the engine keeps each Box user and group, never replaces it.

Each case deploys a Box-only spec, edits it, and deploys again, through the real program
under Pulumi mocks; `tests.support.stack_plan` then matches the second deployment's resources
to the first's as the engine does (by URN, then by alias). A replaced Box user is a new,
empty account and the old one deprovisioned: exactly what a rename must never cause.

These are the aliases of one `box:User` per person, so the stacks here are `per-user`; in
the shard model (the default) a key change moves a person between shard entries instead
(tests/e2e/test_renames_in_place.py, tests/safety/test_rekeys_keep_accounts.py).
"""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from components.box import BoxGroupProvider, BoxUserProvider
from components.program import build_stack
from tests.entra.fake_tenant import BOX_GROUP, BOX_USER, FakeTenant
from tests.entra.harness import run_program
from tests.support.stack_plan import Plan, Registration, RegistrationLog, plan

PER_USER = {"entra-box:userModel": "per-user"}

ADA_ID = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"
ENGINEERING_ID = "9a6e5c1d-0b7f-4e2a-8c3d-5f4e3d2c1b0a"
ADA = "ada@contoso.com"


def _spec(
    *,
    upn: str = ADA,
    object_id: str | None = None,
    group: str = "Engineering",
    group_id: str | None = None,
) -> str:
    ada_id = f", objectId: {object_id}" if object_id else ""
    engineering_id = f", objectId: {group_id}" if group_id else ""
    return dedent(f"""
        version: 1
        entra:
          manage: false
          assignments:
            - {{group: {group}, role: User}}
        provisioning:
          objects: users-and-groups
        directory:
          users:
            - {{userPrincipalName: {upn}, displayName: Ada Lovelace{ada_id}}}
            - {{userPrincipalName: bob@contoso.com, displayName: Bob Kahn}}
          groups:
            - {{displayName: {group}, members: [{upn}, bob@contoso.com]{engineering_id}}}
    """)


def _deploy(tmp_path: Path, text: str, name: str) -> list[Registration]:
    path = tmp_path / f"{name}.yaml"
    path.write_text(text)
    log = RegistrationLog()

    def program() -> None:
        log.install()
        build_stack(path)

    run_program(FakeTenant(), program, config=PER_USER)
    return log.of_type(BOX_USER) + log.of_type(BOX_GROUP)


def _redeploy(tmp_path: Path, before: str, after: str) -> tuple[Plan, list[Registration]]:
    first = _deploy(tmp_path, before, "before")
    second = _deploy(tmp_path, after, "after")
    return plan((r.urn for r in first), second), first + second


def _names(urns: list[str]) -> list[str]:
    return [urn.rsplit("::", 1)[1] for urn in urns]


Edit = dict[str, str]
KEPT: list[tuple[str, Edit, Edit]] = [
    ("upn-change-with-object-id", {"object_id": ADA_ID}, {"object_id": ADA_ID, "upn": "al@c.com"}),
    ("object-id-added", {}, {"object_id": ADA_ID}),
    (
        "group-rename-with-object-id",
        {"group_id": ENGINEERING_ID},
        {"group_id": ENGINEERING_ID, "group": "R&D"},
    ),
    ("group-object-id-added", {}, {"group_id": ENGINEERING_ID}),
]


@pytest.mark.parametrize(
    ("before", "after"), [pytest.param(*case[1:], id=case[0]) for case in KEPT]
)
def test_every_box_user_and_group_is_kept_through_the_edit(
    tmp_path: Path, before: Edit, after: Edit
) -> None:
    stack_plan, _ = _redeploy(tmp_path, _spec(**before), _spec(**after))
    assert (stack_plan.creates, stack_plan.deletes) == ([], [])
    assert len(stack_plan.continued) == 3  # Ada, Bob and Engineering


def test_a_upn_change_with_an_object_id_keeps_the_resource_name_and_updates_the_login(
    tmp_path: Path,
) -> None:
    before, after = _spec(object_id=ADA_ID), _spec(object_id=ADA_ID, upn="al@c.com")
    stack_plan, registrations = _redeploy(tmp_path, before, after)
    old, new = (r for r in registrations if r.name == ADA_ID)
    assert stack_plan.continued[new.urn] == old.urn
    assert (old.inputs["login"], new.inputs["login"]) == (ADA, "al@c.com")
    diff = BoxUserProvider().diff("box-user-id", old.inputs, new.inputs)
    assert (diff.changes, diff.replaces) == (True, [])


def test_adding_an_object_id_takes_over_the_login_named_resource_through_an_alias(
    tmp_path: Path,
) -> None:
    stack_plan, registrations = _redeploy(tmp_path, _spec(), _spec(object_id=ADA_ID))
    old = next(r for r in registrations if r.name == ADA)
    new = next(r for r in registrations if r.name == ADA_ID)
    assert new.alias_urns == (old.urn,)
    assert stack_plan.continued[new.urn] == old.urn
    diff = BoxUserProvider().diff("box-user-id", old.inputs, new.inputs)
    assert diff.changes is False  # not even an update: Box is not called


def test_a_group_rename_with_an_object_id_updates_the_group_name_in_place(tmp_path: Path) -> None:
    before, after = _spec(group_id=ENGINEERING_ID), _spec(group_id=ENGINEERING_ID, group="R&D")
    _, registrations = _redeploy(tmp_path, before, after)
    old, new = (r for r in registrations if r.name == ENGINEERING_ID)
    diff = BoxGroupProvider().diff("box-group-id", old.inputs, new.inputs)
    assert (diff.changes, diff.replaces) == (True, [])


REPLACED: list[tuple[str, Edit, Edit, str, str]] = [
    # Why the model docstring says to add the objectId first and change the UPN afterwards.
    ("upn-change-without-object-id", {}, {"upn": "al@c.com"}, "al@c.com", ADA),
    (
        "object-id-added-and-upn-changed-at-once",
        {},
        {"object_id": ADA_ID, "upn": "al@c.com"},
        ADA_ID,
        ADA,
    ),
    ("group-rename-without-object-id", {}, {"group": "R&D"}, "R&D", "Engineering"),
]


@pytest.mark.parametrize(
    ("before", "after", "created", "deleted"),
    [pytest.param(*case[1:], id=case[0]) for case in REPLACED],
)
def test_a_rename_without_a_known_object_id_would_replace_the_box_object(
    tmp_path: Path, before: Edit, after: Edit, created: str, deleted: str
) -> None:
    stack_plan, _ = _redeploy(tmp_path, _spec(**before), _spec(**after))
    assert (_names(stack_plan.creates), _names(stack_plan.deletes)) == ([created], [deleted])
