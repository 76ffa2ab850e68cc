"""Check what the program hands pulumi-azuread against the provider's own schema.

Used by `tests.entra.fake_tenant.FakeTenant`: every registered azuread resource and every
invoke is checked here before the mock answers, so a misspelt input, a missing required one,
a wrong type or a value outside an enum the provider validates fails the test the way
`pulumi preview` would fail against the real provider. The schema is test data
(`tests/entra/data/azuread_schema.json`, source in its `_source` and the README beside it).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any, Final

SCHEMA_PATH: Final = Path(__file__).parent / "data" / "azuread_schema.json"
_TYPE_PREFIX: Final = "#/types/"

# Values the Terraform provider validates with `ValidateFunc` (not in the Pulumi schema):
# hashicorp/terraform-provider-azuread v3.9.0, internal/services/serviceprincipals
# (possibleValuesForPreferredSingleSignOnMode) and applications (redirect URI types).
PROVIDER_ENUMS: Final[dict[tuple[str, str], frozenset[str]]] = {
    ("azuread:index/servicePrincipal:ServicePrincipal", "preferredSingleSignOnMode"): frozenset(
        {"notSupported", "oidc", "password", "saml"}
    ),
    ("azuread:index/applicationRedirectUris:ApplicationRedirectUris", "type"): frozenset(
        {"InstalledClient", "PublicClient", "SPA", "Web"}
    ),
}


@cache
def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return loaded


def _type_problems(where: str, spec: Mapping[str, Any], value: Any) -> list[str]:
    if value is None:
        return []
    if "$ref" in spec:
        return _object_problems(where, schema()["types"][spec["$ref"][len(_TYPE_PREFIX) :]], value)
    kind = spec.get("type")
    checks = {
        "string": lambda v: isinstance(v, str),
        "boolean": lambda v: isinstance(v, bool),
        "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
        "array": lambda v: isinstance(v, list | tuple),
        "object": lambda v: isinstance(v, Mapping),
    }
    if kind in checks and not checks[kind](value):
        return [f"{where}: expected {kind}, got {type(value).__name__} {value!r}"]
    if kind == "array":
        return [
            p
            for i, item in enumerate(value)
            for p in _type_problems(f"{where}[{i}]", spec["items"], item)
        ]
    return []


def _object_problems(where: str, object_type: Mapping[str, Any], value: Any) -> list[str]:
    if not isinstance(value, Mapping):
        return [f"{where}: expected an object, got {value!r}"]
    return _properties_problems(
        where, object_type.get("properties", {}), object_type.get("required", ()), value
    )


def _properties_problems(
    where: str, properties: Mapping[str, Any], required: Any, values: Mapping[str, Any]
) -> list[str]:
    problems = [
        f"{where}.{name}: not an input of this type" for name in values if name not in properties
    ]
    problems += [
        f"{where}.{name}: required, missing" for name in required if values.get(name) is None
    ]
    for name, value in values.items():
        if name in properties:
            problems += _type_problems(f"{where}.{name}", properties[name], value)
    return problems


def resource_input_problems(token: str, inputs: Mapping[str, Any]) -> list[str]:
    """What the real provider would refuse in a resource's inputs (empty when none)."""
    resource = schema()["resources"].get(token)
    if resource is None:
        return [f"{token}: not a resource entra-box is known to use (add it to the test schema)"]
    problems = _properties_problems(
        token, resource.get("inputProperties", {}), resource.get("requiredInputs", ()), inputs
    )
    for (enum_token, name), allowed in PROVIDER_ENUMS.items():
        value = inputs.get(name)
        if enum_token == token and value is not None and value not in allowed:
            problems.append(f"{token}.{name}: {value!r} is not one of {sorted(allowed)}")
    return problems


def resource_output_problems(token: str, outputs: Mapping[str, Any]) -> list[str]:
    """Outputs a mock returns that the resource does not have."""
    properties = schema()["resources"][token].get("properties", {})
    return [
        f"{token}: the mock returns {name!r}, which is no output"
        for name in outputs
        if name not in properties
    ]


def function_input_problems(token: str, args: Mapping[str, Any]) -> list[str]:
    """What the real provider would refuse in an invoke's arguments."""
    function = schema()["functions"].get(token)
    if function is None:
        return [f"{token}: not a function entra-box is known to use (add it to the test schema)"]
    inputs = function.get("inputs", {})
    return _properties_problems(
        token, inputs.get("properties", {}), inputs.get("required", ()), args
    )


def function_output_problems(token: str, result: Mapping[str, Any]) -> list[str]:
    outputs = schema()["functions"][token]["outputs"].get("properties", {})
    return [
        f"{token}: the mock returns {name!r}, which is no output"
        for name in result
        if name not in outputs
    ]
