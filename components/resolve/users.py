"""Box users: one per in-scope directory user, with every Box field the spec determines.

Each field comes from the mapped Entra attribute, then `box.defaults` for what is still
unset, then the `box.users` override that names this user (`overrides`, `bindings`).
`status` is `inactive` for a disabled Entra account, `active` otherwise, unless
overridden. Logins are compared case-insensitively and emitted lower-case; two people with
one login are an error. Each user's `key`, the name of its
resource in the stack, is its Entra object id when known, else the spec's `id`, else its
login. Every other name the resource may have had (the login before a key existed, the
`previousLogins` of a renamed person, the `id` before an object id) is one of its
`aliases`; keys, logins and aliases are one namespace, so none may be another user's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pydantic import TypeAdapter, ValidationError

from components.desired import DesiredBoxUser
from components.resolve.bindings import People
from components.resolve.directory import DirectoryUser
from components.resolve.directory_index import DirectoryIndex
from components.resolve.issues import IssueLog
from components.resolve.overrides import bind_overrides
from components.resolve.scope import Scope
from components.spec.model import BoxUserOverride, Spec
from components.spec.pydantic_errors import explain_value
from components.spec.types import (
    BoxAddress,
    BoxJobTitle,
    BoxLanguage,
    BoxName,
    BoxPhone,
    BoxTimezone,
    BoxUserRole,
    Login,
    box_language_from_locale,
)

_MAPPED_TYPES: dict[str, TypeAdapter[Any]] = {
    "login": TypeAdapter(Login),
    "name": TypeAdapter(BoxName),
    "role": TypeAdapter(BoxUserRole),
    "job_title": TypeAdapter(BoxJobTitle),
    "phone": TypeAdapter(BoxPhone),
    "address": TypeAdapter(BoxAddress),
    "language": TypeAdapter(BoxLanguage),
    "timezone": TypeAdapter(BoxTimezone),
}


_NO_OVERRIDE = BoxUserOverride()


@dataclass(frozen=True)
class BoxUsers:
    """The resolved Box users by lower-case login, each in-scope UPN's login, and who
    the spec's bindings can name."""

    by_login: dict[str, DesiredBoxUser]
    login_of: dict[str, str]
    people: People


def resolve_users(spec: Spec, index: DirectoryIndex, scope: Scope, log: IssueLog) -> BoxUsers:
    mappings = spec.provisioning.mappings.model_dump(exclude_none=True)
    defaults = spec.box.defaults.model_dump(exclude_none=True)
    identities = _identities(index, scope, mappings["login"], log)
    people = People.of(index, {key: identity.login for key, identity in identities.items()})
    overrides = bind_overrides(spec, people, log)
    by_login: dict[str, DesiredBoxUser] = {}
    login_of: dict[str, str] = {}
    for key, identity in identities.items():
        login, stack_key = identity.login, identity.key
        position, user = index.users[key]
        override = overrides.get(login, _NO_OVERRIDE)
        fields = _fields(position, user, mappings, defaults, override, log)
        if fields is None:
            continue
        via = tuple(sorted(scope.via[key]))
        names = {"login": login, "key": stack_key, "assigned_via": via}
        renames = {"previous_logins": identity.previous, "aliases": identity.aliases}
        by_login[login] = DesiredBoxUser.model_validate({**fields, **names, **renames})
        login_of[key] = login
    return BoxUsers(by_login, login_of, people)


@dataclass(frozen=True)
class _Identity:
    """A user's Box login, stack key, previous logins and former resource names."""

    login: str
    key: str
    previous: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


def _identities(
    index: DirectoryIndex, scope: Scope, attribute: str, log: IssueLog
) -> dict[str, _Identity]:
    """Each in-scope UPN key's identity, in directory order (unusable: left out)."""
    taken = _Taken()
    identities: dict[str, _Identity] = {}
    for key in sorted(scope.via, key=lambda upn: index.users[upn][0]):
        position, user = index.users[key]
        identity = _identity(position, user, attribute, taken, log)
        if identity is not None:
            identities[key] = identity
    return identities


@dataclass
class _Taken:
    """Logins and stack names given out so far, each with the UPN of the user who has it."""

    logins: dict[str, str] = field(default_factory=dict)
    stack_names: dict[str, str] = field(default_factory=dict)


def _identity(
    position: int, user: DirectoryUser, attribute: str, taken: _Taken, log: IssueLog
) -> _Identity | None:
    """The user's identity; None when it is unusable (reported)."""
    login = _login(position, user, attribute, log)
    if login is None or _collides(login, position, user, taken.logins, log):
        return None
    key = _stack_key(user, login)
    previous = tuple(sorted({old.lower() for old in user.previous_logins} - {login}))
    former = {login, *previous, *([user.spec_id.lower()] if user.spec_id else [])}
    identity = _Identity(login, key, previous, tuple(sorted(former - {key})))
    if _key_clashes(identity, position, user, taken.stack_names, log):
        return None
    return identity


def _login(position: int, user: DirectoryUser, attribute: str, log: IssueLog) -> str | None:
    value = user.attribute(attribute)
    if value is None:
        log.add(
            log.user_path(position),
            f"user {user.user_principal_name!r} has no {attribute}, "
            "which provisioning.mappings.login maps to the Box login",
            f"give the user a {attribute}, or map login to an attribute every user has",
        )
        return None
    checked = _checked(position, user, "login", attribute, value, log)
    return checked.lower() if isinstance(checked, str) else None


def _collides(
    login: str, position: int, user: DirectoryUser, owners: dict[str, str], log: IssueLog
) -> bool:
    if login not in owners:
        owners[login] = user.user_principal_name
        return False
    log.add(
        log.user_path(position),
        f"{user.user_principal_name!r} and {owners[login]!r} would both have "
        f"the Box login {login!r}",
        "Box logins are unique regardless of case; give one of them another login "
        "attribute value, or unassign one",
    )
    return True


def _stack_key(user: DirectoryUser, login: str) -> str:
    if user.object_id:
        return user.object_id.lower()
    return user.spec_id.lower() if user.spec_id else login


def _key_clashes(
    identity: _Identity, position: int, user: DirectoryUser, names: dict[str, str], log: IssueLog
) -> bool:
    # Logins are unique already (`_collides`): what is left is a key, login, previous login
    # or alias equal to another user's, which would make two people one account.
    own = dict.fromkeys((identity.key, identity.login, *identity.aliases))
    clash = next((name for name in own if name in names), None)
    if clash is None:
        names.update(dict.fromkeys(own, user.user_principal_name))
        return False
    where: str | None
    if clash in identity.previous:
        where = "previousLogins"
        hint = (
            "a previous login names one person's former account; remove it here, or from "
            "the other user's entry"
        )
    else:
        where = "objectId" if user.object_id else "id" if user.spec_id else None
        hint = (
            "a Box user is named by its objectId, else its id, else its login; an objectId "
            "is a GUID and an id is your own key, never another user's: correct it"
        )
    log.add(
        log.user_path(position, where),
        f"{user.user_principal_name!r} and {names[clash]!r} would both be named {clash!r} "
        "in the stack",
        hint,
    )
    return True


def _fields(
    position: int,
    user: DirectoryUser,
    mappings: dict[str, str],
    defaults: dict[str, Any],
    override: BoxUserOverride,
    log: IssueLog,
) -> dict[str, Any] | None:
    overridden = override.model_dump(exclude_none=True)
    mapped = _mapped(position, user, mappings, set(overridden), log)
    fields: dict[str, Any] = {**defaults, **mapped}
    fields["status"] = "active" if user.account_enabled else "inactive"
    fields.update(overridden)
    fields["role_explicit"] = "role" in mapped or "role" in overridden
    if "name" not in fields:
        log.add(
            log.user_path(position),
            f"user {user.user_principal_name!r} has no {mappings['name']}, "
            "which provisioning.mappings.name maps to the Box name",
            "give the user that attribute, or set a name in box.users for this login",
        )
        return None
    return fields


def _mapped(
    position: int,
    user: DirectoryUser,
    mappings: dict[str, str],
    overridden: set[str],
    log: IssueLog,
) -> dict[str, Any]:
    mapped: dict[str, Any] = {}
    for box_field, attribute in mappings.items():
        value = user.attribute(attribute)
        if box_field == "login" or box_field in overridden or value is None:
            continue
        if box_field == "language":
            value = box_language_from_locale(value) or value
        checked = _checked(position, user, box_field, attribute, value, log)
        if checked is not None:
            mapped[box_field] = checked
    return mapped


def _checked(
    position: int, user: DirectoryUser, box_field: str, attribute: str, value: str, log: IssueLog
) -> object | None:
    try:
        checked: object = _MAPPED_TYPES[box_field].validate_python(value)
    except ValidationError as error:
        message, hint = explain_value(error.errors()[0])
        log.add(
            log.user_path(position, attribute),
            f"{attribute} of {user.user_principal_name!r}, mapped to Box {box_field}: {message}",
            f"{hint}; or set {box_field} for this login in box.users",
        )
        return None
    return checked
