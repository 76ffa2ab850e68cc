"""From an Entra read to the guard: a group that reads empty on the next run trips the guard.

The real program under Pulumi mocks (a fake Entra tenant answering pulumi-azuread's
invokes) registers the guard with what the live read saw; the guard's provider then judges
two consecutive runs as the engine would hand them to `check`. A read that finds the
assigned group Engineering suddenly without members (an emptied group, or a truncated
read) must fail, even though the stack's limit would allow that many leavers.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from components.box.departures import DeparturesProvider
from tests.entra.fake_tenant import FakeTenant
from tests.entra.harness import run_main

GUARD = "pulumi-python:dynamic/box:Departures"
SPEC = """
    version: 1
    entra:
      application: {displayName: Box, owners: [it.admin@contoso.com]}
      assignments:
        - {group: Engineering, role: User}
        - {user: it.admin@contoso.com, role: User}
    provisioning: {objects: users, maxDeprovisions: 5}
    directory: {source: entra}
"""


def tenant(engineers: int) -> FakeTenant:
    fake = FakeTenant()
    fake.add_user("it.admin@contoso.com", "IT Admin")  # assigned directly: always in scope
    staff = [fake.add_user(f"eng{n}@contoso.com", f"Engineer {n}") for n in range(3)]
    fake.add_group("Engineering", staff[:engineers])
    return fake


def guard_inputs_of_a_run(tmp_path: Path, engineers: int) -> dict[str, Any]:
    spec = tmp_path / "spec.yaml"
    spec.write_text(textwrap.dedent(SPEC).lstrip())
    fake = tenant(engineers)
    run_main(fake, config={"entra-box:spec": str(spec)})
    (guard,) = fake.of_type(GUARD)
    return {"__provider": "pickled", **guard.inputs}


def test_the_guard_records_each_assigned_group_with_the_users_read_through_it(
    tmp_path: Path,
) -> None:
    inputs = guard_inputs_of_a_run(tmp_path, engineers=3)
    assert inputs["assigned"] == {"Engineering": 3}
    assert len(inputs["users"]) == 4 and inputs["limit"] == 5


def test_a_live_read_that_finds_an_assigned_group_empty_fails_the_next_preview(
    tmp_path: Path,
) -> None:
    last_run = guard_inputs_of_a_run(tmp_path, engineers=3)
    this_run = guard_inputs_of_a_run(tmp_path, engineers=0)

    (failure,) = DeparturesProvider().check(last_run, this_run).failures

    assert "'Engineering' (had 3)" in failure.reason
    assert "would deprovision 3 Box user(s)" in failure.reason  # within the limit of 5
