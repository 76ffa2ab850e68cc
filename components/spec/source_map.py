"""Where each part of a loaded spec sits in its file.

The YAML loader (`components.spec.yaml_loader`) builds a `PositionNode` tree alongside the
data; `SourceMap` answers "which line and column is `entra.assignments[2].role`?" for the
pydantic error translation and for resolution's cross-reference checks. Aliased YAML
content shares its subtree, so the map stays as small as the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from components.spec.errors import Location, SpecPath

Mark = tuple[int, int]


@dataclass(slots=True)
class PositionNode:
    """The 1-based line and column of one YAML value, with its children's positions."""

    mark: Mark
    children: dict[str | int, PositionNode] = field(default_factory=dict)
    # For a mapping: where each key is written (the value may be an alias defined elsewhere).
    key_marks: dict[str | int, Mark] = field(default_factory=dict)


@dataclass(frozen=True)
class SourceMap:
    """Positions of a spec file's values, addressed by spec path."""

    file: str
    root: PositionNode | None = None

    def locate(self, path: SpecPath, *, at_key: bool = False) -> Location:
        """The value at `path` (or its key); the nearest written ancestor when absent."""
        node = self.root
        if node is None:
            return Location(self.file, 1, 1)
        mark = node.mark
        for depth, element in enumerate(path):
            child = node.children.get(element)
            if child is None:
                return Location(self.file, *mark)
            last = depth == len(path) - 1
            key_mark = node.key_marks.get(element)
            mark = key_mark if last and at_key and key_mark else child.mark
            node = child
        return Location(self.file, *mark)
