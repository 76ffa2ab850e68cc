"""The Box users a stack manages and how they leave, read for the stack policies.

Used by `box_deprovision`, `box_coadmins` and `entra_assignments`: users from the stack's
`box:User` resources, or the entries of its `box:UserShard` resources (one per person, as if
each were a resource), the deprovision policy from its departures resource (`box:Departures`).
Each field is read with `policies.reading`, so it may be `UNKNOWN` during a preview or None
when a resource made by an older program lacks it; the policies decide what each case means.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pulumi_policy import PolicyResource

from policies.reading import (
    BOX_DEPARTURES,
    BOX_USER,
    BOX_USER_SHARD,
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


def read_box_user(resource: PolicyResource) -> ManagedBoxUser:
    return _user(resource.urn, resource.props)


def _user(urn: str, props: Mapping[str, Any]) -> ManagedBoxUser:
    return ManagedBoxUser(
        urn=urn,
        login=_lower(text(props, "login")),
        status=text(props, "status"),
        role=text(props, "role"),
        role_explicit=flag(props, "role_explicit"),
        assigned_via=strings(props, "assigned_via"),
    )


def managed_box_users(resources: Iterable[PolicyResource]) -> list[ManagedBoxUser]:
    """Every `box:User` of the stack, then every entry of its user shards."""
    listed = list(resources)
    users = [read_box_user(resource) for resource in of_type(listed, BOX_USER)]
    for shard in of_type(listed, BOX_USER_SHARD):
        users += _shard_users(shard)
    return users


def _shard_users(shard: PolicyResource) -> list[ManagedBoxUser]:
    entries = prop(shard.props, "users")
    if not isinstance(entries, Mapping):
        return []
    return [_user(shard.urn, entry) for entry in entries.values() if isinstance(entry, Mapping)]


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
