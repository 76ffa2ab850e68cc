"""Benchmark: the size of the serialized provider each Box resource stores in its state.

A Python dynamic resource carries its provider, pickled, in the `__provider` property of
its state; with thousands of users that is paid thousands of times. This builds a
`BoxTenant` with one user and one group under `pulumi.runtime.Mocks`, captures the
`__provider` value exactly as the SDK registers it, and prints its size per resource type.

Run: `.venv/bin/python -m tools.bench_provider_size`
"""

from __future__ import annotations

import asyncio
from typing import Any

import pulumi
from pulumi.runtime import MockCallArgs, MockResourceArgs, Mocks, set_mocks

from components.box import BoxTenant
from components.desired import (
    DesiredBox,
    DesiredBoxGroup,
    DesiredBoxUser,
    DesiredMembership,
)

PROVIDER_KEY = "__provider"


class _CapturingMocks(Mocks):
    """Records the serialized provider of every dynamic resource registered."""

    def __init__(self) -> None:
        self.providers: dict[str, str] = {}

    def new_resource(self, args: MockResourceArgs) -> tuple[str | None, dict[str, Any]]:
        if PROVIDER_KEY in args.inputs:
            self.providers[args.typ] = args.inputs[PROVIDER_KEY]
        return f"{args.name}-id", dict(args.inputs)

    def call(self, args: MockCallArgs) -> tuple[dict[str, Any], list[tuple[str, str]] | None]:
        return {}, None


def _tenant() -> BoxTenant:
    box = DesiredBox(
        users=(DesiredBoxUser(login="bench@contoso.com", name="Bench"),),
        groups=(
            DesiredBoxGroup(
                name="Bench",
                origin="entra",
                members=(DesiredMembership(login="bench@contoso.com"),),
            ),
        ),
    )
    return BoxTenant("box", box)


def measure() -> dict[str, int]:
    """Serialized provider size in bytes, by resource type token."""
    mocks = _CapturingMocks()
    set_mocks(mocks, project="entra-box", stack="bench", preview=False)
    tenant = _tenant()
    done = pulumi.Output.all(*tenant.user_ids.values(), *tenant.group_ids.values())
    asyncio.get_event_loop().run_until_complete(done.future())
    return {typ: len(value) for typ, value in sorted(mocks.providers.items())}


def main() -> None:
    sizes = measure()
    for typ, size in sizes.items():
        kind = typ.rsplit(":", 1)[-1].lower()  # pulumi-python:dynamic/box:User -> user
        print(f"provider_pickle_bytes_{kind}: {size} bytes")
    print(f"provider_pickle_bytes: {max(sizes.values())} bytes")


if __name__ == "__main__":
    main()
