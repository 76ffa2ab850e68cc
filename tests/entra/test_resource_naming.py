"""Entra resource names are stable, readable and unique."""

from __future__ import annotations

import pytest

from components.desired import DesiredAssignment
from components.entra.naming import assignment_resource_names, owner_resource_name


def _user(upn: str, role: str = "User") -> DesiredAssignment:
    return DesiredAssignment(principal_type="user", principal=upn, role=role)


def _group(name: str, role: str = "User") -> DesiredAssignment:
    return DesiredAssignment(principal_type="group", principal=name, role=role)


@pytest.mark.parametrize(
    ("assignment", "name"),
    [
        (_user("alice@contoso.com"), "assignment-user-alice@contoso.com"),
        (_group("Sales Team (EMEA)"), "assignment-group-sales-team-emea"),
        (_group("  Ops/Infra  "), "assignment-group-ops-infra"),
    ],
)
def test_an_assignment_is_named_after_its_principal(
    assignment: DesiredAssignment, name: str
) -> None:
    assert assignment_resource_names([assignment]) == {assignment: name}


def test_names_do_not_depend_on_the_order_of_assignments() -> None:
    assignments = [_user("b@contoso.com"), _group("Sales"), _user("a@contoso.com")]
    assert assignment_resource_names(assignments) == assignment_resource_names(
        reversed(assignments)
    )


def test_a_principal_holding_two_roles_gets_one_name_per_role() -> None:
    names = assignment_resource_names(
        [_user("a@contoso.com", "User"), _user("a@contoso.com", "Co-admin")]
    )
    assert sorted(names.values()) == [
        "assignment-user-a@contoso.com/co-admin",
        "assignment-user-a@contoso.com/user",
    ]


def test_a_role_suffix_cannot_make_one_principals_name_anothers() -> None:
    names = assignment_resource_names(
        [_group("Sales", "User"), _group("Sales", "Co-admin"), _group("Sales User")]
    )
    assert sorted(names.values()) == [
        "assignment-group-sales-user",
        "assignment-group-sales/co-admin",
        "assignment-group-sales/user",
    ]


def test_two_groups_whose_names_collide_are_an_error_naming_both() -> None:
    with pytest.raises(ValueError, match=r"'Sales Team'.*'sales-team'"):
        assignment_resource_names([_group("Sales Team"), _group("sales-team")])


def test_an_owner_is_named_after_its_upn() -> None:
    assert owner_resource_name("Alice@Contoso.com") == "owner-alice@contoso.com"
