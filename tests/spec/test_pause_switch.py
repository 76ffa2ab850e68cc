"""`provisioning.paused`: a switch of the entra-box engine, resolved into the desired state."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from components.cli import main
from tests.support.box_only_spec import SMALL_ORG


def written(tmp_path: Path, spec: dict[str, Any]) -> str:
    path = tmp_path / "spec.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False))
    return str(path)


def test_a_paused_spec_resolves_to_a_paused_desired_state(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = SMALL_ORG.spec()
    spec["provisioning"]["paused"] = True

    assert main(["resolve", written(tmp_path, spec)]) == 0
    assert '"paused": true' in capsys.readouterr().out


def test_pausing_a_stack_whose_box_is_written_by_entra_names_entra_s_own_switch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = {
        "version": 1,
        "entra": {"manage": True, "application": {"displayName": "Box"}},
        "provisioning": {"engine": "entra", "paused": True},
        "directory": {"source": "entra"},
    }

    assert main(["validate", written(tmp_path, spec)]) == 1
    error = capsys.readouterr().err
    assert "provisioning.paused" in error
    assert "entraJob: {enabled: false}" in error
