"""The Pulumi SDK's own debug messages: sent to the engine only when someone asks for them.

While it registers a resource, the Python SDK sends four debug messages to the engine
(`registering resource`, `beginning rpc`, `registration prepared`, `registration
successful`), each a blocking gRPC call from the thread that runs the program's event loop,
so every resource waits on them. The engine shows debug messages only under `--debug`, yet
the SDK sends them always and has no setting to stop it. At 10,000 users that is 42,000
blocking calls on the critical path of every preview (docs/performance.md).

So the program's process drops them, unless `ENTRA_BOX_SDK_DEBUG` is set to a true value
for a run that needs them (with `pulumi up --debug`). Only `pulumi.log.debug` is affected:
info, warnings and errors, ours and the SDK's, still reach the engine.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Final

import pulumi.log

SWITCH: Final = "ENTRA_BOX_SDK_DEBUG"
_TRUE: Final = frozenset({"1", "true", "yes", "on"})


def _discard(msg: str, *args: object, **kwargs: object) -> None:
    """`pulumi.log.debug`'s signature, doing nothing."""


def keep_sdk_debug_messages(environ: Mapping[str, str]) -> bool:
    """Whether this run asked for the SDK's debug messages."""
    return environ.get(SWITCH, "").strip().lower() in _TRUE


def drop_sdk_debug_messages(environ: Mapping[str, str] = os.environ) -> bool:
    """Stop `pulumi.log.debug` from reaching the engine unless asked; True when it did.

    The SDK's modules call it as `log.debug(...)`, looking the function up on the module at
    each call, so replacing the module's attribute reaches all of them.
    """
    if keep_sdk_debug_messages(environ):
        return False
    pulumi.log.debug = _discard
    return True
