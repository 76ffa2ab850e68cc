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
