"""How Box users leave: no forced deletion on production, a usable transfer custodian."""

from __future__ import annotations

from typing import Any

import pytest

from policies.box_deprovision import (
    validate_no_force_delete_in_production,
    validate_transfer_custodian,
)
from policies.reading import BOX_DEPARTURES
from tests.policies.support import UNKNOWN, box_user, check_stack, departures, resource


@pytest.mark.parametrize(
    ("stack", "config", "violates"),
    [
        ("prod", {}, True),
        ("eu-west", {}, True),
        ("dev", {}, False),
        ("Dev", {}, False),
        ("test-42", {}, False),
        ("staging", {}, True),
        ("qa", {}, True),
        ("e2e", {}, False),
    ],
    ids=[
        "prod",
        "unlisted-name-is-production",
        "dev",
        "dev-any-case",
        "test-pattern",
        "staging-is-production",
        "qa-is-production",
        "engine-test-stack",
    ],
)
def test_force_deletion_is_refused_on_every_stack_the_one_definition_calls_production(
    stack: str, config: dict[str, Any], violates: bool
) -> None:
    users = [box_user(f"{n}@contoso.com", stack=stack) for n in "ab"]
    leaving = departures(stack, deprovision="delete")

    violations = check_stack(validate_no_force_delete_in_production, [*users, leaving], config)

    assert bool(violations) is violates
    if violates:
        assert violations.urns == [leaving.urn]
        assert f"stack {stack!r} is production and force-deletes" in violations.messages[0]
        assert "(provisioning.deprovision: delete)" in violations.messages[0]
        assert "Remediation: set provisioning.deprovision to disable" in violations.messages[0]


@pytest.mark.parametrize("deprovision", ["disable", "transfer", None, UNKNOWN])
def test_other_deprovision_policies_are_allowed_on_production(deprovision: Any) -> None:
    leaving = departures(deprovision=deprovision, custodian="a@contoso.com")

    assert not check_stack(validate_no_force_delete_in_production, [leaving])


def test_a_stack_without_departures_is_not_judged() -> None:
    assert not check_stack(validate_no_force_delete_in_production, [box_user("a@contoso.com")])


def test_a_stack_whose_name_cannot_be_read_counts_as_production() -> None:
    leaving = resource(BOX_DEPARTURES, "departures", {"deprovision": "delete"})
    leaving.urn = "not-a-urn"

    violations = check_stack(validate_no_force_delete_in_production, [leaving])

    assert (
        "name cannot be read from its URNs, so it counts as production" in (violations.messages[0])
    )


def transferring_to(custodian: Any = "it@contoso.com") -> Any:
    return departures(deprovision="transfer", custodian=custodian)


@pytest.mark.parametrize(
    ("custodian_props", "custodian", "words"),
    [
        ({}, "it@contoso.com", None),
        ({}, "IT@Contoso.com", None),
        ({"status": "inactive"}, "it@contoso.com", "whose Box status is inactive, not active"),
        ({"status": None}, "it@contoso.com", "whose Box status is not recorded"),
        ({}, "records@contoso.com", "'records@contoso.com', who is not a Box user managed"),
        ({}, None, "to no custodian at all"),
        ({"status": UNKNOWN}, "it@contoso.com", None),
        ({}, UNKNOWN, None),
    ],
    ids=[
        "managed-and-active",
        "login-in-any-case",
        "inactive",
        "status-not-recorded",
        "not-managed",
        "none",
        "status-unknown",
        "custodian-unknown",
    ],
)
def test_the_transfer_custodian_is_a_managed_active_box_user_of_the_stack(
    custodian_props: dict[str, Any], custodian: Any, words: str | None
) -> None:
    it = box_user("it@contoso.com", **custodian_props)
    users = [box_user(f"{n}@contoso.com") for n in "ab"]

    violations = check_stack(validate_transfer_custodian, [it, *users, transferring_to(custodian)])

    assert bool(violations) is (words is not None)
    if words is not None:
        assert len(violations.reported) == 1
        assert words in violations.messages[0]
        assert "Remediation: set provisioning.custodian to the login" in violations.messages[0]


def test_an_inactive_custodian_is_reported_on_the_custodian_and_once() -> None:
    it = box_user("it@contoso.com", status="inactive")
    users = [it, *(box_user(f"{n}@contoso.com") for n in "abc"), transferring_to()]

    violations = check_stack(validate_transfer_custodian, users)

    assert violations.urns == [it.urn]
    assert "people who leave this stack's Box move their content to" in violations.messages[0]


def test_people_who_are_disabled_on_removal_need_no_custodian() -> None:
    users = [box_user("a@contoso.com"), departures(deprovision="disable")]

    assert not check_stack(validate_transfer_custodian, users)
