"""Counting the Box calls of one benchmark step, from the emulator's request log.

`scenario.run_size` empties the log before each `pulumi` command (`clear`) and reads it
afterwards (`read`). Every request the emulator logs counts: API calls and token requests
alike, since Box counts both against the service account.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import requests

TIMEOUT_SECONDS = 60
RATE_LIMITED = 429
WRITE_METHODS = frozenset({"POST", "PUT", "DELETE"})
TOKEN_ROUTE = "/oauth2/token"  # noqa: S105 - a URL path, not a secret
USER_LISTING = "GET /2.0/users"
GROUP_LISTING = "GET /2.0/groups"
MEMBERSHIP_LISTING = "GET /2.0/groups/{group_id}/memberships"


@dataclass(frozen=True)
class BoxCalls:
    """What one step cost Box."""

    total: int
    rate_limited: int
    writes: int
    by_route: Counter[str]

    def route(self, route: str) -> int:
        return self.by_route.get(route, 0)


def summarise(entries: list[dict[str, Any]]) -> BoxCalls:
    """Totals from the entries of `GET /_emulator/requests`."""
    routes = Counter(f"{entry['method']} {entry['template']}" for entry in entries)
    limited = sum(1 for entry in entries if entry["status"] == RATE_LIMITED)
    writes = sum(1 for entry in entries if _is_write(entry))
    return BoxCalls(total=len(entries), rate_limited=limited, writes=writes, by_route=routes)


def _is_write(entry: dict[str, Any]) -> bool:
    # A token request is a POST but changes nothing in Box.
    return entry["method"] in WRITE_METHODS and entry["template"] != TOKEN_ROUTE


class RequestLog:
    """The request log of the emulator at `url`, through its admin endpoints."""

    def __init__(self, url: str) -> None:
        self._url = f"{url}/_emulator/requests"

    def clear(self) -> None:
        requests.delete(self._url, timeout=TIMEOUT_SECONDS).raise_for_status()

    def read(self) -> BoxCalls:
        answer = requests.get(self._url, timeout=TIMEOUT_SECONDS)
        answer.raise_for_status()
        entries: list[dict[str, Any]] = answer.json()["entries"]
        return summarise(entries)
