"""Strategy (c): Pulumi's release tarball, verified against its published checksums."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.toolchain.conftest import RELEASE_FILES, ReleaseSite
from tools.pulumi_toolchain.from_release import (
    RELEASES_ENV,
    ReleaseUnusableError,
    fetch_release,
    tarball_name,
)

VERSION = "3.260.0"


def test_a_verified_release_is_unpacked_with_only_the_python_runtime_files(
    release_site: ReleaseSite, tmp_path: Path
) -> None:
    release_site.publish(VERSION, RELEASE_FILES)
    (tmp_path / "bin").mkdir()
    toolchain = fetch_release(VERSION, tmp_path / "bin", tmp_path)
    assert toolchain is not None
    assert toolchain.language_host == tmp_path / "bin" / "pulumi-language-python"
    assert sorted(p.name for p in (tmp_path / "bin").iterdir()) == [
        "pulumi",
        "pulumi-language-python",
        "pulumi-language-python-exec",
    ]


@pytest.mark.parametrize("checksum", ["f" * 64, None], ids=["wrong checksum", "no checksums"])
def test_a_release_that_cannot_be_verified_is_refused(
    release_site: ReleaseSite, tmp_path: Path, checksum: str | None
) -> None:
    release_site.publish(VERSION, RELEASE_FILES, checksum=checksum)
    with pytest.raises(ReleaseUnusableError, match=tarball_name(VERSION)):
        fetch_release(VERSION, tmp_path, tmp_path)


def test_an_unreachable_site_means_try_the_next_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(RELEASES_ENV, "http://127.0.0.1:9/releases")
    assert fetch_release(VERSION, tmp_path, tmp_path) is None


def test_a_version_the_site_does_not_have_means_try_the_next_way(
    release_site: ReleaseSite, tmp_path: Path
) -> None:
    assert fetch_release(VERSION, tmp_path, tmp_path) is None
