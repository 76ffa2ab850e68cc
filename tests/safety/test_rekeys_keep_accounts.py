"""A change of key never hands an account over and then deprovisions it (issue 14, point 1).

Six people keyed by their Entra object ids, `deprovision: delete`, each with content in Box.
Whatever happens to the keys (every object id dropped from the inline directory, or one
person's Entra account re-created with a new object id and the same UPN), the desired state
still wants the same six accounts: `pulumi up` keeps every account, its id and its content,
writes nothing to Box, and the preview says which people were re-keyed. Groups keyed by
object id behave the same way.
"""

from __future__ import annotations

import pytest
from box_sdk_gen import BoxClient

from emulator import EmulatorServer
from tests.e2e.conftest import box_writes, deploy
from tests.support.box_only_spec import Org, Person
from tests.support.box_view import BoxView, give_content, owned_folders, read_box
from tests.support.engine import EngineRun, EngineStack

pytestmark = pytest.mark.engine


def object_id(n: int) -> str:
    return f"6f1c0e8a-0000-4000-8000-{n:012}"


PEOPLE = tuple(
    Person(f"person{n}@contoso.example", f"Person {n}", object_id=object_id(n)) for n in range(6)
)
LOGINS = tuple(person.login for person in PEOPLE)
TEAM_ID = "9a9a9a9a-0000-4000-8000-000000000001"
ORG = Org(
    people=PEOPLE,
    groups={"Team": LOGINS},
    group_object_ids={"Team": TEAM_ID},
    deprovision="delete",
    max_deprovisions=10,
)


def deployed_with_content(stack: EngineStack, box: EmulatorServer, client: BoxClient) -> BoxView:
    deploy(stack, box, ORG)
    before = read_box(client)
    for login in LOGINS:
        give_content(client, before.user_ids[login], f"Work of {login}")
    box.request_log.clear()
    return before


def assert_everyone_kept(before: BoxView, client: BoxClient) -> None:
    after = read_box(client)
    assert {login: after.user_ids.get(login) for login in LOGINS} == {
        login: before.user_ids[login] for login in LOGINS
    }
    assert {after.users[login]["status"] for login in LOGINS} == {"active"}
    for login in LOGINS:
        assert owned_folders(client, after.user_ids[login]) == [f"Work of {login}"]
    assert after.group_ids["Team"] == before.group_ids["Team"]
    assert set(after.groups["Team"]) == set(LOGINS)


def assert_rekeys_shown(preview: EngineRun, logins: tuple[str, ...]) -> None:
    assert preview.ok, preview.describe()
    lines = preview.output.splitlines()
    for login in logins:
        assert any(login in line and "re-keyed" in line for line in lines), preview.output


def assert_converged(stack: EngineStack) -> None:
    check = stack.preview("--refresh", "--expect-no-changes")
    assert check.ok, check.describe()


def test_dropping_every_object_id_keeps_all_six_accounts_their_content_and_the_group(
    engine_stack: EngineStack, box: EmulatorServer, box_client: BoxClient
) -> None:
    before = deployed_with_content(engine_stack, box, box_client)
    engine_stack.write_spec(ORG.without_object_ids().spec())

    assert_rekeys_shown(engine_stack.preview(), LOGINS)
    engine_stack.up()

    assert box_writes(box) == []
    assert_everyone_kept(before, box_client)
    assert_converged(engine_stack)


def test_a_person_whose_entra_account_is_recreated_keeps_their_box_account(
    engine_stack: EngineStack, box: EmulatorServer, box_client: BoxClient
) -> None:
    before = deployed_with_content(engine_stack, box, box_client)
    recreated = ORG.with_object_id(LOGINS[2], "0b0b0b0b-0000-4000-8000-000000000002")
    engine_stack.write_spec(recreated.spec())

    assert_rekeys_shown(engine_stack.preview(), (LOGINS[2],))
    engine_stack.up()

    assert box_writes(box) == []
    assert_everyone_kept(before, box_client)
    assert_converged(engine_stack)


def test_giving_everyone_an_object_id_later_keeps_every_account(
    engine_stack: EngineStack, box: EmulatorServer, box_client: BoxClient
) -> None:
    deploy(engine_stack, box, ORG.without_object_ids())
    before = read_box(box_client)
    for login in LOGINS:
        give_content(box_client, before.user_ids[login], f"Work of {login}")
    box.request_log.clear()
    engine_stack.write_spec(ORG.spec())

    engine_stack.up()

    assert box_writes(box) == []
    assert_everyone_kept(before, box_client)
    assert_converged(engine_stack)
