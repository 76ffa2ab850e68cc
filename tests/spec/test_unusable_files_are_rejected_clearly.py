"""Files that are not a usable spec at all: each gets one clear, located error and exit 1."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from components.spec.load import MAX_BYTES
from components.spec.yaml_loader import MAX_NODES
from tests.spec_support import run_cli, spec_text, validate, write_spec


def _assert_clean_failure(err: str) -> None:
    assert "Traceback" not in err
    assert err.endswith("\n")


def test_a_missing_file_is_named_with_a_fix(tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    run = run_cli("validate", str(missing))
    assert run.code == 1
    assert run.err == (
        f"{missing}: (top level): no such file; check the path; specs live in stacks/<stack>.yaml\n"
    )


def test_a_directory_is_not_a_spec(tmp_path: Path) -> None:
    run = run_cli("validate", str(tmp_path))
    assert run.code == 1
    assert "is a directory" in run.err


# The timeout only stops a hang from stalling the suite: opening a FIFO to read it blocks
# until a writer comes, which none ever does here.
@pytest.mark.timeout(60)
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "spec.yaml"
    os.mkfifo(fifo)
    run = run_cli("validate", str(fifo))
    assert (run.code, run.err) == (
        1,
        f"{fifo}: (top level): is a named pipe (FIFO), not a regular file; "
        "give the path of a .yaml spec file\n",
    )


@pytest.mark.timeout(60)
def test_a_device_is_refused_without_reading_it(tmp_path: Path) -> None:
    run = run_cli("validate", "/dev/zero")
    assert (run.code, run.err) == (
        1,
        "/dev/zero: (top level): is a character device, not a regular file; "
        "give the path of a .yaml spec file\n",
    )


def test_a_file_over_the_size_limit_is_refused_as_too_large(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as file:  # sparse: nothing is written
        file.truncate(MAX_BYTES + 1)
    run = run_cli("validate", str(path))
    assert run.code == 1
    assert run.err.startswith(f"{path}: (top level): the file is larger than 32 MiB, ")
    assert "check that this is the spec you meant" in run.err


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("", "1:1: (top level): the file is empty; start", id="empty"),
        pytest.param("# only a comment\n", "1:1: (top level): the file is empty", id="comment"),
        pytest.param("~\n", "1:1: (top level): the file is empty", id="null-document"),
        pytest.param("- a\n- b\n", "1:1: (top level): a spec is a mapping of", id="list"),
        pytest.param("just text\n", "1:1: (top level): a spec is a mapping of", id="scalar"),
    ],
)
def test_a_file_that_is_not_a_mapping_is_rejected(tmp_path: Path, text: str, expected: str) -> None:
    run = validate(tmp_path, text)
    assert run.code == 1
    assert expected in run.err
    _assert_clean_failure(run.err)


def test_a_file_that_is_not_utf8_names_the_byte_and_its_position(tmp_path: Path) -> None:
    run = validate(tmp_path, b"version: 1\nentra:\n  application: {displayName: Caf\xe9}\n")
    assert run.code == 1
    assert run.err == (
        f"{tmp_path / 'stack.yaml'}:3:33: (top level): the file is not UTF-8 text "
        "(byte 0xe9); save it as UTF-8\n"
    )


def test_a_utf8_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    run = validate(tmp_path, b"\xef\xbb\xbf" + spec_text().encode())
    assert run.code == 0, run.err


@pytest.mark.parametrize(
    ("text", "position", "message"),
    [
        pytest.param(
            "version: 1\nentra:\n  manage: [true\n", "4:1", "YAML syntax error", id="open-flow"
        ),
        pytest.param("version: 1\n  entra: x\n", "2:8", "YAML syntax error", id="indentation"),
        pytest.param("version: 1\n\tentra: {}\n", "2:1", "YAML syntax error", id="tab"),
        pytest.param(
            "version: 1\n---\nversion: 1\n", "2:1", "more than one YAML document", id="two-docs"
        ),
        pytest.param("version: *nowhere\n", "1:10", "unknown alias *nowhere", id="bad-alias"),
        pytest.param("a: 1\nb: 'é\x07'\n", "2:6", "U+0007 is not allowed", id="control-character"),
    ],
)
def test_yaml_syntax_errors_are_located(
    tmp_path: Path, text: str, position: str, message: str
) -> None:
    run = validate(tmp_path, text)
    assert run.code == 1
    assert run.err.startswith(f"{tmp_path / 'stack.yaml'}:{position}: ")
    assert message in run.err
    _assert_clean_failure(run.err)


def test_deeply_nested_input_is_an_error_not_a_crash(tmp_path: Path) -> None:
    run = validate(tmp_path, "version: " + "[" * 100_000)
    assert run.code == 1
    assert "nests deeper than 64 levels" in run.err


def test_an_alias_bomb_is_stopped(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 9)]
    run = validate(tmp_path, "\n".join(lines) + "\n")
    assert run.code == 1
    assert "expands to more than" in run.err
    assert "remove the aliases" in run.err


def test_a_huge_document_without_aliases_is_not_blamed_on_aliases(tmp_path: Path) -> None:
    run = validate(tmp_path, "version: [" + "x, " * MAX_NODES + "x]\n")
    assert run.code == 1
    assert f"the document holds more than {MAX_NODES} values" in run.err
    assert "alias" not in run.err


@pytest.mark.parametrize(
    ("value", "message"),
    [
        pytest.param("!!python/object:os.system x", "unsupported YAML tag", id="python-tag"),
        pytest.param("!!int one", "'one' is not a valid int", id="bad-int"),
        pytest.param("!!set {a}", "unsupported YAML tag", id="set"),
    ],
)
def test_unsafe_or_broken_tags_are_rejected(tmp_path: Path, value: str, message: str) -> None:
    run = validate(tmp_path, spec_text(version=f"version: {value}\n"))
    assert run.code == 1
    assert f"{tmp_path / 'stack.yaml'}:1:10: version: {message}" in run.err


def test_a_mapping_key_that_is_not_text_is_rejected(tmp_path: Path) -> None:
    run = validate(tmp_path, spec_text() + "? [a, b]\n: value\n")
    assert run.code == 1
    assert "a mapping key must be plain text" in run.err


def test_an_unreadable_file_reports_why(tmp_path: Path) -> None:
    path = write_spec(tmp_path, spec_text())
    path.chmod(0)
    try:
        if _readable(path):
            pytest.skip("running as a user who can read any file")
        run = run_cli("validate", str(path))
    finally:
        path.chmod(0o644)
    assert run.code == 1
    assert "cannot be read" in run.err


def _readable(path: Path) -> bool:
    try:
        path.read_bytes()
    except PermissionError:
        return False
    return True
