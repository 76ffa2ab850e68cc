"""The membership plan: from the members a group has to the members it should have."""

from __future__ import annotations

from components.box.membership import (
    Member,
    members_from_state,
    plan_memberships,
    state_from_members,
)

ANN = Member("1", "member", "m1")
BOB = Member("2", "admin", "m2")


def test_a_new_member_is_one_add() -> None:
    plan = plan_memberships(
        {"ann@x.com": ANN}, {"ann@x.com": ANN, "bob@x.com": Member("2", "admin")}
    )
    assert (dict(plan.add), dict(plan.remove), dict(plan.change)) == (
        {"bob@x.com": Member("2", "admin")},
        {},
        {},
    )


def test_a_member_no_longer_wanted_is_one_remove_with_its_membership_id() -> None:
    plan = plan_memberships({"ann@x.com": ANN, "bob@x.com": BOB}, {"ann@x.com": ANN})
    assert dict(plan.remove) == {"bob@x.com": BOB}
    assert not plan.add and not plan.change


def test_a_role_change_is_one_change_keeping_the_membership_id() -> None:
    plan = plan_memberships({"ann@x.com": ANN}, {"ann@x.com": Member("1", "admin")})
    assert dict(plan.change) == {"ann@x.com": Member("1", "admin", "m1")}
    assert plan.steps() == ["make ann@x.com admin"]


def test_a_login_now_backed_by_another_user_is_removed_and_added() -> None:
    plan = plan_memberships({"ann@x.com": ANN}, {"ann@x.com": Member("9", "member")})
    assert plan.steps() == ["remove ann@x.com", "add ann@x.com as member"]


def test_identical_members_need_no_call() -> None:
    assert plan_memberships({"ann@x.com": ANN}, {"ann@x.com": Member("1", "member")}).steps() == []


def test_state_maps_round_trip() -> None:
    members = {"bob@x.com": BOB, "ann@x.com": ANN}
    state = state_from_members(members)
    assert list(state["members"]) == ["ann@x.com", "bob@x.com"]
    assert members_from_state(state) == {"ann@x.com": ANN, "bob@x.com": BOB}
