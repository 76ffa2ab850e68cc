"""`install`: acquire once into the cache, place everything the CLI needs into `<venv>/bin`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.toolchain.conftest import RELEASE_FILES, ReleaseSite
from tools.pulumi_toolchain.cache import CACHE_ENV
from tools.pulumi_toolchain.from_release import RELEASES_ENV, tarball_name
from tools.pulumi_toolchain.install import ToolchainBrokenError, install, place
from tools.pulumi_toolchain.toolchain import Toolchain

VERSION = "3.260.0"
PLACED = [
    "pulumi",
    "pulumi-analyzer-policy-python",
    "pulumi-language-python",
    "pulumi-language-python-exec",
    "pulumi-resource-pulumi-python",
]


@pytest.fixture
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private cache, no Pulumi on PATH; returns the virtualenv to install into."""
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    (tmp_path / "venv" / "bin").mkdir(parents=True)
    return tmp_path / "venv"


def test_a_release_is_cached_and_linked_into_the_virtualenv(
    isolated: Path, release_site: ReleaseSite, tmp_path: Path
) -> None:
    release_site.publish(VERSION, RELEASE_FILES)
    stamp = install(isolated, VERSION)
    assert sorted(p.name for p in (isolated / "bin").iterdir()) == PLACED
    cached_cli = tmp_path / "cache" / VERSION / "bin" / "pulumi"
    assert (isolated / "bin" / "pulumi").samefile(cached_cli)
    assert not (isolated / "bin" / "pulumi").is_symlink()
    assert stamp["language_host"] == "pulumi (Go)"
    assert json.loads((isolated / "pulumi-toolchain.json").read_text()) == stamp


def test_a_second_install_is_a_no_op_even_without_cache_or_site(
    isolated: Path, release_site: ReleaseSite, tmp_path: Path
) -> None:
    release_site.publish(VERSION, RELEASE_FILES)
    first = install(isolated, VERSION)
    shutil.rmtree(tmp_path / "cache")
    shutil.rmtree(release_site.root)
    assert install(isolated, VERSION) == first


def test_a_new_virtualenv_is_filled_from_the_cache_without_the_site(
    isolated: Path, release_site: ReleaseSite, tmp_path: Path
) -> None:
    release_site.publish(VERSION, RELEASE_FILES)
    install(isolated, VERSION)
    shutil.rmtree(release_site.root)
    fresh = tmp_path / "fresh-venv"
    (fresh / "bin").mkdir(parents=True)
    assert install(fresh, VERSION)["source"] == f"cache (release {_release_url()})"
    assert (fresh / "bin" / "pulumi").samefile(isolated / "bin" / "pulumi")


def _release_url() -> str:
    return f"{os.environ[RELEASES_ENV].rstrip('/')}/{tarball_name(VERSION)}"


def test_a_cli_that_does_not_report_its_version_is_not_cached(
    isolated: Path, release_site: ReleaseSite, tmp_path: Path
) -> None:
    release_site.publish(VERSION, {**RELEASE_FILES, "pulumi": b"#!/bin/sh\necho v3.1.0\n"})
    with pytest.raises(ToolchainBrokenError, match=r"reports 'v3\.1\.0', expected 'v3\.260\.0'"):
        install(isolated, VERSION)
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [f".{VERSION}.lock"]


def test_without_pulumis_host_the_fallback_host_is_installed(tmp_path: Path) -> None:
    upstream = tmp_path / "upstream"
    upstream.mkdir()
    for name in ("pulumi", "pulumi-language-python-exec"):
        (upstream / name).write_text("#!/bin/sh\n")
    toolchain = Toolchain(
        VERSION, "go build", upstream / "pulumi", upstream / "pulumi-language-python-exec", None
    )
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    stamp = place(toolchain, venv)
    host = (venv / "bin" / "pulumi-language-python").read_text()
    assert "-m tools.pulumi_toolchain.langhost" in host
    assert str(venv / "bin" / "pulumi-language-python-exec") in host
    assert stamp["language_host"] == "entra-box fallback"


def test_the_command_line_reports_a_failure_in_one_line(tmp_path: Path) -> None:
    command = ["-m", "tools.pulumi_toolchain", "install", "--venv", str(tmp_path / "venv")]
    done = subprocess.run(
        [sys.executable, *command],
        capture_output=True,
        text=True,
        env={"PATH": "/nonexistent", CACHE_ENV: str(tmp_path / "cache"), "HOME": str(tmp_path),
             RELEASES_ENV: "http://127.0.0.1:9"},
        check=False,
    )  # fmt: skip
    assert done.returncode == 1
    assert "error: could not install the Pulumi CLI: `go` is not on PATH" in done.stderr
