"""box:User carries two facts of the spec for the policy pack, in state only: no Box call.

`role_explicit` (the role was set for this login, not by `box.defaults`) and `assigned_via`
(the Entra assignments that brought the person into scope) travel as inputs so that
`policies/` can read them from the stack; Box never hears of them.
"""

from __future__ import annotations

from typing import Any

import pytest

from components.box.user import BoxUserProvider
from components.box.user_inputs import BoxUserInputs
from components.desired import DesiredBoxUser
from emulator import EmulatorServer
from tests.box.conftest import create, user_inputs

FACTS: dict[str, Any] = {"role_explicit": False, "assigned_via": ["group:Engineering"]}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("role_explicit", True),
        ("assigned_via", ["group:Design", "group:Engineering"]),
        ("assigned_via", []),
    ],
)
def test_changing_only_a_spec_fact_updates_state_without_any_box_request(
    box: EmulatorServer, users: BoxUserProvider, field: str, value: Any
) -> None:
    user_id, outs = create(users, "ann@contoso.com", **FACTS)
    news = users.check(outs, user_inputs("ann@contoso.com", **{**FACTS, field: value})).inputs
    diff = users.diff(user_id, outs, news)
    assert (diff.changes, diff.replaces) == (True, [])
    box.request_log.clear()

    result = users.update(user_id, outs, news)

    assert box.request_log.entries == []
    assert result.outs is not None and result.outs[field] == value


def test_unchanged_spec_facts_are_no_diff(users: BoxUserProvider) -> None:
    user_id, outs = create(users, "bob@contoso.com", **FACTS)
    news = users.check(outs, user_inputs("bob@contoso.com", **FACTS)).inputs

    assert users.diff(user_id, outs, news).changes is False


def test_a_refresh_keeps_the_spec_facts_box_knows_nothing_of(users: BoxUserProvider) -> None:
    user_id, outs = create(users, "cat@contoso.com", role_explicit=True, assigned_via=["user:c"])

    read = users.read(user_id, outs)

    assert read.outs is not None and read.inputs is not None
    assert (read.outs["role_explicit"], read.outs["assigned_via"]) == (True, ["user:c"])
    assert read.inputs["assigned_via"] == ["user:c"]


def test_inputs_from_the_desired_user_carry_its_spec_facts() -> None:
    desired = DesiredBoxUser(
        login="dan@contoso.com",
        name="Dan",
        role="coadmin",
        role_explicit=True,
        assigned_via=("group:Engineering", "user:dan@contoso.com"),
    )

    inputs = BoxUserInputs.from_desired(desired)

    assert inputs.role_explicit is True
    assert inputs.assigned_via == ["group:Engineering", "user:dan@contoso.com"]
    assert "assigned_via" not in inputs.box_fields()
