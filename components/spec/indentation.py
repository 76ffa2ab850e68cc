"""Which line a YAML indentation error is really about.

Called by `components.spec.yaml_loader` for libyaml's indentation errors ("did not find
expected key", "mapping values are not allowed in this context"). libyaml reports where it
*noticed* the problem, usually the line after the mis-indented key: a first key indented
deeper than the keys after it, or a key indented no deeper than the `parent:` above it,
is only found out on the next line. These rules look at the lines before that one and
name the key whose indentation disagrees with its neighbours; pure text, no parsing.
"""

from __future__ import annotations

INDENTATION_PROBLEMS = (
    "did not find expected key",
    "mapping values are not allowed in this context",
)


def mis_indented_line(lines: list[str], noticed: int) -> int | None:
    """The 1-based line whose key is mis-indented, when it is not `noticed` itself."""
    previous = _content_before(lines, noticed)
    if previous is None:
        return None
    step = _indent_step(lines)
    if step and _indent(lines[noticed - 1]) % step and not _indent(lines[previous - 1]) % step:
        return None  # the noticed line is the one off the file's indentation step
    before = _content_before(lines, previous)
    if before is not None and _opens_block(lines[before - 1]):
        parent, key, next_key = (_indent(lines[n - 1]) for n in (before, previous, noticed))
        if key <= parent:
            return previous  # a `key:` with nothing after it, then a line no deeper
        if parent < next_key < key:
            return previous  # a first key deeper than the key after it
    if step and not _indent(lines[noticed - 1]) % step:
        if _indent(lines[previous - 1]) % step:
            return previous
        return _off_step_above(lines, noticed, step)
    return None


def _off_step_above(lines: list[str], noticed: int, step: int) -> int | None:
    """The nearest line off the file's step in the block that ends at `noticed`."""
    depth = _indent(lines[noticed - 1])
    line = _content_before(lines, noticed)
    while line is not None and _indent(lines[line - 1]) > depth:
        if _indent(lines[line - 1]) % step:
            return line
        line = _content_before(lines, line)
    return None


def _content_before(lines: list[str], line: int) -> int | None:
    for number in range(line - 1, 0, -1):
        stripped = lines[number - 1].strip()
        if stripped and not stripped.startswith("#"):
            return number
    return None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _opens_block(line: str) -> bool:
    text = line.split(" #", 1)[0].rstrip()
    return text.endswith(":")


def _indent_step(lines: list[str]) -> int | None:
    """The file's usual indentation step (2 or 4), None when it is not clear."""
    depths = [_indent(line) for line in lines if line.strip() and not line.lstrip().startswith("#")]
    positive = [depth for depth in depths if depth]
    # A mis-indented line or two must not hide the step the rest of the file keeps.
    odd = sum(1 for depth in positive if depth % 2)
    return 2 if positive and odd <= max(2, len(positive) // 20) else None
