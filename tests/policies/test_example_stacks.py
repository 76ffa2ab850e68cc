"""The example stacks, built by the real program under Pulumi mocks, pass the whole pack.

`stacks/<stack>.yaml` runs through the project's `__main__.py` (a `FakeTenant` holding the
spec's inline directory answers the Entra lookups); what it registers is handed to every
policy as the analyzer would, with `policies/config/<stack>.json` applied. This ties the
policies to the resources the program really makes: type tokens, property names, resource
names. Spec edits then show the Box-side policies firing on what a spec can get wrong.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml
from pulumi_policy import PolicyResource

from components.program import StackParts, build_stack
from policies.pack import POLICIES
from policies.reading import BOX_TENANT, SPEC_FACTS
from tests.entra.fake_tenant import FakeTenant
from tests.entra.harness import run_program
from tests.policies.support import check_policy, resource

ROOT = Path(__file__).resolve().parents[2]


def tenant_for(spec: Mapping[str, Any]) -> FakeTenant:
    """Entra holding the spec's inline directory (users, and groups of direct members)."""
    tenant = FakeTenant()
    directory = spec.get("directory", {})
    users = {
        entry["userPrincipalName"]: tenant.add_user(
            entry["userPrincipalName"], entry["displayName"], mail=entry["userPrincipalName"]
        )
        for entry in directory.get("users", [])
    }
    for group in directory.get("groups", []):
        tenant.add_group(group["displayName"], [users[m] for m in group["members"] if m in users])
    return tenant


def registered(stack: str, spec_text: str, tmp_path: Path) -> list[PolicyResource]:
    """Every resource the program registers for this spec, as policy resources."""
    path = tmp_path / f"{stack}.yaml"
    path.write_text(spec_text)
    tenant = tenant_for(yaml.safe_load(spec_text))
    built: list[StackParts] = []
    run_program(tenant, lambda: built.append(build_stack(path)), stack=stack)
    outputs = component_outputs(built[0])
    return [
        resource(r.type, r.name, outputs.get(r.type, r.inputs), stack) for r in tenant.resources
    ]


def component_outputs(parts: StackParts) -> dict[str, dict[str, Any]]:
    """What the engine would hand the policies for a component: the outputs it registers.

    Mocks drop a component's registered outputs, so the Box tenant's `spec_facts` (the facts
    the policies read) are taken from the component the program built.
    """
    if parts.box_tenant is None:
        return {}
    return {BOX_TENANT: {SPEC_FACTS: parts.box_tenant.spec_facts}}


def analyze(stack: str, resources: list[PolicyResource]) -> dict[str, list[str]]:
    """Each enabled policy's violations under the stack's policy config file."""
    config = json.loads((ROOT / "policies" / "config" / f"{stack}.json").read_text())
    return {
        policy.name: check_policy(policy, resources, settings(config.get(policy.name))).messages
        for policy in POLICIES
        if config.get(policy.name) != "disabled"
    }


def settings(entry: str | dict[str, Any] | None) -> dict[str, Any]:
    """A config file entry's properties: all but its enforcement level."""
    if not isinstance(entry, dict):
        return {}
    return {key: value for key, value in entry.items() if key != "enforcementLevel"}


def spec(stack: str, *edits: tuple[str, str]) -> str:
    text = (ROOT / "stacks" / f"{stack}.yaml").read_text()
    for old, new in edits:
        assert old in text
        text = text.replace(old, new, 1)
    return text


@pytest.mark.parametrize("stack", ["dev", "prod", "demo"])
def test_each_example_stack_passes_every_policy(stack: str, tmp_path: Path) -> None:
    resources = registered(stack, spec(stack), tmp_path)

    violations = analyze(stack, resources)

    assert {name: found for name, found in violations.items() if found} == {}
    assert len(violations) == len(POLICIES)


# The program refuses some mistakes itself (an inactive custodian, a role the app lacks, and
# the guardrails of components/guardrails, so that a run without the pack cannot skip them);
# these are the ones a spec can make that only the policies stop.
EDITS = {
    "no-notification-emails": (
        "prod",
        ("    notificationEmails: [box-provisioning@contoso.com, it-oncall@contoso.com]\n", ""),
        {"box-app-notification-emails": "has 0 notification email address(es), fewer than 2"},
    ),
}


@pytest.mark.parametrize(("stack", "edit", "expected"), EDITS.values(), ids=EDITS.keys())
def test_a_spec_edit_that_breaks_a_guardrail_is_reported_by_its_policy(
    stack: str, edit: tuple[str, str], expected: dict[str, str], tmp_path: Path
) -> None:
    resources = registered(stack, spec(stack, edit), tmp_path)

    violations = analyze(stack, resources)

    assert sorted(name for name, found in violations.items() if found) == sorted(expected)
    for policy, words in expected.items():
        assert any(words in message for message in violations[policy]), violations[policy]


# The access guardrails fail the program itself (a plain `pulumi preview`), once per cause.
REFUSED = {
    "force-delete": (
        "prod",
        ("deprovision: transfer", "deprovision: delete"),
        "stack 'prod' is production and would force-delete",
    ),
    "coadmin-by-default": (
        "prod",
        ("  defaults:\n", "  defaults:\n    role: coadmin\n"),
        "role: coadmin as a default makes",
    ),
    "too-many-coadmins": (
        "prod",
        (
            "    ruth.ginsburg@contoso.com:\n",
            "    ruth.ginsburg@contoso.com:\n      role: coadmin\n",
        ),
        "2 Box users are co-admins (it.admin@contoso.com, ruth.ginsburg",
    ),
}


@pytest.mark.parametrize(("stack", "edit", "expected"), REFUSED.values(), ids=REFUSED.keys())
def test_a_spec_edit_that_breaks_an_access_guardrail_is_refused_by_the_program(
    stack: str, edit: tuple[str, str], expected: str, tmp_path: Path
) -> None:
    with pytest.raises(Exception, match="guardrails that protect Box access") as refused:
        registered(stack, spec(stack, edit), tmp_path)

    assert expected in str(refused.value)
    assert str(refused.value).count("[mandatory: ") == 1
