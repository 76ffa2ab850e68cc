"""The JSON Schema editors use: committed, current, and true to the stacks' specs."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from tests.spec_support import run_cli

STACKS = Path(__file__).resolve().parents[2] / "stacks"
SPECS = sorted(path for path in STACKS.glob("*.yaml") if not path.name.startswith("Pulumi."))


def test_the_committed_schema_is_what_the_schema_command_prints() -> None:
    run = run_cli("schema")
    assert run.code == 0
    assert (STACKS / "spec.schema.json").read_text(encoding="utf-8") == run.out, (
        "regenerate it: .venv/bin/python -m components schema > stacks/spec.schema.json"
    )


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    schema = json.loads(run_cli("schema").out)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) == {"version", "entra", "directory"}


@pytest.mark.parametrize("spec", SPECS, ids=lambda path: path.name)
def test_every_stack_spec_points_at_the_schema_and_satisfies_it(spec: Path) -> None:
    text = spec.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=./spec.schema.json\n")
    schema = json.loads((STACKS / "spec.schema.json").read_text(encoding="utf-8"))
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(yaml.safe_load(text)))
    assert errors == []


def test_the_schema_flags_an_unknown_field_as_editors_should() -> None:
    schema = json.loads(run_cli("schema").out)
    document = {"version": 1, "entra": {"manage": False}, "directory": {}, "bxo": {}}
    messages = [
        error.message for error in jsonschema.Draft202012Validator(schema).iter_errors(document)
    ]
    assert any("'bxo' was unexpected" in message for message in messages)
