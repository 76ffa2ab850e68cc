"""How Box users leave: no forced deletion on production, and a usable custodian for transfers.

Two stack policies, built into the pack by `policies/pack.py`. They read the deprovision
policy from the stack's departures resource (`box:Departures`: `deprovision`, `custodian`),
the only code that deprovisions, which applies the policy of the spec in force.
"""

from __future__ import annotations

from collections.abc import Mapping

from pulumi_policy import (
    EnforcementLevel,
    ReportViolation,
    StackValidationArgs,
    StackValidationPolicy,
)

from policies.box_users import ManagedBoxUser, departure_policy, managed_box_users
from policies.production import is_production, stack_name
from policies.reading import Unknown
from policies.settings import checking_config
from policies.violations import violation

FORCE_DELETE_REMEDIATION = (
    "set provisioning.deprovision to disable (the account is deactivated, content kept) or "
    "transfer (content moved to provisioning.custodian); a stack is production unless its "
    "name matches a pattern of components/production.py (dev, dev-*, test-*...)"
)
CUSTODIAN_REMEDIATION = (
    "set provisioning.custodian to the login of an active Box user this stack manages (list "
    "them in box.users or assign them in Entra), or use provisioning.deprovision: disable"
)


def validate_no_force_delete_in_production(
    args: StackValidationArgs, report_violation: ReportViolation
) -> None:
    """One violation when a production stack would force-delete the users it removes."""
    policy = departure_policy(args.resources)
    if policy is None or policy.deprovision != "delete":
        return
    stack = stack_name(resource.urn for resource in args.resources)
    if not is_production(stack):
        return
    which = (
        f"stack {stack!r} is production"
        if stack
        else "the stack's name cannot be read from its URNs, so it counts as production"
    )
    problem = (
        f"{which} and force-deletes every Box user who leaves it, their files included "
        "(provisioning.deprovision: delete)"
    )
    report_violation(violation(problem, FORCE_DELETE_REMEDIATION), policy.urn)


def validate_transfer_custodian(
    args: StackValidationArgs, report_violation: ReportViolation
) -> None:
    """One violation when leavers' content would go to an unusable custodian."""
    policy = departure_policy(args.resources)
    if policy is None or policy.deprovision != "transfer":
        return
    if isinstance(policy.custodian, Unknown):
        return
    users = managed_box_users(args.resources)
    by_login = {user.login: user for user in users if isinstance(user.login, str)}
    problem, urn = _custodian_problem(policy.custodian, by_login, len(by_login) == len(users))
    if problem is None:
        return
    message = (
        f"people who leave this stack's Box move their content to {problem}; the transfer "
        "would fail only when someone leaves, long after this change ships"
    )
    report_violation(violation(message, CUSTODIAN_REMEDIATION), urn or policy.urn)


def _custodian_problem(
    custodian: str | None, by_login: Mapping[str, ManagedBoxUser], logins_known: bool
) -> tuple[str | None, str | None]:
    """What is wrong with the custodian (None if nothing or not known yet), and its URN."""
    if custodian is None:
        return "no custodian at all", None
    managed = by_login.get(custodian)
    if managed is None:
        problem = f"custodian {custodian!r}, who is not a Box user managed by this stack"
        return (problem if logins_known else None), None
    if isinstance(managed.status, Unknown) or managed.status == "active":
        return None, None
    status = managed.status or "not recorded"
    return f"custodian {custodian!r}, whose Box status is {status}, not active", managed.urn


NO_FORCE_DELETE_IN_PRODUCTION = StackValidationPolicy(
    name="box-no-force-delete-in-production",
    description="Production stacks never force-delete Box users (deprovision: delete).",
    enforcement_level=EnforcementLevel.MANDATORY,
    validate=checking_config(validate_no_force_delete_in_production),
    remediation_steps=FORCE_DELETE_REMEDIATION,
)

TRANSFER_CUSTODIAN = StackValidationPolicy(
    name="box-transfer-custodian-is-managed-and-active",
    description="Content transfer goes to a custodian who is a managed, active Box user.",
    enforcement_level=EnforcementLevel.MANDATORY,
    validate=checking_config(validate_transfer_custodian),
    remediation_steps=CUSTODIAN_REMEDIATION,
)
