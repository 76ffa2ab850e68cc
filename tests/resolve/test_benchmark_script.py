"""tools/bench_resolve.py: a synthetic organisation that resolves, reported as name: value unit."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_benchmark_resolves_its_synthetic_spec_and_prints_measurements() -> None:
    result = subprocess.run(
        [sys.executable, "tools/bench_resolve.py", "--users", "400"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert all(re.fullmatch(r"[a-z_]+: [0-9.]+ [A-Za-z]+", line) for line in lines), lines
    figures = dict(line.split(": ", 1) for line in lines)
    assert figures["box_users"] == "400 users"
    assert figures["box_groups"] == "28 groups"
    assert figures["memberships"] == "1600 memberships"
    assert {"load_s", "resolve_s", "total_s"} <= set(figures)
