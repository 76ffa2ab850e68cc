"""Policy config: typed reads with documented defaults, and the example per-stack files.

`policies/config/<stack>.json` must be a valid standard policy config file for the pack:
every key a policy of the pack, every level one Pulumi knows, every value fitting the
policy's schema (checked with JSON Schema, as the engine does), no key a policy ignores.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from components.production import is_production
from policies.box_coadmins import MAX_COADMINS
from policies.pack import POLICIES
from policies.settings import PolicyConfigError, strings_setting

ROOT = Path(__file__).resolve().parents[2]
# Specs only: `stacks/Pulumi.<stack>.yaml` are the stacks' Pulumi config files.
STACKS = sorted(
    path.stem for path in (ROOT / "stacks").glob("*.yaml") if not path.name.startswith("Pulumi.")
)
LEVELS = {"advisory", "mandatory", "remediate", "disabled"}
BY_NAME = {policy.name: policy for policy in POLICIES}


@pytest.mark.parametrize(
    ("config", "expected"),
    [({}, 2), ({"maxCoadmins": 1}, 1), ({"maxCoadmins": 4.0}, 4), ({"maxCoadmins": None}, 2)],
    ids=["default", "set", "json-number", "null"],
)
def test_a_number_setting_reads_its_value_or_the_documented_default(
    config: dict[str, Any], expected: int
) -> None:
    assert MAX_COADMINS.read(config) == expected


@pytest.mark.parametrize("value", [-1, 1.5, True, "2", [2]])
def test_a_number_setting_refuses_a_value_outside_its_schema(value: Any) -> None:
    with pytest.raises(PolicyConfigError, match=r"maxCoadmins=.* does not fit its schema"):
        MAX_COADMINS.read({"maxCoadmins": value})


@pytest.mark.parametrize(
    ("value", "ok"), [(["prod-*"], True), ([], True), ("dev", False), ([1], False)]
)
def test_a_list_setting_takes_only_lists_of_strings(value: Any, ok: bool) -> None:
    patterns = strings_setting("stackPatterns", (), "Shell-style patterns of stack names.")
    if ok:
        assert patterns.read({"stackPatterns": value}) == tuple(value)
    else:
        with pytest.raises(PolicyConfigError, match="stackPatterns"):
            patterns.read({"stackPatterns": value})


@pytest.mark.parametrize("stack", STACKS)
def test_every_stack_has_a_policy_config_file_that_fits_the_pack(stack: str) -> None:
    config = json.loads((ROOT / "policies" / "config" / f"{stack}.json").read_text())

    assert set(config) <= set(BY_NAME), "keys must be policy names of the pack"
    for name, entry in config.items():
        if isinstance(entry, str):
            assert entry in LEVELS
            continue
        settings = dict(entry)
        assert settings.pop("enforcementLevel", "advisory") in LEVELS
        declared = BY_NAME[name].config_schema
        properties = declared.properties if declared else {}
        assert set(settings) <= set(properties), f"{name}: keys the policy does not read"
        schema = {"type": "object", "properties": properties}
        jsonschema.validate(settings, schema)


def test_no_policy_config_file_can_make_a_stack_non_production() -> None:
    for stack in STACKS:
        config = json.loads((ROOT / "policies" / "config" / f"{stack}.json").read_text())
        assert "nonProductionStacks" not in json.dumps(config)

    assert is_production("prod")
    assert not is_production("dev")
