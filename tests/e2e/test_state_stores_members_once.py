"""A group's members are stored once in the state, and everything still works (issue 16).

The checkpoint held each group's members in its inputs, again in its outputs and a third
time as the members last applied, and its member ids twice; at 10,000 people that was half
the checkpoint. Outputs now keep only what differs from the inputs
(`components/provider_host/stored_once.py`): after an `up` a group's outputs hold no member
map its inputs hold, and when Box drifts (a member removed by hand) the outputs keep Box's
view and what was applied, so the lockout is still seen.
"""

from __future__ import annotations

from typing import Any

import pytest
from box_sdk_gen import BoxClient

from tests.support import box_console
from tests.support.box_only_spec import SMALL_ORG
from tests.support.engine import EngineStack

pytestmark = pytest.mark.engine

GRACE = "grace@contoso.example"


def group_state(stack: EngineStack, name: str) -> dict[str, Any]:
    resources = stack.export_state()["deployment"]["resources"]
    groups = [r for r in resources if r["type"].endswith("box:Group")]
    return next(r for r in groups if (r.get("inputs") or {}).get("name") == name)


def test_a_group_stores_its_members_once_until_box_differs(
    engine_stack: EngineStack, box_client: BoxClient
) -> None:
    engine_stack.write_spec(SMALL_ORG.spec())
    engine_stack.up()
    deployed = group_state(engine_stack, "Research")
    box_console.remove_member(box_client, "Research", GRACE)
    engine_stack.refresh("--yes")
    drifted = group_state(engine_stack, "Research")
    refused = engine_stack.preview()

    assert deployed["inputs"]["members"] == {"ada@contoso.example": "member", GRACE: "member"}
    assert "members" not in deployed["outputs"]
    assert "applied_members" not in deployed["outputs"]
    assert set(deployed["outputs"]["membership_ids"]) == {"ada@contoso.example", GRACE}
    # Box's view (without Grace) and what was applied (with her) are both kept.
    assert GRACE not in drifted["inputs"]["members"]
    assert GRACE in drifted["outputs"]["applied_members"]
    assert refused.returncode != 0
    assert f"re-adds {GRACE} to Research, removed in Box" in refused.stdout + refused.stderr
