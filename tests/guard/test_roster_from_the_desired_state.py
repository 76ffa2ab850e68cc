"""The roster built from the desired state, and the acknowledgement from the environment."""

from __future__ import annotations

import pytest

from components.desired import (
    DesiredAssignment,
    DesiredBox,
    DesiredBoxGroup,
    DesiredBoxUser,
    DesiredEntra,
    DesiredProvisioning,
    DesiredState,
)
from components.guard import (
    ACKNOWLEDGE_VARIABLE,
    AcknowledgementError,
    RosterGroup,
    RosterUser,
    acknowledged_deprovisions,
    roster_from_desired,
)


def desired(
    *users: DesiredBoxUser,
    groups: tuple[str, ...] = ("Sales", "Ops"),
    box_groups: tuple[DesiredBoxGroup, ...] = (),
) -> DesiredState:
    assignments = tuple(
        DesiredAssignment(principal_type="group", principal=name, role="User") for name in groups
    )
    return DesiredState(
        box=DesiredBox(users=users, groups=box_groups),
        entra=DesiredEntra(manage=False, assignments=assignments),
        provisioning=DesiredProvisioning(max_deprovisions=3),
    )


ANN = DesiredBoxUser(login="ann@contoso.com", name="Ann", assigned_via=("group:Sales",))
BOB = DesiredBoxUser(
    login="bob@contoso.com", name="Bob", status="inactive", assigned_via=("group:Sales", "user:b")
)


def test_the_roster_names_every_managed_user_by_key_the_inactive_ones_and_the_policy() -> None:
    roster = roster_from_desired(desired(ANN, BOB), manages_box=True)
    assert roster.users == {
        "ann@contoso.com": RosterUser(login="ann@contoso.com", name="Ann"),
        "bob@contoso.com": RosterUser(login="bob@contoso.com", inactive=True, name="Bob"),
    }
    assert roster.limit == 3
    assert (roster.deprovision, roster.custodian) == ("disable", None)


def test_the_roster_names_every_managed_box_group_by_key() -> None:
    sales = DesiredBoxGroup(name="Sales", key="9a9a", origin="entra")
    roster = roster_from_desired(desired(ANN, box_groups=(sales,)), manages_box=True)
    assert roster.groups == {"9a9a": RosterGroup(name="Sales")}


def test_each_assigned_group_counts_the_users_in_scope_through_it() -> None:
    roster = roster_from_desired(desired(ANN, BOB), manages_box=True)
    assert roster.assigned == {"Ops": 0, "Sales": 2}


def test_a_group_the_live_directory_read_found_empty_counts_as_empty() -> None:
    roster = roster_from_desired(desired(ANN, BOB), manages_box=True, empty_groups=["sales"])
    assert roster.assigned == {"Ops": 0, "Sales": 0}


def test_a_stack_that_does_not_provision_box_manages_no_box_user() -> None:
    roster = roster_from_desired(desired(ANN, BOB), manages_box=False)
    assert roster.users == {} and roster.groups == {} and roster.assigned == {}
    assert roster.limit == 3


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, None),
        ({ACKNOWLEDGE_VARIABLE: ""}, None),
        ({ACKNOWLEDGE_VARIABLE: " 12 "}, 12),
        ({ACKNOWLEDGE_VARIABLE: "0"}, 0),
    ],
)
def test_the_acknowledgement_is_a_count_or_absent(
    environ: dict[str, str], expected: int | None
) -> None:
    assert acknowledged_deprovisions(environ) == expected


@pytest.mark.parametrize("value", ["yes", "-3", "1.5", "12 users", "\uff11\uff12", "true"])
def test_an_acknowledgement_that_is_not_a_count_is_a_clear_error(value: str) -> None:
    with pytest.raises(AcknowledgementError, match=f"{ACKNOWLEDGE_VARIABLE}=.* is not a count"):
        acknowledged_deprovisions({ACKNOWLEDGE_VARIABLE: value})
