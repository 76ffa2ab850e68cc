"""Property maps in the Pulumi engine's wire format, as tests of the dynamic providers need them.

`wire_struct` serializes a dict the way the engine (and `pulumi.dynamic`) puts properties on
the gRPC wire: a `google.protobuf.Struct`, unknowns and secrets in their sentinel forms.
"""

from __future__ import annotations

import asyncio
from typing import Any

from pulumi.runtime import rpc


def wire_struct(values: dict[str, Any]) -> Any:
    """A property map on the wire, as the engine sends it and `pulumi.dynamic` serializes it."""
    # A private loop, as pulumi.dynamic does: asyncio.run would leave the thread without a
    # current loop for later Pulumi tests.
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(rpc.serialize_properties(values, {}))
    finally:
        loop.close()
