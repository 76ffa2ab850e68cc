"""The deprovisioning guard: a default that protects small and large tenants alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from components.resolve import default_max_deprovisions
from tests.spec_support import resolve_ok, spec_text


@pytest.mark.parametrize(
    ("managed", "limit"),
    [(0, 1), (1, 1), (19, 1), (39, 1), (40, 2), (100, 5), (199, 9), (200, 10), (10_000, 10)],
)
def test_the_default_is_five_percent_at_least_one_at_most_ten(managed: int, limit: int) -> None:
    assert default_max_deprovisions(managed) == limit


def test_an_unset_guard_resolves_to_the_default_for_the_managed_users(tmp_path: Path) -> None:
    state = resolve_ok(tmp_path, spec_text())
    assert state["provisioning"]["max_deprovisions"] == 1


@pytest.mark.parametrize("limit", [0, 3, 500])
def test_an_explicit_guard_is_kept_as_written(tmp_path: Path, limit: int) -> None:
    text = spec_text(provisioning=f"provisioning:\n  maxDeprovisions: {limit}\n")
    assert resolve_ok(tmp_path, text)["provisioning"]["max_deprovisions"] == limit


def test_provisioning_settings_are_carried_into_the_desired_state(tmp_path: Path) -> None:
    text = spec_text(
        provisioning="provisioning:\n  engine: entra\n  objects: users-and-groups\n"
        "  deprovision: transfer\n  custodian: Eve@Contoso.com\n"
    )
    assert resolve_ok(tmp_path, text)["provisioning"] == {
        "engine": "entra",
        "paused": False,
        "objects": "users-and-groups",
        "deprovision": "transfer",
        "custodian": "eve@contoso.com",
        "max_deprovisions": 1,
    }
