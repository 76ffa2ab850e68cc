"""A full Box listing fetched once and shared by every read for a short while.

`pulumi refresh` reads every user and group; one paged listing (1000 per call) answers
them all instead of one GET per object. `connection.BoxConnection` holds one `Listing`
for users and one for groups; `user.py` and `group.py` read through them and invalidate
them after every write so that a read never reports a value we just changed. Lookups by
another key (a login, a group name) go through `grouped_by`, built once per listing: at
100,000 users a scan of the listing per lookup made an adopting run quadratic.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")

# Long enough that one listing serves a whole refresh (10,000 users took 41-66 s on two
# cores; with 30 s the slower runs listed every user twice). Staleness is bounded anyway: the
# provider process lives for one `pulumi` command, and every write invalidates the listing.
DEFAULT_TTL_SECONDS = 300.0


class Listing(Generic[T]):
    """Objects by id, loaded by `load` at most once per `ttl` seconds."""

    def __init__(
        self,
        load: Callable[[], Mapping[str, T]],
        *,
        ttl: float = DEFAULT_TTL_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._load = load
        self._ttl = ttl
        self._clock = clock
        self._items: Mapping[str, T] | None = None
        self._groupings: dict[Callable[[T], str], Mapping[str, Sequence[T]]] = {}
        self._loaded_at = 0.0
        self._lock = threading.Lock()

    def get(self, object_id: str) -> T | None:
        """The object with this id as of the last listing, or None if it was not listed."""
        return self._current().get(object_id)

    def all(self) -> Mapping[str, T]:
        """Every listed object by id, as of the last listing."""
        return self._current()

    def grouped_by(self, key: Callable[[T], str]) -> Mapping[str, Sequence[T]]:
        """Every listed object under `key(object)`, in listing order, as of the last listing.

        Built once per listing and per `key` (pass the same function each time).
        """
        items = self._current()
        with self._lock:
            current = items is self._items  # not invalidated since `_current`
            grouping = self._groupings.get(key) if current else None
            if grouping is None:
                grouping = _grouped(items, key)
                if current:
                    self._groupings[key] = grouping
            return grouping

    def first(self, key: Callable[[T], str], value: str) -> T | None:
        """The first listed object whose `key` is `value`, or None (see `grouped_by`)."""
        found = self.grouped_by(key).get(value)
        return found[0] if found else None

    def invalidate(self) -> None:
        with self._lock:
            self._items = None
            self._groupings = {}

    def _current(self) -> Mapping[str, T]:
        # One thread lists while the others wait for its result, never a second listing.
        with self._lock:
            expired = self._clock() - self._loaded_at > self._ttl
            if self._items is None or expired:
                self._items = self._load()
                self._loaded_at = self._clock()
                self._groupings = {}
            return self._items


def _grouped(items: Mapping[str, T], key: Callable[[T], str]) -> dict[str, list[T]]:
    grouping: dict[str, list[T]] = {}
    for item in items.values():
        grouping.setdefault(key(item), []).append(item)
    return grouping
