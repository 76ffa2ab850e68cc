"""`python -m components inventory|onboard` against a hand-made Box tenant, via the stack's config.

The tenant is made through the official SDK as an IT admin would have it before entra-box:
people, a group with members, and a co-admin nobody reviews. Both commands run as a person
runs them, in the project directory with the stack's backend and passphrase in the
environment; the connection comes from the stack's config through `pulumi`.
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest
from box_sdk_gen import BoxClient

from emulator import EmulatorServer
from tests.e2e.conftest import box_writes
from tests.support.box_only_spec import Org, Person
from tests.support.engine import EngineStack
from tests.support.hand_made_tenant import make_tenant
from tools.preview_summary.shards import per_person_steps

pytestmark = pytest.mark.engine

MANAGED = Org(
    people=(Person("ada@contoso.example", "Ada Lovelace"),), direct=("ada@contoso.example",)
)


def run_command(stack: EngineStack, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "components", *args, "--stack", stack.name],
        cwd=stack.project_dir,
        env=stack.env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def by_login(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {user["login"]: user for user in document["users"]}


def test_inventory_says_which_users_and_groups_the_stack_manages_and_calls_out_admins(
    engine_stack: EngineStack, box_client: BoxClient
) -> None:
    make_tenant(box_client)
    engine_stack.write_spec(MANAGED.spec())
    engine_stack.up()

    done = run_command(engine_stack, "inventory", "--json")

    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    users = by_login(document)
    assert users["ada@contoso.example"]["managed"] is True
    assert users["bob@contoso.example"] | {"id": ""} == {
        "login": "bob@contoso.example",
        "name": "Bob Smith",
        "role": "user",
        "status": "active",
        "managed": False,
        "service_account": False,
        "id": "",
    }
    assert users["dan@contoso.example"]["status"] == "inactive"
    assert document["unmanaged_admins"] == ["carol@contoso.example"]
    (sales,) = document["groups"]
    assert sales["name"] == "Sales" and sales["managed"] is False
    assert sales["members"] == [
        {"login": "bob@contoso.example", "role": "member"},
        {"login": "carol@contoso.example", "role": "admin"},
    ]


def test_inventory_prints_tables_with_the_unmanaged_co_admin_called_out(
    engine_stack: EngineStack, box_client: BoxClient
) -> None:
    make_tenant(box_client)
    engine_stack.write_spec(MANAGED.spec())

    done = run_command(engine_stack, "inventory")

    assert done.returncode == 0, done.stderr
    assert "Box users (3, 0 managed by stack e2e)" in done.stdout
    assert "Admins and co-admins the stack does not manage (1):" in done.stdout
    assert "  carol@contoso.example (coadmin)" in done.stdout


def test_inventory_names_the_missing_setting_when_the_stack_cannot_connect(
    engine_stack: EngineStack,
) -> None:
    engine_stack.pulumi("config", "rm", "box:enterpriseId", check=True)

    done = run_command(engine_stack, "inventory")

    assert done.returncode == 1
    assert "box:enterpriseId: is not set" in done.stderr
    assert "Traceback" not in done.stderr


def test_onboarding_then_a_first_up_adopts_every_account_and_writes_nothing_to_box(
    engine_stack: EngineStack, box: EmulatorServer, box_client: BoxClient
) -> None:
    make_tenant(box_client)
    engine_stack.write_spec(MANAGED.spec())  # sets entra-box:spec; replaced below
    onboarded = run_command(engine_stack, "onboard", "--out", str(engine_stack.spec_path))
    assert onboarded.returncode == 0, onboarded.stderr
    assert "3 users and 1 groups written" in onboarded.stderr
    box.request_log.clear()

    preview = engine_stack.preview_json()
    up = engine_stack.up()

    assert preview.ok, preview.describe()
    # Per person in either user model (a user shard's step is one step per person).
    creates = [s for s in per_person_steps(preview.json()["steps"]) if s["op"] == "create"]
    adopting = [s for s in creates if "dynamic/box:User::" in s["urn"]]
    assert len(adopting) == 3
    assert all(step["newState"]["inputs"].get("adopts") for step in adopting)
    assert box_writes(box) == []
    assert "adopting" in up.stdout
    users = set(engine_stack.recorded_users())
    assert users == {"bob@contoso.example", "carol@contoso.example", "dan@contoso.example"}
    (sales,) = engine_stack.resources("box:Group")
    assert sales["outputs"]["adopted"] is True
