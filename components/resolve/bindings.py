"""Bindings: the places a spec names one Box user, and which person each one names.

`provisioning.custodian`, the keys of `box.users` and the `login` of Box-only group members
each name a person. The rule: **a binding names a Box login.** With the default mapping a
login is the UPN, so there is nothing to choose; with `mappings.login: mail` (or another
attribute) one string can be one person's login and another's UPN or mail, and a reviewer
reading it could take it for either. Such a binding is an error naming both people; it
says which one it means with a prefix:

- `login:<login>`: the person whose Box login this is, whatever else it matches;
- `upn:<UPN>`: the person with this UPN in the directory, whatever their login.

Called by `users` (overrides), `groups` (members) and `settings` (custodian) once every
in-scope user's login is known; they report a login that is not in scope themselves.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from components.resolve.directory import DirectoryUser
from components.resolve.directory_index import DirectoryIndex
from components.resolve.issues import IssueLog
from components.resolve.scope import out_of_scope_hint
from components.spec import SpecPath
from components.spec.types import split_binding


@dataclass(frozen=True)
class People:
    """Who a binding can name: in-scope logins, and the directory by UPN and by mail."""

    index: DirectoryIndex
    # In-scope UPN key -> Box login, and back.
    login_of: Mapping[str, str]
    owner_of: Mapping[str, str]
    # Case-folded mail -> UPN keys of the users who have it.
    by_mail: Mapping[str, tuple[str, ...]]

    @classmethod
    def of(cls, index: DirectoryIndex, login_of: Mapping[str, str]) -> People:
        by_mail: dict[str, tuple[str, ...]] = {}
        for key, (_, user) in index.users.items():
            mail = user.attribute("mail")
            if mail:
                by_mail[mail.casefold()] = (*by_mail.get(mail.casefold(), ()), key)
        owner_of = {login: key for key, login in login_of.items()}
        return cls(index, dict(login_of), owner_of, by_mail)

    def user(self, key: str) -> DirectoryUser:
        return self.index.users[key][1]


@dataclass(frozen=True)
class Site:
    """Where a binding is written: its spec path, and whether at a mapping key."""

    path: SpecPath
    at_key: bool = False


def bind(written: str, site: Site, people: People, log: IssueLog) -> str | None:
    """The lower-case Box login `written` names; None if it names nobody usable (reported).

    The login returned may be out of scope (a `upn:` of an unassigned user gives their UPN):
    the caller reports that in its own terms, with `not_in_scope_hint`.
    """
    kind, address = split_binding(written)
    if kind == "upn":
        return _by_upn(written, address, site, people, log)
    login = address.lower()
    owner = people.owner_of.get(login)
    if kind is None and owner is not None:
        others = _also_named(address, owner, people)
        if others:
            log.add(
                site.path,
                _ambiguity(written, owner, others, people),
                _disambiguation(address, owner, others[0][1], people),
                at_key=site.at_key,
            )
            return None
    return login


def not_in_scope_hint(written: str, people: People, log: IssueLog, remedy: str) -> str:
    """Why `written` names no Box user in scope, and what to do (`remedy` otherwise)."""
    kind, address = split_binding(written)
    key = address.casefold()
    named = [
        (what, other)
        for what, other in _also_named(address, "", people)
        if people.login_of.get(other, key) != key
    ]
    if kind is None and named:
        what, other = named[0]
        upn = people.user(other).user_principal_name
        login = people.login_of[other]
        return (
            f"it is the {what} of {upn!r}, whose Box login is {login!r}, and bindings name "
            f"Box logins: write {login!r}, or 'upn:{upn}'"
        )
    return out_of_scope_hint(key, people.index, list(people.owner_of), log, remedy)


def _by_upn(written: str, address: str, site: Site, people: People, log: IssueLog) -> str | None:
    key = address.casefold()
    if key in people.index.users:
        # Out of scope: the UPN stands in for the login, so that the caller says so.
        return people.login_of.get(key, key)
    known = [user.user_principal_name for _, user in people.index.users.values()]
    hint = log.suggest(address, known, "fix the UPN, or add the user to the directory")
    message = f"{written!r}: no user {address!r} in the directory"
    log.add(site.path, message, hint, at_key=site.at_key)
    return None


def _also_named(address: str, owner: str, people: People) -> list[tuple[str, str]]:
    """(attribute, UPN key) of each other person whose UPN or mail is `address`."""
    key = address.casefold()
    named = [("UPN", key)] if key in people.index.users else []
    named += [("mail", other) for other in people.by_mail.get(key, ())]
    return [(what, other) for what, other in named if other != owner]


def _ambiguity(written: str, owner: str, others: list[tuple[str, str]], people: People) -> str:
    also = ", and ".join(
        f"the {what} of {people.user(other).user_principal_name!r}{_login_note(other, people)}"
        for what, other in others
    )
    owner_upn = people.user(owner).user_principal_name
    return f"{written!r} is the Box login of {owner_upn!r} and also {also}"


def _login_note(key: str, people: People) -> str:
    login = people.login_of.get(key)
    return f" (whose Box login is {login!r})" if login else " (not in scope)"


def _disambiguation(address: str, owner: str, other: str, people: People) -> str:
    owner_upn = people.user(owner).user_principal_name
    other_upn = people.user(other).user_principal_name
    return (
        f"bindings name Box logins; say which person you mean: 'login:{address}' for "
        f"{owner_upn!r}, or 'upn:{other_upn}' for {other_upn!r}"
    )
