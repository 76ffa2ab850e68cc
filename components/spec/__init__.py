"""The spec layer: the YAML spec's models, its loader and its errors.

Public API: `load_spec(path) -> Spec` (or `parse_spec(text, file)`), raising `SpecError`
whose `.issues` each carry file:line:col, the spec path, the problem and the fix, and whose
`str()` is one line per issue. Resolution into desired state is `components.resolve`.
"""

from components.spec.errors import Location, SpecError, SpecIssue, SpecPath, format_path
from components.spec.load import load_spec, parse_spec
from components.spec.model import Spec
from components.spec.schema import render_schema, spec_json_schema
from components.spec.source_map import SourceMap

__all__ = [
    "Location",
    "SourceMap",
    "Spec",
    "SpecError",
    "SpecIssue",
    "SpecPath",
    "format_path",
    "load_spec",
    "parse_spec",
    "render_schema",
    "spec_json_schema",
]
