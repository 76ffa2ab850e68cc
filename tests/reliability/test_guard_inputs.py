"""The guard's inputs from the desired state, and the acknowledgement from the environment."""

from __future__ import annotations

import pytest

from components.desired import (
    DesiredAssignment,
    DesiredBox,
    DesiredBoxUser,
    DesiredEntra,
    DesiredProvisioning,
    DesiredState,
)
from components.guard import (
    ACKNOWLEDGE_VARIABLE,
    AcknowledgementError,
    acknowledged_deprovisions,
    guard_inputs,
)


def desired(*users: DesiredBoxUser, groups: tuple[str, ...] = ("Sales", "Ops")) -> DesiredState:
    assignments = tuple(
        DesiredAssignment(principal_type="group", principal=name, role="User") for name in groups
    )
    return DesiredState(
        box=DesiredBox(users=users),
        entra=DesiredEntra(manage=False, assignments=assignments),
        provisioning=DesiredProvisioning(max_deprovisions=3),
    )


ANN = DesiredBoxUser(login="ann@contoso.com", name="Ann", assigned_via=("group:Sales",))
BOB = DesiredBoxUser(
    login="bob@contoso.com", name="Bob", status="inactive", assigned_via=("group:Sales", "user:b")
)


def test_the_inputs_name_every_managed_user_the_inactive_ones_and_the_limit() -> None:
    inputs = guard_inputs(desired(ANN, BOB), manages_box=True)
    assert inputs.users == {
        "ann@contoso.com": "ann@contoso.com",
        "bob@contoso.com": "bob@contoso.com",
    }
    assert inputs.inactive == ("bob@contoso.com",)
    assert inputs.limit == 3
    assert (inputs.deprovision, inputs.custodian) == ("disable", None)


def test_each_assigned_group_counts_the_users_in_scope_through_it() -> None:
    assert guard_inputs(desired(ANN, BOB), manages_box=True).groups == {"Ops": 0, "Sales": 2}


def test_a_group_the_live_directory_read_found_empty_counts_as_empty() -> None:
    inputs = guard_inputs(desired(ANN, BOB), manages_box=True, empty_groups=["sales"])
    assert inputs.groups == {"Ops": 0, "Sales": 0}


def test_a_stack_that_does_not_provision_box_manages_no_box_user() -> None:
    inputs = guard_inputs(desired(ANN, BOB), manages_box=False)
    assert inputs.users == {} and inputs.groups == {} and inputs.limit == 3


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
