"""The spec's JSON Schema, for editors (`python -m components schema`).

`stacks/spec.schema.json` is this output, committed, and every spec in `stacks/` points
at it with a `yaml-language-server` comment; a test keeps the two identical.
"""

from __future__ import annotations

import json
from typing import Any

from components.spec.model import Spec

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def spec_json_schema() -> dict[str, Any]:
    """The JSON Schema of a spec file, by its YAML field names."""
    schema = Spec.model_json_schema(by_alias=True, mode="validation")
    return {"$schema": DIALECT, **_sorted_enums(schema)}


def _sorted_enums(node: Any) -> Any:
    # Literals that differ only in order compare equal, and `typing` caches `X | None` by
    # equality: the spec's `Literal["user", "coadmin"] | None` may come back holding another
    # module's `Literal["coadmin", "user"]`. Sorted, the schema does not depend on which
    # module was imported first.
    if isinstance(node, dict):
        return {
            key: sorted(value, key=str) if key == "enum" else _sorted_enums(value)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_sorted_enums(item) for item in node]
    return node


def render_schema() -> str:
    """The schema as the committed file holds it: indented JSON and a final newline."""
    return json.dumps(spec_json_schema(), indent=2, ensure_ascii=False) + "\n"
