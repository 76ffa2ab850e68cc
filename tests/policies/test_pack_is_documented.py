"""docs/policies.md documents exactly the pack: every policy, its level, config and fix.

The page's "Policy pack" section (up to the next `## ` heading); each policy has a
`### \\`<name>\\`` section with its one-line description, `- Enforcement:`, `- Config:` (each
key with its default as JSON) and `- Remediation:` (the policy's remediation, word for word).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pulumi_policy import Policy

from policies.pack import PACK_ENFORCEMENT, POLICIES

POLICIES_PAGE = Path(__file__).resolve().parents[2] / "docs" / "policies.md"


def policy_pack_section() -> str:
    text = POLICIES_PAGE.read_text()
    start = text.index("\n## Policy pack")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def sections() -> dict[str, str]:
    parts = re.split(r"^### `([^`]+)`$", policy_pack_section(), flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


def test_the_policies_page_documents_exactly_the_packs_policies_in_order() -> None:
    assert list(sections()) == [policy.name for policy in POLICIES]


@pytest.mark.parametrize("policy", POLICIES, ids=[policy.name for policy in POLICIES])
def test_each_policys_section_states_its_description_level_config_and_remediation(
    policy: Policy,
) -> None:
    body = sections()[policy.name]

    assert body.strip().splitlines()[0] == policy.description
    assert f"\n- Enforcement: {(policy.enforcement_level or PACK_ENFORCEMENT).value}\n" in body
    assert f"\n- Remediation: {policy.remediation_steps}\n" in body
    properties = policy.config_schema.properties if policy.config_schema else {}
    if not properties:
        assert "\n- Config: none\n" in body
    for key, schema in properties.items():
        assert f"`{key}` (default `{json.dumps(schema['default'])}`)" in body


@pytest.mark.parametrize("policy", POLICIES, ids=[policy.name for policy in POLICIES])
def test_every_policy_sets_its_own_level_and_says_how_to_fix_a_violation(
    policy: Policy,
) -> None:
    assert policy.enforcement_level is not None
    assert policy.remediation_steps
    assert policy.description.endswith(".")
