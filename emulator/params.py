"""Query-string parameters as the SDK sends them: booleans, `fields`, integers.

Used by the behaviour modules. The SDK sends Python booleans as `True`/`False` and lists
comma-joined (`fields=id,name,login`); Box accepts booleans case-insensitively.
"""

from __future__ import annotations

from collections.abc import Mapping

from emulator.errors import BoxError, invalid_parameter

_TRUE = "true"
_FALSE = "false"


def parse_bool(args: Mapping[str, str], name: str, default: bool = False) -> bool:
    raw = args.get(name)
    if raw is None or raw == "":
        return default
    lowered = raw.strip().lower()
    if lowered == _TRUE:
        return True
    if lowered == _FALSE:
        return False
    raise invalid_parameter(name, raw, f"'{name}' must be true or false")


def parse_fields(args: Mapping[str, str]) -> frozenset[str] | None:
    """The requested `fields`, or None when the parameter is absent (the default view)."""
    raw = args.get("fields")
    if raw is None:
        return None
    return frozenset(part.strip() for part in raw.split(",") if part.strip())


def parse_int(args: Mapping[str, str], name: str, code: str, message: str) -> int | None:
    raw = args.get(name)
    if raw is None or raw == "":
        return None
    try:
        return int(raw)
    except ValueError:
        raise BoxError(400, code, message) from None
