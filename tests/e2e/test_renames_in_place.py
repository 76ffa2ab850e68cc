"""A login change or a group rename is an in-place update when the spec says what it was.

Issue 15.3, through the real engine and the emulator: a person in an inline directory
without an objectId changes login, and a Box-only group is renamed. With `previousLogins`,
`previousNames` or a stable `id` the Box account keeps its id and content and the group its
id and members; nobody is deprovisioned and nothing is created. Written without them, the
preview warns that it looks like a rename and says what to add.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from box_sdk_gen import BoxClient

from emulator import EmulatorServer
from tests.e2e.conftest import box_writes, deploy
from tests.support.box_only_spec import Org, Person
from tests.support.box_view import give_content, owned_folders, read_box
from tests.support.engine import EngineStack

pytestmark = pytest.mark.engine

OLD, NEW = "nadia.petrova@contoso.example", "nadia.ivanova@contoso.example"
ORG = Org(
    people=(
        Person(OLD, "Nadia Petrova-Ivanova", "Analyst"),
        Person("omar@contoso.example", "Omar Haddad", "Engineer"),
        Person("it@contoso.example", "IT Admin"),
    ),
    groups={"Analysts": (OLD, "omar@contoso.example")},
    direct=("it@contoso.example",),
    box_groups={"Sales Europe": (OLD, "omar@contoso.example")},
)


def relogged(spec: dict[str, Any], **entry: Any) -> dict[str, Any]:
    """`spec` with Nadia's login changed from OLD to NEW everywhere, and `entry` added to her."""
    text = repr(spec).replace(OLD, NEW)
    edited: dict[str, Any] = eval(text)  # noqa: S307 - our own repr of plain data
    for user in edited["directory"]["users"]:
        if user["userPrincipalName"] == NEW:
            user.update(entry)
    return edited


def regrouped(spec: dict[str, Any], new_name: str, **entry: Any) -> dict[str, Any]:
    """`spec` with the Box-only group 'Sales Europe' renamed, and `entry` added to it."""
    edited = copy.deepcopy(spec)
    group = edited["box"]["groups"][0]
    group.update({"name": new_name, **entry})
    return edited


def with_id(spec: dict[str, Any]) -> dict[str, Any]:
    """`spec` with Nadia keyed by a spec id and the Box-only group by another."""
    edited = copy.deepcopy(spec)
    for user in edited["directory"]["users"]:
        if user["userPrincipalName"] == OLD:
            user["id"] = "e1042"
    edited["box"]["groups"][0]["id"] = "sales-eu"
    return edited


def user_steps(planned: dict[str, Any]) -> list[tuple[str, str]]:
    """(op, resource name) of every step that is not 'same'."""
    return sorted(
        (step["op"], step["urn"].rsplit("::", 1)[-1])
        for step in planned["steps"]
        if step["op"] != "same"
    )


@pytest.mark.parametrize("how", ["previousLogins", "id"])
def test_a_login_change_keeps_the_account_its_id_and_its_content(
    engine_stack: EngineStack, box: EmulatorServer, box_client: BoxClient, how: str
) -> None:
    start = with_id(ORG.spec()) if how == "id" else ORG.spec()
    engine_stack.write_spec(start)
    engine_stack.up()
    nadia = read_box(box_client).user_ids[OLD]
    give_content(box_client, nadia, "Forecasts 2027")
    box.request_log.clear()
    renamed = relogged(start, previousLogins=[OLD]) if how == "previousLogins" else relogged(start)
    engine_stack.write_spec(renamed)

    planned = engine_stack.preview_json().json()
    engine_stack.up()

    ops = {op for op, _ in user_steps(planned)}
    assert ops <= {"update"}, user_steps(planned)
    assert box.request_log.count(method="POST", path_prefix="/2.0/users") == 0
    assert box.request_log.count(method="DELETE", path_prefix="/2.0/users") == 0
    in_box = read_box(box_client)
    assert OLD not in in_box.user_ids
    assert in_box.user_ids[NEW] == nadia
    assert in_box.users[NEW]["status"] == "active"
    assert owned_folders(box_client, nadia) == ["Forecasts 2027"]
    assert in_box.groups["Analysts"][NEW] == "member"
    assert in_box.groups["Sales Europe"][NEW] == "member"
    second = engine_stack.preview_json().json()
    assert user_steps(second) == []


@pytest.mark.parametrize("how", ["previousNames", "id"])
def test_a_box_only_group_rename_keeps_the_group_its_id_and_its_members(
    engine_stack: EngineStack, box: EmulatorServer, box_client: BoxClient, how: str
) -> None:
    start = with_id(ORG.spec()) if how == "id" else ORG.spec()
    engine_stack.write_spec(start)
    engine_stack.up()
    group_id = read_box(box_client).group_ids["Sales Europe"]
    box.request_log.clear()
    extra = {"previousNames": ["Sales Europe"]} if how == "previousNames" else {}
    engine_stack.write_spec(regrouped(start, "Sales EMEA", **extra))

    planned = engine_stack.preview_json().json()
    engine_stack.up()

    assert {op for op, _ in user_steps(planned)} <= {"update"}, user_steps(planned)
    assert box_writes(box) == ["PUT /2.0/groups/{group_id}"]
    in_box = read_box(box_client)
    assert "Sales Europe" not in in_box.groups
    assert in_box.group_ids["Sales EMEA"] == group_id
    assert in_box.groups["Sales EMEA"] == {OLD: "member", "omar@contoso.example": "member"}


def test_a_rename_written_without_a_key_is_previewed_with_a_warning_saying_what_to_add(
    engine_stack: EngineStack, box: EmulatorServer
) -> None:
    deploy(engine_stack, box, ORG)

    engine_stack.write_spec(relogged(ORG.spec()))
    login_changed = engine_stack.preview()
    engine_stack.write_spec(regrouped(ORG.spec(), "Sales EMEA"))
    group_renamed = engine_stack.preview()

    assert login_changed.ok, login_changed.describe()
    said = " ".join(login_changed.stdout.split())
    assert f"looks like a rename: {NEW} looks like a rename of {OLD} (same name)" in said
    assert f"add previousLogins: [{OLD}] to {NEW} in directory.users" in said
    assert group_renamed.ok, group_renamed.describe()
    said = " ".join(group_renamed.stdout.split())
    assert "Box group 'Sales EMEA' looks like a rename of 'Sales Europe' (same members)" in said
    assert "add previousNames: ['Sales Europe'] to 'Sales EMEA' in box.groups" in said
