"""The Entra preflight: a missing azuread plugin or Entra credentials is one message naming fixes.

Unit cases call `problems`/`entra_preflight` with a made-up environment (a temp PULUMI_HOME,
PATH and config); the engine case runs `pulumi preview` of a stack that manages Entra on a
machine with neither, and of a Box-only stack, which needs neither.
"""

from __future__ import annotations

import stat
from collections.abc import Mapping
from pathlib import Path

import pytest

from components.entra_preflight import entra_preflight, installed_plugin, plugin_version, problems
from tests.support.box_only_spec import SMALL_ORG
from tests.support.engine import EngineStack

SERVICE_PRINCIPAL = {
    "ARM_TENANT_ID": "11111111-2222-3333-4444-555555555555",
    "ARM_CLIENT_ID": "66666666-7777-8888-9999-000000000000",
    "ARM_CLIENT_SECRET": "s3cret",
}


def no_config(_key: str) -> str | None:
    return None


def machine(
    tmp_path: Path, env: Mapping[str, str] | None = None, *, plugin: bool = False
) -> dict[str, str]:
    """An environment with its own PULUMI_HOME and an empty PATH (so no `az`, no plugin)."""
    home, bin_dir = tmp_path / "pulumi-home", tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    if plugin:
        (home / "plugins" / f"resource-azuread-v{plugin_version()}").mkdir(parents=True)
    return {"PULUMI_HOME": str(home), "PATH": str(bin_dir), **(env or {})}


def test_a_bare_machine_gets_one_message_naming_the_plugin_install_and_the_credentials(
    tmp_path: Path,
) -> None:
    message = entra_preflight("stacks/dev.yaml", no_config, machine(tmp_path))

    assert message is not None
    assert message.startswith("Entra preflight: stacks/dev.yaml manages Entra")
    assert f"`pulumi plugin install resource azuread {plugin_version()}`" in message
    assert "set ARM_TENANT_ID, ARM_CLIENT_ID and ARM_CLIENT_SECRET" in message
    assert "A Box-only stack (entra.manage: false) needs neither." in message


def test_an_installed_plugin_and_a_service_principal_from_arm_variables_pass(
    tmp_path: Path,
) -> None:
    assert (
        entra_preflight("spec.yaml", no_config, machine(tmp_path, SERVICE_PRINCIPAL, plugin=True))
        is None
    )


def test_the_plugin_on_path_and_azuread_config_pass(tmp_path: Path) -> None:
    env = machine(tmp_path)
    binary = Path(env["PATH"]) / "pulumi-resource-azuread"
    binary.write_text("#!/bin/sh\n")
    binary.chmod(binary.stat().st_mode | stat.S_IXUSR)
    config = {
        "azuread:tenantId": SERVICE_PRINCIPAL["ARM_TENANT_ID"],
        "azuread:clientId": SERVICE_PRINCIPAL["ARM_CLIENT_ID"],
        "azuread:clientSecret": "s3cret",
    }

    assert entra_preflight("spec.yaml", config.get, env) is None


def test_a_download_left_half_done_is_not_an_installed_plugin(tmp_path: Path) -> None:
    env = machine(tmp_path, plugin=True)
    plugins = Path(env["PULUMI_HOME"]) / "plugins"
    (plugins / f"resource-azuread-v{plugin_version()}.partial").write_text("")

    assert not installed_plugin(plugin_version(), env)


@pytest.mark.parametrize(
    ("settings", "named"),
    [
        ({"ARM_CLIENT_ID": "x", "ARM_TENANT_ID": "t"}, "ARM_CLIENT_SECRET or azuread:clientSecret"),
        ({"ARM_CLIENT_ID": "x", "ARM_CLIENT_SECRET": "s"}, "ARM_TENANT_ID or azuread:tenantId"),
        ({"ARM_CLIENT_SECRET": "s", "ARM_TENANT_ID": "t"}, "ARM_CLIENT_ID or azuread:clientId"),
    ],
)
def test_incomplete_credentials_name_the_missing_setting(
    tmp_path: Path, settings: dict[str, str], named: str
) -> None:
    found = problems(no_config, machine(tmp_path, settings), plugin_found=True, version="6.11.1")

    assert len(found) == 1
    assert found[0].startswith("Entra credentials are incomplete")
    assert named in found[0]


@pytest.mark.parametrize(
    "settings",
    [
        {"ARM_USE_MSI": "true"},
        {"ARM_USE_OIDC": "true", "ARM_CLIENT_ID": "x", "ARM_TENANT_ID": "t"},
        {"ARM_CLIENT_CERTIFICATE_PATH": "/k.pfx", "ARM_CLIENT_ID": "x", "ARM_TENANT_ID": "t"},
    ],
)
def test_sign_ins_entra_boxs_graph_resources_cannot_use_are_refused_before_anything_runs(
    tmp_path: Path, settings: dict[str, str]
) -> None:
    found = problems(no_config, machine(tmp_path, settings), plugin_found=True, version="1")

    assert len(found) == 1
    assert "ARM_CLIENT_SECRET" in found[0]


@pytest.mark.engine
def test_a_stack_that_manages_entra_stops_before_anything_runs_and_a_box_only_one_does_not(
    engine_stack: EngineStack,
) -> None:
    entra_spec = {
        "version": 1,
        "entra": {
            "manage": True,
            "application": {"displayName": "Box"},
            "assignments": [{"user": "ada@contoso.example", "role": "User"}],
        },
        "directory": {
            "source": "inline",
            "users": [{"userPrincipalName": "ada@contoso.example", "displayName": "Ada"}],
        },
    }
    engine_stack.write_spec(entra_spec)

    refused = engine_stack.preview()

    assert not refused.ok
    assert "Entra preflight:" in refused.output
    assert "pulumi plugin install resource azuread" in refused.output
    assert "no resource plugin" not in refused.output
    engine_stack.write_spec(SMALL_ORG.spec())
    assert engine_stack.preview().ok
