"""The fallback host reports the program's packages and plugins as Pulumi's host does."""

from __future__ import annotations

import base64
import importlib.metadata
import json
import platform
import sys
from pathlib import Path

import pytest
from google.protobuf import empty_pb2  # type: ignore[import-untyped]
from pulumi.runtime.proto import language_pb2, plugin_pb2

from tests.toolchain.conftest import HostStarter, program_info, write_executable
from tools.pulumi_toolchain.langhost.packages import plugin_version


def test_its_plugin_version_is_the_sdks(start_host: HostStarter) -> None:
    info = start_host().stub.GetPluginInfo(empty_pb2.Empty())
    assert info.version == f"v{importlib.metadata.version('pulumi')}"


def test_the_project_virtualenvs_azuread_package_is_a_required_resource_plugin(
    start_host: HostStarter, tmp_path: Path
) -> None:
    request = language_pb2.GetRequiredPackagesRequest(
        info=program_info(tmp_path, virtualenv=sys.prefix)
    )
    found = start_host().stub.GetRequiredPackages(request).packages
    azuread = importlib.metadata.version("pulumi_azuread")
    assert (
        plugin_pb2.PackageDependency(name="azuread", kind="resource", version=f"v{azuread}")
        in found
    )
    assert all("policy" not in package.name for package in found)


def _fake_virtualenv(
    root: Path, name: str, version: str, plugin_json: dict[str, object] | None
) -> Path:
    """A virtualenv whose `pip list` reports one distribution, with its files on disk."""
    venv = root / "venv"
    site = venv / "site-packages"
    module = site / name.replace("-", "_")
    module.mkdir(parents=True)
    if plugin_json is not None:
        (module / "pulumi-plugin.json").write_text(json.dumps(plugin_json))
    listing = [{"name": name, "version": version, "location": str(site)}]
    (venv / "pip-list.json").write_text(json.dumps(listing))
    write_executable(venv / "bin" / "python", f"#!/bin/sh\ncat {venv / 'pip-list.json'}\n")
    return venv


PARAMETERIZATION = {
    "name": "box",
    "version": "1.0.0",
    "value": base64.b64encode(b"schema").decode(),
}


@pytest.mark.parametrize(
    ("name", "version", "plugin_json", "expected"),
    [
        pytest.param(
            "pulumi_random", "4.16.0", {"resource": True, "name": "random", "version": "4.16.0"},
            plugin_pb2.PackageDependency(name="random", kind="resource", version="v4.16.0"),
            id="plugin json names the plugin",
        ),
        pytest.param(
            "acme-cloud", "2.0.0", {"resource": True, "name": "acme", "server": "https://acme.example/plugins"},
            plugin_pb2.PackageDependency(
                name="acme", kind="resource", version="v2.0.0", server="https://acme.example/plugins"
            ),
            id="third-party package with a download server",
        ),
        pytest.param(
            "pulumi-random", "4.16.0b2", None,
            plugin_pb2.PackageDependency(name="random", kind="resource", version="v4.16.0-beta.2"),
            id="pulumi- package without plugin json",
        ),
        pytest.param(
            "pulumi_terraform", "1.0.0", {"resource": True, "name": "terraform", "version": "0.8.0",
                                         "parameterization": PARAMETERIZATION},
            plugin_pb2.PackageDependency(
                name="terraform", kind="resource", version="v0.8.0",
                parameterization=plugin_pb2.PackageParameterization(
                    name="box", version="1.0.0", value=b"schema"
                ),
            ),
            id="parameterized package",
        ),
        pytest.param("pulumi_policy", "1.21.0", {"resource": False}, None, id="resource false"),
        pytest.param("pulumi-policy", "1.0.0", None, None, id="known package without plugin"),
        pytest.param("requests", "2.34.2", None, None, id="not a pulumi package"),
        pytest.param("pulumi-odd", "1!2.0", None, None, id="version with no plugin equivalent"),
    ],
)  # fmt: skip
def test_required_packages_follow_pulumi_plugin_json_then_the_distribution(
    start_host: HostStarter,
    tmp_path: Path,
    name: str,
    version: str,
    plugin_json: dict[str, object] | None,
    expected: plugin_pb2.PackageDependency | None,
) -> None:
    venv = _fake_virtualenv(tmp_path, name, version, plugin_json)
    request = language_pb2.GetRequiredPackagesRequest(
        info=program_info(tmp_path, virtualenv=str(venv))
    )
    found = list(start_host().stub.GetRequiredPackages(request).packages)
    assert found == ([expected] if expected else [])


def test_the_deprecated_required_plugins_call_reports_the_same_plugins(
    start_host: HostStarter, tmp_path: Path
) -> None:
    host = start_host()
    info = program_info(tmp_path, virtualenv=sys.prefix)
    packages = host.stub.GetRequiredPackages(
        language_pb2.GetRequiredPackagesRequest(info=info)
    ).packages
    plugins = host.stub.GetRequiredPlugins(
        language_pb2.GetRequiredPluginsRequest(info=info)
    ).plugins
    assert [(p.name, p.version) for p in plugins] == [(p.name, p.version) for p in packages]


@pytest.mark.parametrize(
    ("package_version", "expected"),
    [
        ("3.260.0", "3.260.0"),
        ("1.0", "1.0.0"),
        ("1.2.3.4", "1.2.3.4"),
        ("1.2.3a4", "1.2.3-alpha.4"),
        ("1.2.3rc1", "1.2.3-rc.1"),
        ("1.2.3.post4", "1.2.3+post4"),
        ("1.2.3.post4.dev5", "1.2.3+post4dev5"),
        ("1.2.3.dev5", "1.2.3+dev5"),
        ("1!1.0.0", None),
        ("1.0.0+local", None),
        ("not a version", None),
    ],
)
def test_python_versions_translate_to_plugin_versions_as_in_pulumis_host(
    package_version: str, expected: str | None
) -> None:
    assert plugin_version(package_version) == expected


def test_program_dependencies_list_the_virtualenvs_distributions(
    start_host: HostStarter, tmp_path: Path
) -> None:
    request = language_pb2.GetProgramDependenciesRequest(
        info=program_info(tmp_path, virtualenv=sys.prefix), transitiveDependencies=True
    )
    found = start_host().stub.GetProgramDependencies(request).dependencies
    assert (
        language_pb2.DependencyInfo(name="pulumi", version=importlib.metadata.version("pulumi"))
        in found
    )


def test_about_names_the_virtualenvs_python(start_host: HostStarter, tmp_path: Path) -> None:
    request = language_pb2.AboutRequest(info=program_info(tmp_path, virtualenv=sys.prefix))
    about = start_host().stub.About(request)
    assert about.executable == str(Path(sys.prefix) / "bin" / "python")
    assert about.version == platform.python_version()
