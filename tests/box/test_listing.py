"""A shared listing serves every read of one refresh, and never outlives a write."""

from __future__ import annotations

from components.box.listing import DEFAULT_TTL_SECONDS, Listing

# The longest refresh measured (10,000 users on a busy 2-core machine), with room to spare.
SLOW_REFRESH_SECONDS = 120.0


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _counting_listing(clock: Clock) -> tuple[Listing[str], list[int]]:
    loads: list[int] = []

    def load() -> dict[str, str]:
        loads.append(1)
        return {"1": f"listing {len(loads)}"}

    return Listing(load, clock=clock), loads


def test_one_listing_serves_every_read_of_a_slow_refresh() -> None:
    clock = Clock()
    listing, loads = _counting_listing(clock)

    first = listing.get("1")
    clock.now += SLOW_REFRESH_SECONDS
    last = listing.get("1")

    assert (first, last, len(loads)) == ("listing 1", "listing 1", 1)


def test_a_listing_older_than_its_lifetime_is_fetched_again() -> None:
    clock = Clock()
    listing, loads = _counting_listing(clock)
    listing.get("1")

    clock.now += DEFAULT_TTL_SECONDS + 1

    assert listing.get("1") == "listing 2"
    assert len(loads) == 2


def test_a_write_invalidates_the_listing_at_once() -> None:
    listing, loads = _counting_listing(Clock())
    listing.get("1")

    listing.invalidate()

    assert listing.get("1") == "listing 2"
    assert len(loads) == 2


def test_an_id_the_listing_lacks_reads_as_unknown() -> None:
    listing, _ = _counting_listing(Clock())

    assert listing.get("2") is None


def _people_listing(clock: Clock) -> tuple[Listing[str], list[int]]:
    loads: list[int] = []

    def load() -> dict[str, str]:
        loads.append(1)
        people = ["Ann@X", "bob@x", "ann@x"] if len(loads) == 1 else ["carl@x"]
        return {str(number): login for number, login in enumerate(people)}

    return Listing(load, clock=clock), loads


def test_a_lookup_by_another_key_keeps_listing_order_and_lists_once() -> None:
    listing, loads = _people_listing(Clock())

    grouped = listing.grouped_by(str.lower)

    assert grouped["ann@x"] == ["Ann@X", "ann@x"]
    assert listing.first(str.lower, "bob@x") == "bob@x"
    assert listing.first(str.lower, "nobody@x") is None
    assert listing.grouped_by(str.lower) is grouped
    assert len(loads) == 1


def test_a_write_invalidates_the_lookups_by_another_key_too() -> None:
    listing, loads = _people_listing(Clock())
    listing.first(str.lower, "ann@x")

    listing.invalidate()

    assert listing.first(str.lower, "ann@x") is None
    assert listing.first(str.lower, "carl@x") == "carl@x"
    assert len(loads) == 2
