"""The log of Box requests the emulator answered, for tests to assert call counts on.

Filled by `emulator.app` for every request to `/2.0/...` and `/oauth2/token` (never for
`/_emulator/`); read in-process through `EmulatorServer.request_log` and over HTTP through
`GET /_emulator/requests`.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any

WRITE_METHODS = frozenset({"POST", "PUT", "DELETE"})
DROPPED = 0
"""The status logged for a request whose connection was dropped with no answer."""


@dataclass(frozen=True)
class LogEntry:
    """One answered (or dropped) request."""

    method: str
    path: str
    template: str
    """The route in Box's notation, e.g. `/2.0/users/{user_id}`; the path if none matched."""
    status: int
    timestamp: float
    fault: str | None = None
    """The injected fault that shaped the answer: `rate_limit`, `error_before`, ..."""
    as_user: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class RequestLog:
    """A thread-safe, append-only list of `LogEntry` with counting helpers."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: list[LogEntry] = []

    def append(self, entry: LogEntry) -> None:
        with self._lock:
            self._entries.append(entry)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    @property
    def entries(self) -> list[LogEntry]:
        with self._lock:
            return list(self._entries)

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

    def select(
        self, method: str | None = None, path_prefix: str | None = None, status: int | None = None
    ) -> list[LogEntry]:
        return [
            entry
            for entry in self.entries
            if (method is None or entry.method == method.upper())
            and (path_prefix is None or entry.path.startswith(path_prefix))
            and (status is None or entry.status == status)
        ]

    def count(
        self, method: str | None = None, path_prefix: str | None = None, status: int | None = None
    ) -> int:
        return len(self.select(method, path_prefix, status))

    def writes(self) -> list[LogEntry]:
        """The POST/PUT/DELETE requests to the API (`/2.0/...`)."""
        return [e for e in self.entries if e.method in WRITE_METHODS and e.path.startswith("/2.0/")]

    def counts_by_route(self) -> dict[str, int]:
        """How often each `METHOD template` was called, e.g. `{"GET /2.0/users/{user_id}": 3}`."""
        counts = Counter(f"{e.method} {e.template}" for e in self.entries)
        return dict(sorted(counts.items()))
