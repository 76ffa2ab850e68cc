"""Only a bare reference to one of entra-box's provider classes loads from a `__provider`.

`pickle_check.class_reference` reads the opcodes without unpickling; `load_provider` then
accepts only the classes listed in `components/provider_host/allowed.py`. Every refused
case here would run code, set attributes or build something else if it were unpickled.
"""

from __future__ import annotations

import base64
import os
import pickle
import pickletools
from pathlib import Path
from typing import Any

import dill  # type: ignore[import-untyped]
import pytest
from pulumi.dynamic.dynamic import serialize_provider

from components.box.group import BoxGroupProvider
from components.box.user import BoxUserProvider
from components.guard.resource import DeprovisionGuardProvider
from components.provider_host.loading import UntrustedProviderError, load_provider
from components.provider_host.pickle_check import (
    MAX_PICKLE_BYTES,
    NotAClassReferenceError,
    class_reference,
)

URN = "urn:pulumi:dev::entra-box::entra-box:box:Tenant$pulumi-python:dynamic/box:User::ann"
OURS = [BoxUserProvider, BoxGroupProvider, DeprovisionGuardProvider]


class _Calls:
    """Unpickles by calling `function(*args)`."""

    def __init__(self, function: Any, *args: Any) -> None:
        self.function, self.args = function, args

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return (self.function, self.args)


def encoded(data: bytes) -> str:
    return base64.b64encode(data).decode()


@pytest.mark.parametrize("provider_class", OURS, ids=lambda c: c.__name__)
def test_each_of_our_providers_loads_as_pulumi_pickles_it(provider_class: type) -> None:
    provider = load_provider(serialize_provider(provider_class()), URN)

    assert type(provider) is provider_class
    assert vars(provider) == {}


@pytest.mark.parametrize("protocol", [2, 3, 4, 5])
def test_a_class_reference_of_any_protocol_names_its_class(protocol: int) -> None:
    data = pickle.dumps(BoxUserProvider(), protocol=protocol)

    assert class_reference(data) == "components.box.user:BoxUserProvider"


def test_a_pickle_that_calls_a_function_is_refused_and_never_runs(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    data = pickle.dumps(_Calls(os.system, f"touch {marker}"), protocol=4)

    with pytest.raises(UntrustedProviderError) as refused:
        load_provider(encoded(data), URN)

    assert not marker.exists()
    message = str(refused.value)
    assert f"refused the dynamic provider stored in the state of {URN}" in message
    assert "REDUCE" in message and "'system'" in message
    assert "components/provider_host/allowed.py" in message


def test_one_of_our_classes_with_attributes_set_from_the_state_is_refused() -> None:
    provider = BoxUserProvider()
    provider._connection_key = "planted"  # state a pickle could carry

    with pytest.raises(UntrustedProviderError, match="BUILD"):
        load_provider(serialize_provider(provider), URN)


@pytest.mark.parametrize(
    "data",
    [
        pickle.dumps(_Calls(BoxUserProvider)),  # a call of an allowed class: still a REDUCE
        pickle.dumps([BoxUserProvider()]),  # a list holding one
        pickle.dumps(BoxUserProvider),  # the class itself, no instance
        pickle.dumps(BoxUserProvider()) + b"trailing",
        pickle.dumps(BoxUserProvider())[:-1],  # truncated: no STOP
        b"not a pickle",
        b"\x80\x04" + b"\x4e" * MAX_PICKLE_BYTES + b".",  # NONE... far too long
    ],
    ids=["reduce-of-ours", "list", "bare-class", "trailing", "truncated", "garbage", "too-long"],
)
def test_anything_but_one_bare_instance_is_not_a_class_reference(data: bytes) -> None:
    with pytest.raises(NotAClassReferenceError):
        class_reference(data)


def test_a_class_pickled_by_value_is_refused() -> None:
    class Inline(BoxUserProvider):  # not importable: dill pickles the class itself
        pass

    data = dill.dumps(Inline(), recurse=True)
    assert "REDUCE" in {op.name for op, _, _ in pickletools.genops(data)}

    with pytest.raises(UntrustedProviderError):
        load_provider(encoded(data), URN)


@pytest.mark.parametrize(
    "reference",
    [
        ("builtins", "object"),
        ("os", "system"),
        ("components.box.user", "BoxUser"),  # ours, but a resource, not a provider
        ("components.box.provider", "BoxProvider"),  # ours, but not listed
    ],
)
def test_a_bare_reference_to_a_class_not_listed_is_refused(reference: tuple[str, str]) -> None:
    module, name = reference
    data = (
        b"\x80\x04\x8c" + bytes([len(module)]) + module.encode()
        + b"\x8c" + bytes([len(name)]) + name.encode() + b"\x93)\x81."
    )  # fmt: skip
    assert class_reference(data) == f"{module}:{name}"

    with pytest.raises(UntrustedProviderError, match=f"it names {module}:{name}, which is not"):
        load_provider(encoded(data), URN)


@pytest.mark.parametrize("value", ["not base64!", "", None, 42])
def test_a_provider_value_that_is_not_base64_text_is_refused(value: Any) -> None:
    with pytest.raises(UntrustedProviderError):
        load_provider(value, URN)
