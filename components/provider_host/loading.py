"""A resource's `__provider` (base64 of a pickle) to a provider instance, if it is one of ours.

`servicer.ProviderHost` calls `load_provider` for every provider string the engine sends,
before anything else reads it. The string must decode to a bare class reference
(`pickle_check.class_reference`) naming a class listed in `allowed.ALLOWED_PROVIDERS`;
only then is that class's module imported and an instance made, exactly as unpickling the
reference would (`cls.__new__(cls)`, no `__init__`). Nothing is ever unpickled.
"""

from __future__ import annotations

import base64
import binascii
import importlib

from pulumi.dynamic import ResourceProvider

from components.provider_host.allowed import ALLOWED_PROVIDERS
from components.provider_host.pickle_check import NotAClassReferenceError, class_reference

ALLOWED_MODULE = "components/provider_host/allowed.py"


class UntrustedProviderError(Exception):
    """A provider from the engine (often from old state) that entra-box will not load."""


def load_provider(encoded: str, urn: str) -> ResourceProvider:
    """The provider `encoded` refers to; `UntrustedProviderError` if it is not ours."""
    try:
        reference = class_reference(base64.b64decode(encoded, validate=True))
    except (binascii.Error, ValueError, TypeError) as error:
        reason = str(error) if isinstance(error, NotAClassReferenceError) else "not base64"
        raise UntrustedProviderError(_refusal(urn, reason)) from None
    if reference not in ALLOWED_PROVIDERS:
        reason = f"it names {reference}, which is not in {ALLOWED_MODULE}"
        raise UntrustedProviderError(_refusal(urn, reason))
    provider_class = _allowed_class(reference)
    return provider_class.__new__(provider_class)


def _allowed_class(reference: str) -> type[ResourceProvider]:
    module_name, _, qualname = reference.partition(":")
    found: object = importlib.import_module(module_name)
    for part in qualname.split("."):
        found = getattr(found, part)
    if not (isinstance(found, type) and issubclass(found, ResourceProvider)):
        raise UntrustedProviderError(
            f"{reference} in {ALLOWED_MODULE} is not a pulumi.dynamic.ResourceProvider; fix "
            "that entry"
        )
    return found


def _refusal(urn: str, reason: str) -> str:
    return (
        f"entra-box refused the dynamic provider stored in the state of {urn or 'a resource'}: "
        f"{reason}. Nothing of it was run. entra-box loads only its own providers, so this "
        "state was written by something else: restore the stack's state from a backup you "
        "trust (`pulumi stack import --file ...`) and find out who could write the state "
        "backend (docs/operating-safely.md: Security). If you are adding a provider class to "
        "entra-box, list it "
        f"in {ALLOWED_MODULE}."
    )
