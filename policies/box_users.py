"""The Box users a stack manages and how they leave, read for the stack policies.

Used by `box_deprovision`, `box_coadmins` and `entra_assignments`: users from the stack's
`box:User` resources, or the entries of its `box:UserShard` resources (one per person, as if
each were a resource), the deprovision policy from its departures resource (`box:Departures`).
Each person's spec facts (`assigned_via`, `role_explicit`) come from the Box tenant
component's `spec_facts` output, by the person's stable key (their `box:User`'s name, or
their entry's key in a shard), so that they are never a resource step (docs/policies.md);
a stack whose tenant records none (written by an older program) has them on each resource.
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
    """Every `box:User` of the stack, then every entry of its user shards."""
    listed = list(resources)
    facts = recorded_facts(listed)
    users = [
        _user(resource.urn, resource.props, _facts_of(facts, resource.name, resource.props))
        for resource in of_type(listed, BOX_USER)
    ]
    for shard in of_type(listed, BOX_USER_SHARD):
        users += _shard_users(shard, facts)
    return users


def recorded_facts(resources: Iterable[PolicyResource]) -> Facts:
    """The Box tenant's `spec_facts` output: facts by stable key (None: no tenant has one)."""
    for tenant in of_type(resources, BOX_TENANT):
        facts = prop(tenant.props, SPEC_FACTS)
        if isinstance(facts, Unknown | Mapping):
            return facts
    return None


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
