"""A mis-indented mapping key is reported on its own line, not on the line libyaml stops at.

Issue 15.6: libyaml notices a first key indented deeper than the keys after it, or a key
no deeper than the `parent:` above it, only on the next line (`105:5` for a mistake on line
104); the report names the key's line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.spec_support import validate

ROOT = Path(__file__).resolve().parents[2]


def with_line_indented(text: str, line: int, delta: int) -> str:
    lines = text.split("\n")
    body = lines[line - 1].lstrip(" ")
    lines[line - 1] = " " * (len(lines[line - 1]) - len(body) + delta) + body
    return "\n".join(lines)


def line_of(text: str, start: str) -> int:
    return next(n for n, line in enumerate(text.split("\n"), 1) if line.startswith(start))


PROD = (ROOT / "stacks" / "prod.yaml").read_text()


@pytest.mark.parametrize(
    ("key", "delta"),
    [
        ("      role: coadmin", 2),  # a first key deeper than the key after it
        ("      role: coadmin", -2),  # a key no deeper than its `parent:`
        ("  defaults:", 1),  # a key off the file's two-space step
        ("    notificationEmails:", 2),
    ],
    ids=["first-key-too-deep", "key-level-with-parent", "off-step", "later-key-too-deep"],
)
def test_the_error_names_the_line_of_the_mis_indented_key(
    tmp_path: Path, key: str, delta: int
) -> None:
    line = line_of(PROD, key)
    run = validate(tmp_path, with_line_indented(PROD, line, delta))

    assert run.code == 1
    [error] = run.error_lines
    assert error.startswith(f"{tmp_path / 'stack.yaml'}:{line}:"), error
    assert "YAML syntax error" in error


def test_a_mis_indented_key_reported_where_noticed_still_says_to_check_indentation(
    tmp_path: Path,
) -> None:
    line = line_of(PROD, "      role: coadmin")
    run = validate(tmp_path, with_line_indented(PROD, line, 2))

    assert "this key is mis-indented (did not find expected key at line" in run.err
    assert "indent it like the other keys of its mapping" in run.err
