"""Go modules from the proxy, made buildable on their own (needs `go`, not the network)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
from pathlib import Path

import pytest

from tools.pulumi_toolchain.go_modules import GoModuleUnavailableError, buildable_copy, download

# Shaped like pkg/v3's go.mod: a relative replace of a sibling module, plus a real one.
GO_MOD = """module github.com/pulumi/pulumi/pkg/v3

go 1.24

replace github.com/pulumi/pulumi/sdk/v3 => ../sdk

replace github.com/example/fork v1.0.0 => ./fork

replace github.com/example/broken => github.com/example/fixed v1.2.3

require github.com/pulumi/pulumi/sdk/v3 v3.260.0
"""


@pytest.fixture
def module_in_cache(tmp_path: Path) -> Path:
    """A read-only module directory, as the module cache keeps them."""
    module = tmp_path / "cache" / "pkg@v3.260.0"
    (module / "cmd").mkdir(parents=True)
    (module / "go.mod").write_text(GO_MOD)
    (module / "cmd" / "main.go").write_text("package main\n")
    for path in [module / "cmd" / "main.go", module / "go.mod", module / "cmd", module]:
        path.chmod(stat.S_IMODE(path.stat().st_mode) & ~0o222)
    return module


def _replaces(module: Path) -> list[dict[str, dict[str, str]]]:
    edit = subprocess.run(
        ["go", "mod", "edit", "-json"], cwd=module, capture_output=True, text=True, check=True
    )
    return list(json.loads(edit.stdout).get("Replace") or [])


def test_the_copy_is_writable_and_drops_only_the_local_replaces(
    module_in_cache: Path, tmp_path: Path
) -> None:
    copy = buildable_copy(module_in_cache, tmp_path / "src")
    assert os.access(copy / "cmd", os.W_OK)
    assert os.access(copy / "go.mod", os.W_OK)
    assert [(r["Old"]["Path"], r["New"]["Path"]) for r in _replaces(copy)] == [
        ("github.com/example/broken", "github.com/example/fixed")
    ]
    assert "github.com/pulumi/pulumi/sdk/v3 v3.260.0" in (copy / "go.mod").read_text()


def test_the_original_in_the_module_cache_is_untouched(
    module_in_cache: Path, tmp_path: Path
) -> None:
    buildable_copy(module_in_cache, tmp_path / "src")
    assert (module_in_cache / "go.mod").read_text() == GO_MOD


def test_a_module_the_proxy_does_not_serve_raises_with_the_proxys_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GOPROXY", "off")
    module = "github.com/pulumi/pulumi/sdk/python/cmd/pulumi-language-python/v3"
    with pytest.raises(GoModuleUnavailableError) as refused:
        download(module, "v0.0.0-not-in-any-cache", tmp_path)
    assert refused.value.module == module
    assert "GOPROXY=off" in refused.value.reason
