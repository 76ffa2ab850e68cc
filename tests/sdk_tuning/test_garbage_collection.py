"""The program's process skips full garbage collections but keeps collecting young objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from components.sdk_tuning.garbage_collection import NO_FULL_COLLECTIONS, skip_full_collections


@pytest.fixture
def restored_thresholds() -> Iterator[tuple[int, int, int]]:
    before = gc.get_threshold()
    yield before
    gc.set_threshold(*before)


def test_full_collections_are_pushed_out_of_reach(
    restored_thresholds: tuple[int, int, int],
) -> None:
    skip_full_collections()
    young, middle, full = gc.get_threshold()
    assert (young, middle) == restored_thresholds[:2]
    assert full == NO_FULL_COLLECTIONS
    assert gc.isenabled()


def test_a_short_lived_reference_cycle_is_still_collected(
    restored_thresholds: tuple[int, int, int],
) -> None:
    skip_full_collections()
    gc.collect()
    collected: list[str] = []
    young = gc.get_threshold()[0]

    class Node:
        def __init__(self) -> None:
            self.me = self

        def __del__(self) -> None:
            collected.append("node")

    Node()
    # Allocate enough container objects to trigger young-generation collections.
    _ = [[] for _ in range(young * 20)]
    assert collected == ["node"]
