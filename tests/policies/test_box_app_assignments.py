"""App role assignments: never the Default Access role, and one for every managed Box user."""

from __future__ import annotations

from typing import Any

import pytest
from pulumi_policy import PolicyResource

from policies.entra_assignments import (
    DEFAULT_ACCESS_ROLE_ID,
    validate_box_users_assigned,
    validate_no_default_access_role,
)
from tests.policies.support import (
    UNKNOWN,
    app_role_assignment,
    box_user,
    check_resource,
    check_stack,
    enterprise_app,
    service_principal,
)


@pytest.mark.parametrize(
    ("role_id", "violates"),
    [
        ("8774f594-0000-4000-8000-0000000000a1", False),
        (DEFAULT_ACCESS_ROLE_ID, True),
        (DEFAULT_ACCESS_ROLE_ID.upper(), True),
        (UNKNOWN, False),
        (None, False),
    ],
    ids=["box-user-role", "default-access", "default-access-upper-case", "unknown", "unset"],
)
def test_no_assignment_uses_the_default_access_role(role_id: str | None, violates: bool) -> None:
    subject = app_role_assignment("assignment-group-sales", appRoleId=role_id)

    violations = check_resource(validate_no_default_access_role, subject)

    assert bool(violations) is violates
    if violates:
        assert "'assignment-group-sales' uses the Default Access role" in violations.messages[0]
        assert (
            "Remediation: give the assignment a role the Box app publishes"
            in (violations.messages[0])
        )


def test_a_service_principal_is_not_judged_as_an_assignment() -> None:
    subject = service_principal(appRoleId=DEFAULT_ACCESS_ROLE_ID)

    assert not check_resource(validate_no_default_access_role, subject)


ASSIGNMENTS = [
    app_role_assignment("assignment-group-engineering"),
    app_role_assignment("assignment-group-sales-team/user"),
    app_role_assignment("assignment-group-sales-team/coadmin"),
    app_role_assignment("assignment-group-sales-eu"),
    app_role_assignment("assignment-user-grace.hopper@contoso.com"),
]


@pytest.mark.parametrize(
    ("assigned_via", "violates"),
    [
        (["group:Engineering"], False),
        (["user:Grace.Hopper@contoso.com"], False),
        (["group:Sales Team"], False),
        (["group:Sales"], True),
        (["group:Design", "group:Engineering"], False),
        (["group:Design"], True),
        (["user:ada@contoso.com"], True),
        ([], True),
        (None, True),
        (["Engineering"], True),
        (UNKNOWN, False),
    ],
    ids=[
        "by-group",
        "directly",
        "by-group-holding-two-roles",
        "only-a-group-whose-name-extends-theirs",
        "one-of-two-groups",
        "group-not-assigned",
        "user-not-assigned",
        "in-scope-through-nothing",
        "not-recorded",
        "malformed-entry",
        "unknown",
    ],
)
def test_every_box_user_has_an_assignment_in_a_stack_managing_entra(
    assigned_via: Any, violates: bool
) -> None:
    ada = box_user("ada@contoso.com", assigned_via=assigned_via)
    resources = [enterprise_app(), *ASSIGNMENTS, ada]

    violations = check_stack(validate_box_users_assigned, resources)

    assert bool(violations) is violates
    if violates:
        assert violations.urns == [ada.urn]
        assert "Box user ada@contoso.com" in violations.messages[0]
        assert "Entra will refuse their sign-in to Box" in violations.messages[0]


def test_each_unassigned_user_is_reported_on_their_own_resource() -> None:
    users = [box_user(f"{name}@contoso.com", assigned_via=["group:Design"]) for name in "abc"]

    violations = check_stack(validate_box_users_assigned, [enterprise_app(), *users])

    assert violations.urns == [user.urn for user in users]


def test_a_box_only_stack_is_not_checked_against_entra() -> None:
    resources: list[PolicyResource] = [box_user("ada@contoso.com", assigned_via=["group:X"])]

    assert not check_stack(validate_box_users_assigned, resources)
