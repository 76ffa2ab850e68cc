"""Box co-admins: capped per stack by policy config, and each one explicit in the spec."""

from __future__ import annotations

from typing import Any

import pytest

from policies.box_coadmins import validate_coadmin_limit, validate_coadmins_explicit
from tests.policies.support import UNKNOWN, box_user, check_stack


def coadmins(count: int, **props: Any) -> list[Any]:
    return [
        box_user(f"admin{n}@contoso.com", role="coadmin", role_explicit=True, **props)
        for n in range(count)
    ]


@pytest.mark.parametrize(
    ("count", "config", "violates"),
    [
        (0, {}, False),
        (2, {}, False),
        (3, {}, True),
        (1, {"maxCoadmins": 1}, False),
        (2, {"maxCoadmins": 1.0}, True),
        (1, {"maxCoadmins": 0}, True),
        (5, {"maxCoadmins": 5}, False),
    ],
    ids=["none", "default-limit", "over-default", "at-one", "over-one", "none-allowed", "at-5"],
)
def test_the_number_of_coadmins_is_capped_by_policy_config(
    count: int, config: dict[str, Any], violates: bool
) -> None:
    users = [*coadmins(count), box_user("ann@contoso.com")]

    violations = check_stack(validate_coadmin_limit, users, config)

    assert bool(violations) is violates
    if violates:
        assert violations.urns == [None]
        assert f"{count} Box users are co-admins" in violations.messages[0]
        assert "Remediation: give role: coadmin to fewer logins" in violations.messages[0]


def test_a_role_not_known_during_a_preview_is_not_counted() -> None:
    users = [*coadmins(2), box_user("ann@contoso.com", role=UNKNOWN)]

    assert not check_stack(validate_coadmin_limit, users)


@pytest.mark.parametrize(
    ("role", "role_explicit", "words"),
    [
        ("coadmin", True, None),
        ("coadmin", False, "that role comes from box.defaults"),
        ("coadmin", None, "that role is not recorded as explicit"),
        ("user", False, None),
        ("coadmin", UNKNOWN, None),
        (UNKNOWN, False, None),
    ],
    ids=[
        "explicit-coadmin",
        "coadmin-by-default",
        "not-recorded",
        "user-by-default",
        "explicit-unknown",
        "role-unknown",
    ],
)
def test_every_coadmin_is_listed_explicitly_in_the_spec(
    role: Any, role_explicit: Any, words: str | None
) -> None:
    bob = box_user("bob@contoso.com", role=role, role_explicit=role_explicit)

    violations = check_stack(validate_coadmins_explicit, [box_user("ann@contoso.com"), bob])

    assert bool(violations) is (words is not None)
    if words is not None:
        assert violations.urns == [bob.urn]
        assert f"Box user bob@contoso.com is a co-admin but {words}" in violations.messages[0]
        assert "Remediation: keep box.defaults" in violations.messages[0]
