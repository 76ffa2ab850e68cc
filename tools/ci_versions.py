"""The Pulumi versions the production workflows install, read from the pinned dependencies.

`python3 -m tools.ci_versions` prints, for `$GITHUB_OUTPUT`, `pulumi=<version>` (the CLI
matching the pinned `pulumi` SDK, for `pulumi/actions`' `pulumi-version`) and
`azuread=<version>` (the resource plugin matching the pinned `pulumi-azuread`). One source
of truth: `pyproject.toml`'s exact pins. Standard library only: the workflows run it before
anything is installed (`.github/actions/runtime`).
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"
# Output name -> the pinned package whose version it is.
PACKAGES = {"pulumi": "pulumi", "azuread": "pulumi-azuread"}
_PIN = re.compile(r"^(?P<name>[A-Za-z0-9_.-]+)(\[[^\]]*\])?==(?P<version>[^;\s]+)")


def pinned_versions(pyproject: Path = PYPROJECT) -> dict[str, str]:
    """Every exactly pinned runtime dependency, by normalised name."""
    dependencies = tomllib.loads(pyproject.read_text())["project"]["dependencies"]
    pins: dict[str, str] = {}
    for requirement in dependencies:
        match = _PIN.match(requirement.replace(" ", ""))
        if match:
            pins[match.group("name").lower().replace("_", "-")] = match.group("version")
    return pins


def outputs(pyproject: Path = PYPROJECT) -> list[str]:
    """`name=version` lines for `$GITHUB_OUTPUT`; SystemExit naming a missing pin."""
    pins = pinned_versions(pyproject)
    missing = [package for package in PACKAGES.values() if package not in pins]
    if missing:
        raise SystemExit(f"ci_versions: pin {', '.join(missing)} exactly (==) in {pyproject}")
    return [f"{output}={pins[package]}" for output, package in PACKAGES.items()]


def main() -> int:
    sys.stdout.write("\n".join(outputs()) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
