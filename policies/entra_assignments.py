"""Policies on the Box app's role assignments in Entra: a real role, and one for every user.

Built into the pack by `policies/pack.py`: a resource policy on each
`azuread:index/appRoleAssignment:AppRoleAssignment`, and a stack policy matching every
managed Box user's `assigned_via` (`user:<upn>`, `group:<display name>`; recorded on the Box
tenant's `spec_facts` output, `policies/box_users.py`) against the
stack's assignment resources, which `BoxEnterpriseApp` names
`assignment-<user|group>-<slug of the principal>` (plus `/<role>` when a principal holds
several roles; see `components.entra.naming`).
"""

from __future__ import annotations

from collections.abc import Set

from pulumi_policy import (
    EnforcementLevel,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
)

from components.entra.naming import is_assignment_of
from policies.box_users import managed_box_users
from policies.reading import (
    APP_ROLE_ASSIGNMENT,
    BOX_ENTERPRISE_APP,
    Unknown,
    of_type,
    text,
)
from policies.settings import checking_config
from policies.violations import violation

# Entra's "Default Access" role: what an assignment gets when the app publishes no role.
DEFAULT_ACCESS_ROLE_ID = "00000000-0000-0000-0000-000000000000"
ROLE_REMEDIATION = (
    "give the assignment a role the Box app publishes (role: User in entra.assignments); "
    "the Box tutorial says Default Access does not work for provisioning"
)
COVERAGE_REMEDIATION = (
    "assign the person, or a group they are a direct member of, in entra.assignments; or "
    "remove them from box.users"
)


def validate_no_default_access_role(
    args: ResourceValidationArgs, report_violation: ReportViolation
) -> None:
    """One violation when an app role assignment uses the all-zero Default Access role."""
    if args.resource_type != APP_ROLE_ASSIGNMENT:
        return
    role = text(args.props, "appRoleId")
    if isinstance(role, str) and role.strip().lower() == DEFAULT_ACCESS_ROLE_ID:
        problem = (
            f"app role assignment {args.name!r} uses the Default Access role "
            f"({DEFAULT_ACCESS_ROLE_ID}), which does not work for provisioning to Box"
        )
        report_violation(violation(problem, ROLE_REMEDIATION), None)


def validate_box_users_assigned(
    args: StackValidationArgs, report_violation: ReportViolation
) -> None:
    """One violation per Box user no app role assignment of the stack lets sign in."""
    if not of_type(args.resources, BOX_ENTERPRISE_APP):
        return  # a Box-only stack: its Entra side is managed elsewhere
    names = {resource.name for resource in of_type(args.resources, APP_ROLE_ASSIGNMENT)}
    for user in managed_box_users(args.resources):
        problem = _coverage_problem(user.assigned_via, names)
        if problem is not None:
            message = f"Box user {user.label} {problem}; Entra will refuse their sign-in to Box"
            report_violation(violation(message, COVERAGE_REMEDIATION), user.urn)


def _coverage_problem(via: tuple[str, ...] | Unknown | None, names: Set[str]) -> str | None:
    if isinstance(via, Unknown):
        return None
    if via is None:
        return "has no assigned_via on record (no spec facts for them), so it matches none"
    if not via:
        return "is in scope through no Entra assignment"
    if any(_is_assigned(entry, names) for entry in via):
        return None
    return f"is in scope through {', '.join(via)}, but the stack assigns none of them"


def _is_assigned(entry: str, names: Set[str]) -> bool:
    """`user:<upn>` or `group:<name>` has an assignment resource among `names`."""
    kind, separator, principal = entry.partition(":")
    if not separator or kind not in ("user", "group") or not principal:
        return False
    return any(is_assignment_of(name, kind, principal) for name in names)


NO_DEFAULT_ACCESS_ROLE = ResourceValidationPolicy(
    name="box-app-no-default-access-role",
    description="No app role assignment to the Box app uses the Default Access role.",
    enforcement_level=EnforcementLevel.MANDATORY,
    validate=checking_config(validate_no_default_access_role),
    remediation_steps=ROLE_REMEDIATION,
)

BOX_USERS_ASSIGNED = StackValidationPolicy(
    name="box-users-assigned-in-entra",
    description="Every managed Box user has an Entra app role assignment, direct or by group.",
    enforcement_level=EnforcementLevel.MANDATORY,
    validate=checking_config(validate_box_users_assigned),
    remediation_steps=COVERAGE_REMEDIATION,
)
