"""The guard's provider as the engine calls it: `check(olds, news)` with engine-shaped values.

The engine passes the previous run's recorded inputs (with the pickled provider under
`__provider`) and this run's; numbers arrive as floats. The acknowledgement is never
recorded, so it cannot carry over to a later run.
"""

from __future__ import annotations

from typing import Any

import pytest

from components.guard import GuardInputs
from components.guard.resource import ACKNOWLEDGED, DeprovisionGuardProvider

PROVIDER = {"__provider": "pickled-provider"}


def engine_props(inputs: GuardInputs, acknowledged: float | None = None) -> dict[str, Any]:
    """Inputs as the engine hands them over: numbers as floats, the provider attached."""
    dumped = inputs.model_dump()
    dumped["limit"] = float(dumped["limit"])
    dumped["groups"] = {name: float(n) for name, n in dumped["groups"].items()}
    props = {**PROVIDER, **dumped}
    if acknowledged is not None:
        props[ACKNOWLEDGED] = acknowledged
    return props


def staff(count: int, limit: int = 5, **fields: Any) -> GuardInputs:
    users = {f"u{n:03}@contoso.com": f"u{n:03}@contoso.com" for n in range(count)}
    return GuardInputs.model_validate({"users": users, "limit": limit, **fields})


@pytest.fixture
def guard() -> DeprovisionGuardProvider:
    return DeprovisionGuardProvider()


def test_a_new_guard_passes_and_records_its_inputs(guard: DeprovisionGuardProvider) -> None:
    result = guard.check({}, engine_props(staff(3)))
    assert result.failures == []
    assert result.inputs == staff(3).model_dump()


def test_too_many_leavers_fail_the_check_with_no_property_so_the_engine_prints_it_short(
    guard: DeprovisionGuardProvider,
) -> None:
    result = guard.check(engine_props(staff(20)), engine_props(staff(10)))
    (failure,) = result.failures
    assert failure.property == ""
    assert "Refusing to deprovision 10 Box users" in failure.reason


def test_the_exact_acknowledgement_passes_and_is_not_recorded(
    guard: DeprovisionGuardProvider,
) -> None:
    result = guard.check(engine_props(staff(20)), engine_props(staff(10), acknowledged=10.0))
    assert result.failures == []
    assert ACKNOWLEDGED not in result.inputs


def test_an_acknowledgement_never_changes_the_diff(guard: DeprovisionGuardProvider) -> None:
    recorded = engine_props(staff(3))
    assert (
        guard.diff("deprovision-guard", recorded, {**recorded, ACKNOWLEDGED: 3.0}).changes is False
    )
    assert guard.diff("deprovision-guard", recorded, engine_props(staff(4))).changes is True


def test_a_passing_guard_is_updated_in_place_and_never_replaced(
    guard: DeprovisionGuardProvider,
) -> None:
    result = guard.diff("deprovision-guard", engine_props(staff(3)), engine_props(staff(2)))
    assert result.replaces == []


def test_an_emptied_group_fails_the_check(guard: DeprovisionGuardProvider) -> None:
    before = engine_props(staff(3, groups={"Sales": 3}))
    after = engine_props(staff(3, groups={"Sales": 0}))
    (failure,) = guard.check(before, after).failures
    assert "'Sales' (had 3)" in failure.reason


def test_the_limit_of_this_run_applies(guard: DeprovisionGuardProvider) -> None:
    # A spec that raises maxDeprovisions in the same change lets that change through.
    assert guard.check(engine_props(staff(20)), engine_props(staff(10, limit=10))).failures == []


def test_read_keeps_the_recorded_inputs_so_refresh_changes_nothing(
    guard: DeprovisionGuardProvider,
) -> None:
    recorded = engine_props(staff(2))
    result = guard.read("deprovision-guard", recorded)
    assert result.outs == staff(2).model_dump() | {"limit": 5.0}
    assert result.inputs == result.outs


def test_inputs_that_do_not_validate_are_a_check_failure_not_a_traceback(
    guard: DeprovisionGuardProvider,
) -> None:
    (failure,) = guard.check({}, {**PROVIDER, "users": ["not", "a", "mapping"]}).failures
    assert "inputs are invalid" in failure.reason
