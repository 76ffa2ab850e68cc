"""The CLI writes an automatic log of every command unless the benchmark blocks it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.bench.engine import BenchStack

pytestmark = pytest.mark.engine


@pytest.mark.parametrize("automatic_logs", [True, False])
def test_the_cli_writes_its_automatic_log_only_when_the_benchmark_lets_it(
    tmp_path: Path, automatic_logs: bool
) -> None:
    stack = BenchStack(tmp_path, automatic_logs=automatic_logs)
    stack.create({"box:baseUrl": "http://127.0.0.1:9"}, {})
    logs = tmp_path / "home" / "logs"
    if automatic_logs:
        assert logs.is_dir()
        assert any(logs.iterdir())
    else:
        assert logs.is_file()
