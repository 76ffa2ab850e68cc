"""How Box users leave: no forced deletion on production, a usable transfer custodian."""

from __future__ import annotations

from typing import Any

import pytest

from policies.box_deprovision import (
    validate_no_force_delete_in_production,
    validate_transfer_custodian,
)
from policies.reading import BOX_USER
from tests.policies.support import UNKNOWN, box_user, check_stack, resource


@pytest.mark.parametrize(
    ("stack", "config", "violates"),
    [
        ("prod", {}, True),
        ("eu-west", {}, True),
        ("dev", {}, False),
        ("Dev", {}, False),
        ("test-42", {}, False),
        ("staging", {"nonProductionStacks": ["staging"]}, False),
        ("dev", {"nonProductionStacks": []}, True),
        ("prod", {"nonProductionStacks": ["dev", "demo"]}, True),
    ],
    ids=[
        "prod",
        "unlisted-name-is-production",
        "dev",
        "dev-any-case",
        "test-pattern",
        "listed-by-config",
        "config-lists-nothing",
        "dev-config-on-prod",
    ],
)
def test_force_deletion_is_refused_on_every_stack_not_listed_as_non_production(
    stack: str, config: dict[str, Any], violates: bool
) -> None:
    users = [box_user(f"{n}@contoso.com", stack=stack, deprovision="delete") for n in "ab"]

    violations = check_stack(validate_no_force_delete_in_production, users, config)

    assert bool(violations) is violates
    if violates:
        assert violations.urns == [None]
        assert f"stack {stack!r} is production and force-deletes" in violations.messages[0]
        assert "on 2 user(s): a@contoso.com, b@contoso.com" in violations.messages[0]
        assert "Remediation: set provisioning.deprovision to disable" in violations.messages[0]


@pytest.mark.parametrize("deprovision", ["disable", "transfer", None, UNKNOWN])
def test_other_deprovision_policies_are_allowed_on_production(deprovision: Any) -> None:
    user = box_user("a@contoso.com", deprovision=deprovision, custodian="a@contoso.com")

    assert not check_stack(validate_no_force_delete_in_production, [user])


def test_a_stack_whose_name_cannot_be_read_counts_as_production() -> None:
    props = {"login": "a@contoso.com", "deprovision": "delete"}
    user = resource(BOX_USER, "a@contoso.com", props)
    user.urn = "not-a-urn"

    violations = check_stack(validate_no_force_delete_in_production, [user])

    assert (
        "name cannot be read from its URNs, so it counts as production" in (violations.messages[0])
    )


def transferring(login: str, custodian: Any = "it@contoso.com", **props: Any) -> Any:
    return box_user(login, deprovision="transfer", custodian=custodian, **props)


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
    it = transferring("it@contoso.com", **custodian_props)
    users = [transferring(f"{n}@contoso.com", custodian) for n in "ab"]

    violations = check_stack(validate_transfer_custodian, [it, *users])

    assert bool(violations) is (words is not None)
    if words is not None:
        assert len(violations.reported) == 1
        assert words in violations.messages[0]
        assert "Remediation: set provisioning.custodian to the login" in violations.messages[0]


def test_an_inactive_custodian_is_reported_on_the_custodian_and_once() -> None:
    it = transferring("it@contoso.com", status="inactive")
    users = [it, *(transferring(f"{n}@contoso.com") for n in "abc")]

    violations = check_stack(validate_transfer_custodian, users)

    assert violations.urns == [it.urn]
    assert (
        "4 Box user(s) (a@contoso.com, b@contoso.com, c@contoso.com, it@contoso.com)"
        in (violations.messages[0])
    )


def test_users_who_are_disabled_on_removal_need_no_custodian() -> None:
    users = [box_user("a@contoso.com", deprovision="disable")]

    assert not check_stack(validate_transfer_custodian, users)
