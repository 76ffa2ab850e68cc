"""The Box service principal: assignment required, SAML sign-on, notification emails."""

from __future__ import annotations

from typing import Any

import pytest

from policies.entra_app import validate_assignment_required_and_saml, validate_notification_emails
from tests.policies.support import (
    UNKNOWN,
    app_role_assignment,
    check_resource,
    service_principal,
)


@pytest.mark.parametrize(
    ("props", "expected"),
    [
        ({}, []),
        ({"appRoleAssignmentRequired": False}, ["appRoleAssignmentRequired is not true"]),
        ({"appRoleAssignmentRequired": None}, ["appRoleAssignmentRequired is not true"]),
        ({"preferredSingleSignOnMode": "oidc"}, ["preferredSingleSignOnMode is oidc, not saml"]),
        ({"preferredSingleSignOnMode": None}, ["preferredSingleSignOnMode is not set"]),
        (
            {"appRoleAssignmentRequired": False, "preferredSingleSignOnMode": "password"},
            ["appRoleAssignmentRequired is not true", "preferredSingleSignOnMode is password"],
        ),
    ],
    ids=["as-built", "not-required", "required-unset", "oidc", "mode-unset", "both-wrong"],
)
def test_the_service_principal_must_require_assignment_and_use_saml(
    props: dict[str, Any], expected: list[str]
) -> None:
    violations = check_resource(validate_assignment_required_and_saml, service_principal(**props))

    assert len(violations.messages) == len(expected)
    for message, words in zip(violations.messages, expected, strict=True):
        assert words in message
        assert "box-app-service-principal" in message
        assert "Remediation: build the Box service principal with" in message


@pytest.mark.parametrize(
    ("emails", "config", "violates"),
    [
        (["box@contoso.com"], {}, False),
        ([], {}, True),
        (None, {}, True),
        (["  "], {}, True),
        (["box@contoso.com"], {"minimumEmails": 2}, True),
        (["box@contoso.com", "oncall@contoso.com"], {"minimumEmails": 2.0}, False),
    ],
    ids=["one", "empty", "unset", "blank", "below-threshold", "at-threshold"],
)
def test_the_box_app_has_at_least_the_configured_notification_emails(
    emails: list[str] | None, config: dict[str, Any], violates: bool
) -> None:
    subject = service_principal(notificationEmailAddresses=emails)

    violations = check_resource(validate_notification_emails, subject, config)

    assert bool(violations) is violates
    if violates:
        assert "fewer than" in violations.messages[0]
        assert "Remediation: list who is told in entra.application" in violations.messages[0]


@pytest.mark.parametrize(
    "props",
    [{"appRoleAssignmentRequired": UNKNOWN}, {"preferredSingleSignOnMode": UNKNOWN}],
    ids=["required", "mode"],
)
def test_a_sign_in_setting_not_known_during_a_preview_is_not_a_violation(
    props: dict[str, Any],
) -> None:
    assert not check_resource(validate_assignment_required_and_saml, service_principal(**props))


@pytest.mark.parametrize(
    "emails", [UNKNOWN, ["box@contoso.com", UNKNOWN]], ids=["the-list", "one-address"]
)
def test_notification_emails_not_known_during_a_preview_are_not_a_violation(
    emails: Any,
) -> None:
    subject = service_principal(notificationEmailAddresses=emails)

    assert not check_resource(validate_notification_emails, subject, {"minimumEmails": 2})


def test_other_resources_are_not_judged_as_the_service_principal() -> None:
    other = app_role_assignment("assignment-user-ann@contoso.com")

    assert not check_resource(validate_assignment_required_and_saml, other)
    assert not check_resource(validate_notification_emails, other)
