"""Random and mutated specs never crash the loader: a valid result or a clear SpecError.

Property-based (hypothesis, bounded by the `entra-box` settings profile in conftest.py):
arbitrary text and bytes, YAML syntax soup, random data dumped as YAML, and the committed
specs with fields deleted, replaced, duplicated, wrapped or garbled. Every input ends in a
`Spec` (and then a `DesiredState` or a `SpecError` from resolution) or a `SpecError` whose
every line is `file:line:col: path: message`; never another exception. The same holds for
`python -m components validate` and for the Pulumi program, which registers nothing when it
refuses a spec.
"""

from __future__ import annotations

import re
import subprocess
import sys
from typing import Any

import pulumi
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from components.resolve import inline_directory, resolve
from components.spec import SpecError, load_spec, parse_spec
from tests.entra.fake_tenant import FakeTenant
from tests.entra.harness import run_main
from tests.reliability.spec_strategies import (
    dumped,
    mutated_specs,
    mutated_texts,
    values,
    yaml_fragments,
)
from tests.spec_support import run_cli

FILE = "stacks/test.yaml"
# Text a person should never see in an answer to bad input.
LEAKS = re.compile(r"Traceback|object at 0x|errors\.pydantic\.dev|<class '")


def assert_clear(error: SpecError, file: str = FILE) -> None:
    lines = str(error).splitlines()
    assert lines and all(line.startswith(f"{file}") for line in lines), str(error)
    assert not LEAKS.search(str(error)), str(error)
    assert all(issue.message for issue in error.issues)


def judge(text: str) -> None:
    """Load and (when inline) resolve `text`: a result, or a clear SpecError."""
    try:
        spec = parse_spec(text, FILE)
        if spec.directory.source == "inline":
            resolve(spec, inline_directory(spec))
    except SpecError as error:
        assert_clear(error)


@given(st.text())
def test_any_text_is_a_spec_or_a_clear_error(text: str) -> None:
    judge(text)


@given(yaml_fragments())
def test_yaml_syntax_soup_is_a_spec_or_a_clear_error(text: str) -> None:
    judge(text)


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("!!int", "int"),
        ("!!int +", "int"),
        ("!!float", "float"),
        ("!!bool x", "bool"),
        ("!!timestamp x", "timestamp"),
        ("!!int 0b2", "int"),
        ("!!binary :&a", "binary"),  # PyYAML's message spans lines and names its own input
    ],
)
def test_an_explicit_tag_on_a_value_it_does_not_fit_is_a_located_error(
    value: str, kind: str
) -> None:
    # Found by the soup above: PyYAML's constructors raised IndexError, KeyError and
    # AttributeError through the loader for these, and a two-line message for !!binary.
    with pytest.raises(SpecError) as raised:
        parse_spec(f"version: {value}\n", FILE)
    assert f"{FILE}:1:10: version: " in str(raised.value)
    assert f"is not a valid {kind}" in str(raised.value)
    assert_clear(raised.value)


@given(values)
def test_any_data_dumped_as_yaml_is_a_spec_or_a_clear_error(data: Any) -> None:
    judge(dumped(data))


@given(mutated_specs())
def test_a_committed_spec_with_random_edits_is_a_spec_or_a_clear_error(data: Any) -> None:
    judge(dumped(data))


@given(mutated_texts())
def test_a_committed_spec_with_garbled_text_is_a_spec_or_a_clear_error(text: str) -> None:
    judge(text)


@given(st.binary(max_size=400))
def test_any_file_content_is_a_spec_or_a_clear_error(tmp_path_factory: Any, raw: bytes) -> None:
    path = tmp_path_factory.mktemp("spec") / "test.yaml"
    path.write_bytes(raw)
    try:
        load_spec(path)
    except SpecError as error:
        assert_clear(error, str(path))


@given(st.one_of(mutated_specs().map(dumped), mutated_texts()))
def test_validate_answers_bad_specs_with_exit_1_and_located_lines(
    tmp_path_factory: Any, text: str
) -> None:
    path = tmp_path_factory.mktemp("spec") / "test.yaml"
    path.write_text(text)
    run = run_cli("validate", str(path))
    assert run.code in (0, 1)
    if run.code == 1:
        lines = run.err.splitlines()
        assert lines and all(line.startswith(str(path)) for line in lines), run.err
        assert not LEAKS.search(run.err)


@settings(max_examples=8)
@given(st.one_of(mutated_specs().map(dumped), mutated_texts()))
def test_python_m_components_validate_never_prints_a_traceback(
    tmp_path_factory: Any, text: str
) -> None:
    path = tmp_path_factory.mktemp("spec") / "test.yaml"
    path.write_text(text)
    done = subprocess.run(
        [sys.executable, "-m", "components", "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    assert not LEAKS.search(done.stderr + done.stdout)


@settings(max_examples=30)
@given(mutated_specs())
def test_the_program_refusing_a_spec_registers_nothing(tmp_path_factory: Any, data: Any) -> None:
    path = tmp_path_factory.mktemp("spec") / "test.yaml"
    path.write_text(dumped(data))
    tenant = FakeTenant()
    try:
        run_main(tenant, config={"entra-box:spec": str(path)})
    except pulumi.RunError as error:
        assert not LEAKS.search(str(error))
        assert [r.type for r in tenant.resources if not r.type.endswith("box:Departures")] == []
