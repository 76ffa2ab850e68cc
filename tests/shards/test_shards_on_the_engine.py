"""Box users as shards on the real engine: per-person review, one call per change (issue 16).

A stack with `entra-box:userModel: shards` provisions the same Box as one resource per
person, previews each changed person by login, spends one Box write on one changed person,
and moves an existing one-resource-per-person stack to shards with no Box write at all.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable

import pytest
from box_sdk_gen import BoxClient

from components.box.shards import shard_name_of
from emulator import EmulatorServer
from tests.e2e.conftest import assert_box_holds_the_resolved_state, box_writes, deploy
from tests.support.box_only_spec import Org, Person
from tests.support.box_view import read_box
from tests.support.engine import POLICY_PACK, EngineStack, recorded, user_model_config
from tools.preview_summary.changes import access_changes

pytestmark = pytest.mark.engine

PEOPLE = tuple(Person(f"person{n}@contoso.example", f"Person {n}") for n in range(8))
LOGINS = tuple(person.login for person in PEOPLE)
ORG = Org(
    people=PEOPLE, groups={"Team": LOGINS[:5]}, direct=LOGINS[5:], box_groups={"Club": LOGINS[3:]}
)


USER_MODEL_KEY = "entra-box:userModel"


def use_shards(stack: EngineStack) -> None:
    stack.set_config(user_model_config("shards"))


def test_a_sharded_stack_provisions_box_as_the_spec_says_with_far_fewer_resources(
    engine_stack: EngineStack, box_client: BoxClient, box: EmulatorServer
) -> None:
    use_shards(engine_stack)
    deploy(engine_stack, box, ORG)

    assert_box_holds_the_resolved_state(engine_stack, box_client)
    assert engine_stack.resources("box:User") == []
    shards = engine_stack.resources("box:UserShard")
    assert sum(len(recorded(shard)["users"]) for shard in shards) == len(PEOPLE)
    check = engine_stack.preview("--expect-no-changes")
    assert check.ok, check.describe()
    assert box.request_log.writes() == []


def test_one_changed_person_is_previewed_by_login_and_costs_one_box_write(
    engine_stack: EngineStack, box_client: BoxClient, box: EmulatorServer
) -> None:
    use_shards(engine_stack)
    deploy(engine_stack, box, ORG)
    changed = ORG.renamed("person2@contoso.example", "Person Two")
    engine_stack.write_spec(changed.spec())

    preview = engine_stack.preview("--diff")
    assert preview.ok, preview.describe()
    assert "box user person2@contoso.example: preview: update name 'Person 2' -> 'Person Two'" in (
        preview.output
    )
    assert "person3@contoso.example: preview" not in preview.output
    steps = engine_stack.preview_json().json()["steps"]
    changing = {step["urn"].rsplit("::", 1)[1] for step in steps if step["op"] != "same"}
    assert changing == {shard_name_of("person2@contoso.example")}
    box.request_log.clear()
    engine_stack.up()

    assert box_writes(box) == ["PUT /2.0/users/{user_id}"]
    assert read_box(box_client).users["person2@contoso.example"]["name"] == "Person Two"


def deploy_then_add_a_newcomer_to_team(engine_stack: EngineStack, box: EmulatorServer) -> None:
    """Deploy ORG in shards, then write a spec where a new person joins the group Team."""
    use_shards(engine_stack)
    deploy(engine_stack, box, ORG)
    joined = ORG.with_person(Person("newcomer@contoso.example", "Newcomer"), group="Team")
    engine_stack.write_spec(joined.spec())


def test_a_new_person_joins_a_group_in_the_same_run(
    engine_stack: EngineStack, box_client: BoxClient, box: EmulatorServer
) -> None:
    deploy_then_add_a_newcomer_to_team(engine_stack, box)

    preview = engine_stack.preview()
    assert preview.ok, preview.describe()
    assert "box user newcomer@contoso.example: preview: new Box user" in preview.output
    engine_stack.up()

    assert box_writes(box) == ["POST /2.0/group_memberships", "POST /2.0/users"]
    assert "newcomer@contoso.example" in read_box(box_client).groups["Team"]


def test_groups_record_no_shard_and_find_their_new_members_by_login(
    engine_stack: EngineStack, box_client: BoxClient, box: EmulatorServer
) -> None:
    # Groups used to take member ids from the shards, so each recorded every shard of its
    # members twice (dependencies, propertyDependencies): most of a large checkpoint.
    deploy_then_add_a_newcomer_to_team(engine_stack, box)
    engine_stack.up()

    groups = engine_stack.resources("box:Group")
    recorded = [urn for group in groups for urn in group.get("dependencies") or []]
    assert groups and not [urn for urn in recorded if "box:UserShard" in urn]
    assert all(
        any(urn.endswith("::users-ready") for urn in group["dependencies"]) for group in groups
    )
    assert all("member_ids" not in group["inputs"] for group in groups)
    assert "newcomer@contoso.example" in read_box(box_client).groups["Team"]
    check = engine_stack.preview("--expect-no-changes")
    assert check.ok, check.describe()


def test_the_pr_summary_names_each_changed_person_of_a_shard(
    engine_stack: EngineStack, box: EmulatorServer
) -> None:
    use_shards(engine_stack)
    deploy(engine_stack, box, ORG)
    changed = ORG.with_person(Person("newcomer@contoso.example", "Newcomer")).renamed(
        "person2@contoso.example", "Person Two"
    )
    engine_stack.write_spec(changed.spec())

    summary = access_changes(engine_stack.preview_json().json())

    assert [change.login for change in summary.gains] == ["newcomer@contoso.example"]
    assert [change.login for change in summary.user_updates] == ["person2@contoso.example"]
    assert summary.losses == ()


def kind_of(urn: str) -> str:
    """The last part of a URN's type: `box:User` of `...$pulumi-python:dynamic/box:User`."""
    return urn.split("::")[-2].rsplit("$", 1)[-1].rsplit("/", 1)[-1]


def drop_the_user_model(stack: EngineStack) -> None:
    # As a stack deployed before shards were the default sees an upgrade: no setting at all.
    stack.pulumi("config", "rm", USER_MODEL_KEY, check=True)


@pytest.mark.parametrize(
    "move", [use_shards, drop_the_user_model], ids=["config-set-to-shards", "default-model"]
)
def test_a_per_user_stack_moves_to_shards_with_no_box_write_and_no_leaver(
    engine_stack: EngineStack,
    box_client: BoxClient,
    box: EmulatorServer,
    move: Callable[[EngineStack], None],
) -> None:
    engine_stack.set_config(user_model_config("per-user"))
    deploy(engine_stack, box, ORG)
    assert len(engine_stack.resources("box:User")) == len(PEOPLE)
    before = read_box(box_client)
    move(engine_stack)

    preview = engine_stack.preview("--policy-pack", str(POLICY_PACK))  # as CI gates it
    assert preview.ok, preview.describe()
    steps = engine_stack.preview_json().json()
    ops = [(kind_of(step["urn"]), step["op"]) for step in steps["steps"]]
    assert ops.count(("box:User", "delete")) == len(PEOPLE)
    # Nothing else changes: not departures (no leaver, not even a changed roster), no group.
    changing = {(kind, op) for kind, op in ops if op != "same"}
    # box:UsersReady only orders the groups after the shards: it holds nothing, calls nobody.
    assert changing == {
        ("box:User", "delete"),
        ("box:UserShard", "create"),
        ("box:UsersReady", "create"),
    }
    summary = access_changes(steps)
    assert (summary.gains, summary.losses, summary.user_updates, summary.groups) == ((),) * 4
    engine_stack.up()

    assert box_writes(box) == []
    assert read_box(box_client) == before
    assert engine_stack.resources("box:User") == []
    ids = {
        key: user_id
        for shard in engine_stack.resources("box:UserShard")
        for key, user_id in recorded(shard)["user_ids"].items()
    }
    assert ids == before.user_ids
    check = engine_stack.preview("--expect-no-changes")
    assert check.ok, check.describe()
    # Each person is stored once, in the shard's inputs; the adoption stays there while
    # nothing changes, so the next `up` records nothing new for any shard (it would
    # otherwise rewrite the whole checkpoint once per shard).
    shards = {s["urn"]: s for s in engine_stack.resources("box:UserShard")}
    assert all(set(s["outputs"]) & {"users", "user_ids"} == set() for s in shards.values())
    engine_stack.up()
    again = {s["urn"]: s for s in engine_stack.resources("box:UserShard")}
    assert {u: (s["inputs"], s["outputs"]) for u, s in again.items()} == {
        u: (s["inputs"], s["outputs"]) for u, s in shards.items()
    }


def provision_people(stack: EngineStack, *logins: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "tools.provision_people",
            stack.name,
            *logins,
            "--policy-pack",
            str(POLICY_PACK),
        ],
        cwd=stack.project_dir,
        env=stack.env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_one_person_is_provisioned_on_demand_and_everyone_else_waits(
    engine_stack: EngineStack, box_client: BoxClient, box: EmulatorServer
) -> None:
    use_shards(engine_stack)
    deploy(engine_stack, box, ORG)
    changed = (
        ORG.with_person(Person("urgent@contoso.example", "Urgent"))
        .with_person(Person("later@contoso.example", "Later"))
        .renamed("person2@contoso.example", "Person Two")
    )
    engine_stack.write_spec(changed.spec())

    done = provision_people(engine_stack, "urgent@contoso.example")

    assert done.returncode == 0, done.stdout + done.stderr
    assert box_writes(box) == ["POST /2.0/users"]
    in_box = read_box(box_client)
    assert "urgent@contoso.example" in in_box.users
    assert "later@contoso.example" not in in_box.users
    assert in_box.users["person2@contoso.example"]["name"] == "Person 2"
    engine_stack.up()
    assert_box_holds_the_resolved_state(engine_stack, box_client)


def test_a_per_user_stack_is_refused_by_provision_people_with_the_target_to_use(
    engine_stack: EngineStack, box: EmulatorServer
) -> None:
    engine_stack.set_config(user_model_config("per-user"))
    engine_stack.write_spec(ORG.spec())
    box.request_log.clear()

    done = provision_people(engine_stack, "person1@contoso.example")

    assert done.returncode == 2, done.stdout + done.stderr
    assert "entra-box:userModel: per-user" in done.stderr
    assert "dynamic/box:User::<key>" in done.stderr
    assert box.request_log.entries == []
