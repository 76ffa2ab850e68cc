"""Turn pydantic's validation errors into spec issues a person can act on.

Called by `components.spec.load` when the spec models reject a file. Each pydantic error
becomes a `SpecIssue` at the YAML line and column of the offending value (or key, for
unknown fields), with a message in the spec's own terms and a fix: the closest known
field for a misspelt one, the allowed values for an enum, the expected YAML type.
"""

from __future__ import annotations

import re
import types
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from components.spec.errors import SpecIssue, SpecPath
from components.spec.source_map import SourceMap
from components.spec.suggest import closest, did_you_mean
from components.spec.types import ERROR_TYPE

_TYPE_WORDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "bool_type": "true or false",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "dict_type": "a mapping",
    "list_type": "a list",
    "float_type": "a number",
}


def translate(error: ValidationError, root: type[BaseModel], source: SourceMap) -> list[SpecIssue]:
    """One issue per pydantic error (per problem, for `spec_errors`), located in the file."""
    return [issue for details in error.errors() for issue in _issues(details, root, source)]


def _issues(details: ErrorDetails, root: type[BaseModel], source: SourceMap) -> list[SpecIssue]:
    context = details.get("ctx") or {}
    if details["type"] != ERROR_TYPE or "each" not in context:
        return [_issue(details, root, source)]
    return [
        _issue(ErrorDetails(**{**details, "ctx": each}), root, source) for each in context["each"]
    ]


def _issue(details: ErrorDetails, root: type[BaseModel], source: SourceMap) -> SpecIssue:
    loc: SpecPath = tuple(details["loc"])
    at_key = bool(loc) and loc[-1] == "[key]"
    if at_key:
        loc = loc[:-1]
    context = details.get("ctx") or {}
    if details["type"] == ERROR_TYPE and context.get("at"):
        loc = (*loc, *str(context["at"]).split("."))
    at_key = at_key or details["type"] == "extra_forbidden"
    message, hint = _explain(details, loc, root)
    return SpecIssue(loc, message, hint, source.locate(loc, at_key=at_key))


def _explain(details: ErrorDetails, loc: SpecPath, root: type[BaseModel]) -> tuple[str, str]:
    if details["type"] == "extra_forbidden":
        return _unknown_field(loc, root)
    if details["type"] == "missing":
        return "required field is missing", f"add '{loc[-1]}:' to this mapping"
    return explain_value(details)


def explain_value(details: ErrorDetails) -> tuple[str, str]:
    """Message and fix for an error about one value (not about a mapping's fields)."""
    kind = details["type"]
    context = details.get("ctx") or {}
    value = details.get("input")
    if kind == ERROR_TYPE:
        return str(context["message"]), str(context["hint"])
    if kind == "literal_error":
        return _not_allowed(value, str(context.get("expected", "")))
    if kind in _TYPE_WORDS:
        return _wrong_type(value, _TYPE_WORDS[kind])
    if kind in ("string_too_long", "too_long"):
        limit = context.get("max_length")
        return f"is longer than {limit} characters", f"shorten it to at most {limit}"
    if kind == "greater_than_equal":
        return f"{_show(value)} is below the minimum {context.get('ge')}", "use a larger number"
    if kind == "less_than_equal":
        return f"{_show(value)} is above the maximum {context.get('le')}", "use a smaller number"
    return details["msg"], "see the spec's JSON Schema: python -m components schema"


def _unknown_field(loc: SpecPath, root: type[BaseModel]) -> tuple[str, str]:
    name = str(loc[-1])
    known = known_fields(root, loc[:-1])
    if not known:
        return f"unknown field {name!r}", "remove it"
    listing = f"remove it; the fields here are {', '.join(known)}"
    return f"unknown field {name!r}", did_you_mean(name, known, listing)


def _not_allowed(value: object, expected: str) -> tuple[str, str]:
    allowed = re.findall(r"'([^']*)'", expected)
    shown = _show(value)
    match = closest(str(value), allowed) if isinstance(value, str) else None
    choices = ", ".join(repr(choice) for choice in allowed) or expected
    hint = f"did you mean {match!r}? (allowed: {choices})" if match else f"use one of {choices}"
    return f"{shown} is not allowed here", hint


def _wrong_type(value: object, expected: str) -> tuple[str, str]:
    if value is None:
        return "has no value", f"write {expected} here, or remove the key"
    hint = f"write {expected} here"
    if isinstance(value, str) and expected != "text" and _exponent_number(value):
        hint += f", in digits: YAML reads {value!r} as text"
    elif isinstance(value, str) and expected != "text":
        hint += " (without quotes)"
    elif not isinstance(value, dict | list) and expected == "text":
        hint += f" (quote it: '{value}')"
    return f"expected {expected}, got {_show(value)}", hint


def _exponent_number(text: str) -> bool:
    """'1e38': a number to a reader, text to YAML 1.1 (its floats need a dot: '1.0e+38')."""
    return re.fullmatch(r"[-+]?[0-9]+(\.[0-9]*)?[eE][-+]?[0-9]+", text.strip()) is not None


def _show(value: object) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true" if value else "false"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def known_fields(root: type[BaseModel], loc: SpecPath) -> list[str]:
    """The YAML field names of the model found at `loc` below `root` (empty if none)."""
    current: Any = root
    for element in loc:
        current = _unwrap(current)
        origin = get_origin(current)
        if origin in (list, dict):
            current = get_args(current)[-1]
        elif isinstance(current, type) and issubclass(current, BaseModel):
            current = _field_annotation(current, str(element))
        else:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [field.alias or name for name, field in current.model_fields.items()]
    return []


def _field_annotation(model: type[BaseModel], alias: str) -> Any:
    for name, field in model.model_fields.items():
        if (field.alias or name) == alias:
            return field.annotation
    return None


def _unwrap(annotation: Any) -> Any:
    if get_origin(annotation) in (Union, types.UnionType):
        members = [arg for arg in get_args(annotation) if arg is not type(None)]
        return members[0] if len(members) == 1 else annotation
    return annotation
