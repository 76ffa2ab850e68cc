"""The Pulumi version set-up must provide: always the installed Python SDK's version.

Called by every acquisition strategy and by `install`. Keeping the version in one place
(the `pulumi` pin in pyproject.toml) means CLI, language host and SDK can never drift.
"""

from __future__ import annotations

import importlib.metadata


def required_version() -> str:
    """The installed `pulumi` SDK's version, e.g. `3.260.0`."""
    return importlib.metadata.version("pulumi")


def go_tag(version: str) -> str:
    """The Git/Go module tag for a Pulumi version (`3.260.0` -> `v3.260.0`)."""
    return version if version.startswith("v") else f"v{version}"
