"""Which characters a spec refuses in text and in addresses, and how errors name them.

Used by the value types (`components.spec.types`) and the address rules
(`components.spec.addresses`). Characters are named as a person can look them up:
`U+200B ZERO WIDTH SPACE`, or `U+000A (line feed)` for controls, which have no Unicode name.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

# Bidirectional embeddings, overrides and isolates: they make text display in another order
# than it is stored ("Trojan Source"), so a reviewer would read something else than Box gets.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Controls, lone surrogates, line and paragraph separators: never part of one line of text.
_LINE_BREAKING = frozenset({"Cc", "Cs", "Zl", "Zp"})
_CONTROL_NAMES = {
    "\0": "NUL",
    "\t": "tab",
    "\n": "line feed",
    "\r": "carriage return",
    "\x1b": "escape",
    "\x7f": "delete",
}


def describe(char: str) -> str:
    """'U+0430 CYRILLIC SMALL LETTER A'; 'U+000A (line feed)' for a character with no name."""
    code = f"U+{ord(char):04X}"
    name = unicodedata.name(char, "")
    if name:
        return f"{code} {name}"
    return f"{code} ({_CONTROL_NAMES.get(char, 'a control character')})"


def not_in_one_line(text: str) -> list[tuple[int, str]]:
    """(position, character) of each character that does not belong in one line of text."""
    if text.isprintable():  # the common case, at C speed: no Cc, Cs, Zl, Zp or Cf at all
        return []
    return _find(text, lambda char: _breaks_a_line(char) or char in _BIDI_CONTROLS)


def invisible_or_spacing(text: str) -> list[tuple[int, str]]:
    """(position, character) of each control, format, unassigned or space character.

    Stricter than `not_in_one_line`: an address is not prose, so even the joiners and marks
    that some scripts' text needs (format characters, category Cf) are refused in it.
    """
    if text.isprintable() and " " not in text:  # only the plain space is both
        return []
    return _find(text, lambda char: unicodedata.category(char)[0] in "CZ")


def listing(found: list[tuple[int, str]]) -> str:
    """'U+000D (carriage return) at character 9, U+000A (line feed) at character 10'."""
    return ", ".join(f"{describe(char)} at character {position}" for position, char in found)


def _breaks_a_line(char: str) -> bool:
    return unicodedata.category(char) in _LINE_BREAKING


def _find(text: str, refused: Callable[[str], bool]) -> list[tuple[int, str]]:
    # The first place of each refused character: a name full of tabs needs one mention.
    found: dict[str, int] = {}
    for position, char in enumerate(text, start=1):
        if char not in found and refused(char):
            found[char] = position
    return [(position, char) for char, position in found.items()]
