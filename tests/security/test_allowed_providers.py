"""The allow-list names exactly entra-box's provider classes, so adding one is one line.

A `ResourceProvider` subclass in `components` that is missing from
`components/provider_host/allowed.py` would be refused by the host at its first use; this
test says so first, with the line to add. (A shared base without its own `create`, such as
`BoxProvider`, serves no resource and needs no line; a legacy shim that only
reads and deletes old records does.)
"""

from __future__ import annotations

import importlib
import pkgutil

from pulumi.dynamic import ResourceProvider

import components
from components.provider_host.allowed import ALLOWED_PROVIDERS


def provider_classes_in_components() -> set[str]:
    """`module:Class` of each class in `components` that can serve a dynamic resource."""
    found = set()
    for module_info in pkgutil.walk_packages(components.__path__, "components."):
        if module_info.name.endswith("__main__"):
            continue
        module = importlib.import_module(module_info.name)
        for value in vars(module).values():
            if _serves_resources(value) and value.__module__ == module.__name__:
                found.add(f"{value.__module__}:{value.__qualname__}")
    return found


def _serves_resources(value: object) -> bool:
    """A provider class that answers for some resource: it creates, or (a legacy shim) reads."""
    return (
        isinstance(value, type)
        and issubclass(value, ResourceProvider)
        and (value.create is not ResourceProvider.create or value.read is not ResourceProvider.read)
    )


def test_every_provider_class_in_components_is_allowed() -> None:
    missing = sorted(provider_classes_in_components() - ALLOWED_PROVIDERS)
    assert not missing, f"add to ALLOWED_PROVIDERS (components/provider_host/allowed.py): {missing}"


def test_every_allowed_name_is_a_provider_class_of_components() -> None:
    assert provider_classes_in_components() >= ALLOWED_PROVIDERS
