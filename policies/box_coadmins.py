"""Box co-admins are privileged: few of them per stack, and each one named in the spec.

Two stack policies, built into the pack by `policies/pack.py`, over every managed Box user's
`role` and `role_explicit` (the spec fact on the Box tenant's `spec_facts` output, false when
the role came from `box.defaults`; `policies/box_users.py`).
"""

from __future__ import annotations

from pulumi_policy import (
    EnforcementLevel,
    ReportViolation,
    StackValidationArgs,
    StackValidationPolicy,
)

from policies.box_users import managed_box_users
from policies.reading import Unknown
from policies.settings import checking_config, config_schema, integer_setting
from policies.violations import listed, violation

MAX_COADMINS = integer_setting(
    "maxCoadmins", 2, 0, "The most Box users one stack may make co-admins."
)
LIMIT_REMEDIATION = (
    "give role: coadmin to fewer logins under box.users, or, after review, raise maxCoadmins "
    "in the stack's policy config file"
)
EXPLICIT_REMEDIATION = (
    "keep box.defaults (and role mappings meant for everyone) at role: user, and make each "
    "co-admin explicit under box.users: '<login>: {role: coadmin}'"
)


def validate_coadmin_limit(args: StackValidationArgs, report_violation: ReportViolation) -> None:
    """One violation when the stack has more co-admins than `maxCoadmins`."""
    coadmins = [user.label for user in managed_box_users(args.resources) if user.role == "coadmin"]
    limit = MAX_COADMINS.read(args.get_config())
    if len(coadmins) <= limit:
        return
    problem = (
        f"{len(coadmins)} Box users are co-admins ({listed(coadmins)}), more than the {limit} "
        "this stack allows; co-admins administer the whole Box enterprise"
    )
    report_violation(violation(problem, LIMIT_REMEDIATION), None)


def validate_coadmins_explicit(
    args: StackValidationArgs, report_violation: ReportViolation
) -> None:
    """One violation per co-admin whose role the spec did not set for that login."""
    for user in managed_box_users(args.resources):
        explicit = user.role_explicit
        if user.role != "coadmin" or explicit is True or isinstance(explicit, Unknown):
            continue
        source = (
            "comes from box.defaults"
            if explicit is False
            else "is not recorded as explicit (no role_explicit on record for them)"
        )
        problem = (
            f"Box user {user.label} is a co-admin but that role {source}; "
            "a default must never grant admin rights"
        )
        report_violation(violation(problem, EXPLICIT_REMEDIATION), user.urn)


COADMIN_LIMIT = StackValidationPolicy(
    name="box-coadmin-limit",
    description="A stack makes at most maxCoadmins Box users co-admins.",
    enforcement_level=EnforcementLevel.MANDATORY,
    validate=checking_config(validate_coadmin_limit, MAX_COADMINS),
    config_schema=config_schema(MAX_COADMINS),
    remediation_steps=LIMIT_REMEDIATION,
)

COADMINS_EXPLICIT = StackValidationPolicy(
    name="box-coadmins-explicit",
    description="Every Box co-admin is named in the spec, never made one by a default.",
    enforcement_level=EnforcementLevel.MANDATORY,
    validate=checking_config(validate_coadmins_explicit),
    remediation_steps=EXPLICIT_REMEDIATION,
)
