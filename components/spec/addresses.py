"""Addresses that name people (UPNs, Box logins, mail): the rules that keep lookalikes out.

Called by the address types of `components.spec.types` (`Upn`, `Login`, `EmailAddress`),
so every address written in a spec, and every login resolution maps from the directory,
passes here. Two kinds of rule:

- Never allowed: invisible, control or space characters (a zero-width space after `a`);
  a character that Unicode's compatibility normalisation (NFKC) turns into another, such
  as full-width letters (U+FF41 for `a`); a domain that is not a valid IDNA 2008 name, or
  ends with a dot (`a@x.com.`, which mail treats as `a@x.com`, and Box as another login);
  one of RFC 5322's specials, such as `:`, before the `@`; more than 64 characters
  there, or 254 in all (RFC 5321).
- Allowed only when listed in `provisioning.allowUnicodeLogins`: a letter of another
  script that looks like an ASCII one (the Cyrillic U+0430 for `a` in `ann@x.com`), from
  Unicode's confusables data, or a part of the address (before the `@`, or one domain
  label) that mixes scripts. `müller@x.de` or a name in Chinese characters need no entry.

The allow list is read from the spec before its values are validated (`allowing`, set by
the `Spec` model around its own validation and by resolution around its own), because a
value's validator sees only the value.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

import idna
from confusable_homoglyphs import categories, confusables

from components.spec.characters import describe, invisible_or_spacing, listing

Problem = tuple[str, str]  # what is wrong, what to do

ALLOW_FIELD = "provisioning.allowUnicodeLogins"
_ALLOWED: ContextVar[frozenset[str]] = ContextVar("allowed_unicode_addresses", default=frozenset())
_MAX_LOCAL = 64
_MAX_ADDRESS = 254
# RFC 5322's specials, which an unquoted local part may not hold.
_SPECIALS = frozenset('()<>[]:;,\\"')
# Digits, punctuation and combining marks belong to no script of their own.
_NO_SCRIPT = ["COMMON", "INHERITED"]


@contextmanager
def allowing(addresses: Iterable[str]) -> Iterator[None]:
    """Within this block, `addresses` (compared case-insensitively) may use lookalikes."""
    token = _ALLOWED.set(frozenset(address.casefold() for address in addresses))
    try:
        yield
    finally:
        _ALLOWED.reset(token)


def address_problem(value: str) -> Problem | None:
    """Why `value` (already `local@domain` shaped) cannot name a person; None if it can."""
    problem = _unusable(value)
    if problem is None and not value.isascii() and value.casefold() not in _ALLOWED.get():
        problem = _lookalike(value)
    return problem


def _unusable(value: str) -> Problem | None:
    local, domain = value.rsplit("@", 1)
    hidden = invisible_or_spacing(value)
    if hidden:
        return (
            f"{value!r} contains {listing(hidden)}",
            "retype the address: it holds characters that show as nothing or as a space",
        )
    return (
        _special(value, local)
        or _not_normal(value)
        or _length(value, local)
        or _domain_problem(value, domain)
    )


def _special(value: str, local: str) -> Problem | None:
    special = next((char for char in local if char in _SPECIALS), None)
    if special is None:
        return None
    return (
        f"{value!r} has {special!r} before the '@', which an address holds only in quotes",
        "remove it (RFC 5322); where the spec names a Box user, only the prefixes 'login:' "
        "and 'upn:' are understood",
    )


def _not_normal(value: str) -> Problem | None:
    if value.isascii():
        return None
    normal = unicodedata.normalize("NFKC", value)
    if normal == value:
        return None
    changed = [(i, char) for i, char in enumerate(value, 1) if _nfkc(char) != char]
    if changed:
        what = f"contains {listing(changed)}, which NFKC reads as other characters"
    else:  # a letter and a combining mark that NFKC composes into one character
        marks = [(i, char) for i, char in enumerate(value, 1) if unicodedata.combining(char)]
        what = f"contains {listing(marks)}, which NFKC composes with the letter before it"
    return (
        f"{value!r} {what}; it is not in Unicode's normal form",
        f"write {normal!r} (its NFKC form) if that is the address meant",
    )


def _nfkc(char: str) -> str:
    return unicodedata.normalize("NFKC", char)


def _length(value: str, local: str) -> Problem | None:
    if len(local) > _MAX_LOCAL:
        return (
            f"{value[:40]!r}... has {len(local)} characters before the '@'",
            f"an address has at most {_MAX_LOCAL} there (RFC 5321)",
        )
    if len(value) > _MAX_ADDRESS:
        return (f"{value[:40]!r}... is {len(value)} characters long", "an address has at most 254")
    return None


def _domain_problem(value: str, domain: str) -> Problem | None:
    if domain.endswith("."):
        return (
            f"{value!r} ends with a dot, which makes it another login in Box",
            f"write {value.rstrip('.')!r}",
        )
    for label in domain.split("."):
        reason = _label_problem(label.lower())
        if reason is not None:
            return (
                f"{value!r} has an invalid domain: {reason}",
                "write the domain as it is registered, e.g. 'contoso.com'",
            )
    return None


@lru_cache(maxsize=4096)  # a directory has thousands of addresses and a few domains
def _label_problem(label: str) -> str | None:
    try:
        idna.alabel(label)
    except idna.IDNAError as error:
        return str(error) or "not a valid domain label"
    return None


def _lookalike(value: str) -> Problem | None:
    lookalikes = _ascii_lookalikes(value)
    mixed = [part for part in _parts(value) if _mixes_scripts(part)]
    if not lookalikes and not mixed:
        return None
    if lookalikes:
        shown = ", ".join(f"{describe(char)} (looks like {like!r})" for char, like in lookalikes)
        message = f"{value!r} contains {shown}"
    else:
        message = f"{value!r} mixes scripts in {mixed[0]!r}: {_scripts_of(mixed[0])}"
    return message, _lookalike_fix(value, lookalikes)


def _lookalike_fix(value: str, lookalikes: list[tuple[str, str]]) -> str:
    allow = f"if this really is the address, list it under {ALLOW_FIELD}"
    meant = value
    for char, like in lookalikes:
        meant = meant.replace(char, like)
    if not lookalikes or not meant.isascii():
        return allow
    return f"write {meant!r} if that is the address meant; {allow}"


def _parts(value: str) -> list[str]:
    local, domain = value.rsplit("@", 1)
    return [local, *domain.split(".")]


def _ascii_lookalikes(value: str) -> list[tuple[str, str]]:
    """Each non-ASCII character of `value` that Unicode lists as confusable with ASCII."""
    found: list[tuple[str, str]] = []
    for entry in confusables.is_confusable(value, greedy=True) or ():
        char: str = entry["character"]
        like = next((h["c"] for h in entry["homoglyphs"] if _plain_ascii(h["c"])), None)
        if not char.isascii() and like is not None:
            found.append((char, like))
    return found


def _plain_ascii(glyph: str) -> bool:
    return glyph.isascii() and glyph.isprintable()


def _mixes_scripts(part: str) -> bool:
    if part.isascii():
        return False
    mixed: bool = confusables.is_mixed_script(part, allowed_aliases=_NO_SCRIPT)
    return mixed


def _scripts_of(part: str) -> str:
    scripts = sorted(categories.unique_aliases(part) - set(_NO_SCRIPT))
    return " and ".join(script.title() for script in scripts)
