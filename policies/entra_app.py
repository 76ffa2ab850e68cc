"""Policies on the Box app's service principal in Entra: who may sign in, how, who is told.

Two resource policies, built into the pack by `policies/pack.py`. Each sees one resource at
a time and judges only `azuread:index/servicePrincipal:ServicePrincipal` (an entra-box stack
manages one: the Box app's, built by `BoxEnterpriseApp`). Property names are Pulumi's
camelCase names of pulumi-azuread's inputs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pulumi_policy import (
    EnforcementLevel,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
)

from policies.reading import SERVICE_PRINCIPAL, Unknown, flag, strings, text
from policies.settings import checking_config, config_schema, integer_setting
from policies.violations import violation

SAML_MODE = "saml"
SIGN_IN_REMEDIATION = (
    "build the Box service principal with app_role_assignment_required=True and "
    "preferred_single_sign_on_mode='saml', as BoxEnterpriseApp does, and assign people "
    "through entra.assignments"
)
MINIMUM_EMAILS = integer_setting(
    "minimumEmails", 1, 1, "The fewest notification email addresses the Box app may have."
)
EMAILS_REMEDIATION = (
    "list who is told in entra.application.notificationEmails (a team mailbox is best), or "
    "lower minimumEmails in the stack's policy config file"
)


def validate_assignment_required_and_saml(
    args: ResourceValidationArgs, report_violation: ReportViolation
) -> None:
    """One violation per sign-in setting of the Box service principal that is wrong."""
    if args.resource_type != SERVICE_PRINCIPAL:
        return
    for problem in _sign_in_problems(args.props):
        message = f"service principal {args.name!r}: {problem}"
        report_violation(violation(message, SIGN_IN_REMEDIATION), None)


def _sign_in_problems(props: Mapping[str, Any]) -> list[str]:
    problems = []
    required = flag(props, "appRoleAssignmentRequired")
    if required is not True and not isinstance(required, Unknown):
        problems.append(
            "appRoleAssignmentRequired is not true, so every user in the tenant can sign in "
            "to Box, assigned or not"
        )
    mode = text(props, "preferredSingleSignOnMode")
    if mode != SAML_MODE and not isinstance(mode, Unknown):
        problems.append(
            f"preferredSingleSignOnMode is {mode or 'not set'}, not saml; Box trusts Entra "
            "through SAML single sign-on"
        )
    return problems


def validate_notification_emails(
    args: ResourceValidationArgs, report_violation: ReportViolation
) -> None:
    """One violation when the Box service principal has too few notification addresses."""
    if args.resource_type != SERVICE_PRINCIPAL:
        return
    emails = strings(args.props, "notificationEmailAddresses")
    if isinstance(emails, Unknown):
        return
    count = len([email for email in emails or () if email.strip()])
    minimum = MINIMUM_EMAILS.read(args.get_config())
    if count >= minimum:
        return
    problem = (
        f"service principal {args.name!r} has {count} notification email address(es), fewer "
        f"than {minimum}; nobody hears that the SAML signing certificate is about to expire "
        "or that something failed"
    )
    report_violation(violation(problem, EMAILS_REMEDIATION), None)


ASSIGNMENT_REQUIRED_AND_SAML = ResourceValidationPolicy(
    name="box-app-assignment-required-and-saml",
    description="The Box service principal requires assignment and uses SAML single sign-on.",
    enforcement_level=EnforcementLevel.MANDATORY,
    validate=checking_config(validate_assignment_required_and_saml),
    remediation_steps=SIGN_IN_REMEDIATION,
)

NOTIFICATION_EMAILS = ResourceValidationPolicy(
    name="box-app-notification-emails",
    description="The Box app has notification email addresses set.",
    enforcement_level=EnforcementLevel.ADVISORY,
    validate=checking_config(validate_notification_emails, MINIMUM_EMAILS),
    config_schema=config_schema(MINIMUM_EMAILS),
    remediation_steps=EMAILS_REMEDIATION,
)
