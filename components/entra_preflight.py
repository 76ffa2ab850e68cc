"""The Entra preflight: before a stack with an Entra side runs, are plugin and credentials there?

`components.program.build_stack` calls `entra_preflight` right after the spec is loaded, only
when the spec manages Entra (`entra.manage: true`), so a Box-only stack never needs the
azuread plugin or Entra credentials. Without it, a missing plugin surfaces as Pulumi's
generic "no resource plugin 'pulumi-resource-azuread' found" at the first Entra resource,
and missing credentials as a provider error after the Box side has been checked. Here
both become one message, naming each fix, before anything is registered. The decision
(`problems`) is pure; `installed_plugin` and `entra_preflight` read the machine.
"""

from __future__ import annotations

import importlib.metadata
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path

PLUGIN = "azuread"
PLUGIN_PACKAGE = "pulumi-azuread"
DOCS = "docs/onboarding.md (Entra: an identity for Pulumi)"

# Config key or environment variable, as pulumi-azuread reads them (config wins).
_SETTINGS: dict[str, tuple[str, str]] = {
    "tenant_id": ("azuread:tenantId", "ARM_TENANT_ID"),
    "client_id": ("azuread:clientId", "ARM_CLIENT_ID"),
    "client_secret": ("azuread:clientSecret", "ARM_CLIENT_SECRET"),
}

ConfigLookup = Callable[[str], str | None]


def plugin_version() -> str:
    """The azuread plugin version the engine asks for: the pinned package's."""
    return importlib.metadata.version(PLUGIN_PACKAGE)


def installed_plugin(version: str, env: Mapping[str, str]) -> bool:
    """Whether Pulumi can find `pulumi-resource-azuread` at `version` (plugin dir or PATH)."""
    home = Path(env.get("PULUMI_HOME") or Path.home() / ".pulumi")
    plugin_dir = home / "plugins" / f"resource-{PLUGIN}-v{version}"
    # A download still in progress (or interrupted) leaves a `.partial` marker beside it.
    if plugin_dir.is_dir() and not plugin_dir.with_name(plugin_dir.name + ".partial").exists():
        return True
    return shutil.which(f"pulumi-resource-{PLUGIN}", path=env.get("PATH")) is not None


def problems(
    config: ConfigLookup, env: Mapping[str, str], *, plugin_found: bool, version: str
) -> list[str]:
    """What keeps the Entra side from running, each with its fix; empty when nothing does."""
    found: list[str] = []
    if not plugin_found:
        found.append(
            f"the pulumi-azuread plugin v{version} is not installed: run "
            f"`pulumi plugin install resource {PLUGIN} {version}` (Pulumi downloads it by "
            "itself where downloads work; pulumi/actions and `pulumi install` do too)"
        )
    credential = _credential_problem(lambda name: _setting(name, config, env))
    if credential:
        found.append(credential)
    return found


def render(spec_path: str, found: list[str]) -> str:
    lines = [
        f"Entra preflight: {spec_path} manages Entra (entra.manage: true), but nothing ran:",
        *(f"  - {problem}" for problem in found),
        f"See {DOCS}. A Box-only stack (entra.manage: false) needs neither.",
    ]
    return "\n".join(lines)


def entra_preflight(spec_path: str, config: ConfigLookup, env: Mapping[str, str]) -> str | None:
    """The preflight message for this machine and stack, or None when the Entra side can run."""
    version = plugin_version()
    found = problems(config, env, plugin_found=installed_plugin(version, env), version=version)
    return render(spec_path, found) if found else None


def _setting(name: str, config: ConfigLookup, env: Mapping[str, str]) -> str | None:
    key, variable = _SETTINGS[name]
    value = config(key)
    if value is None or not str(value).strip():
        value = env.get(variable)
    return str(value).strip() if value is not None and str(value).strip() else None


def _credential_problem(setting: Callable[[str], str | None]) -> str:
    # pulumi-azuread could also sign in with OIDC, a managed identity, a certificate or the
    # Azure CLI, but entra-box's own Graph resources (components/entra/graph) sign in with a
    # client secret only: a stack that passed here on another method would stop half-way,
    # at the first of them. So the preflight asks for exactly what both sides can use.
    missing = [] if setting("tenant_id") else ["tenant id"]
    missing += [] if setting("client_id") else ["client id"]
    missing += [] if setting("client_secret") else ["client secret"]
    if not missing:
        return ""
    if len(missing) == 3:
        return (
            "no Entra credentials: set ARM_TENANT_ID, ARM_CLIENT_ID and ARM_CLIENT_SECRET "
            "(or `pulumi config set azuread:tenantId ...`, `azuread:clientId ...` and "
            "`pulumi config set --secret azuread:clientSecret` on stdin); entra-box's Graph "
            "resources sign in with a client secret, so OIDC, a managed identity, a "
            "certificate or `az login` alone are not enough"
        )
    return _missing(missing)


def _missing(what: list[str]) -> str:
    settings = {
        "tenant id": "ARM_TENANT_ID or azuread:tenantId",
        "client id": "ARM_CLIENT_ID or azuread:clientId",
        "client secret": "ARM_CLIENT_SECRET or azuread:clientSecret (as a secret)",
    }
    return "Entra credentials are incomplete: set " + "; ".join(settings[w] for w in what)


def _true(value: str | None) -> bool:
    return value is not None and value.lower() in ("true", "1", "yes")
