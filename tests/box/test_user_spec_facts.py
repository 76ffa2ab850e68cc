"""box:User carries no facts of the spec: they live once per stack on the Box tenant.

`role_explicit` and `assigned_via` (what the policy pack reads) are the tenant component's
`spec_facts` output (components/box/spec_facts.py), never a user's input, so a change to
them lists no user update. A state written by an older version still records them with
each user: that is no change, no Box request, and they leave the state at the user's next
update or refresh.
"""

from __future__ import annotations

from typing import Any

import pytest

from components.box.spec_facts import DEFAULTS, spec_facts
from components.box.user import BoxUserProvider
from components.box.user_inputs import BoxUserInputs
from components.box.user_shard import UserShardProvider
from components.desired import DesiredBoxUser
from emulator import EmulatorServer
from tests.box.conftest import ConfigureProvider, create, user_inputs
from tests.box.test_user_shard_provider import created, shard_inputs, writes


@pytest.fixture
def shards(configure_provider: ConfigureProvider) -> UserShardProvider:
    return configure_provider(UserShardProvider)


FORMER_FACTS: dict[str, Any] = {"role_explicit": False, "assigned_via": ["group:Engineering"]}


def as_an_older_version_recorded(outs: dict[str, Any]) -> dict[str, Any]:
    return {**outs, **FORMER_FACTS}


def test_inputs_from_the_desired_user_carry_no_spec_facts() -> None:
    desired = DesiredBoxUser(
        login="dan@contoso.com",
        name="Dan",
        role="coadmin",
        role_explicit=True,
        assigned_via=("group:Engineering", "user:dan@contoso.com"),
    )

    inputs = BoxUserInputs.from_desired(desired).model_dump()

    assert "assigned_via" not in inputs and "role_explicit" not in inputs


def test_the_tenant_records_each_user_s_facts_by_stable_key() -> None:
    dan = DesiredBoxUser(
        login="dan@contoso.com",
        name="Dan",
        key="0f1e-dan",
        role="coadmin",
        role_explicit=True,
        assigned_via=("group:Engineering", "user:dan@contoso.com"),
    )
    eve = DesiredBoxUser(login="eve@contoso.com", name="Eve", assigned_via=("group:Sales",))

    facts = spec_facts([dan, eve])

    # A fact equal to its default (DEFAULTS, recorded once beside the facts) is left out,
    # and so is a login equal to the key.
    assert facts == {
        "0f1e-dan": {
            "login": "dan@contoso.com",
            "role": "coadmin",
            "assigned_via": ["group:Engineering", "user:dan@contoso.com"],
            "role_explicit": True,
        },
        "eve@contoso.com": {"assigned_via": ["group:Sales"]},
    }
    assert DEFAULTS == {"role": "user", "status": "active", "role_explicit": False}


def test_facts_an_older_version_recorded_are_no_change(users: BoxUserProvider) -> None:
    user_id, outs = create(users, "bob@contoso.com")
    olds = as_an_older_version_recorded(outs)
    news = users.check(olds, user_inputs("bob@contoso.com")).inputs

    diff = users.diff(user_id, olds, news)

    assert (diff.changes, diff.replaces) == (False, [])


@pytest.mark.parametrize("job_title", ["Engineer", None])
def test_the_next_update_drops_them_and_sends_box_only_box_fields(
    box: EmulatorServer, users: BoxUserProvider, job_title: str | None
) -> None:
    user_id, outs = create(users, "ann@contoso.com")
    olds = as_an_older_version_recorded(outs)
    news = users.check(olds, user_inputs("ann@contoso.com", job_title=job_title)).inputs
    box.request_log.clear()

    result = users.update(user_id, olds, news)

    assert result.outs is not None
    assert not {"role_explicit", "assigned_via"} & result.outs.keys()
    assert len(box.request_log.writes()) == (1 if job_title else 0)


def test_a_refresh_drops_them(users: BoxUserProvider) -> None:
    user_id, outs = create(users, "cat@contoso.com")

    read = users.read(user_id, as_an_older_version_recorded(outs))

    assert read.outs is not None and read.inputs is not None
    assert not {"role_explicit", "assigned_via"} & (read.outs.keys() | read.inputs.keys())


def test_in_a_shard_older_entries_facts_are_no_change_and_leave_at_its_next_update(
    shards: UserShardProvider, box: EmulatorServer
) -> None:
    logins = ("ann@contoso.com", "bob@contoso.com")
    outs = created(shards, *logins)
    olds = {**outs, "users": {k: {**v, **FORMER_FACTS} for k, v in outs["users"].items()}}
    news = shard_inputs(*logins)
    assert shards.diff("users-001", olds, shards.check(olds, news).inputs).changes is False

    news["users"]["bob@contoso.com"]["job_title"] = "Engineer"
    checked = shards.check(olds, news).inputs
    box.request_log.clear()
    result = shards.update("users-001", olds, checked)

    assert writes(box) == ["PUT /2.0/users/{user_id}"]
    assert result.outs is not None
    recorded = result.outs["users"].values()
    assert all(not {"role_explicit", "assigned_via"} & entry.keys() for entry in recorded)
