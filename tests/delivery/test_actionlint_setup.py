"""Set-up's actionlint step (`tools/actionlint.py`): cached outside the repo, linked in."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.support.engine import REPO_ROOT
from tools.actionlint import VERSION, cache_dir, install, link_into, reports_version


def fake_actionlint(path: Path, version: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"#!/bin/sh\necho {version}\necho installed by building from source\n")
    path.chmod(0o755)
    return path


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"ENTRA_BOX_ACTIONLINT_CACHE": "/c"}, Path("/c") / VERSION),
        ({"XDG_CACHE_HOME": "/x"}, Path("/x/entra-box/actionlint") / VERSION),
        ({}, Path.home() / ".cache/entra-box/actionlint" / VERSION),
    ],
)
def test_the_cache_lives_outside_the_repository(environ: dict[str, str], expected: Path) -> None:
    assert cache_dir(environ) == expected


def test_only_a_binary_reporting_the_pinned_version_counts(tmp_path: Path) -> None:
    assert reports_version(fake_actionlint(tmp_path / "good", VERSION))
    assert not reports_version(fake_actionlint(tmp_path / "old", "v1.6.0"))
    assert not reports_version(tmp_path / "missing")


def test_a_cached_binary_is_linked_into_the_virtualenv_without_building(tmp_path: Path) -> None:
    environ = {"ENTRA_BOX_ACTIONLINT_CACHE": str(tmp_path / "cache"), "PATH": "/nonexistent"}
    cached = fake_actionlint(cache_dir(environ) / "actionlint", VERSION)

    linked = install(tmp_path / "venv", environ)

    assert linked == tmp_path / "venv" / "bin" / "actionlint"
    assert os.path.samefile(linked, cached)


def test_relinking_replaces_an_older_binary(tmp_path: Path) -> None:
    fake_actionlint(tmp_path / "bin" / "actionlint", "v1.6.0")
    new = fake_actionlint(tmp_path / "cache" / "actionlint", VERSION)

    linked = link_into(tmp_path / "bin", new)

    assert reports_version(linked)


def test_the_installed_actionlint_passes_the_repository_workflows() -> None:
    actionlint = REPO_ROOT / ".venv" / "bin" / "actionlint"
    if not actionlint.exists():
        pytest.fail("run `make setup` first: .venv/bin/actionlint is missing")

    done = subprocess.run(
        [str(actionlint)], cwd=REPO_ROOT, capture_output=True, text=True, check=False
    )

    assert done.returncode == 0, done.stdout
