"""Which user shard holds a person: a stable hash of their stack key, nothing else.

`component.BoxTenant` (with `entra-box:userModel: shards`) asks `partition` which
`box:UserShard` resource (`user_shard.py`) reconciles each desired user. The shard depends
only on the person's stable key (Entra object id, spec `id`, else login) and on the fixed
`SHARD_COUNT`, so adding, removing or editing other people never moves anyone: a person
moves only when their own key changes, and then departures sees a re-key, not a leaver.
Pure: no Pulumi, no Box.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

# Fixed for good: changing it would move most people to another shard (harmless, since a
# moved entry is adopted by login and the old one only drops its record, but a large
# preview). 256 shards keep a shard under ~450 people at 100,000 people (mean 391) and the
# number of resources far below one per person.
SHARD_COUNT = 256
SHARD_PREFIX = "users-"

T = TypeVar("T")


def shard_of(key: str) -> int:
    """The shard index of a stack key: the first 8 bytes of its SHA-256, modulo the count.

    SHA-256 rather than `hash()`: Python salts `hash()` of strings per process.
    """
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % SHARD_COUNT


def shard_name(index: int) -> str:
    """The stack name of shard `index`: `users-000` to `users-255`."""
    if not 0 <= index < SHARD_COUNT:
        raise ValueError(f"shard index {index} is outside 0..{SHARD_COUNT - 1}")
    return f"{SHARD_PREFIX}{index:03d}"


def shard_name_of(key: str) -> str:
    """The name of the shard that holds the person with stack key `key`."""
    return shard_name(shard_of(key))


def placement_key(key: str, login: str, previous_logins: Sequence[str] = ()) -> str:
    """The key that places a person: their stack key, except for a person keyed by login
    who declares former logins (`previousLogins`): the first of those, so that a declared
    rename keeps them in the shard that holds their account's record."""
    if key == login and previous_logins:
        return previous_logins[0]
    return key


def partition(items: Iterable[T], key_of: Callable[[T], str]) -> dict[str, list[T]]:
    """The items grouped by shard name (only shards that hold someone), in shard order.

    `key_of` gives an item's stable stack key; items keep their order within a shard.
    """
    shards: dict[str, list[T]] = {}
    for item in items:
        shards.setdefault(shard_name_of(key_of(item)), []).append(item)
    return dict(sorted(shards.items()))
