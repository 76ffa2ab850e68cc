"""The workflows' per-stack commands (`tools/ci_pulumi.py`) with the real engine and policy pack.

Run as the workflows run them: `python -m tools.ci_pulumi ...` in the project directory with
the backend and passphrase in the environment, then `python -m tools.preview_summary` over
what the previews wrote. Stacks are named `dev` and `prod` so the policy pack treats them as
the repository's environments (policies/config/<stack>.json applies).
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from box_sdk_gen import BoxClient

from tests.conftest import NewEngineStack
from tests.support.box_only_spec import SMALL_ORG, Person
from tests.support.box_view import rename_ada_in_box
from tests.support.engine import POLICY_PACK, EngineStack

pytestmark = pytest.mark.engine


def ci_pulumi(stack: EngineStack, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "tools.ci_pulumi", "--policy-pack", str(POLICY_PACK)]
    return subprocess.run(
        [*command, *args],
        cwd=stack.project_dir,
        env=stack.env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def summary_of(previews: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "tools.preview_summary", str(previews)],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def test_a_pull_request_preview_is_gated_by_the_policy_pack_and_summarised_per_stack(
    new_engine_stack: NewEngineStack, tmp_path: Path
) -> None:
    dev, prod = new_engine_stack("dev"), new_engine_stack("prod")
    # Production may never force-delete Box users: a guardrail the program itself enforces
    # (components/guardrails), as the pack does. (Previewed before dev deploys the same people
    # into the shared emulator, which prod would then adopt.)
    prod.write_spec(replace(SMALL_ORG, deprovision="delete").spec())
    previews = tmp_path / "previews"
    prod_preview = ci_pulumi(prod, "preview", "prod", "--out", str(previews))
    dev.write_spec(SMALL_ORG.spec())
    dev.up()
    katherine = Person("katherine@contoso.example", "Katherine Johnson")
    dev.write_spec(SMALL_ORG.with_person(katherine, group="Research").spec())

    dev_preview = ci_pulumi(dev, "preview", "dev", "--out", str(previews))
    comment = summary_of(previews).splitlines()

    assert dev_preview.returncode == 0, dev_preview.stdout + dev_preview.stderr
    assert prod_preview.returncode != 0
    assert "- `dev`: 1 person gains Box access, 1 group changes" in comment
    assert "- `prod`: **preview failed**" in comment
    assert "- `katherine@contoso.example` (Katherine Johnson): new Box user" in comment
    assert any("stack 'prod' is production and would force-delete" in line for line in comment)
    assert any("[mandatory: box-no-force-delete-in-production]" in line for line in comment)
    assert "<summary>Full preview of <code>prod</code></summary>" in comment


def test_a_deploy_converges_and_the_drift_check_fails_once_box_drifts(
    new_engine_stack: NewEngineStack, box_client: BoxClient
) -> None:
    dev = new_engine_stack("dev")
    dev.write_spec(SMALL_ORG.spec())

    deployed = ci_pulumi(dev, "up", "dev")
    steady = ci_pulumi(dev, "drift", "dev")
    rename_ada_in_box(box_client)
    drifted = ci_pulumi(dev, "drift", "dev")

    assert deployed.returncode == 0, deployed.stdout + deployed.stderr
    assert "Policy Packs run" in deployed.stdout
    assert "$ pulumi preview --refresh --expect-no-changes --stack dev" in deployed.stdout
    assert steady.returncode == 0, steady.stdout + steady.stderr
    assert drifted.returncode != 0
    assert '"Ada King" => "Ada Lovelace"' in drifted.stdout
