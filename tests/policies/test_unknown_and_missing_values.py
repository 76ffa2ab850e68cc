"""No policy reports a value not known during a preview, and none crashes on a missing one.

Run over the pack's own `Policy` objects (validators wrapped as the engine calls them), with
resources of every type the pack reads.
"""

from __future__ import annotations

import pytest
from pulumi_policy import PolicyResource, ResourceValidationPolicy, StackValidationPolicy

from policies.pack import POLICIES
from policies.reading import (
    APP_ROLE_ASSIGNMENT,
    BOX_ENTERPRISE_APP,
    BOX_USER,
    SERVICE_PRINCIPAL,
)
from tests.policies.support import UNKNOWN, check_policy, resource

PROPS = {
    BOX_USER: [
        "login",
        "name",
        "status",
        "role",
        "role_explicit",
        "deprovision",
        "custodian",
        "assigned_via",
    ],
    SERVICE_PRINCIPAL: [
        "appRoleAssignmentRequired",
        "preferredSingleSignOnMode",
        "notificationEmailAddresses",
    ],
    APP_ROLE_ASSIGNMENT: ["appRoleId", "principalObjectId", "resourceObjectId"],
    BOX_ENTERPRISE_APP: [],
}


def stack(value_for: str | None) -> list[PolicyResource]:
    """One resource of each type, every property `value_for` (None: no properties at all)."""
    made: list[PolicyResource] = []
    for resource_type, keys in PROPS.items():
        props = {} if value_for is None else dict.fromkeys(keys, value_for)
        made.append(resource(resource_type, f"r-{len(made)}", props))
    return made


@pytest.mark.parametrize("policy", POLICIES, ids=[policy.name for policy in POLICIES])
def test_values_unknown_during_a_preview_are_never_a_violation(
    policy: ResourceValidationPolicy | StackValidationPolicy,
) -> None:
    assert check_policy(policy, stack(UNKNOWN)).reported == []


@pytest.mark.parametrize("policy", POLICIES, ids=[policy.name for policy in POLICIES])
def test_resources_missing_every_property_never_crash_a_policy(
    policy: ResourceValidationPolicy | StackValidationPolicy,
) -> None:
    check_policy(policy, stack(None))
