"""Validate a JSON answer against a schema of Box's OpenAPI subset in tests/data.

Used by the emulator tests to prove each success answer has the shape Box documents.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from openapi_schema_validator import OAS30Validator, oas30_format_checker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

SPEC_PATH = Path(__file__).resolve().parent.parent / "data" / "openapi-subset.json"
SPEC_URI = "urn:box-openapi-subset"


@cache
def _spec() -> dict[str, Any]:
    spec: dict[str, Any] = json.loads(SPEC_PATH.read_text(encoding="utf-8"))
    return spec


@cache
def _validator(schema_name: str) -> Any:  # jsonschema ships no type information
    registry: Registry[Any] = Registry().with_resource(
        SPEC_URI, Resource.from_contents(_spec(), default_specification=DRAFT4)
    )
    schema = {"$ref": f"{SPEC_URI}#/components/schemas/{schema_name}"}
    return OAS30Validator(schema, registry=registry, format_checker=oas30_format_checker)


def assert_matches_schema(body: Any, schema_name: str) -> None:
    """Fail with every violation if `body` does not match `components/schemas/<schema_name>`."""
    errors = sorted(_validator(schema_name).iter_errors(body), key=lambda e: list(e.path))
    messages = [f"{'/'.join(map(str, e.path)) or '<root>'}: {e.message}" for e in errors]
    assert not messages, f"answer does not match {schema_name}:\n" + "\n".join(messages)


def schema_names() -> list[str]:
    return sorted(_spec()["components"]["schemas"])
