"""Box users: one per in-scope directory user, with every Box field the spec determines.

Each field comes from the mapped Entra attribute, then `box.defaults` for what is still
unset, then the `box.users` override that names this user (`overrides`, `bindings`).
`status` is `inactive` for a disabled Entra account, `active` otherwise, unless
overridden. Logins are compared case-insensitively and emitted lower-case; two people with
one login are an error. Each user's `key`, the name of its
resource in the stack, is its Entra object id when known, else its login; a user's login
also stays reserved as the alias its resource had before it was keyed by object id, so
no key may equal another user's key or login.
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
    people = People.of(index, {key: login for key, (login, _) in identities.items()})
    overrides = bind_overrides(spec, people, log)
    by_login: dict[str, DesiredBoxUser] = {}
    login_of: dict[str, str] = {}
    for key, (login, stack_key) in identities.items():
        position, user = index.users[key]
        override = overrides.get(login, _NO_OVERRIDE)
        fields = _fields(position, user, mappings, defaults, override, log)
        if fields is None:
            continue
        via = tuple(sorted(scope.via[key]))
        by_login[login] = DesiredBoxUser.model_validate(
            {**fields, "login": login, "key": stack_key, "assigned_via": via}
        )
        login_of[key] = login
    return BoxUsers(by_login, login_of, people)


def _identities(
    index: DirectoryIndex, scope: Scope, attribute: str, log: IssueLog
) -> dict[str, tuple[str, str]]:
    """Each in-scope UPN key's Box login and stack key, in directory order (unusable: left out)."""
    taken = _Taken()
    identities: dict[str, tuple[str, str]] = {}
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
) -> tuple[str, str] | None:
    """The user's Box login and stack key; None when either is unusable (reported)."""
    login = _login(position, user, attribute, log)
    if login is None or _collides(login, position, user, taken.logins, log):
        return None
    key = _stack_key(user, login)
    if _key_clashes(key, login, position, user, taken.stack_names, log):
        return None
    return login, key


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
    return user.object_id.lower() if user.object_id else login


def _key_clashes(
    key: str, login: str, position: int, user: DirectoryUser, names: dict[str, str], log: IssueLog
) -> bool:
    # Logins are unique already (`_collides`): what is left is a key equal to another user's
    # key or login, or a login equal to another user's key.
    clash = next((name for name in dict.fromkeys((key, login)) if name in names), None)
    if clash is None:
        names.update(dict.fromkeys((key, login), user.user_principal_name))
        return False
    log.add(
        log.user_path(position, "objectId" if user.object_id else None),
        f"{user.user_principal_name!r} and {names[clash]!r} would both be named {clash!r} "
        "in the stack",
        "a Box user is named by its objectId, or by its login when it has none; an objectId "
        "is a GUID, never a login: correct it",
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
