"""The departures provider's guard as the engine calls it: `check(olds, news)`, engine-shaped.

The engine passes the previous run's recorded inputs (with the pickled provider under
`__provider`) and this run's; numbers arrive as floats. The acknowledgement is never
recorded, so it cannot carry over to a later run. No Box is needed: these plans disable
nobody by transfer, and the provider connects only when it must.
"""

from __future__ import annotations

from typing import Any

import pytest

from components.box.departures import ACKNOWLEDGED, DeparturesProvider
from components.guard import Roster, RosterUser

PROVIDER = {"__provider": "pickled-provider"}


def engine_props(inputs: Roster, acknowledged: float | None = None) -> dict[str, Any]:
    """Inputs as the engine hands them over: numbers as floats, the provider attached."""
    dumped = inputs.model_dump()
    dumped["limit"] = float(dumped["limit"])
    dumped["assigned"] = {name: float(n) for name, n in dumped["assigned"].items()}
    props = {**PROVIDER, **dumped}
    if acknowledged is not None:
        props[ACKNOWLEDGED] = acknowledged
    return props


def staff(count: int, limit: int = 5, **fields: Any) -> Roster:
    logins = [f"u{n:03}@contoso.com" for n in range(count)]
    users = {login: RosterUser(login=login) for login in logins}
    return Roster.model_validate({"users": users, "limit": limit, **fields})


@pytest.fixture
def guard() -> DeparturesProvider:
    return DeparturesProvider()


def test_a_new_guard_passes_and_records_its_inputs(guard: DeparturesProvider) -> None:
    result = guard.check({}, engine_props(staff(3)))
    assert result.failures == []
    assert result.inputs == staff(3).recorded()


def test_too_many_leavers_fail_the_check_with_no_property_so_the_engine_prints_it_short(
    guard: DeparturesProvider,
) -> None:
    result = guard.check(engine_props(staff(20)), engine_props(staff(10)))
    (failure,) = result.failures
    assert failure.property == ""
    assert "Refusing to deprovision 10 Box users" in failure.reason


def test_the_exact_acknowledgement_passes_and_is_not_recorded(
    guard: DeparturesProvider,
) -> None:
    result = guard.check(engine_props(staff(20)), engine_props(staff(10), acknowledged=10.0))
    assert result.failures == []
    assert ACKNOWLEDGED not in result.inputs


def test_an_acknowledgement_never_changes_the_diff(guard: DeparturesProvider) -> None:
    recorded = engine_props(staff(3))
    assert guard.diff("departures", recorded, {**recorded, ACKNOWLEDGED: 3.0}).changes is False
    assert guard.diff("departures", recorded, engine_props(staff(4))).changes is True


def test_a_passing_guard_is_updated_in_place_and_never_replaced(
    guard: DeparturesProvider,
) -> None:
    result = guard.diff("departures", engine_props(staff(3)), engine_props(staff(2)))
    assert result.replaces == []


def test_an_emptied_group_fails_the_check(guard: DeparturesProvider) -> None:
    before = engine_props(staff(3, assigned={"Sales": 3}))
    after = engine_props(staff(3, assigned={"Sales": 0}))
    (failure,) = guard.check(before, after).failures
    assert "'Sales' (had 3)" in failure.reason


def test_the_limit_of_this_run_applies(guard: DeparturesProvider) -> None:
    # A spec that raises maxDeprovisions in the same change lets that change through.
    assert guard.check(engine_props(staff(20)), engine_props(staff(10, limit=10))).failures == []


def test_a_roster_recorded_by_the_first_guard_is_read_and_compared(
    guard: DeparturesProvider,
) -> None:
    first_guard: dict[str, Any] = {
        **PROVIDER,
        "users": {"a@contoso.com": "a@contoso.com", "b@contoso.com": "b@contoso.com"},
        "inactive": [],
        "groups": {"Sales": 2.0},
        "limit": 0.0,
        "deprovision": "disable",
        "custodian": None,
    }
    news = engine_props(staff(0, limit=0))
    (failure,) = guard.check(first_guard, news).failures
    assert "Refusing to deprovision 2 Box users" in failure.reason
    assert "a@contoso.com (no longer in scope)" in failure.reason


def test_a_refresh_without_managed_users_keeps_the_recorded_inputs(
    guard: DeparturesProvider,
) -> None:
    recorded = engine_props(staff(0))
    result = guard.read("departures", recorded)
    assert result.outs == staff(0).recorded()
    assert result.inputs == result.outs


def test_inputs_that_do_not_validate_are_a_check_failure_not_a_traceback(
    guard: DeparturesProvider,
) -> None:
    (failure,) = guard.check({}, {**PROVIDER, "users": ["not", "a", "mapping"]}).failures
    assert "inputs are invalid" in failure.reason


def test_a_roster_is_recorded_without_its_defaults_and_reads_back_the_same(
    guard: DeparturesProvider,
) -> None:
    roster = staff(2)

    recorded = roster.recorded()

    assert recorded["users"]["u000@contoso.com"] == {"login": "u000@contoso.com"}
    assert Roster.model_validate(recorded) == roster
    # A roster an older version recorded with every field is no change against it.
    assert not guard.diff("departures", roster.model_dump(), recorded).changes
