"""The command blocks of the README and `docs/*.md`, as the docs tests read them.

A command block is a fenced block whose info string is `sh`, `bash` or `console`; in a
`console` block only the lines starting with `$ ` are commands. A block that cannot run
here is preceded (blank lines aside) by a marker that says why, so nothing is skipped
silently:

    <!-- docs-test: skip (needs a real Box tenant) -->

A page whose commands act on an existing stack says so once, anywhere on the page; the
test then deploys the demo spec to the emulator as the stack the page calls `<stack>`:

    <!-- docs-test: given a deployed stack -->
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
COMMAND_LANGUAGES = frozenset({"sh", "bash", "console"})
FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>```+|~~~+)(?P<info>[^`]*)$")
MARKER = re.compile(r"^\s*<!--\s*docs-test:\s*(?P<body>.*?)\s*-->\s*$")
SKIP = re.compile(r"^skip \((?P<reason>[^)]+)\)$")
GIVEN_A_DEPLOYED_STACK = "given a deployed stack"
# Commands written as indented code, where no test would find them.
INDENTED_COMMAND = re.compile(
    r"^(?: {4,}|\t)(?:\$ )?(?:\.venv/bin/|pulumi |make |export |printf |python |git )"
)


@dataclass(frozen=True)
class Block:
    """One fenced block: where it is, its language, its text and why it is skipped, if so."""

    page: Path
    line: int
    language: str
    text: str
    skip_reason: str | None

    @property
    def where(self) -> str:
        return f"{self.page.relative_to(REPO_ROOT)}:{self.line}"

    @property
    def is_command(self) -> bool:
        return self.language in COMMAND_LANGUAGES

    def commands(self) -> str:
        """The shell text to run: a `console` block's `$ ` lines, else the whole block."""
        if self.language != "console":
            return self.text
        lines = self.text.splitlines()
        return "\n".join(line[2:] for line in lines if line.startswith("$ ")) + "\n"


def pages() -> list[Path]:
    """The README and every page of `docs/`."""
    return [REPO_ROOT / "README.md", *sorted((REPO_ROOT / "docs").glob("*.md"))]


def blocks(page: Path) -> list[Block]:
    """Every fenced block of `page`, in order, with the skip marker that precedes it."""
    found: list[Block] = []
    lines = page.read_text(encoding="utf-8").splitlines()
    index = 0
    while index < len(lines):
        opening = FENCE.match(lines[index])
        if not opening:
            index += 1
            continue
        end = _closing_line(lines, index, opening["fence"])
        indent = len(opening["indent"])
        body = [_dedent(line, indent) for line in lines[index + 1 : end]]
        found.append(
            Block(
                page=page,
                line=index + 1,
                language=opening["info"].strip().split(" ")[0],
                text="\n".join(body) + "\n",
                skip_reason=_skip_reason(lines, index),
            )
        )
        index = end + 1
    return found


def _dedent(line: str, indent: int) -> str:
    # A block inside a list item is indented with the item; its lines lose that indent.
    return line[indent:] if line[:indent].isspace() else line


def _closing_line(lines: list[str], start: int, fence: str) -> int:
    for index in range(start + 1, len(lines)):
        if lines[index].strip() == fence:
            return index
    raise AssertionError(f"line {start + 1}: a fenced block that is never closed")


def _skip_reason(lines: list[str], fence_index: int) -> str | None:
    index = fence_index - 1
    while index >= 0 and not lines[index].strip():
        index -= 1
    marker = MARKER.match(lines[index]) if index >= 0 else None
    if not marker or marker["body"] == GIVEN_A_DEPLOYED_STACK:
        return None
    skip = SKIP.match(marker["body"])
    if not skip:
        raise AssertionError(
            f"line {index + 1}: a docs-test marker before a block must be "
            f"'<!-- docs-test: skip (why it cannot run here) -->', not {marker['body']!r}"
        )
    return skip["reason"].strip()


def markers(page: Path) -> list[tuple[int, str]]:
    """Every `docs-test:` marker of `page`: its line and its text."""
    lines = page.read_text(encoding="utf-8").splitlines()
    return [
        (number, match["body"])
        for number, line in enumerate(lines, start=1)
        if (match := MARKER.match(line))
    ]


def needs_a_deployed_stack(page: Path) -> bool:
    return any(body == GIVEN_A_DEPLOYED_STACK for _, body in markers(page))


def indented_commands(page: Path) -> list[tuple[int, str]]:
    """Lines outside fenced blocks that look like commands in an indented code block."""
    inside = False
    found = []
    for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1):
        if FENCE.match(line):
            inside = not inside
        elif not inside and INDENTED_COMMAND.match(line):
            found.append((number, line.strip()))
    return found
