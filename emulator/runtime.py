"""The live parts of one emulator: configuration, store, request log and fault injector.

`EmulatorServer` builds one `Runtime` and hands it to `create_app`; views reach it with
`current()`. Restarting the server swaps `store` (reopening the state file) and keeps the rest.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import cast

from flask import current_app

from emulator.config import EmulatorConfig
from emulator.faults import FaultInjector
from emulator.request_log import RequestLog
from emulator.store import Store

EXTENSION_KEY = "box_emulator"


@dataclass
class Runtime:
    """Everything a request handler may need."""

    config: EmulatorConfig
    store: Store
    log: RequestLog = field(default_factory=RequestLog)
    faults: FaultInjector = field(init=False)
    clock: Callable[[], float] = time.time

    def __post_init__(self) -> None:
        self.faults = FaultInjector(self.config.faults)

    def timestamp(self) -> str:
        return box_timestamp(self.clock())


def box_timestamp(seconds: float) -> str:
    """A time in the form Box writes times: ISO 8601 with seconds and an offset."""
    return datetime.fromtimestamp(seconds, UTC).replace(microsecond=0).isoformat()


def current() -> Runtime:
    return cast(Runtime, current_app.extensions[EXTENSION_KEY])
