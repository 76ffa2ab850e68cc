"""The entra-box policy pack's contents: its name and its policies, in documentation order.

`policies/__main__.py` builds the `PolicyPack` from these (constructing one serves gRPC and
blocks, so nothing else may); tests and docs/policies.md check read them here.
"""

from __future__ import annotations

from typing import Final

from pulumi_policy import EnforcementLevel, ResourceValidationPolicy, StackValidationPolicy

from policies.box_coadmins import COADMIN_LIMIT, COADMINS_EXPLICIT
from policies.box_deprovision import NO_FORCE_DELETE_IN_PRODUCTION, TRANSFER_CUSTODIAN
from policies.entra_app import ASSIGNMENT_REQUIRED_AND_SAML, NOTIFICATION_EMAILS
from policies.entra_assignments import BOX_USERS_ASSIGNED, NO_DEFAULT_ACCESS_ROLE

PACK_NAME: Final = "entra-box-guardrails"
# Every policy sets its own level; this applies only to a policy that would not.
PACK_ENFORCEMENT: Final = EnforcementLevel.MANDATORY

POLICIES: Final[tuple[ResourceValidationPolicy | StackValidationPolicy, ...]] = (
    NO_DEFAULT_ACCESS_ROLE,
    ASSIGNMENT_REQUIRED_AND_SAML,
    NOTIFICATION_EMAILS,
    NO_FORCE_DELETE_IN_PRODUCTION,
    TRANSFER_CUSTODIAN,
    COADMIN_LIMIT,
    COADMINS_EXPLICIT,
    BOX_USERS_ASSIGNED,
)
