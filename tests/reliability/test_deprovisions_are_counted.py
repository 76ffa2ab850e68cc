"""What the guard counts as a deprovision, and when it refuses: `components.guard`, pure."""

from __future__ import annotations

import pytest

from components.guard import (
    ACKNOWLEDGE_VARIABLE,
    Deprovision,
    GuardInputs,
    guard_failure,
    plan_deprovisions,
)
from components.guard.verdict import NAMES_SHOWN, acknowledgement_note


def people(*logins: str, inactive: tuple[str, ...] = (), **fields: object) -> GuardInputs:
    return GuardInputs.model_validate(
        {"users": {login: login for login in logins}, "inactive": inactive, **fields}
    )


ANN, BOB, CY = "ann@contoso.com", "bob@contoso.com", "cy@contoso.com"


def test_a_first_run_deprovisions_nobody() -> None:
    assert plan_deprovisions(None, people(ANN)).count == 0


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (people(ANN, BOB), people(ANN, BOB), []),
        (people(ANN, BOB), people(ANN), [Deprovision(BOB, "removed")]),
        (people(ANN, BOB), people(), [Deprovision(ANN, "removed"), Deprovision(BOB, "removed")]),
        (people(ANN, BOB), people(ANN, BOB, inactive=(BOB,)), [Deprovision(BOB, "disabled")]),
        # Already inactive: leaving the stack still takes them out of Box's management.
        (people(ANN, inactive=(ANN,)), people(), [Deprovision(ANN, "removed")]),
        # Staying inactive, or coming back, is no deprovision.
        (people(ANN, inactive=(ANN,)), people(ANN, inactive=(ANN,)), []),
        (people(ANN, inactive=(ANN,)), people(ANN), []),
        # Someone new is never a deprovision, even when they arrive inactive.
        (people(ANN), people(ANN, BOB, inactive=(BOB,)), []),
    ],
)
def test_leaving_the_stack_or_going_inactive_counts_and_nothing_else_does(
    old: GuardInputs, new: GuardInputs, expected: list[Deprovision]
) -> None:
    assert list(plan_deprovisions(old, new).deprovisions) == expected


def test_a_user_whose_resource_key_changes_but_keeps_the_login_is_not_leaving() -> None:
    old = GuardInputs(users={ANN: ANN})
    new = GuardInputs(users={"6f1c0e8a-0000-4000-8000-000000000001": ANN})
    assert plan_deprovisions(old, new).count == 0


def test_a_user_keyed_by_object_id_is_matched_by_key_across_a_login_change() -> None:
    oid = "6f1c0e8a-0000-4000-8000-000000000001"
    old = GuardInputs(users={oid: ANN})
    assert plan_deprovisions(old, GuardInputs(users={oid: "ann.new@contoso.com"})).count == 0
    renamed_and_disabled = GuardInputs(users={oid: "ann.new@contoso.com"}, inactive=(oid,))
    disabled = plan_deprovisions(old, renamed_and_disabled).deprovisions
    assert disabled == (Deprovision("ann.new@contoso.com", "disabled"),)


@pytest.mark.parametrize(
    ("old_groups", "new_groups", "emptied"),
    [
        ({"Sales": 40}, {"Sales": 0}, (("Sales", 40),)),
        ({"Sales": 40}, {"Sales": 39}, ()),
        ({"Sales": 0}, {"Sales": 0}, ()),
        ({}, {"Sales": 0}, ()),  # newly assigned and empty: nobody leaves through it
        ({"Sales": 40}, {}, ()),  # unassigned in the spec: a reviewed edit, counted by users
    ],
)
def test_an_assigned_group_that_had_members_and_reads_empty_is_reported(
    old_groups: dict[str, int], new_groups: dict[str, int], emptied: tuple[tuple[str, int], ...]
) -> None:
    plan = plan_deprovisions(GuardInputs(groups=old_groups), GuardInputs(groups=new_groups))
    assert plan.emptied_groups == emptied


def leavers(count: int) -> tuple[GuardInputs, GuardInputs]:
    logins = [f"user{n:03}@contoso.com" for n in range(count)]
    return people(ANN, *logins), people(ANN)


@pytest.mark.parametrize(("count", "limit"), [(0, 0), (1, 1), (5, 5), (3, 10)])
def test_up_to_the_limit_passes_without_acknowledgement(count: int, limit: int) -> None:
    plan = plan_deprovisions(*leavers(count))
    assert guard_failure(plan, limit, None) is None


def test_over_the_limit_fails_with_the_count_the_limit_the_first_names_and_the_way_out() -> None:
    plan = plan_deprovisions(*leavers(12))
    message = guard_failure(plan, 5, None)
    assert message is not None
    assert "Refusing to deprovision 12 Box users in one run" in message
    assert "provisioning.maxDeprovisions allows 5" in message
    assert "user000@contoso.com (no longer in scope)" in message
    assert f"user{NAMES_SHOWN - 1:03}@contoso.com" in message
    assert f"user{NAMES_SHOWN:03}@contoso.com" not in message
    assert f"and {12 - NAMES_SHOWN} more" in message
    assert f"{ACKNOWLEDGE_VARIABLE}=12 pulumi up" in message
    assert "Nothing was changed" in message


def test_zero_allows_no_deprovision_at_all() -> None:
    message = guard_failure(plan_deprovisions(*leavers(1)), 0, None)
    assert message is not None and "allows 0" in message


@pytest.mark.parametrize("acknowledged", [11, 13, 5, 0, 500])
def test_an_acknowledgement_of_another_count_covers_nothing(acknowledged: int) -> None:
    message = guard_failure(plan_deprovisions(*leavers(12)), 5, acknowledged)
    assert message is not None
    assert f"{ACKNOWLEDGE_VARIABLE}={acknowledged} acknowledges {acknowledged}" in message
    assert "must be the exact count" in message


def test_the_exact_count_acknowledges_the_change_and_says_so() -> None:
    plan = plan_deprovisions(*leavers(12))
    assert guard_failure(plan, 5, 12) is None
    note = acknowledgement_note(plan, 5, 12)
    assert note is not None and "deprovisioning 12 Box user(s)" in note and "=12" in note


def test_an_unneeded_acknowledgement_is_pointed_out() -> None:
    note = acknowledgement_note(plan_deprovisions(*leavers(2)), 5, 2)
    assert note is not None and "not needed" in note


def test_an_emptied_group_trips_the_guard_whatever_the_count() -> None:
    old = people(ANN, BOB, groups={"Sales": 2})
    new = people(ANN, BOB, groups={"Sales": 0})  # both also assigned directly: nobody leaves
    plan = plan_deprovisions(old, new)
    message = guard_failure(plan, 10, None)
    assert message is not None
    assert "'Sales' (had 2)" in message
    assert "emptied or truncated directory" in message
    assert f"{ACKNOWLEDGE_VARIABLE}=0" in message
    assert guard_failure(plan, 10, 0) is None


def policy(deprovision: str, custodian: str | None = None, *logins: str) -> GuardInputs:
    return people(*logins, deprovision=deprovision, custodian=custodian, limit=10)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (policy("delete", None, ANN, BOB), policy("disable", None, ANN)),
        (policy("transfer", ANN, ANN, BOB, CY), policy("transfer", CY, ANN, CY)),
    ],
)
def test_removing_people_while_changing_how_people_leave_is_refused_even_when_acknowledged(
    old: GuardInputs, new: GuardInputs
) -> None:
    # The engine deletes a removed user with their recorded state, i.e. under the old policy.
    plan = plan_deprovisions(old, new)
    failure = guard_failure(plan, limit=10, acknowledged=plan.count)
    assert failure is not None
    assert BOB in failure
    assert "Deploy the policy change on its own first" in failure


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # The policy changes but nobody is removed: the new policy reaches every user.
        (policy("delete", None, ANN, BOB), policy("disable", None, ANN, BOB)),
        # People are removed under an unchanged policy.
        (policy("disable", None, ANN, BOB), policy("disable", None, ANN)),
        # Inputs recorded before the guard tracked the policy: no change can be seen.
        (people(ANN, BOB, limit=10), policy("disable", None, ANN)),
    ],
)
def test_a_policy_change_alone_or_a_removal_alone_passes(
    old: GuardInputs, new: GuardInputs
) -> None:
    assert guard_failure(plan_deprovisions(old, new), limit=10, acknowledged=None) is None
