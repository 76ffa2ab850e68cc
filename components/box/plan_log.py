"""What a Box user or group resource's `check` says it will do: one preview line each.

Called by `user.py` and `group.py` in `check`, so plain `pulumi preview` (and the start of
every `pulumi up`) says which existing Box account or group a new resource adopts and what
the adoption changes, and what removing a value from the spec does to Box. The lines go
through `pulumi.log` as the departures plan does (`departures_log.py`); the PR summary
(`tools/preview_summary`) words the same facts from the preview's JSON.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from typing import Any

import pulumi

PREFIX = "box"
_ONE_LINE_AT_A_TIME = threading.Lock()


def describe_change(old: Mapping[str, Any], new: Mapping[str, Any], keys: list[str]) -> str:
    """`role 'user' -> 'coadmin', name 'Bob' -> 'Robert'` for the keys that changed."""
    return ", ".join(f"{key} {old.get(key)!r} -> {new.get(key)!r}" for key in keys)


def show(target: str, lines: Iterable[str]) -> None:
    """Log each line about `target` (`user bob@contoso.com`, `group 'Sales'`)."""
    with _ONE_LINE_AT_A_TIME:
        for line in lines:
            pulumi.log.info(f"{PREFIX} {target}: {line}")


def adoption(kind: str, name: str, box_id: str, changes: list[str]) -> str:
    """`adopts the existing account bob@x (Box id 7): changes role coadmin -> user (...)`."""
    what = f"changes {', '.join(changes)}" if changes else "no changes"
    return f"adopts the existing {kind} {name} (Box id {box_id}): {what}"


def member_changes(before: Mapping[str, str], after: Mapping[str, str]) -> list[str]:
    """A group's membership changes by login: `adds bob@x (member)`, `removes eve@x (...)`."""
    words = [
        f"adds {login} ({role})" for login, role in sorted(after.items()) if login not in before
    ]
    words += [
        f"removes {login} (loses the group's access)"
        for login in sorted(before)
        if login not in after
    ]
    words += [
        f"makes {login} {role} (was {before[login]})"
        for login, role in sorted(after.items())
        if login in before and before[login] != role
    ]
    return words
