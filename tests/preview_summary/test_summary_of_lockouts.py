"""The PR summary of a stack with a lockout made in Box: what the deploy would give back.

Through the workflow's own commands (`python -m tools.ci_pulumi preview`, refreshing, then
`python -m tools.preview_summary`), real engine and emulator. Unacknowledged, the preview
fails and the summary's problems name each repair that would undo the lockout and how to
acknowledge it; acknowledged, the summary lists the same repairs as gains of access.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from box_sdk_gen import BoxClient

from tests.conftest import NewEngineStack
from tests.support import box_console
from tests.support.box_view import ADA
from tests.support.engine import POLICY_PACK, EngineStack
from tests.support.lockouts import (
    ACKNOWLEDGE,
    ALAN,
    GRACE,
    IT,
    lock_out_in_box,
    spec_with_roles,
)

pytestmark = pytest.mark.engine


def previewed_summary(stack: EngineStack, out: Path, env: dict[str, str]) -> tuple[int, str]:
    """The exit code of `ci_pulumi preview` and the summary of what it wrote."""
    command = [sys.executable, "-m", "tools.ci_pulumi", "--policy-pack", str(POLICY_PACK)]
    preview = subprocess.run(
        [*command, "preview", stack.name, "--out", str(out)],
        cwd=stack.project_dir,
        env={**stack.env, **env},
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    summary = subprocess.run(
        [sys.executable, "-m", "tools.preview_summary", str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    return preview.returncode, summary.stdout


def test_the_summary_names_each_repair_that_would_undo_a_lockout_made_in_box(
    new_engine_stack: NewEngineStack, box_client: BoxClient, tmp_path: Path
) -> None:
    dev = new_engine_stack("dev")
    dev.write_spec(spec_with_roles())
    dev.up()
    lock_out_in_box(box_client)

    refused, problems = previewed_summary(dev, tmp_path / "refused", {})
    everyone = f"{GRACE},{ALAN},{IT}"
    allowed, gains = previewed_summary(dev, tmp_path / "acknowledged", {ACKNOWLEDGE: everyone})

    assert refused != 0
    assert "**preview failed**" in problems
    assert "re-enables a user disabled in Box (status inactive -> active)" in problems
    assert f"re-adds {ALAN} to Engineering, removed in Box" in problems
    assert f"{ACKNOWLEDGE}=" in problems
    assert allowed == 0, gains
    lines = gains.splitlines()
    assert (
        f"- `{GRACE}` (Grace Hopper): re-enables a user disabled in Box "
        "(status inactive -> active)" in lines
    )
    assert f"- `{GRACE}` (Grace Hopper): raises role user -> coadmin, lowered in Box" in lines
    assert f"- `{ALAN}`: re-adds {ALAN} to Engineering, removed in Box" in lines
    assert f"- `{IT}`: raises role of {IT} in Ops member -> admin, lowered in Box" in lines


def test_the_summary_names_access_added_in_box_that_the_deploy_takes_back(
    new_engine_stack: NewEngineStack, box_client: BoxClient, tmp_path: Path
) -> None:
    dev = new_engine_stack("dev")
    spec = spec_with_roles()
    spec["box"]["users"][ALAN] = {"status": "inactive"}
    dev.write_spec(spec)
    dev.up()
    box_console.set_status(box_client, ALAN, "active")
    box_console.set_role(box_client, ADA, "coadmin")
    box_console.add_member(box_client, "Engineering", GRACE)
    box_console.set_member_role(box_client, "Ops", ADA, "admin")

    previewed, summary = previewed_summary(dev, tmp_path / "previews", {})

    assert previewed == 0, summary
    lines = summary.splitlines()
    assert f"- `{ADA}` (Ada Lovelace): lowers role coadmin -> user, raised in Box" in lines
    assert f"- `{GRACE}`: removes {GRACE} from Engineering, added in Box" in lines
    assert f"- `{ADA}`: lowers role of {ADA} in Ops admin -> member, raised in Box" in lines
    assert any(line.startswith(f"- `{ALAN}` (Alan Turing): ") for line in lines)
