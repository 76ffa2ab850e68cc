"""Where the user and group providers apply the lockout guard (`components.guard.restores`).

`user.py` and `group.py` call `guard` from `diff` (so a refreshing `pulumi preview` refuses)
and again from `update` before any Box write (so no way of starting `pulumi up` skips it).
The acknowledgement is read here, from the provider's environment, which is the
environment `pulumi` was started with.
"""

from __future__ import annotations

import os
import threading

import pulumi

from components.box.errors import BoxPermanentError
from components.guard.restores import Repair, acknowledged_logins, note, refusal, unacknowledged

_ONE_LINE_AT_A_TIME = threading.Lock()


def guard(restores: list[Repair], target: str, *, log: bool = True) -> None:
    """Raise unless every restore is acknowledged; log the acknowledged ones (in `diff`)."""
    if not restores:
        return
    refused = unacknowledged(restores, acknowledged_logins(os.environ))
    if refused:
        raise BoxPermanentError(refusal(refused, target))
    if not log:
        return
    with _ONE_LINE_AT_A_TIME:
        pulumi.log.warn(f"box {note(restores, target)}")
