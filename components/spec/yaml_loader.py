"""Read a spec file into plain data plus the position of every value, rejecting unsafe YAML.

Called by `components.spec.load` (and through it by the CLI and the Pulumi program).
It drives the YAML *event* stream itself instead of PyYAML's composer because:
- PyYAML keeps the last of two equal mapping keys silently; in a spec that drops a
  person, so every duplicate key, at any depth, is an error here;
- pydantic errors must point at a file line and column, so positions are recorded
  per spec path while the data is built;
- libyaml's composer recurses in C and crashes the interpreter on deeply nested input,
  and aliases can expand exponentially; an explicit stack with limits turns both into
  clear errors.
The C event parser (`CSafeLoader`) is used when PyYAML has libyaml, which keeps a
10,000-person spec fast. Mapping keys are always kept as text (`on:` stays "on").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from components.spec.errors import Location, SpecError, SpecIssue, SpecPath
from components.spec.indentation import INDENTATION_PROBLEMS, mis_indented_line
from components.spec.source_map import Mark, PositionNode

_Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR_TAG = "tag:yaml.org,2002:str"
_COLLECTION_TAGS = {None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
MAX_DEPTH = 64
# PyYAML's scalar constructors assume the value already matched the tag's pattern, which an
# explicit tag skips: `!!int ''` fails with IndexError, `!!bool x` with KeyError,
# `!!timestamp x` with AttributeError. Each is a bad value, reported as such.
_CONSTRUCTOR_ERRORS = (yaml.YAMLError, ValueError, LookupError, AttributeError, TypeError)
MAX_NODES = 2_000_000


class _Marker:
    """A sentinel for a mapping frame's key slot."""


_EXPECT_KEY = _Marker()
_NON_TEXT_KEY = _Marker()
_DISCARD = _Marker()
_MERGE = _Marker()


@dataclass
class ParsedYaml:
    """A YAML document as Python data, with positions and any non-fatal problems."""

    data: object
    positions: PositionNode | None
    issues: list[SpecIssue] = field(default_factory=list)


@dataclass
class _Frame:
    path: SpecPath
    mark: Mark
    anchor: str | None
    container: dict[str, object] | list[object]
    positions: PositionNode
    key: str | _Marker = _EXPECT_KEY
    key_mark: Mark = (1, 1)
    size: int = 1
    merges: list[tuple[dict[str, object], PositionNode]] = field(default_factory=list)


def _mark(event: Any) -> Mark:
    return (event.start_mark.line + 1, event.start_mark.column + 1)


class _Builder:
    """Turns parser events into data and positions; one instance per document."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[object, PositionNode, int]] = {}
        self.issues: list[SpecIssue] = []
        self.nodes = 0
        self.aliases = 0
        self.root: tuple[object, PositionNode] | None = None
        self.documents = 0
        self._resolver: Any = Resolver()
        self._implicit_first: dict[str, Any] = Resolver.yaml_implicit_resolvers
        self._constructor = SafeConstructor()

    def issue(self, path: SpecPath, mark: Mark, message: str, hint: str) -> None:
        self.issues.append(SpecIssue(path, message, hint, Location(self.file, *mark)))

    def fatal(self, path: SpecPath, mark: Mark, message: str, hint: str) -> SpecError:
        self.issue(path, mark, message, hint)
        return SpecError(self.issues)

    def current_path(self) -> SpecPath:
        if not self.stack:
            return ()
        top = self.stack[-1]
        if isinstance(top.container, list):
            return (*top.path, len(top.container))
        return (*top.path, top.key) if isinstance(top.key, str) else top.path

    def count(self, size: int, mark: Mark) -> None:
        self.nodes += size
        if self.nodes <= MAX_NODES:
            return
        if self.aliases:
            raise self.fatal(
                self.current_path(),
                mark,
                f"the document expands to more than {MAX_NODES} values",
                "a spec this large is almost certainly alias expansion gone wrong; "
                "remove the aliases (*name) that repeat large blocks",
            )
        raise self.fatal(
            self.current_path(),
            mark,
            f"the document holds more than {MAX_NODES} values",
            "a spec of 10,000 people holds about 150,000; check that this is the spec you meant",
        )

    def feed(self, event: Any) -> None:
        handler = _HANDLERS.get(type(event))
        if handler is not None:
            handler(self, event)

    def on_document_start(self, event: Any) -> None:
        self.documents += 1
        if self.documents > 1:
            raise self.fatal(
                (),
                _mark(event),
                "the file holds more than one YAML document",
                "keep one spec per file and remove the extra '---' document",
            )

    def on_scalar(self, event: Any) -> None:
        mark = _mark(event)
        self.count(1, mark)
        if (
            self.stack
            and self.stack[-1].key is _EXPECT_KEY
            and isinstance(self.stack[-1].container, dict)
        ):
            self.take_key(self.stack[-1], event, mark)
            return
        value = self.construct_scalar(event, mark)
        self.attach(value, PositionNode(mark), 1, event.anchor)

    def construct_scalar(self, event: Any, mark: Mark) -> object:
        tag = event.tag
        if tag is None or tag == "!":
            tag = self._implicit_tag(event)
        if tag == _STR_TAG:
            return event.value
        construct = SafeConstructor.yaml_constructors.get(tag)
        if construct is None:
            self.issue(
                self.current_path(),
                mark,
                f"unsupported YAML tag {tag!r}",
                "remove the tag; a spec holds plain text, numbers, booleans, lists and mappings",
            )
            return None
        node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            return construct(self._constructor, node)
        except _CONSTRUCTOR_ERRORS as error:
            said = _what_is_wrong(error)
            self.issue(
                self.current_path(),
                mark,
                f"{event.value!r} is not a valid {tag.rsplit(':', 1)[-1]}{said}",
                "fix the value or remove the tag",
            )
            return None

    def _implicit_tag(self, event: Any) -> str:
        # Quoted scalars and plain ones no implicit resolver starts with are text; this
        # shortcut is what makes a 10,000-person spec load in about a second.
        value: str = event.value
        if not event.implicit[0] or (value and value[0] not in self._implicit_first):
            return _STR_TAG
        tag: str = self._resolver.resolve(ScalarNode, value, event.implicit)
        return tag

    def take_key(self, frame: _Frame, event: Any, mark: Mark) -> None:
        key: str = event.value
        frame.key_mark = mark
        if key == "<<" and event.implicit[0]:
            frame.key = _MERGE
        elif key in frame.container:
            self.issue(
                (*frame.path, key),
                mark,
                f"duplicate key {key!r} (first written at line "
                f"{frame.positions.key_marks[key][0]})",
                "a YAML mapping keeps only one value per key, so one of the two would be "
                "silently dropped; merge the two entries or rename one",
            )
            frame.key = _DISCARD
        else:
            frame.key = key

    def reject_non_text_key(self, mark: Mark) -> None:
        top = self.stack[-1] if self.stack else None
        if top is not None and isinstance(top.container, dict) and top.key is _EXPECT_KEY:
            self.issue(
                top.path,
                mark,
                "a mapping key must be plain text",
                "write the key as a name, e.g. 'displayName:'",
            )
            top.key = _NON_TEXT_KEY
            top.key_mark = mark

    def on_alias(self, event: Any) -> None:
        mark = _mark(event)
        self.reject_non_text_key(mark)
        anchored = self.anchors.get(event.anchor)
        if anchored is None:
            raise self.fatal(
                self.current_path(),
                mark,
                f"unknown alias *{event.anchor}",
                f"define the anchor &{event.anchor} before using it",
            )
        value, positions, size = anchored
        self.aliases += 1
        self.count(size, mark)
        self.attach(value, positions, size, None)

    def on_collection_start(self, event: Any, container: dict[str, object] | list[object]) -> None:
        mark = _mark(event)
        self.count(1, mark)
        self.reject_non_text_key(mark)
        if event.tag not in _COLLECTION_TAGS:
            self.issue(
                self.current_path(),
                mark,
                f"unsupported YAML tag {event.tag!r}",
                "remove the tag; a spec holds plain lists and mappings",
            )
        if len(self.stack) >= MAX_DEPTH:
            raise self.fatal(
                self.current_path()[:4],
                mark,
                f"the document nests deeper than {MAX_DEPTH} levels",
                "a spec is a few levels deep; check for runaway brackets or indentation",
            )
        path = self.current_path()
        self.stack.append(_Frame(path, mark, event.anchor, container, PositionNode(mark)))

    def on_mapping_start(self, event: Any) -> None:
        self.on_collection_start(event, {})

    def on_sequence_start(self, event: Any) -> None:
        self.on_collection_start(event, [])

    def on_collection_end(self, _event: Any) -> None:
        frame = self.stack.pop()
        if isinstance(frame.container, dict):
            _apply_merges(frame.container, frame.positions, frame.merges)
        self.attach(frame.container, frame.positions, frame.size, frame.anchor)

    def attach(self, value: object, positions: PositionNode, size: int, anchor: str | None) -> None:
        if anchor is not None:
            self.anchors[anchor] = (value, positions, size)
        if not self.stack:
            self.root = (value, positions)
            return
        top = self.stack[-1]
        top.size += size
        if isinstance(top.container, list):
            top.positions.children[len(top.container)] = positions
            top.container.append(value)
        else:
            self.attach_to_mapping(top, value, positions)

    def attach_to_mapping(self, top: _Frame, value: object, positions: PositionNode) -> None:
        key = top.key
        # A discarded non-text key still has a value to come, which is discarded too.
        top.key = _DISCARD if key is _NON_TEXT_KEY else _EXPECT_KEY
        if key is _MERGE:
            self.record_merge(top, value, positions)
        elif isinstance(key, str) and isinstance(top.container, dict):
            top.container[key] = value
            top.positions.children[key] = positions
            top.positions.key_marks[key] = top.key_mark

    def record_merge(self, top: _Frame, value: object, positions: PositionNode) -> None:
        if isinstance(value, list):
            sources = [(item, positions.children.get(i)) for i, item in enumerate(value)]
        else:
            sources = [(value, positions)]
        for source, source_positions in sources:
            if not isinstance(source, dict) or source_positions is None:
                self.issue(
                    top.path,
                    top.key_mark,
                    "'<<' must merge a mapping or a list of mappings",
                    "point '<<' at an anchored mapping, e.g. '<<: *defaults'",
                )
                return
            top.merges.append((source, source_positions))


def _what_is_wrong(error: Exception) -> str:
    """': <reason>' from a constructor's error, one line; empty if it only tells PyYAML's code."""
    if isinstance(error, yaml.MarkedYAMLError):
        reason = error.problem or ""  # str() would add PyYAML's own position lines
    elif isinstance(error, ValueError):
        reason = str(error)
    else:
        return ""
    return f": {' '.join(reason.split())}" if reason else ""


def _apply_merges(
    container: dict[str, object],
    positions: PositionNode,
    merges: list[tuple[dict[str, object], PositionNode]],
) -> None:
    # YAML merge keys: explicit keys win, then earlier merge sources over later ones.
    for source, source_positions in merges:
        for key, value in source.items():
            if key not in container:
                container[key] = value
                positions.children[key] = source_positions.children[key]
                positions.key_marks[key] = source_positions.key_marks[key]


_HANDLERS: dict[type[Any], Any] = {
    yaml.DocumentStartEvent: _Builder.on_document_start,
    yaml.ScalarEvent: _Builder.on_scalar,
    yaml.AliasEvent: _Builder.on_alias,
    yaml.MappingStartEvent: _Builder.on_mapping_start,
    yaml.SequenceStartEvent: _Builder.on_sequence_start,
    yaml.MappingEndEvent: _Builder.on_collection_end,
    yaml.SequenceEndEvent: _Builder.on_collection_end,
}


def parse_yaml(text: str, file: str) -> ParsedYaml:
    """Parse one YAML document; raises `SpecError` for syntax errors and unsafe input."""
    builder = _Builder(file)
    loader = _Loader(text)
    try:
        while loader.check_event():
            builder.feed(loader.get_event())
    except yaml.reader.ReaderError as error:
        raise _reader_error(text, builder, error) from None
    except yaml.YAMLError as error:
        raise _syntax_error(builder, error, text) from None
    finally:
        loader.dispose()
    if builder.root is None:
        return ParsedYaml(None, None, builder.issues)
    data, positions = builder.root
    return ParsedYaml(data, positions, builder.issues)


def _reader_error(text: str, builder: _Builder, error: yaml.reader.ReaderError) -> SpecError:
    # libyaml counts the position in UTF-8 bytes, PyYAML's own reader in characters.
    offset = error.position
    if _Loader is not yaml.SafeLoader:
        offset = len(text.encode("utf-8")[:offset].decode("utf-8", errors="ignore"))
    before = text[:offset]
    mark = (before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1)
    builder.issue(
        builder.current_path(),
        mark,
        f"character U+{error.character:04X} is not allowed in YAML ({error.reason})",
        "remove it, or write it as an escape such as \\x07 in a double-quoted string",
    )
    return SpecError(builder.issues)


def _mis_indented(problem: str, noticed: int, text: str) -> Mark | None:
    """Where the mis-indented key is, when libyaml noticed it only on a later line."""
    if not problem.startswith(INDENTATION_PROBLEMS):
        return None
    lines = text.splitlines()
    line = mis_indented_line(lines, noticed) if noticed <= len(lines) else None
    if line is None or line == noticed:
        return None
    return (line, len(lines[line - 1]) - len(lines[line - 1].lstrip(" ")) + 1)


def _syntax_error(builder: _Builder, error: yaml.YAMLError, text: str) -> SpecError:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    context = getattr(error, "context", None)
    message = f"YAML syntax error: {problem}" + (f" ({context})" if context else "")
    position: Mark = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    culprit = _mis_indented(problem, position[0], text)
    if culprit is not None:
        builder.issue(
            builder.current_path(),
            culprit,
            f"YAML syntax error: this key is mis-indented ({problem} at line {position[0]})",
            "indent it like the other keys of its mapping (spaces, not tabs); a key under "
            "'parent:' goes deeper than 'parent'",
        )
        return SpecError(builder.issues)
    builder.issue(
        builder.current_path(),
        position,
        message,
        "fix the YAML here: check indentation (spaces, not tabs), colons and quotes",
    )
    return SpecError(builder.issues)
