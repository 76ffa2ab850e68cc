"""The policies read each person's spec facts from the Box tenant's `spec_facts` output.

`assigned_via` and `role_explicit` are no input of a `box:User` or a shard entry (a change
to them would list an update per person); the tenant component records them once, by
stable key, and the engine hands its outputs to the stack policies. A user shard stores
its people once, in its inputs, which policies are not handed: so the facts also carry
each person's role and status, and in a stack of shards the people are read from the
tenant, whose URN a violation names. Each violation names the person by login, in both
user models, and in a stack an older program wrote (facts without role and status, people
in the shards' outputs) on the URN of the shard that holds them.
"""

from __future__ import annotations

from typing import Any

import pytest
from pulumi_policy import PolicyResource

from policies.box_coadmins import validate_coadmins_explicit
from policies.entra_assignments import validate_box_users_assigned
from policies.reading import BOX_TENANT, BOX_USER, BOX_USER_SHARD
from tests.policies.support import (
    UNKNOWN,
    app_role_assignment,
    box_tenant,
    check_stack,
    enterprise_app,
    resource,
    urn,
)

ANN, BOB = "ann@contoso.com", "bob@contoso.com"
KEYS = {ANN: "0a-ann", BOB: "0b-bob"}
# `shards-older`: facts without role and status, each shard's people in its outputs.
MODELS = ["per-user", "shards", "shards-older"]


def person(login: str, role: str = "user") -> dict[str, Any]:
    """A person's Box fields as their resource (or shard entry) records them: no facts."""
    return {"login": login, "name": login.split("@")[0].title(), "status": "active", "role": role}


def holders(model: str, *people: dict[str, Any]) -> list[PolicyResource]:
    """Each person's `box:User` (named by key), or one shard holding them all."""
    if model == "per-user":
        return [resource(BOX_USER, KEYS[p["login"]], p) for p in people]
    if model == "shards":
        # As the engine hands it over: the people are stored in the shard's inputs only.
        return [resource(BOX_USER_SHARD, "users-001", {"shard": "users-001"})]
    users = {KEYS[p["login"]]: p for p in people}
    return [resource(BOX_USER_SHARD, "users-001", {"shard": "users-001", "users": users})]


def facts(login: str, via: list[str], explicit: bool = False) -> dict[str, Any]:
    return {KEYS[login]: {"login": login, "assigned_via": via, "role_explicit": explicit}}


DEFAULTS = {"role": "user", "status": "active", "role_explicit": False}


def tenant_of(model: str, recorded: dict[str, Any], *people: dict[str, Any]) -> PolicyResource:
    """The tenant with these facts; in a stack of shards they say each person's role and
    status (where `people` gives them), as the program records them: a fact equal to its
    default left out, the defaults recorded beside them."""
    if model != "shards":
        return box_tenant(recorded)
    fields = {KEYS[p["login"]]: {"role": p["role"], "status": p["status"]} for p in people}
    full = {key: {**fact, **fields.get(key, {})} for key, fact in recorded.items()}
    compact = {
        key: {name: value for name, value in fact.items() if DEFAULTS.get(name) != value}
        for key, fact in full.items()
    }
    return box_tenant(compact, defaults=DEFAULTS)


def holder_urn(model: str, login: str) -> str:
    if model == "per-user":
        return urn(BOX_USER, KEYS[login])
    if model == "shards":
        return urn(BOX_TENANT, "box")
    return urn(BOX_USER_SHARD, "users-001")


def entra_side() -> list[PolicyResource]:
    return [enterprise_app(), app_role_assignment("assignment-group-engineering")]


@pytest.mark.parametrize("model", MODELS)
def test_a_user_in_scope_through_an_assigned_group_passes(model: str) -> None:
    tenant = tenant_of(model, facts(ANN, ["group:Engineering"]), person(ANN))

    found = check_stack(
        validate_box_users_assigned, [*entra_side(), tenant, *holders(model, person(ANN))]
    )

    assert not found


@pytest.mark.parametrize("model", MODELS)
def test_a_user_whose_assignment_is_removed_fails_coverage_on_their_holder(model: str) -> None:
    recorded = {**facts(ANN, ["group:Engineering"]), **facts(BOB, ["group:Sales"])}
    tenant = tenant_of(model, recorded, person(ANN), person(BOB))
    stack = [*entra_side(), tenant, *holders(model, person(ANN), person(BOB))]

    found = check_stack(validate_box_users_assigned, stack)

    assert len(found.messages) == 1
    assert f"Box user {BOB} is in scope through group:Sales" in found.messages[0]
    assert found.urns == [holder_urn(model, BOB)]


@pytest.mark.parametrize("model", MODELS)
def test_the_tenant_s_facts_win_over_stale_facts_an_older_version_left_on_a_resource(
    model: str,
) -> None:
    # A same step keeps a resource's old outputs: facts recorded there may be stale.
    stale = {**person(ANN), "assigned_via": ["group:Sales"], "role_explicit": False}
    tenant = tenant_of(model, facts(ANN, ["group:Engineering"]), person(ANN))

    found = check_stack(
        validate_box_users_assigned, [*entra_side(), tenant, *holders(model, stale)]
    )

    assert not found


# In a stack of shards today the tenant's facts are the people: no one lacks them.
@pytest.mark.parametrize("model", ["per-user", "shards-older"])
def test_a_person_the_tenant_records_no_facts_for_is_reported(model: str) -> None:
    tenant = box_tenant(facts(ANN, ["group:Engineering"]))
    stack = [*entra_side(), tenant, *holders(model, person(ANN), person(BOB))]

    found = check_stack(validate_box_users_assigned, stack)

    assert [f"Box user {BOB} has no assigned_via on record" in m for m in found.messages] == [True]


@pytest.mark.parametrize("model", MODELS)
@pytest.mark.parametrize(("explicit", "violates"), [(True, False), (False, True)])
def test_the_co_admin_policy_sees_explicit_co_admins_on_the_tenant(
    model: str, explicit: bool, violates: bool
) -> None:
    recorded = facts(ANN, ["user:ann@contoso.com"], explicit=explicit)
    tenant = tenant_of(model, recorded, person(ANN, "coadmin"))

    found = check_stack(
        validate_coadmins_explicit, [tenant, *holders(model, person(ANN, "coadmin"))]
    )

    assert bool(found) is violates
    if violates:
        assert (
            f"Box user {ANN} is a co-admin but that role comes from box.defaults"
            in (found.messages[0])
        )
        assert found.urns == [holder_urn(model, ANN)]


def test_facts_not_known_yet_are_judged_by_no_policy() -> None:
    tenant = box_tenant(UNKNOWN)  # type: ignore[arg-type]
    stack = [*entra_side(), tenant, *holders("per-user", person(ANN, "coadmin"))]

    assert not check_stack(validate_box_users_assigned, stack)
    assert not check_stack(validate_coadmins_explicit, stack)
