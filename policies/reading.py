"""Reading resources as the policy engine hands them over: unknown-safe, missing-safe.

Every validator in `policies/` reads properties through these helpers, never by indexing
`props`. During a preview some values are not known yet (an app role id computed from the
service principal's roles, a Box user id): pulumi_policy marks them with sentinel strings
and its property proxy raises `UnknownValueError` when one is read. Here such a value reads
as `UNKNOWN`, which every policy treats as "cannot judge yet" (never a violation), and a
missing property reads as None, so no policy crashes on a resource an older program made.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

from pulumi_policy import PolicyResource
from pulumi_policy.proxy import (
    UNKNOWN_ARCHIVE_VALUE,
    UNKNOWN_ARRAY_VALUE,
    UNKNOWN_ASSET_VALUE,
    UNKNOWN_BOOLEAN_VALUE,
    UNKNOWN_NUMBER_VALUE,
    UNKNOWN_OBJECT_VALUE,
    UNKNOWN_STRING_VALUE,
    UnknownValueError,
)

# Type tokens of the resources the policies read (see components/box and components/entra).
BOX_USER: Final = "pulumi-python:dynamic/box:User"
# A shard of users (entra-box:userModel: shards): `users` maps stable key -> user inputs.
BOX_USER_SHARD: Final = "pulumi-python:dynamic/box:UserShard"
BOX_DEPARTURES: Final = "pulumi-python:dynamic/box:Departures"
# The Box tenant component; its `spec_facts` output maps each user's stable key to the
# facts of the spec the policies read (components/box/spec_facts.py).
BOX_TENANT: Final = "entra-box:box:Tenant"
SPEC_FACTS: Final = "spec_facts"
# What a fact left out of a person's entry is (and a login left out is their key).
SPEC_FACTS_DEFAULTS: Final = "spec_facts_defaults"
BOX_ENTERPRISE_APP: Final = "entra-box:entra:BoxEnterpriseApp"
SERVICE_PRINCIPAL: Final = "azuread:index/servicePrincipal:ServicePrincipal"
APP_ROLE_ASSIGNMENT: Final = "azuread:index/appRoleAssignment:AppRoleAssignment"

_SENTINELS: Final = frozenset(
    {
        UNKNOWN_ARCHIVE_VALUE,
        UNKNOWN_ARRAY_VALUE,
        UNKNOWN_ASSET_VALUE,
        UNKNOWN_BOOLEAN_VALUE,
        UNKNOWN_NUMBER_VALUE,
        UNKNOWN_OBJECT_VALUE,
        UNKNOWN_STRING_VALUE,
    }
)


class Unknown:
    """A value the engine does not know yet (during a preview)."""

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Final = Unknown()


def prop(props: Mapping[str, Any], key: str) -> Any:
    """`props[key]`: None when absent, `UNKNOWN` when not known yet."""
    try:
        value = props.get(key)
    except UnknownValueError:
        return UNKNOWN
    return UNKNOWN if _is_sentinel(value) else value


def text(props: Mapping[str, Any], key: str) -> str | Unknown | None:
    """A string property; anything that is not a string (or unknown) reads as None."""
    value = prop(props, key)
    return value if isinstance(value, str | Unknown) else None


def flag(props: Mapping[str, Any], key: str) -> bool | Unknown | None:
    """A boolean property; anything that is not a boolean (or unknown) reads as None."""
    value = prop(props, key)
    return value if isinstance(value, bool | Unknown) else None


def strings(props: Mapping[str, Any], key: str) -> tuple[str, ...] | Unknown | None:
    """A list of strings; `UNKNOWN` if the list or any item is not known yet.

    None when absent or not a list; items that are not strings are left out.
    """
    value = prop(props, key)
    if isinstance(value, Unknown) or value is None:
        return value
    if isinstance(value, str) or not isinstance(value, Sequence):
        return None
    try:
        items = [value[index] for index in range(len(value))]
    except UnknownValueError:
        return UNKNOWN
    if any(_is_sentinel(item) for item in items):
        return UNKNOWN
    return tuple(item for item in items if isinstance(item, str))


def of_type(resources: Iterable[PolicyResource], resource_type: str) -> list[PolicyResource]:
    """The resources of exactly this type, in the engine's order."""
    return [resource for resource in resources if resource.resource_type == resource_type]


def stack_of(urn: str) -> str | None:
    """The stack name in a URN (`urn:pulumi:<stack>::<project>::<type>::<name>`)."""
    head, separator, _rest = urn.partition("::")
    scheme, _, stack = head.rpartition(":")
    if not separator or scheme != "urn:pulumi" or not stack:
        return None
    return stack


def _is_sentinel(value: Any) -> bool:
    return isinstance(value, str) and value in _SENTINELS
