"""Outputs that hold only what the inputs do not, so a resource's state is stored once.

The engine records every resource's inputs and its outputs. A dynamic provider's `diff`,
`update`, `read` and `delete` are handed only the outputs, so a provider keeps everything
it needs there: a `box:Group` recorded its members in its inputs (the spec), again in its
outputs (Box's view) and a third time as the members last applied, and its member ids
twice. At 10,000 people that was most of the checkpoint, and the engine's cost follows the
size of the state (docs/performance-shards.md).

A provider class that sets `stores_inputs_once = True` has the host (`servicer.py`) drop
from its outputs every key whose value equals the same key of the inputs stored with them
(or only the keys it names, `stores_inputs_once = ("users", ...)`, where the policy pack
reads the others from the outputs), and gets those inputs merged back under the outputs in
every call that reads state. The
provider sees exactly the state it wrote; only the checkpoint is smaller. State written
before (full outputs) reads the same, and the next update stores it slimmed. A key that
differs (Box drifted from what was applied) stays in the outputs, so nothing is lost.

Pure: plain dicts in and out.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

OPT_IN = "stores_inputs_once"
# The pickled provider stays in the outputs: the host finds a resource's provider there.
PROVIDER_KEY = "__provider"


def opted_in(provider: object) -> bool:
    """Whether the provider's outputs are stored without what its inputs already hold."""
    return bool(getattr(provider, OPT_IN, False))


def slimmed(
    outputs: Mapping[str, Any], inputs: Mapping[str, Any], provider: object = True
) -> dict[str, Any]:
    """The outputs without the keys the stored inputs hold with the same value.

    Every such key, or only those the provider's `stores_inputs_once` names.
    """
    chosen = getattr(provider, OPT_IN, True)
    slim: Collection[str] | None = None if chosen is True else tuple(chosen or ())
    return {
        key: value
        for key, value in outputs.items()
        if key == PROVIDER_KEY
        or (slim is not None and key not in slim)
        or key not in inputs
        or inputs[key] != value
    }


def whole(outputs: Mapping[str, Any], inputs: Mapping[str, Any]) -> dict[str, Any]:
    """The state as the provider wrote it: the stored inputs, overlaid by the outputs."""
    return {**inputs, **outputs}
