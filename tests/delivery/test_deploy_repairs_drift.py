"""The Deploy workflow's command repairs drift, and leaves a lockout made in Box alone.

Run as the workflows run them (`python -m tools.ci_pulumi up|drift STACK`, real engine,
policy pack, emulator): a change made in Box by hand is repaired by the next deploy, after
which the daily drift check passes; a user set inactive in Box by hand makes the deploy
fail, with nothing written for them, until `ENTRA_BOX_ACKNOWLEDGE_REENABLES` names them,
and until then the drift check keeps failing (the stack is not converged).
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from box_sdk_gen import BoxClient

from emulator import EmulatorServer
from tests.conftest import NewEngineStack
from tests.e2e.conftest import assert_box_holds_the_resolved_state, box_writes
from tests.support import box_console
from tests.support.box_only_spec import SMALL_ORG
from tests.support.box_view import read_box, rename_ada_in_box
from tests.support.engine import POLICY_PACK, EngineStack

pytestmark = pytest.mark.engine

GRACE = "grace@contoso.example"
ACKNOWLEDGE = "ENTRA_BOX_ACKNOWLEDGE_REENABLES"


def ci_pulumi(
    stack: EngineStack, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "tools.ci_pulumi", "--policy-pack", str(POLICY_PACK)]
    return subprocess.run(
        [*command, *args],
        cwd=stack.project_dir,
        env={**stack.env, **(env or {})},
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def test_drift_made_in_box_is_repaired_by_the_next_deploy_and_the_drift_check_then_passes(
    new_engine_stack: NewEngineStack, box_client: BoxClient
) -> None:
    dev = new_engine_stack("dev")
    dev.write_spec(SMALL_ORG.spec())
    first = ci_pulumi(dev, "up", "dev")
    rename_ada_in_box(box_client)
    box_console.add_member(box_client, "Engineering", GRACE)

    drifted = ci_pulumi(dev, "drift", "dev")
    deployed = ci_pulumi(dev, "up", "dev")
    checked = ci_pulumi(dev, "drift", "dev")

    assert first.returncode == 0, first.stdout + first.stderr
    assert drifted.returncode != 0
    assert deployed.returncode == 0, deployed.stdout + deployed.stderr
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "$ pulumi up --yes --refresh --diff" in deployed.stdout
    assert_box_holds_the_resolved_state(dev, box_client)


def test_a_lockout_made_in_box_fails_the_deploy_until_acknowledged(
    new_engine_stack: NewEngineStack, box: EmulatorServer, box_client: BoxClient
) -> None:
    dev = new_engine_stack("dev")
    dev.write_spec(SMALL_ORG.spec())
    assert ci_pulumi(dev, "up", "dev").returncode == 0
    box_console.set_status(box_client, GRACE, "inactive")
    box.request_log.clear()

    refused = ci_pulumi(dev, "up", "dev")
    writes_of_refusal = box_writes(box)
    still_drifted = ci_pulumi(dev, "drift", "dev")
    acknowledged = ci_pulumi(dev, "up", "dev", env={ACKNOWLEDGE: GRACE})
    checked = ci_pulumi(dev, "drift", "dev")

    said = refused.stdout + refused.stderr
    assert refused.returncode != 0
    assert f"{GRACE}: re-enables a user disabled in Box (status inactive -> active)" in said
    assert f"{ACKNOWLEDGE}={GRACE} pulumi up --refresh" in said
    assert writes_of_refusal == []
    assert still_drifted.returncode != 0
    assert acknowledged.returncode == 0, acknowledged.stdout + acknowledged.stderr
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert read_box(box_client).users[GRACE]["status"] == "active"
