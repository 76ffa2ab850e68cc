"""Strategy (a): a complete Pulumi installation of the right version already on PATH."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.toolchain.conftest import write_executable
from tools.pulumi_toolchain.from_path import find_on_path


def _installation(directory: Path, prints: str, files: tuple[str, ...]) -> Path:
    write_executable(directory / "pulumi", f"#!/bin/sh\necho {prints}\n")
    for name in files:
        write_executable(directory / name, "#!/bin/sh\n")
    return directory


COMPLETE = ("pulumi-language-python", "pulumi-language-python-exec")


def test_a_matching_complete_installation_is_used(tmp_path: Path) -> None:
    installed = _installation(tmp_path / "pulumi", "v3.260.0", COMPLETE)
    found = find_on_path("3.260.0", skip_dir=tmp_path / "venv" / "bin", path=str(installed))
    assert found is not None
    assert (found.cli, found.language_host) == (
        installed / "pulumi",
        installed / "pulumi-language-python",
    )


@pytest.mark.parametrize(
    ("prints", "files"),
    [
        ("v3.272.0", COMPLETE),
        ("v3.260.0", ("pulumi-language-python-exec",)),
        ("v3.260.0", ("pulumi-language-python",)),
    ],
    ids=["other version", "no language host", "no program runner"],
)
def test_an_installation_that_does_not_fit_is_ignored(
    tmp_path: Path, prints: str, files: tuple[str, ...]
) -> None:
    installed = _installation(tmp_path / "pulumi", prints, files)
    assert find_on_path("3.260.0", skip_dir=tmp_path / "venv" / "bin", path=str(installed)) is None


def test_the_virtualenvs_own_cli_is_never_adopted(tmp_path: Path) -> None:
    venv_bin = _installation(tmp_path / "venv" / "bin", "v3.260.0", COMPLETE)
    assert find_on_path("3.260.0", skip_dir=venv_bin, path=str(venv_bin)) is None


def test_a_symlinked_cli_is_judged_by_the_directory_it_points_into(tmp_path: Path) -> None:
    installed = _installation(tmp_path / "opt" / "pulumi", "v3.260.0", COMPLETE)
    (tmp_path / "bin").mkdir()
    os.symlink(installed / "pulumi", tmp_path / "bin" / "pulumi")
    found = find_on_path("3.260.0", skip_dir=tmp_path / "venv", path=str(tmp_path / "bin"))
    assert found is not None
    assert found.language_host == installed / "pulumi-language-python"
