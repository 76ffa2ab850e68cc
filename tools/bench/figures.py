"""The benchmark's output: one `name: value unit` line per figure, printed as soon as known.

`scenario.run_size` reports each figure through a `Report`; `__main__` prints them to
stdout (flushed, so a long run shows progress) and keeps them for the summary table.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TextIO


@dataclass(frozen=True)
class Figure:
    """One measurement."""

    name: str
    value: float
    unit: str

    def line(self) -> str:
        return f"{self.name}: {format_value(self.value)} {self.unit}"


def format_value(value: float) -> str:
    """Whole numbers without decimals; others with three significant decimals at most."""
    if float(value).is_integer():
        return str(int(value))
    if abs(value) >= 100:
        return f"{value:.1f}"
    return f"{value:.3g}" if abs(value) < 1 else f"{value:.2f}"


@dataclass
class Report:
    """Collects figures and shows each one as it comes."""

    show: Callable[[str], None] = field(default=lambda line: _print(line, sys.stdout))
    figures: list[Figure] = field(default_factory=list)

    def add(self, name: str, value: float, unit: str) -> None:
        figure = Figure(name, value, unit)
        self.figures.append(figure)
        self.show(figure.line())

    def value(self, name: str) -> float:
        return next(figure.value for figure in self.figures if figure.name == name)


def _print(line: str, stream: TextIO) -> None:
    print(line, file=stream, flush=True)
