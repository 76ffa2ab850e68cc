"""One rule per Box user field: what removing it from the spec does, and how a change reads.

Pure (no Pulumi, no Box SDK): the user provider's `check` uses it to decide what a value
removed from the spec means and to word its preview lines (`plan_log.py`), and the PR
summary (`tools/preview_summary`) words the same changes the same way. The rules are
documented for admins in `docs/field-rules.md`; keep the two in step.

- A field with a Box default (`DEFAULTS`: status, role, the five booleans): removing it
  from the spec sets Box back to that default, and the preview shows `true -> false`.
- A field without one (`NO_DEFAULT`: quota, language, time zone, job title, phone,
  address): removing it ends its management; Box keeps what it has and is not written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

# Box's value for a new account when the request leaves the field out.
DEFAULTS: Mapping[str, Any] = {
    "status": "active",
    "role": "user",
    "is_sync_enabled": True,
    "can_see_managed_users": True,
    "is_external_collab_restricted": False,
    "is_exempt_from_device_limits": False,
    "is_exempt_from_login_verification": False,
}
NO_DEFAULT: tuple[str, ...] = (
    "language",
    "timezone",
    "space_amount",
    "job_title",
    "phone",
    "address",
)
# For each boolean, the value that gives the person more access (or lifts a restriction).
WIDER: Mapping[str, bool] = {
    "is_sync_enabled": True,
    "can_see_managed_users": True,
    "is_external_collab_restricted": False,
    "is_exempt_from_device_limits": True,
    "is_exempt_from_login_verification": True,
}
UNLIMITED = -1
# Free text, shown in quotes so that spaces and empty values read unambiguously.
QUOTED: tuple[str, ...] = ("name", "job_title", "phone", "address", "description")
_ROLE_RANK = {"user": 0, "coadmin": 1, "admin": 2}
_UNITS = ("B", "KB", "MB", "GB", "TB")
# The spec's size syntax (components/spec/types.py), binary units.
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)\s*$", re.IGNORECASE)
_CENTS = Decimal("0.01")


def reverted(key: str, old: Any, new: Any) -> Any:
    """The value a field takes when the spec removes it: Box's default, else `new` (None)."""
    if new is None and old is not None and key in DEFAULTS:
        return DEFAULTS[key]
    return new


def no_longer_managed(olds: Mapping[str, Any], news: Mapping[str, Any]) -> list[str]:
    """The fields without a Box default that the spec managed before and no longer sets."""
    return [key for key in NO_DEFAULT if olds.get(key) is not None and news.get(key) is None]


def quota(amount: Any) -> str:
    """A space amount in the spec's units, exactly: `unlimited`, `50 GB`, `1.5 TB`, `300 B`.

    The largest unit that shows the amount with at most two decimals and no rounding, so
    that `quota_bytes(quota(n)) == n`: the text is also what the resource records.
    """
    whole = quota_bytes(amount)
    if whole is None:
        return str(amount)
    if whole < 0:
        return "unlimited"
    for power in range(len(_UNITS) - 1, -1, -1):
        size = (Decimal(whole) / Decimal(1024**power)).quantize(_CENTS)
        if size >= 1 and int(size * 1024**power) == whole:
            return f"{_plain(size)} {_UNITS[power]}"
    return f"{whole} B"


def quota_bytes(value: Any) -> int | None:
    """A quota as Box takes it (bytes, -1 unlimited) from bytes, a float or `50 GB`."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    # The engine carries numbers as floats (10737418240.0).
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if not isinstance(value, str):
        return None
    text = value.strip()
    if text.casefold() == "unlimited":
        return UNLIMITED
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    match = _SIZE.match(text)
    if match is None:
        return None
    power = "bkmgt".index(match.group(2)[0].casefold())
    return int(Decimal(match.group(1)) * 1024**power)


def comparable(key: str, value: Any) -> Any:
    """The value to compare: quotas as bytes, whether recorded as bytes or as `50 GB`."""
    if key == "space_amount":
        whole = quota_bytes(value)
        return value if whole is None else whole
    return value


def show(key: str, value: Any) -> str:
    """One value as a reviewer reads it."""
    if value is None:
        return "(not set)"
    if key == "space_amount":
        return quota(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if key in QUOTED:
        return json.dumps(str(value), ensure_ascii=False)
    return str(value)


def effect(key: str, before: Any, after: Any) -> str | None:
    """What a change does to the person's access, when it widens or narrows it."""
    if key == "status":
        return _status_effect(before, after)
    if key == "role":
        return _ranked(_ROLE_RANK.get(str(before), 0), _ROLE_RANK.get(str(after), 0), "role")
    if key == "space_amount":
        old, new = quota_bytes(before), quota_bytes(after)
        if old is None or new is None:
            return None
        return _ranked(_space_rank(old), _space_rank(new), "quota")
    if key in WIDER and isinstance(before, bool) and isinstance(after, bool):
        return "gains access: lifts a restriction" if after == WIDER[key] else "restricts"
    return None


def change(key: str, before: Any, after: Any) -> str:
    """`role coadmin -> user (lowers the role)`: one field's change with its effect."""
    said = effect(key, before, after)
    note = f" ({said})" if said else ""
    return f"{key} {show(key, before)} -> {show(key, after)}{note}"


def changes(current: Mapping[str, Any], wanted: Mapping[str, Any]) -> list[str]:
    """Each wanted value that differs from the current one, as `change` words it, by key."""
    return [
        change(key, current.get(key), value)
        for key, value in sorted(wanted.items())
        if value is not None and comparable(key, current.get(key)) != comparable(key, value)
    ]


def narrows(key: str, before: Any, after: Any) -> bool:
    """Whether the change lowers a role or quota, or restricts the person."""
    said = effect(key, before, after) or ""
    return said.startswith(("lowers", "restricts", "disables"))


def widens(key: str, before: Any, after: Any) -> bool:
    """Whether the change raises a role or quota, lifts a restriction or re-enables."""
    said = effect(key, before, after) or ""
    return said.startswith(("raises", "gains", "re-enables"))


def _status_effect(before: Any, after: Any) -> str | None:
    if before != "active" and after == "active":
        return "re-enables an inactive account"
    if before == "active" and after != "active":
        return "disables the account"
    return None


def _plain(size: Decimal) -> str:
    text = f"{size:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _space_rank(amount: float) -> float:
    return float("inf") if amount < 0 else float(amount)


def _ranked(before: float, after: float, what: str) -> str | None:
    if after < before:
        return f"lowers the {what}"
    if after > before:
        return f"raises the {what}"
    return None
