"""Outputs that hold only what the inputs do not, so a resource's state is stored once.

The engine records every resource's inputs and its outputs. A dynamic provider's `diff`,
`update`, `read` and `delete` are handed only the outputs, so a provider keeps everything
it needs there: a `box:Group` recorded its members in its inputs (the spec), again in its
outputs (Box's view) and a third time as the members last applied, and its member ids
twice; a `box:UserShard` recorded each person in its inputs and again in its outputs. At
10,000 people that was most of the checkpoint, and the engine's cost follows the size of
the state (docs/performance-shards.md).

Two opt-ins, by class attribute; the host (`servicer.py`) applies them:

- `stores_inputs_once = True` drops from the outputs every key whose value equals the same
  key of the inputs stored with them, or `stores_inputs_once = ("users", ...)` only the
  keys it names (where the policy pack reads the others from the outputs).
- `stores_entries_once = ("users", ...)`: for a key that maps entries (a shard's people),
  an output map that holds every key of the input map is stored as only the entries that
  differ (or that the inputs lack), under `__<key>_not_as_inputs`, so one person whose Box
  account drifted does not keep the other few hundred in the outputs too. Fields an input
  entry has only for `create` to read (`check_only_fields`, e.g. the adoption a preview
  showed), which the provider never records, are left out of the comparison and the merge.

Every call that reads state gets the stored inputs merged back, by `whole`: the provider
sees exactly the state it wrote; only the checkpoint is smaller. State written before (full
outputs) reads the same, and the next update stores it slimmed. A value that differs (Box
drifted from what was applied) stays in the outputs, so nothing is lost.

Pure: plain dicts in and out.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

OPT_IN = "stores_inputs_once"
ENTRIES_OPT_IN = "stores_entries_once"
# The pickled provider stays in the outputs: the host finds a resource's provider there.
PROVIDER_KEY = "__provider"


def opted_in(provider: object) -> bool:
    """Whether the provider's outputs are stored without what its inputs already hold."""
    return bool(getattr(provider, OPT_IN, False) or getattr(provider, ENTRIES_OPT_IN, ()))


_DIFFERING_PREFIX, _DIFFERING_SUFFIX = "__", "_not_as_inputs"


def differing_key(key: str) -> str:
    """Where a map stored entry by entry keeps the entries that differ from the inputs."""
    return f"{_DIFFERING_PREFIX}{key}{_DIFFERING_SUFFIX}"


def _differing_of(stored_key: str) -> str | None:
    """The map whose differing entries `stored_key` holds (`differing_key`'s inverse)."""
    named = stored_key.removeprefix(_DIFFERING_PREFIX).removesuffix(_DIFFERING_SUFFIX)
    return named if named and differing_key(named) == stored_key else None


def slimmed(
    outputs: Mapping[str, Any], inputs: Mapping[str, Any], provider: object = True
) -> dict[str, Any]:
    """The outputs without what the stored inputs hold with the same value.

    Every such key, or only those the provider's `stores_inputs_once` names; then the
    entries of the maps its `stores_entries_once` names.
    """
    chosen = _keys(provider)
    slim = {
        key: value
        for key, value in outputs.items()
        if key == PROVIDER_KEY
        or (chosen is not None and key not in chosen)
        or key not in inputs
        or inputs[key] != value
    }
    for key in _entry_keys(provider):
        differing = _differing_entries(slim.get(key), _recordable(inputs.get(key), provider))
        if differing is not None:
            del slim[key]
            slim[differing_key(key)] = differing
    return slim


def whole(
    outputs: Mapping[str, Any], inputs: Mapping[str, Any], provider: object = True
) -> dict[str, Any]:
    """The state as the provider wrote it: the stored outputs made whole by the inputs.

    With `provider` (its opt-ins), only the keys it stores once come from the inputs;
    without, every input key the outputs lack (what a reader of the state wants).
    """
    chosen = _keys(provider)
    restored = {
        key: value
        for key, value in inputs.items()
        if key not in outputs and (chosen is None or key in chosen)
    }
    state = {**restored, **outputs}
    for key in list(state):
        named = _differing_of(key)
        if named is not None:
            state[named] = {**_recordable(inputs.get(named), provider), **state.pop(key)}
    return state


def _keys(provider: object) -> Collection[str] | None:
    """The top-level keys stored once; None for every key (and for a reader, `True`)."""
    chosen = True if provider is True else getattr(provider, OPT_IN, False)
    return None if chosen is True else tuple(chosen or ())


def _entry_keys(provider: object) -> tuple[str, ...]:
    return tuple(getattr(provider, ENTRIES_OPT_IN, ()) or ())


def _recordable(entries: Any, provider: object) -> dict[str, Any]:
    """An input map's entries without the fields only `create` reads (`check_only_fields`)."""
    if not isinstance(entries, Mapping):
        return {}
    dropped = tuple(getattr(provider, "check_only_fields", ()) or ())
    return {
        key: {k: v for k, v in entry.items() if k not in dropped}
        if dropped and isinstance(entry, Mapping)
        else entry
        for key, entry in entries.items()
    }


def _differing_entries(output: Any, stored_input: Mapping[str, Any]) -> dict[str, Any] | None:
    """The output map's entries that differ from the input map's; None to store it whole.

    Only a map that holds every key of the input map is slimmed: an entry left out then
    means "as the inputs", never "absent".
    """
    if not isinstance(output, Mapping) or not stored_input.keys() <= output.keys():
        return None
    return {
        key: value
        for key, value in output.items()
        if key not in stored_input or stored_input[key] != value
    }
