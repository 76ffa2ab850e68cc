"""Load a spec file: read it, parse its YAML, validate it against the spec models.

The entry point of the spec layer, called by the CLI (`components.cli`), by the Pulumi
program and by tests. `load_spec` returns a structurally valid `Spec` that remembers
where each value was written, or raises `SpecError` with every problem found; it never
lets a traceback reach the user for bad input. Cross-reference checks (unknown people,
login collisions, scope) come after, in `components.resolve`; for a file with structural
problems they run on its valid parts (`SpecError.partial`, `components.spec.salvage`).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from pydantic import ValidationError

from components.spec.errors import Location, SpecError, SpecIssue
from components.spec.model import Spec
from components.spec.pydantic_errors import translate
from components.spec.salvage import salvage
from components.spec.source_map import SourceMap
from components.spec.yaml_loader import parse_yaml

# A spec of 10,000 people in 500 groups is about 2.6 MB; 32 MiB leaves room for over
# 100,000, and anything larger is the wrong file (a log, a dump), not a spec.
MAX_BYTES = 32 * 1024 * 1024
_NOT_REGULAR = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)
_SECTIONS = "version, entra, provisioning, directory and box"


def load_spec(path: str | os.PathLike[str]) -> Spec:
    """The spec in the file at `path`; raises `SpecError` naming every problem in it."""
    shown = os.fspath(path)
    return parse_spec(read_spec_text(Path(path), shown), shown)


def parse_spec(text: str, file: str = "<spec>") -> Spec:
    """The spec in `text`, as if read from `file` (the name used in error locations)."""
    parsed = parse_yaml(text, file)
    source = SourceMap(file, parsed.positions)
    issues = list(parsed.issues)
    if not isinstance(parsed.data, dict):
        issues.append(_not_a_mapping(parsed.data, source))
        raise SpecError(issues)
    try:
        spec = Spec.model_validate(parsed.data)
    except ValidationError as error:
        saved = salvage(parsed.data, error)
        if saved.spec is not None:
            saved.spec._source = source
        problems = issues + translate(error, Spec, source)
        raise SpecError(problems, partial=saved.spec, dropped=saved.dropped) from None
    spec._source = source
    if issues:
        raise SpecError(issues, partial=spec)
    return spec


def _not_a_mapping(data: object, source: SourceMap) -> SpecIssue:
    if data is None:
        message = "the file is empty"
    else:
        message = f"a spec is a mapping of {_SECTIONS}, not {type(data).__name__} data"
    return SpecIssue((), message, "start the file with 'version: 1'", source.locate(()))


def read_spec_text(path: Path, shown: str) -> str:
    """The file's text; raises `SpecError` when it cannot be read or is not UTF-8."""
    try:
        raw = _read_regular_file(path, shown)
    except FileNotFoundError:
        raise _file_error(
            shown, "no such file", "check the path; specs live in stacks/<stack>.yaml"
        ) from None
    except OSError as error:
        raise _file_error(shown, f"cannot be read: {error.strerror}", "check it") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise _not_utf8(raw, error, shown) from None


def _read_regular_file(path: Path, shown: str) -> bytes:
    """At most `MAX_BYTES` of a regular file; never blocks on, or drains, anything else.

    Opening a named pipe to read waits for a writer, and a device such as /dev/zero never
    ends: the kind of file is checked before it is opened, and again on the open file
    (non-blocking) in case the path changed in between.
    """
    _refuse_unless_regular(os.stat(path).st_mode, shown)
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    with os.fdopen(descriptor, "rb") as file:
        _refuse_unless_regular(os.fstat(descriptor).st_mode, shown)
        raw = file.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise _file_error(
            shown,
            f"the file is larger than {MAX_BYTES // 2**20} MiB, the most a spec may be",
            "check that this is the spec you meant; a spec of 10,000 people is about 3 MB",
        )
    return raw


def _refuse_unless_regular(mode: int, shown: str) -> None:
    for is_kind, kind in _NOT_REGULAR:
        if is_kind(mode):
            raise _file_error(
                shown, f"is {kind}, not a regular file", "give the path of a .yaml spec file"
            )


def _file_error(shown: str, message: str, hint: str) -> SpecError:
    return SpecError([SpecIssue((), message, hint, Location(shown))])


def _not_utf8(raw: bytes, error: UnicodeDecodeError, shown: str) -> SpecError:
    before = raw[: error.start]
    line = before.count(b"\n") + 1
    column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", errors="replace")) + 1
    message = f"the file is not UTF-8 text (byte 0x{raw[error.start]:02x})"
    issue = SpecIssue((), message, "save it as UTF-8", Location(shown, line, column))
    return SpecError([issue])
