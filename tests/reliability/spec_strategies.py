"""Hypothesis strategies for bad input: random text, YAML fragments, and mutated real specs.

Used by `test_bad_specs_are_refused_clearly.py`. The mutations start from the committed
specs (`stacks/*.yaml`) so that most inputs get past the YAML layer and deep into the models
and the resolution, where the interesting mistakes are: a field deleted, a value of the
wrong type, an unknown key, a person listed twice, a reference to nobody.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

STACKS = Path(__file__).resolve().parents[2] / "stacks"
SPEC_FILES = ("dev.yaml", "prod.yaml", "demo.yaml")
# Words a spec is made of, so random mappings look like specs more often than not.
SPEC_WORDS = (
    "version", "entra", "manage", "application", "displayName", "assignments", "user", "group",
    "role", "User", "Co-admin", "provisioning", "engine", "objects", "users-and-groups",
    "mappings", "login", "job_title", "jobTitle", "deprovision", "disable", "transfer",
    "delete", "custodian", "maxDeprovisions", "directory", "source", "inline", "entra",
    "users", "groups", "userPrincipalName", "members", "accountEnabled", "objectId", "box",
    "defaults", "space_amount", "status", "inactive", "name", "ada@contoso.com", "Sales",
)  # fmt: skip
YAML_PIECES = (
    ":", ": ", "- ", "-", "{", "}", "[", "]", ",", "\n", "\n  ", "\n    ", "\t", "  ", "#",
    "&a ", "*a", "<<: ", "!!str ", "!!int ", "!!float ", "!!bool ", "!!timestamp ", "!!null ",
    "!!binary ", "!!set ", "!!omap ", "!!python/object:os.system ", "!custom ", "? ",
    "|\n  ", ">\n  ", "'", '"', "\\", "---\n", "...\n", "%YAML 1.1\n", "~", "null", "yes",
    "on", "1e9", "0x1F", "1_000", "2026-11-26", ".inf", "\x00", "\ufeff", "\u2028",
)  # fmt: skip

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(SPEC_WORDS),
    st.text(max_size=30),
)
keys = st.one_of(st.sampled_from(SPEC_WORDS), st.text(min_size=1, max_size=12))
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=20,
)


def committed_specs() -> list[Any]:
    return [yaml.safe_load((STACKS / name).read_text()) for name in SPEC_FILES]


def committed_texts() -> list[str]:
    return [(STACKS / name).read_text() for name in SPEC_FILES]


def yaml_fragments() -> st.SearchStrategy[str]:
    """Text made of YAML syntax and spec words, which the YAML layer must judge."""
    piece = st.one_of(st.sampled_from(YAML_PIECES), st.sampled_from(SPEC_WORDS))
    return st.lists(piece, max_size=60).map("".join)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*prefix, index))
    return found


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path[:-1]:
        data = data[step]
    return data


@st.composite
def mutated_specs(draw: st.DrawFn, max_mutations: int = 3) -> Any:
    """A committed spec (as data) with one to `max_mutations` random edits."""
    data = copy.deepcopy(draw(st.sampled_from(committed_specs())))
    for _ in range(draw(st.integers(1, max_mutations))):
        path = draw(st.sampled_from(_paths(data)))
        if not path:
            continue
        data = _mutate(draw, data, path)
    return data


def _mutate(draw: st.DrawFn, data: Any, path: tuple[Any, ...]) -> Any:
    parent, last = _parent(data, path), path[-1]
    kind = draw(st.sampled_from(("delete", "replace", "duplicate", "extra key", "wrap")))
    if kind == "delete":
        del parent[last]
    elif kind == "replace":
        parent[last] = draw(values)
    elif kind == "duplicate" and isinstance(parent, list):
        parent.append(copy.deepcopy(parent[last]))
    elif kind == "extra key" and isinstance(parent[last], dict):
        parent[last][draw(keys)] = draw(values)
    else:
        parent[last] = [parent[last]]
    return data


@st.composite
def mutated_texts(draw: st.DrawFn) -> str:
    """A committed spec's text with a slice deleted, replaced or repeated."""
    text = draw(st.sampled_from(committed_texts()))
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, min(len(text), start + 80)))
    kind = draw(st.sampled_from(("delete", "replace", "repeat")))
    if kind == "delete":
        return text[:start] + text[end:]
    if kind == "replace":
        return text[:start] + draw(yaml_fragments()) + text[end:]
    return text[:end] + text[start:end] + text[end:]


def dumped(data: Any) -> str:
    """YAML for any generated data (non-text keys and odd floats included)."""
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
