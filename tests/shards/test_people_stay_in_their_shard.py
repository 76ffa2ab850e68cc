"""The shard of a person depends on their stable key alone, and shards stay small (issue 16)."""

from __future__ import annotations

from collections import Counter

import pytest

from components.box.shards import (
    SHARD_COUNT,
    partition,
    placement_key,
    shard_name,
    shard_name_of,
    shard_of,
)


def keys(count: int, start: int = 0) -> list[str]:
    return [f"6f1c0e8a-0000-4000-8000-{n:012}" for n in range(start, start + count)]


def test_a_key_always_lands_in_the_same_shard_whatever_else_is_in_the_stack() -> None:
    alone = partition(keys(1), str)
    crowded = partition(keys(5000), str)
    (name,) = alone
    assert keys(1)[0] in crowded[name]


def test_adding_and_removing_other_people_moves_nobody() -> None:
    before = {key: name for name, members in partition(keys(2000), str).items() for key in members}
    after = {
        key: name
        for name, members in partition(keys(1500, start=500) + keys(700, 9000), str).items()
        for key in members
    }
    assert all(after[key] == before[key] for key in before.keys() & after.keys())


def test_a_changed_key_is_what_moves_a_person() -> None:
    assert shard_name_of("ann@contoso.com") == shard_name_of("ann@contoso.com")
    moved = [k for k in keys(50) if shard_name_of(k) != shard_name_of(k.upper())]
    assert moved, "a different key hashes elsewhere for most people"


def test_the_shard_is_the_same_in_every_process() -> None:
    # SHA-256, not the per-process salted hash(): a person must not move between runs.
    assert shard_of("ann@contoso.com") == 28
    assert shard_name_of("ann@contoso.com") == "users-028"


@pytest.mark.parametrize("people", [1_000, 10_000, 100_000])
def test_no_shard_holds_more_than_a_few_hundred_people(people: int) -> None:
    sizes = Counter(shard_of(key) for key in keys(people))
    assert max(sizes.values()) <= 500
    assert len(sizes) <= SHARD_COUNT


def test_shard_names_are_bounded() -> None:
    assert shard_name(0) == "users-000"
    assert shard_name(SHARD_COUNT - 1) == "users-255"
    with pytest.raises(ValueError, match="outside"):
        shard_name(SHARD_COUNT)


def test_a_declared_rename_of_a_person_keyed_by_login_keeps_their_shard() -> None:
    old, new = "nadia.petrova@contoso.com", "nadia.ivanova@contoso.com"

    placed = placement_key(new, new, (old,))

    assert shard_name_of(placed) == shard_name_of(old)
    # A stable id places by itself; former logins do not matter then.
    assert placement_key("e1042", new, (old,)) == "e1042"
