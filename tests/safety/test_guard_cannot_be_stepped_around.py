"""No selection of resources steps around the deprovision limit (issue 14, point 3).

Twelve people, `maxDeprovisions: 1`. Ten of them leave; whichever way the run is started
(`--exclude` the resource that guards deprovisions, `--target` the leavers' resources,
`pulumi destroy`), Box keeps every account active until the exact count is acknowledged,
and the messages say what happened.
"""

from __future__ import annotations

import pytest
from box_sdk_gen import BoxClient

from components.guard import ACKNOWLEDGE_VARIABLE
from emulator import EmulatorServer
from tests.e2e.conftest import deploy
from tests.reliability.engine_runs import extra_env
from tests.support.box_only_spec import Org, Person
from tests.support.box_view import read_box
from tests.support.engine import EngineRun, EngineStack

pytestmark = pytest.mark.engine

PEOPLE = tuple(Person(f"person{n:02}@contoso.example", f"Person {n:02}") for n in range(12))
LEAVERS = tuple(person.login for person in PEOPLE[2:])
ORG = Org(people=PEOPLE, direct=tuple(p.login for p in PEOPLE), max_deprovisions=1)
GUARD_TYPES = ("DeprovisionGuard", "Departures")


def without_leavers() -> Org:
    org = ORG
    for login in LEAVERS:
        org = org.out_of_scope(login)
    return org


def statuses(client: BoxClient) -> dict[str, str]:
    return {login: fields["status"] for login, fields in read_box(client).users.items()}


def everyone_active(client: BoxClient) -> bool:
    found = statuses(client)
    return all(found.get(person.login) == "active" for person in PEOPLE)


def guard_urn(stack: EngineStack) -> str:
    resources = stack.export_state()["deployment"]["resources"]
    return str(next(r["urn"] for r in resources if r["type"].endswith(GUARD_TYPES)))


def user_urns(stack: EngineStack, logins: tuple[str, ...]) -> list[str]:
    return [r["urn"] for r in stack.user_resources(logins)]


def assert_refused_for_ten(run: EngineRun) -> None:
    assert not run.ok, run.describe()
    assert "Refusing to deprovision 10 Box users" in run.output, run.output
    assert f"{ACKNOWLEDGE_VARIABLE}=10" in run.output


def test_excluding_the_guard_deprovisions_nobody_and_the_next_preview_still_refuses(
    engine_stack: EngineStack, box: EmulatorServer, box_client: BoxClient
) -> None:
    deploy(engine_stack, box, ORG)
    urn = guard_urn(engine_stack)
    engine_stack.write_spec(without_leavers().spec())

    engine_stack.up("--exclude", urn, check=False)

    assert everyone_active(box_client)
    nxt = engine_stack.preview()
    assert_refused_for_ten(nxt)
    assert "Nothing was changed" not in nxt.output or everyone_active(box_client)


def test_targeting_the_leavers_resources_deprovisions_nobody(
    engine_stack: EngineStack, box: EmulatorServer, box_client: BoxClient
) -> None:
    deploy(engine_stack, box, ORG)
    targets = [arg for urn in user_urns(engine_stack, LEAVERS) for arg in ("--target", urn)]
    engine_stack.write_spec(without_leavers().spec())

    engine_stack.up(*targets, check=False)

    assert everyone_active(box_client)
    assert_refused_for_ten(engine_stack.preview())


def test_destroy_is_held_to_the_limit_until_the_exact_count_is_acknowledged(
    engine_stack: EngineStack, box: EmulatorServer, box_client: BoxClient
) -> None:
    deploy(engine_stack, box, ORG.with_group("Everyone", tuple(p.login for p in PEOPLE)))

    refused = engine_stack.destroy(check=False)

    assert not refused.ok, refused.describe()
    assert "Refusing to deprovision 12 Box users" in refused.output, refused.output
    assert f"{ACKNOWLEDGE_VARIABLE}=12 pulumi destroy" in refused.output
    assert everyone_active(box_client)
    with extra_env(engine_stack, **{ACKNOWLEDGE_VARIABLE: "12"}):
        engine_stack.destroy()
    assert set(statuses(box_client).values()) == {"inactive"}


def test_the_acknowledged_count_lets_the_ten_leave_once(
    engine_stack: EngineStack, box: EmulatorServer, box_client: BoxClient
) -> None:
    deploy(engine_stack, box, ORG)
    engine_stack.write_spec(without_leavers().spec())

    with extra_env(engine_stack, **{ACKNOWLEDGE_VARIABLE: "10"}):
        engine_stack.up()

    found = statuses(box_client)
    assert {found[login] for login in LEAVERS} == {"inactive"}
    assert {found[p.login] for p in PEOPLE[:2]} == {"active"}
