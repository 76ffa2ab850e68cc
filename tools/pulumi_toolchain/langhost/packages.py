"""The Pulumi packages installed in a program's python, as Pulumi's host reports them.

The engine pre-installs (or, with automatic acquisition disabled, merely expects) the
resource plugins a program needs from what `GetRequiredPackages` returns, so this mirrors
Pulumi's Python host exactly: list every installed distribution with `pip list -v`, keep
those with a `pulumi-plugin.json` or a `pulumi-`/`pulumi_` name, skip packages known to
have no plugin, and read name/version/server/parameterization from `pulumi-plugin.json`
(`resource: false` means none), else derive them from the distribution. Used by `server.py`.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from packaging.version import InvalidVersion, Version
from pulumi.runtime.proto import plugin_pb2

from tools.pulumi_toolchain.langhost.python_env import PythonEnv

# Same list as Pulumi's host: packages that ship no plugin but predate `pulumi-plugin.json`.
PACKAGES_WITHOUT_PLUGINS = frozenset(
    {"pulumi-policy", "pulumi_policy", "pulumi-esc-sdk", "pulumi_esc_sdk"}
)
_PRERELEASE_NAMES = {"a": "alpha", "b": "beta", "rc": "rc"}


@dataclass(frozen=True)
class InstalledPackage:
    """One distribution as `pip list -v --format json` reports it."""

    name: str
    version: str
    location: Path

    def plugin_json(self) -> dict[str, Any] | None:
        """The package's `pulumi-plugin.json`, if it has one."""
        path = self.location / self.name.replace("-", "_") / "pulumi-plugin.json"
        try:
            loaded = json.loads(path.read_text())
        except FileNotFoundError:
            return None
        return loaded if isinstance(loaded, dict) else {}


def installed_packages(env: PythonEnv, *, transitive: bool = True) -> list[InstalledPackage]:
    """Every distribution installed for `env`'s python (top-level ones only if not transitive)."""
    command = [str(env.python), "-m", "pip", "list", "-v", "--format", "json"]
    command += ["--disable-pip-version-check"] + ([] if transitive else ["--not-required"])
    listed = subprocess.run(
        command, capture_output=True, text=True, check=True, env=env.environ(os.environ)
    )
    return [
        InstalledPackage(
            name=entry["name"], version=entry["version"], location=Path(entry.get("location", ""))
        )
        for entry in json.loads(listed.stdout)
    ]


def required_packages(env: PythonEnv) -> list[plugin_pb2.PackageDependency]:
    """The resource-plugin packages a program in `env` may use."""
    candidates = [p for p in installed_packages(env) if _is_pulumi_package(p)]
    found = (_dependency(p) for p in candidates if p.name not in PACKAGES_WITHOUT_PLUGINS)
    return [dependency for dependency in found if dependency is not None]


def plugin_version(package_version: str) -> str | None:
    """A PEP 440 version as plugin semver (`1.2.3a4` -> `1.2.3-alpha.4`); None if impossible."""
    try:
        version = Version(package_version)
    except InvalidVersion:
        return None
    if version.epoch or version.local:
        return None
    release = [*version.release, 0, 0][: max(3, len(version.release))]
    text = ".".join(str(part) for part in release)
    if version.pre:
        text += f"-{_PRERELEASE_NAMES[version.pre[0]]}.{version.pre[1]}"
    if version.post is not None:
        text += f"+post{version.post}"
    if version.dev is not None:
        text += f"{'' if version.post is not None else '+'}dev{version.dev}"
    return text


def _is_pulumi_package(package: InstalledPackage) -> bool:
    return package.plugin_json() is not None or package.name.startswith(("pulumi-", "pulumi_"))


def _dependency(package: InstalledPackage) -> plugin_pb2.PackageDependency | None:
    plugin = package.plugin_json()
    if plugin is not None and not plugin.get("resource", False):
        return None
    plugin = plugin or {}
    version = plugin.get("version") or plugin_version(package.version)
    if not version:
        return None
    return plugin_pb2.PackageDependency(
        name=plugin.get("name") or package.name.removeprefix("pulumi-"),
        version=version if version.startswith("v") else f"v{version}",
        kind="resource",
        server=plugin.get("server", ""),
        parameterization=_parameterization(plugin.get("parameterization")),
    )


def _parameterization(raw: object) -> plugin_pb2.PackageParameterization | None:
    if not isinstance(raw, dict):
        return None
    return plugin_pb2.PackageParameterization(
        name=raw.get("name", ""),
        version=raw.get("version", ""),
        value=base64.b64decode(raw.get("value") or ""),
    )
