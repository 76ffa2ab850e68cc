"""What the guard counts as a deprovision, and when it refuses: `components.guard`, pure."""

from __future__ import annotations

import pytest

from components.guard import (
    ACKNOWLEDGE_VARIABLE,
    Deprovision,
    GroupRemoval,
    Rekey,
    Roster,
    RosterGroup,
    RosterUser,
    everyone_leaves,
    guard_failure,
    plan_deprovisions,
)
from components.guard.verdict import NAMES_SHOWN, acknowledgement_note

ANN, BOB, CY = "ann@contoso.com", "bob@contoso.com", "cy@contoso.com"
ANN_ID = "6f1c0e8a-0000-4000-8000-000000000001"


def people(*logins: str, inactive: tuple[str, ...] = (), **fields: object) -> Roster:
    users = {login: RosterUser(login=login, inactive=login in inactive) for login in logins}
    return Roster.model_validate({"users": users, **fields})


def keyed(users: dict[str, str]) -> Roster:
    """A roster from key -> login."""
    return Roster(users={key: RosterUser(login=login) for key, login in users.items()})


def test_a_first_run_deprovisions_nobody() -> None:
    assert plan_deprovisions(None, people(ANN)).count == 0


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (people(ANN, BOB), people(ANN, BOB), []),
        (people(ANN, BOB), people(ANN), [Deprovision(BOB, "removed", BOB)]),
        (
            people(ANN, BOB),
            people(),
            [Deprovision(ANN, "removed", ANN), Deprovision(BOB, "removed", BOB)],
        ),
        (people(ANN, BOB), people(ANN, BOB, inactive=(BOB,)), [Deprovision(BOB, "disabled", BOB)]),
        # Already inactive: leaving the stack still takes them out of Box's management.
        (people(ANN, inactive=(ANN,)), people(), [Deprovision(ANN, "removed", ANN)]),
        # Staying inactive, or coming back, is no deprovision.
        (people(ANN, inactive=(ANN,)), people(ANN, inactive=(ANN,)), []),
        (people(ANN, inactive=(ANN,)), people(ANN), []),
        # Someone new is never a deprovision, even when they arrive inactive.
        (people(ANN), people(ANN, BOB, inactive=(BOB,)), []),
    ],
)
def test_leaving_the_stack_or_going_inactive_counts_and_nothing_else_does(
    old: Roster, new: Roster, expected: list[Deprovision]
) -> None:
    assert list(plan_deprovisions(old, new).deprovisions) == expected


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ({ANN: ANN}, {ANN_ID: ANN}),  # an object id added
        ({ANN_ID: ANN}, {ANN: ANN}),  # every object id dropped
        ({ANN_ID: ANN}, {"0b0b0b0b-0000-4000-8000-000000000002": ANN}),  # account re-created
    ],
    ids=["object-id-added", "object-id-dropped", "object-id-changed"],
)
def test_a_person_whose_key_changes_but_keeps_the_login_is_re_keyed_not_deprovisioned(
    old: dict[str, str], new: dict[str, str]
) -> None:
    plan = plan_deprovisions(keyed(old), keyed(new))
    (old_key,), (new_key,) = old, new
    assert plan.count == 0
    assert plan.rekeys == (Rekey(ANN, old_key, new_key, ANN),)


def test_a_user_keyed_by_object_id_is_matched_by_key_across_a_login_change() -> None:
    old = keyed({ANN_ID: ANN})
    assert plan_deprovisions(old, keyed({ANN_ID: "ann.new@contoso.com"})).count == 0
    renamed_and_disabled = Roster(
        users={ANN_ID: RosterUser(login="ann.new@contoso.com", inactive=True)}
    )
    disabled = plan_deprovisions(old, renamed_and_disabled).deprovisions
    assert disabled == (Deprovision("ann.new@contoso.com", "disabled", ANN_ID),)


def test_a_previous_login_carries_a_person_across_a_change_of_key_and_login() -> None:
    new = Roster(users={ANN_ID: RosterUser(login="ann.new@contoso.com", previous_logins=(ANN,))})
    plan = plan_deprovisions(keyed({ANN: ANN}), new)
    assert plan.count == 0
    assert plan.rekeys == (Rekey("ann.new@contoso.com", ANN, ANN_ID, ANN),)


def test_a_recorded_box_id_travels_with_the_leaver() -> None:
    old = Roster(users={ANN: RosterUser(login=ANN, box_id="42")})
    assert plan_deprovisions(old, Roster()).deprovisions == (
        Deprovision(ANN, "removed", ANN, "42"),
    )


@pytest.mark.parametrize(
    ("old", "new", "removed"),
    [
        ({"Sales": "Sales"}, {}, [GroupRemoval("Sales", "Sales")]),
        ({"Sales": "Sales"}, {"Sales": "Sales"}, []),
        ({"g-1": "Sales"}, {"Sales": "Sales"}, []),  # re-keyed: same name
        ({"g-1": "Sales"}, {"g-1": "Sales EMEA"}, []),  # renamed under its key
        ({"Sales": "Sales"}, {"sales": "SALES"}, []),  # names compare without case
    ],
)
def test_a_group_goes_only_when_no_key_or_name_still_wants_it(
    old: dict[str, str], new: dict[str, str], removed: list[GroupRemoval]
) -> None:
    def groups(named: dict[str, str]) -> Roster:
        return Roster(groups={key: RosterGroup(name=name) for key, name in named.items()})

    assert list(plan_deprovisions(groups(old), groups(new)).group_removals) == removed


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
    plan = plan_deprovisions(Roster(assigned=old_groups), Roster(assigned=new_groups))
    assert plan.emptied_groups == emptied


def leavers(count: int) -> tuple[Roster, Roster]:
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
    # Only the refused step deprovisions, so this always holds; nothing broader is claimed.
    assert "No one was deprovisioned" in message
    assert "Nothing was changed" not in message


def test_destroy_is_held_to_the_same_limit_and_says_how_to_acknowledge_it() -> None:
    plan = everyone_leaves(people(ANN, BOB, CY))
    message = guard_failure(plan, 1, None, command="destroy")
    assert message is not None
    assert "Refusing to deprovision 3 Box users in `pulumi destroy`" in message
    assert f"{ACKNOWLEDGE_VARIABLE}=3 pulumi destroy" in message
    assert guard_failure(plan, 1, 3, command="destroy") is None


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
    old = people(ANN, BOB, assigned={"Sales": 2})
    new = people(ANN, BOB, assigned={"Sales": 0})  # both also assigned directly: nobody leaves
    plan = plan_deprovisions(old, new)
    message = guard_failure(plan, 10, None)
    assert message is not None
    assert "'Sales' (had 2)" in message
    assert "emptied or truncated directory" in message
    assert f"{ACKNOWLEDGE_VARIABLE}=0" in message
    assert guard_failure(plan, 10, 0) is None
