"""The spec reference (docs/writing-specs.md) and the editor schema describe every field.

Editors show a field's JSON Schema `description` as its tooltip; the reference is generated
from the same schema (`python -m tools.spec_reference`). So: every property of the schema
has a description, the committed reference is what the generator prints now, and it has a
row for every field the schema knows.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from components.spec import spec_json_schema
from tools.spec_reference import PAGE, field_paths, page_with_reference

ROOT = Path(__file__).resolve().parents[2]


def properties(schema: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    yield from (("Spec", name, prop) for name, prop in schema["properties"].items())
    for model, definition in schema["$defs"].items():
        yield from ((model, name, prop) for name, prop in definition.get("properties", {}).items())


PROPERTIES = list(properties(spec_json_schema()))


@pytest.mark.parametrize(
    "prop", [prop for _, _, prop in PROPERTIES], ids=[f"{m}.{n}" for m, n, _ in PROPERTIES]
)
def test_every_schema_property_has_a_description_editors_can_show(prop: dict[str, Any]) -> None:
    assert prop.get("description", "").strip(), (
        "add Field(description=...) to the field in components/spec/model.py (pydantic drops "
        "a field's description when it repeats its model's docstring), then regenerate "
        "stacks/spec.schema.json and the reference: .venv/bin/python -m tools.spec_reference"
    )


def test_the_committed_editor_schema_carries_the_descriptions_too() -> None:
    committed = json.loads((ROOT / "stacks" / "spec.schema.json").read_text(encoding="utf-8"))
    assert committed == spec_json_schema()


def test_the_reference_is_what_the_generator_prints_from_the_schema() -> None:
    page = PAGE.read_text(encoding="utf-8")
    assert page == page_with_reference(page, spec_json_schema()), (
        "docs/writing-specs.md is stale: run .venv/bin/python -m tools.spec_reference"
    )


def test_the_reference_has_a_described_row_for_every_field() -> None:
    page = PAGE.read_text(encoding="utf-8")
    lines = [line for line in page.splitlines() if line.startswith("| `")]
    rows = {line.split("|")[1].strip(): line for line in lines}
    paths = field_paths(spec_json_schema())

    assert len(paths) > 80
    for path in paths:
        assert f"`{path}`" in rows, f"docs/writing-specs.md lists no field {path}"
        description = rows[f"`{path}`"].rstrip(" |").rsplit(" | ", 1)[-1]
        assert description.strip(), f"docs/writing-specs.md: {path} has no description"


def test_the_generator_check_fails_on_a_stale_page(tmp_path: Path) -> None:
    page = PAGE.read_text(encoding="utf-8")
    stale = page.replace("The spec's version; always 1.", "Old text.")
    assert stale != page
    assert page_with_reference(stale, spec_json_schema()) == page
