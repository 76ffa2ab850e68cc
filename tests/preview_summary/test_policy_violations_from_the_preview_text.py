"""Policy violations are read from the gated preview's text (the engine's JSON omits them)."""

from __future__ import annotations

from tools.preview_summary.policy_text import policy_violations

# As `pulumi preview --policy-pack policies` prints a violation (pulumi 3.260).
TEXT = """\
    --outputs:--
    boxManagedUsers   : 4
    entra-box-guardrails@v0.1.0 [mandatory]  box-no-force-delete-in-production  \
(pulumi:pulumi:Stack: entra-box-prod)Production stacks never force-delete Box users.
stack 'prod' is production and force-deletes every Box user it removes
Remediation: set provisioning.deprovision to disable
    entra-box-guardrails@v0.1.0 [advisory]  box-coadmin-limit  (box:User: it)Few co-admins.
stack 'prod' has 2 co-admins; at most 1 is allowed
Resources:
"""


def test_each_violation_is_its_policy_level_and_message() -> None:
    assert policy_violations(TEXT) == [
        "policy box-no-force-delete-in-production (mandatory): stack 'prod' is production "
        "and force-deletes every Box user it removes",
        "policy box-coadmin-limit (advisory): stack 'prod' has 2 co-admins; at most 1 is allowed",
    ]


def test_text_without_violations_has_none() -> None:
    assert policy_violations("Previewing update (dev):\nResources:\n    8 unchanged\n") == []
