"""User shards in a preview, read as the per-person steps the summary already knows.

`changes.access_changes` calls `per_person_steps` first: each step of a `box:UserShard`
(`components/box/user_shard.py`, `entra-box:userModel: shards`) becomes one `box:User`-shaped
step per person whose entry the step creates, changes or drops, with that person's entry as
the step's inputs. The rest of the summary (gains, updates, adoptions, re-keys; losses from
the departures step) then reads shards and one-resource-per-person stacks alike. Pure.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from components.box.user_inputs import DELETED_IN_BOX
from components.provider_host.stored_once import whole

SHARD_TYPE = "pulumi-python:dynamic/box:UserShard"
USER_TYPE = "pulumi-python:dynamic/box:User"
# An entry's bookkeeping that is not the person: left out when deciding whether they changed.
_NOT_THE_PERSON = frozenset({"adopts", "adopts_from"})


def per_person_steps(steps: list[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The steps with every user shard's step replaced by its per-person steps.

    A person whose `box:User` resource leaves in the same preview as a shard takes them in
    (the move to shards, docs/performance-shards.md) is one update from the resource's
    inputs to the entry: no change at all when the move changes nothing in Box.
    """
    leaving = {
        str(_inputs(step, "oldState").get("login")): _inputs(step, "oldState")
        for step in steps
        if _type_of(str(step.get("urn", ""))) == USER_TYPE and step.get("op") == "delete"
    }
    return [expanded for step in steps for expanded in _expand(step, leaving)]


def _expand(
    step: Mapping[str, Any], leaving: Mapping[str, Mapping[str, Any]]
) -> Iterator[Mapping[str, Any]]:
    urn = str(step.get("urn", ""))
    if _type_of(urn) != SHARD_TYPE:
        yield step
        return
    old, new = _entries(step, "oldState"), _entries(step, "newState")
    recorded_outputs = _recorded(step)
    recorded = _people(recorded_outputs)
    applied = recorded_outputs.get("applied") or {}
    # People a refresh found deleted in Box: their entry is unchanged, their account is not.
    deleted = set(recorded_outputs.get(DELETED_IN_BOX) or [])
    for key, entry in new.items():
        login = str(entry.get("login"))
        if key not in old and login in leaving:
            old[key] = leaving[login]
    for key in sorted(old.keys() | new.keys()):
        op = _op(old.get(key), new.get(key))
        if op is None and key in deleted and key in new:
            op = "update"
        if op is None:
            continue
        person: dict[str, Any] = {"op": op, "urn": _person_urn(urn, key)}
        if key in old:
            # Outputs as a box:User records them: Box's values at the last up or refresh,
            # and what the stack last applied where that differs (lockouts).
            outputs = {**recorded.get(key, old[key])}
            if isinstance(applied.get(key), Mapping):
                outputs["applied"] = applied[key]
            if key in deleted:
                outputs[DELETED_IN_BOX] = True
            person["oldState"] = {"inputs": old[key], "outputs": outputs}
        if key in new:
            person["newState"] = {"inputs": new[key]}
        yield person


def _op(old: Mapping[str, Any] | None, new: Mapping[str, Any] | None) -> str | None:
    if old is None:
        return "create"
    if new is None:
        return "delete"
    return "update" if _person(old) != _person(new) else None


def _person(entry: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in entry.items() if key not in _NOT_THE_PERSON}


def _inputs(step: Mapping[str, Any], which: str) -> dict[str, Any]:
    state = step.get(which) or {}
    return dict(state.get("inputs") or {})


def _recorded(step: Mapping[str, Any]) -> dict[str, Any]:
    """The shard's outputs as its provider wrote them: a shard stores each person once
    (`components/provider_host/stored_once.py`), so its outputs are made whole by its inputs."""
    state = step.get("oldState") or {}
    return whole(state.get("outputs") or {}, state.get("inputs") or {})


def _entries(step: Mapping[str, Any], which: str) -> dict[str, Mapping[str, Any]]:
    """The people of the step's old or new state, by key, as its inputs list them."""
    return _people((step.get(which) or {}).get("inputs") or {})


def _people(props: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    users = props.get("users") or {}
    return {str(key): entry for key, entry in users.items() if isinstance(entry, Mapping)}


def _person_urn(shard_urn: str, key: str) -> str:
    """The shard's URN with the user type and the person's key as the name."""
    head, _, _name = shard_urn.rpartition("::")
    return f"{head.replace(SHARD_TYPE, USER_TYPE)}::{key}"


def _type_of(urn: str) -> str:
    qualified = urn.split("::")[2:3]
    return qualified[0].rsplit("$", 1)[-1] if qualified else ""
