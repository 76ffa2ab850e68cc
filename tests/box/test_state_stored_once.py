"""Outputs stored without what the inputs hold, and made whole again (`stored_once.py`)."""

from __future__ import annotations

from components.provider_host.stored_once import opted_in, slimmed, whole


class EveryKey:
    stores_inputs_once = True


class RosterOnly:
    stores_inputs_once = ("users",)


INPUTS = {"users": {"k": {"login": "a@x"}}, "limit": 10, "name": "R", "__provider": "p"}


def test_what_the_inputs_hold_is_not_stored_again_and_comes_back_whole() -> None:
    outputs = {**INPUTS, "group_id": "7", "name": "Renamed in Box"}

    stored = slimmed(outputs, INPUTS, EveryKey())

    # Box's different name and the output-only id stay; the provider key always stays.
    assert stored == {"group_id": "7", "name": "Renamed in Box", "__provider": "p"}
    assert whole(stored, INPUTS) == outputs


def test_only_the_named_keys_are_left_to_the_inputs() -> None:
    stored = slimmed(dict(INPUTS), INPUTS, RosterOnly())

    assert "users" not in stored
    assert stored["limit"] == 10 and stored["name"] == "R"
    assert whole(stored, INPUTS) == INPUTS


def test_a_provider_opts_in_by_its_class_attribute() -> None:
    assert opted_in(EveryKey()) and opted_in(RosterOnly()) and not opted_in(object())


class PeopleByEntry:
    stores_entries_once = ("users",)


def test_a_map_of_people_keeps_only_the_entries_that_differ_and_comes_back_whole() -> None:
    inputs = {"users": {"a": {"login": "a@x"}, "b": {"login": "b@x", "name": "B"}}}
    outputs = {"users": {"a": {"login": "a@x"}, "b": {"login": "b@x", "name": "Bea"}}}

    stored = slimmed(outputs, inputs, PeopleByEntry())

    # Only Bea's entry, whose name Box changed, is stored a second time.
    assert stored == {"__users_not_as_inputs": {"b": {"login": "b@x", "name": "Bea"}}}
    assert whole(stored, inputs, PeopleByEntry()) == outputs
    assert opted_in(PeopleByEntry())


def test_a_map_whose_people_differ_from_the_inputs_is_stored_whole() -> None:
    # An entry left out of a slimmed map means "as the inputs", never "absent": so a map
    # with other keys than the inputs' is kept as it is.
    inputs = {"users": {"a": {"login": "a@x"}, "b": {"login": "b@x"}}}
    outputs = {"users": {"a": {"login": "a@x"}}}

    stored = slimmed(outputs, inputs, PeopleByEntry())

    assert stored == outputs
    assert whole(stored, inputs, PeopleByEntry()) == outputs


def test_a_provider_reads_back_only_the_keys_it_stores_once() -> None:
    stored = slimmed(dict(INPUTS), INPUTS, RosterOnly())

    # `limit` stayed in the outputs; `name` did too; nothing else of the inputs comes back.
    assert whole({"users": INPUTS["users"]}, {**INPUTS, "extra": 1}, RosterOnly()) == {
        "users": INPUTS["users"]
    }
    assert whole(stored, {**INPUTS, "extra": 1}, RosterOnly()) == INPUTS


class AdoptingShard:
    stores_entries_once = ("users", "user_ids")
    check_only_fields = ("adopts", "adopts_from")


def test_what_only_create_reads_is_neither_compared_nor_merged_back() -> None:
    # A new entry's inputs carry the adoption the preview showed; the outputs never do.
    inputs = {
        "users": {"a": {"login": "a@x", "adopts": "7", "adopts_from": {"name": "A"}}},
        "user_ids": {},
    }
    outputs = {"users": {"a": {"login": "a@x"}}, "user_ids": {"a": "7"}}

    stored = slimmed(outputs, inputs, AdoptingShard())

    # The entry is as the inputs (once the adoption is left out); the id only the outputs
    # know is kept.
    assert stored == {"__users_not_as_inputs": {}, "__user_ids_not_as_inputs": {"a": "7"}}
    assert whole(stored, inputs, AdoptingShard()) == outputs
