"""The Box users a stack manages and how they leave, read for the stack policies.

Used by `box_deprovision`, `box_coadmins` and `entra_assignments`: users from the stack's
`box:User` resources, or, in a stack of user shards, the people of the Box tenant's
`spec_facts` output (one per person, as if each were a resource, reported on the tenant);
the deprovision policy from its departures resource (`box:Departures`). A shard stores its
people once, in its inputs (`components/provider_host/stored_once.py`), and a policy is
handed outputs only, so the tenant's facts (login, role, status, `assigned_via`,
`role_explicit`, by stable key) are where the pack reads them; a `box:User`'s own outputs
give its Box fields, and the facts by its name give the rest (docs/policies.md). A stack
whose tenant records no facts, or facts without role and status (written by an older
program), is read from the shards' `users` output and each resource, as then.
Each field is read with `policies.reading`, so it may be `UNKNOWN` during a preview or None
when a resource made by an older program lacks it; the policies decide what each case means.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pulumi_policy import PolicyResource
from pulumi_policy.proxy import UnknownValueError

from policies.reading import (
    BOX_DEPARTURES,
    BOX_TENANT,
    BOX_USER,
    BOX_USER_SHARD,
    SPEC_FACTS,
    SPEC_FACTS_DEFAULTS,
    UNKNOWN,
    Unknown,
    flag,
    of_type,
    prop,
    strings,
    text,
)


@dataclass(frozen=True)
class ManagedBoxUser:
    """One `box:User` resource as the policies see it."""

    urn: str
    login: str | Unknown | None
    status: str | Unknown | None
    role: str | Unknown | None
    role_explicit: bool | Unknown | None
    assigned_via: tuple[str, ...] | Unknown | None

    @property
    def label(self) -> str:
        """The login when known, for messages."""
        return self.login if isinstance(self.login, str) else f"(login not known yet; {self.urn})"


# Each person's spec facts by stable key; UNKNOWN when not known yet; None when the
# stack's tenant records none (an older program kept them on each resource).
Facts = Mapping[str, Any] | Unknown | None
_NO_FACTS: Mapping[str, Any] = {}


def _user(urn: str, props: Mapping[str, Any], facts: Mapping[str, Any] | Unknown) -> ManagedBoxUser:
    role_explicit: bool | Unknown | None = UNKNOWN
    assigned_via: tuple[str, ...] | Unknown | None = UNKNOWN
    if not isinstance(facts, Unknown):
        role_explicit, assigned_via = flag(facts, "role_explicit"), strings(facts, "assigned_via")
    return ManagedBoxUser(
        urn=urn,
        login=_lower(text(props, "login")),
        status=text(props, "status"),
        role=text(props, "role"),
        role_explicit=role_explicit,
        assigned_via=assigned_via,
    )


def managed_box_users(resources: Iterable[PolicyResource]) -> list[ManagedBoxUser]:
    """Every `box:User` of the stack, then every person its user shards hold."""
    listed = list(resources)
    facts = recorded_facts(listed)
    users = [
        _user(resource.urn, resource.props, _facts_of(facts, resource.name, resource.props))
        for resource in of_type(listed, BOX_USER)
    ]
    shards = of_type(listed, BOX_USER_SHARD)
    if shards and _with_fields(facts):
        held = {resource.name for resource in of_type(listed, BOX_USER)}
        return users + _people_of(_tenant_urn(listed), facts, held)
    for shard in shards:
        users += _shard_users(shard, facts)
    return users


def recorded_facts(resources: Iterable[PolicyResource]) -> Facts:
    """The Box tenant's `spec_facts` output: facts by stable key (None: no tenant has one).

    Where the tenant also records `spec_facts_defaults`, each entry leaves out the facts
    equal to them and a login equal to its key: those are filled in here.
    """
    for tenant in of_type(resources, BOX_TENANT):
        facts = prop(tenant.props, SPEC_FACTS)
        defaults = prop(tenant.props, SPEC_FACTS_DEFAULTS)
        if isinstance(facts, Mapping) and isinstance(defaults, Mapping):
            return _filled_in(facts, defaults)
        if isinstance(facts, Unknown | Mapping):
            return facts
    return None


def _filled_in(facts: Mapping[str, Any], defaults: Mapping[str, Any]) -> Facts:
    try:
        return {
            str(key): {**defaults, "login": str(key), **entry}
            for key, entry in facts.items()
            if isinstance(entry, Mapping)
        }
    except UnknownValueError:
        return UNKNOWN


def _facts_of(facts: Facts, key: str, recorded: Mapping[str, Any]) -> Mapping[str, Any] | Unknown:
    """One person's facts: the tenant's entry for `key`, or what their resource recorded."""
    if facts is None:
        return recorded  # an older program kept them with each user
    if isinstance(facts, Unknown):
        return facts
    try:
        entry = facts.get(key)
    except UnknownValueError:
        return UNKNOWN
    return entry if isinstance(entry, Mapping) else _NO_FACTS


def _with_fields(facts: Facts) -> bool:
    """Whether the facts say each person's role and status (UNKNOWN: they will)."""
    if isinstance(facts, Unknown):
        return True
    if not isinstance(facts, Mapping):
        return False
    try:
        return all(isinstance(entry, Mapping) and "role" in entry for entry in facts.values())
    except UnknownValueError:
        return True


def _people_of(urn: str, facts: Facts, held: set[str]) -> list[ManagedBoxUser]:
    """The people of the tenant's facts that no `box:User` holds: those of the shards."""
    if not isinstance(facts, Mapping):
        return []  # not known yet: judged once it is
    return [
        _user(urn, entry, entry)
        for key, entry in facts.items()
        if str(key) not in held and isinstance(entry, Mapping)
    ]


def _tenant_urn(resources: Iterable[PolicyResource]) -> str:
    return next(tenant.urn for tenant in of_type(resources, BOX_TENANT))


def _shard_users(shard: PolicyResource, facts: Facts) -> list[ManagedBoxUser]:
    entries = prop(shard.props, "users")
    if not isinstance(entries, Mapping):
        return []
    return [
        _user(shard.urn, entry, _facts_of(facts, str(key), entry))
        for key, entry in entries.items()
        if isinstance(entry, Mapping)
    ]


@dataclass(frozen=True)
class DeparturePolicy:
    """How people who leave the stack's Box leave: the departures resource's policy."""

    urn: str
    deprovision: str | Unknown | None
    custodian: str | Unknown | None


def departure_policy(resources: Iterable[PolicyResource]) -> DeparturePolicy | None:
    """The stack's departures policy, or None in a stack without departures."""
    for resource in of_type(resources, BOX_DEPARTURES):
        props = resource.props
        return DeparturePolicy(
            urn=resource.urn,
            # The departures' own default when an input is not recorded.
            deprovision=text(props, "deprovision") or "disable",
            custodian=_lower(text(props, "custodian")),
        )
    return None


def _lower(value: str | Unknown | None) -> str | Unknown | None:
    return value.strip().lower() if isinstance(value, str) else value
