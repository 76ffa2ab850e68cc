"""A failed run never leaves a stale deprovision policy behind (issue 14, point 2).

A stack with `deprovision: delete` moves to `disable` in a run that fails part-way (Box
refuses the rename in the same run; the engine runs one step at a time, so the people after
the failing step are never reached). A later run removes one of those people: they must
leave under the policy the spec holds then (`disable`, content kept), never the recorded
`delete` of an earlier run.
"""

from __future__ import annotations

import pytest
from box_sdk_gen import BoxClient

from emulator import EmulatorServer
from tests.e2e.conftest import deploy
from tests.support.box_only_spec import Org, Person
from tests.support.box_view import give_content, owned_folders, read_box
from tests.support.engine import EngineStack

pytestmark = pytest.mark.engine

PEOPLE = tuple(Person(f"person{n}@contoso.example", f"Person {n}") for n in range(5))
FIRST, LEAVER = PEOPLE[0].login, PEOPLE[3].login
ORG = Org(
    people=PEOPLE,
    direct=tuple(person.login for person in PEOPLE),
    deprovision="delete",
    max_deprovisions=2,
)


def test_a_person_removed_after_a_failed_policy_change_leaves_under_the_new_policy(
    engine_stack: EngineStack, box: EmulatorServer, box_client: BoxClient
) -> None:
    deploy(engine_stack, box, ORG)
    leaver_id = read_box(box_client).user_ids[LEAVER]
    give_content(box_client, leaver_id, "Ledgers")
    to_disable = Org(**{**ORG.__dict__, "deprovision": "disable"})
    engine_stack.write_spec(to_disable.renamed(FIRST, "Person Zero").spec())
    box.inject("error", count=1000, status=500, method="PUT", path_prefix="/2.0/users")

    failed = engine_stack.up("--parallel", "1", check=False)

    assert not failed.ok, failed.describe()
    box.clear_faults()
    engine_stack.write_spec(to_disable.out_of_scope(LEAVER).spec())
    engine_stack.up()

    in_box = read_box(box_client)
    assert in_box.user_ids.get(LEAVER) == leaver_id
    assert in_box.users[LEAVER]["status"] == "inactive"
    assert owned_folders(box_client, leaver_id) == ["Ledgers"]
