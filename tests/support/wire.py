"""Property maps in the Pulumi engine's wire format, as tests of the dynamic providers need them.

`wire_struct` serializes a dict the way the engine (and `pulumi.dynamic`) puts properties on
the gRPC wire: a `google.protobuf.Struct`, unknowns and secrets in their sentinel forms.
"""

from __future__ import annotations

from typing import Any

from pulumi.runtime import rpc

from tests.support.event_loop import run_on_private_loop


def wire_struct(values: dict[str, Any]) -> Any:
    """A property map on the wire, as the engine sends it and `pulumi.dynamic` serializes it."""
    return run_on_private_loop(rpc.serialize_properties(values, {}))
