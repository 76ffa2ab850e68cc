"""The toolchain cache: where it is, all-or-nothing entries, one set-up at a time."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from tools.pulumi_toolchain import cache
from tools.pulumi_toolchain.toolchain import Toolchain, write_manifest


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"ENTRA_BOX_PULUMI_CACHE": "/srv/pulumi", "XDG_CACHE_HOME": "/xdg"}, "/srv/pulumi"),
        ({"XDG_CACHE_HOME": "/xdg"}, "/xdg/entra-box/pulumi"),
        ({}, str(Path.home() / ".cache" / "entra-box" / "pulumi")),
    ],
)
def test_the_cache_root_is_the_override_else_the_xdg_cache(
    environ: dict[str, str], expected: str
) -> None:
    assert cache.cache_root(environ) == Path(expected)


def _fill(scratch: Path, version: str) -> None:
    (scratch / "bin").mkdir()
    (scratch / "bin" / "pulumi").write_text("#!/bin/sh\n")
    toolchain = Toolchain(version, "test", scratch / "bin" / "pulumi", scratch / "bin" / "x", None)
    write_manifest(scratch, toolchain)


def test_a_completed_entry_is_found_with_its_source(tmp_path: Path) -> None:
    with cache.staged(tmp_path, "3.260.0") as scratch:
        _fill(scratch, "3.260.0")
    found = cache.cached(tmp_path, "3.260.0")
    assert found is not None
    assert found.cli == tmp_path / "3.260.0" / "bin" / "pulumi"
    assert found.source == "cache (test)"


def test_an_interrupted_fill_leaves_no_entry_and_no_debris(tmp_path: Path) -> None:
    with pytest.raises(KeyboardInterrupt), cache.staged(tmp_path, "3.260.0") as scratch:
        _fill(scratch, "3.260.0")
        raise KeyboardInterrupt
    assert cache.cached(tmp_path, "3.260.0") is None
    assert list(tmp_path.iterdir()) == []


def test_debris_of_a_killed_fill_is_removed_by_the_next_one(tmp_path: Path) -> None:
    (tmp_path / ".3.260.0.partial-killed").mkdir()
    with cache.staged(tmp_path, "3.260.0") as scratch:
        _fill(scratch, "3.260.0")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["3.260.0"]


@pytest.mark.parametrize("manifest", [None, "not json", '{"version": "3.259.0"}'])
def test_an_entry_without_a_matching_manifest_is_not_used(
    tmp_path: Path, manifest: str | None
) -> None:
    (tmp_path / "3.260.0" / "bin").mkdir(parents=True)
    if manifest is not None:
        (tmp_path / "3.260.0" / "manifest.json").write_text(manifest)
    assert cache.cached(tmp_path, "3.260.0") is None


def test_a_second_set_up_waits_for_the_first_to_finish(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    second_got_in = threading.Event()

    def second_set_up() -> None:
        with cache.locked(tmp_path, "3.260.0"):
            second_got_in.set()

    with cache.locked(tmp_path, "3.260.0"):
        second = threading.Thread(target=second_set_up)
        second.start()
        assert not second_got_in.wait(timeout=1)
    second.join(timeout=30)
    assert second_got_in.is_set()
    assert "another set-up is preparing Pulumi 3.260.0; waiting for it" in capsys.readouterr().err
