"""The spec facts the policies read make no user step: a group rename lists no member update.

Each person's `assigned_via` and `role_explicit` are recorded once per stack, as the Box
tenant component's `spec_facts` output (components/box/spec_facts.py), which the engine
hands to the stack policies in `preview` and `up` without making any step for it. So
renaming an assigned Entra group previews no `box:User` or `box:UserShard` update, a change
of how someone is assigned alone previews nothing, and the policies still see the facts, in
both user models (issue 15, point 8). The coverage policy needs the Entra side, which these
engine tests cannot run (no pulumi-azuread plugin here): tests/policies covers it.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import pytest

from tests.conftest import NewEngineStack
from tests.e2e.test_adoption import with_overrides
from tests.support.box_only_spec import SMALL_ORG, Org
from tests.support.engine import POLICY_PACK, EngineStack, user_model_config

pytestmark = pytest.mark.engine

ADA, GRACE, IT = "ada@contoso.example", "grace@contoso.example", "it@contoso.example"
MODELS = ["per-user", "shards"]
PACK = ("--policy-pack", str(POLICY_PACK))
PASSED = "✅ entra-box-guardrails"
FACTS = ("assigned_via", "role_explicit")
ENG_ID, RESEARCH_ID = "3f2504e0-4f89-41d3-9a0c-0305e82c0e01", "3f2504e0-4f89-41d3-9a0c-0305e82c0e02"
KEYED = replace(SMALL_ORG, group_object_ids={"Engineering": ENG_ID, "Research": RESEARCH_ID})


def stack_in(new_engine_stack: NewEngineStack, model: str) -> EngineStack:
    stack = new_engine_stack("e2e")
    stack.set_config(user_model_config(model))
    return stack


def deployed_then_edited(
    new_engine_stack: NewEngineStack, model: str, first: Org, edited: Org
) -> EngineStack:
    """A stack in `model` that `up` (gated by the pack) deployed `first` to, now at `edited`."""
    stack = stack_in(new_engine_stack, model)
    stack.write_spec(first.spec())
    stack.up(*PACK)
    stack.write_spec(edited.spec())
    return stack


def with_group_renamed(org: Org, old: str, new: str) -> Org:
    """The assigned Entra group `old` is now called `new` (same object id, same members)."""
    groups = {new if name == old else name: members for name, members in org.groups.items()}
    ids = {new if name == old else name: value for name, value in org.group_object_ids.items()}
    return replace(org, groups=groups, group_object_ids=ids)


def changed_steps(stack: EngineStack) -> list[tuple[str, str]]:
    """(op, type) of every step `pulumi preview` plans that is not 'same'."""
    run = stack.preview_json()
    assert run.ok, run.describe()
    steps = [step for step in run.json()["steps"] if step["op"] != "same"]
    return sorted((step["op"], _type_of(step["urn"])) for step in steps)


def _type_of(urn: str) -> str:
    """The resource's own type in its URN (after its parents' types)."""
    return urn.split("::")[2].rsplit("$", 1)[-1]


def user_holders(types: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(op, kind) for op, kind in types if kind.endswith(("box:User", "box:UserShard"))]


def tenant_facts(stack: EngineStack) -> dict[str, Any]:
    """The tenant's facts by key, each filled in as the policies read them: a fact equal to
    `spec_facts_defaults`, and a login equal to the key, are left out of the state."""
    (tenant,) = stack.resources("box:Tenant")
    defaults = tenant["outputs"]["spec_facts_defaults"]
    facts = tenant["outputs"]["spec_facts"]
    return {key: {**defaults, "login": key, **entry} for key, entry in facts.items()}


def recorded_facts_of_users(stack: EngineStack) -> list[str]:
    """The spec facts any user resource or shard entry still records (expected: none)."""
    return sorted(
        f"{login}.{fact}"
        for login, user in stack.recorded_users().items()
        for fact in FACTS
        if fact in user
    )


@pytest.mark.parametrize("model", MODELS)
def test_renaming_an_assigned_group_previews_no_update_of_its_members(
    new_engine_stack: NewEngineStack, model: str
) -> None:
    renamed = with_group_renamed(KEYED, "Research", "Research Lab")
    stack = deployed_then_edited(new_engine_stack, model, KEYED, renamed)

    steps = changed_steps(stack)
    gated = stack.preview(*PACK)

    assert user_holders(steps) == [], steps
    assert ("update", "pulumi-python:dynamic/box:Group") in steps  # the Box group's name
    assert gated.ok and PASSED in gated.stdout, gated.describe()
    stack.up(*PACK)
    facts = {entry["login"]: entry["assigned_via"] for entry in tenant_facts(stack).values()}
    assert facts[GRACE] == ["group:Research Lab"]
    assert facts[ADA] == ["group:Engineering", "group:Research Lab"]
    assert recorded_facts_of_users(stack) == []


@pytest.mark.parametrize("model", MODELS)
def test_a_change_of_how_someone_is_assigned_alone_is_no_change(
    new_engine_stack: NewEngineStack, model: str
) -> None:
    # Ada, in scope through two groups, is now assigned directly as well.
    direct = replace(SMALL_ORG, direct=(*SMALL_ORG.direct, ADA))
    stack = deployed_then_edited(new_engine_stack, model, SMALL_ORG, direct)

    preview = stack.preview("--expect-no-changes", *PACK)

    assert preview.ok and PASSED in preview.stdout, preview.describe()


@pytest.mark.parametrize("model", MODELS)
def test_the_co_admin_policy_sees_a_co_admin_named_in_the_spec_as_explicit(
    new_engine_stack: NewEngineStack, model: str
) -> None:
    stack = stack_in(new_engine_stack, model)
    stack.write_spec(with_overrides(SMALL_ORG.spec(), {IT: {"role": "coadmin"}}))

    first = stack.preview(*PACK)
    stack.up(*PACK)
    again = stack.preview("--expect-no-changes", *PACK)

    for run in (first, again):
        assert run.ok and PASSED in run.stdout, run.describe()
        assert "box-coadmins-explicit" not in run.stdout
    assert [entry["role_explicit"] for entry in tenant_facts(stack).values()].count(True) == 1


def as_an_older_version_recorded(deployment: dict[str, Any], via: str) -> None:
    """Write the spec facts into every user resource and shard entry, as versions did."""
    facts = {"assigned_via": [via], "role_explicit": False}
    for resource in deployment["resources"]:
        for section in ("inputs", "outputs"):
            props = resource.get(section) or {}
            if resource["type"].endswith("box:User"):
                props.update(facts)
            if resource["type"].endswith("box:UserShard"):
                for entry in (props.get("users") or {}).values():
                    entry.update(facts)


@pytest.mark.parametrize("model", MODELS)
def test_a_state_whose_users_still_record_the_facts_previews_no_change(
    new_engine_stack: NewEngineStack, model: str
) -> None:
    stack = stack_in(new_engine_stack, model)
    stack.write_spec(SMALL_ORG.spec())
    stack.up()
    exported = stack.export_state()
    as_an_older_version_recorded(exported["deployment"], "group:Renamed Since")
    path = stack.root / "older.json"
    path.write_text(json.dumps(exported))
    stack.pulumi("stack", "import", "--file", str(path), check=True)
    assert recorded_facts_of_users(stack) != []

    preview = stack.preview("--expect-no-changes", *PACK)
    # The daily drift check: the refresh drops the facts, which is no change either.
    drift_check = stack.preview("--refresh", "--expect-no-changes", *PACK)

    # The stale facts on the users are neither a change nor read by the policies.
    for run in (preview, drift_check):
        assert run.ok and PASSED in run.stdout, run.describe()
