"""The entries of a `box:UserShard`: one person each, and what a run does to each of them.

`user_shard.py` keeps a shard's people as plain maps keyed by stable key: `users` (the
person's `box:User` inputs, unset fields left out so state stays small), `user_ids` (Box
user id) and `adopted` (keys whose account existed before the stack took it over). This
module turns those maps into the per-person props a `box:User` provider works on, and plans
a shard's run entry by entry (`plan_entries`), so the shard spends one Box call per changed
person and the preview names each person. Pure: no Pulumi engine, no Box.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from components.box.user_inputs import DELETED_IN_BOX, LEGACY_FIELDS, OUTPUT_FIELDS

USERS = "users"
USER_IDS = "user_ids"
ADOPTED = "adopted"
# Keys whose account a refresh found deleted in Box: `box:User`'s `deleted_in_box`, per key.
DELETED = DELETED_IN_BOX
# What the stack last applied to a person (status, role), which `box:User` keeps in its
# state only (lockouts made in Box are told apart from spec changes by it). A shard keeps
# it per key, and only where it differs from the entry itself, so state stays small.
APPLIED = "applied"
APPLIED_FIELDS = ("status", "role")
# Inputs: each person's former logins (`previousLogins`), for those who have any; checked:
# the Box account (id) a new entry takes over under a former login, found read-only.
PREVIOUS_LOGINS = "previous_logins"
RENAMES = "renames"
# The stand-in text earlier versions recorded in a shard's inputs for the id of someone it
# had still to create (or whose id only the next refresh recorded); now such an id is left
# out of the inputs. Still read as "not known" in state they wrote, and by
# `BoxGroupProvider.check` as "unknown until the user exists".
ID_UNKNOWN = "(known once the user is created)"
# Provisioning named people on demand (`python -m tools.provision_people`): the shards
# apply the changes of these logins only and hold everyone else's back.
PEOPLE_ONLY_VARIABLE = "ENTRA_BOX_PEOPLE_ONLY"


@dataclass(frozen=True)
class EntryPlan:
    """Which people of one shard are new, changed, unchanged and no longer in it."""

    create: list[str] = field(default_factory=list)
    update: list[str] = field(default_factory=list)
    keep: list[str] = field(default_factory=list)
    drop: list[str] = field(default_factory=list)

    @property
    def changes(self) -> bool:
        return bool(self.create or self.update or self.drop)


def entries(props: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """The shard's people (stable key -> entry), as recorded or as the program sends them."""
    users = props.get(USERS) or {}
    return {str(key): dict(entry) for key, entry in users.items()}


def user_ids(props: Mapping[str, Any]) -> dict[str, str]:
    recorded = props.get(USER_IDS) or {}
    return {str(key): str(value) for key, value in recorded.items()}


def previous_logins(props: Mapping[str, Any]) -> dict[str, list[str]]:
    recorded = props.get(PREVIOUS_LOGINS) or {}
    return {str(key): [str(login) for login in logins] for key, logins in recorded.items()}


def renames(props: Mapping[str, Any]) -> dict[str, str]:
    recorded = props.get(RENAMES) or {}
    return {str(key): str(value) for key, value in recorded.items()}


def adopted_keys(props: Mapping[str, Any]) -> set[str]:
    return {str(key) for key in props.get(ADOPTED) or []}


def compact(entry: Mapping[str, Any]) -> dict[str, Any]:
    """An entry as the shard records it: inputs only, unset fields left out."""
    dropped = {*OUTPUT_FIELDS, *LEGACY_FIELDS, APPLIED, "__provider"}
    return {key: value for key, value in entry.items() if value is not None and key not in dropped}


def applied_of(outs: Mapping[str, Any]) -> dict[str, Any] | None:
    """A person's `applied` state, when it says something the entry does not."""
    applied = outs.get(APPLIED)
    if not isinstance(applied, Mapping):
        return None
    if all(applied.get(key) == outs.get(key) for key in APPLIED_FIELDS):
        return None
    return dict(applied)


def with_state(props: Mapping[str, Any]) -> dict[str, Any]:
    """The props with each entry as its `box:User` state (inputs, user id, adopted): what
    a per-person diff, update, read or delete takes as the person's old props."""
    state = _PersonState(props)
    return {USERS: {str(key): state.of(str(key)) for key in props.get(USERS) or {}}}


class _PersonState:
    """A shard's recorded maps, read once, so each person's state costs no copy of them.

    Why: a shard holds a few hundred people; copying its maps for each of them made a
    shard's diff and apply quadratic in its size (docs/performance-shards.md).
    """

    def __init__(self, props: Mapping[str, Any]) -> None:
        self.users: Mapping[str, Any] = props.get(USERS) or {}
        self.ids: Mapping[str, Any] = props.get(USER_IDS) or {}
        self.adopted = adopted_keys(props)
        self.deleted = {str(key) for key in props.get(DELETED) or []}
        self.applied: Mapping[str, Any] = props.get(APPLIED) or {}

    def of(self, key: str) -> dict[str, Any]:
        """One recorded person as a `box:User` resource's state."""
        user_id = self.ids.get(key)
        state = {
            **self.users[key],
            "user_id": None if user_id is None else str(user_id),
            ADOPTED: key in self.adopted,
        }
        if key in self.deleted:
            state[DELETED_IN_BOX] = True
        applied = self.applied.get(key)
        return {**state, APPLIED: dict(applied)} if isinstance(applied, Mapping) else state


def plan_entries(
    olds: Mapping[str, Any],
    news: Mapping[str, Any],
    changed: Callable[[dict[str, Any], dict[str, Any]], bool],
) -> EntryPlan:
    """Per person: create (new key), update (`changed` says so), keep, or drop (key gone)."""
    old, new = entries(olds), entries(news)
    plan = EntryPlan(drop=sorted(old.keys() - new.keys()))
    for key in sorted(new):
        if key not in old:
            plan.create.append(key)
        elif changed(old[key], new[key]):
            plan.update.append(key)
        else:
            plan.keep.append(key)
    return plan


def login_of(entry: Mapping[str, Any], key: str) -> str:
    return str(entry.get("login") or key)


def people_only(environ: Mapping[str, str]) -> frozenset[str] | None:
    """The logins of `ENTRA_BOX_PEOPLE_ONLY` (comma-separated), or None when unset."""
    value = environ.get(PEOPLE_ONLY_VARIABLE, "").strip()
    if not value:
        return None
    return frozenset(login.strip().lower() for login in value.split(",") if login.strip())


def hold_back(
    old: Mapping[str, dict[str, Any]], new: Mapping[str, dict[str, Any]], only: frozenset[str]
) -> dict[str, dict[str, Any]]:
    """The entries with every change of anyone not in `only` undone: their recorded entry
    stays as it is (new people not yet added, leavers not yet dropped)."""
    kept: dict[str, dict[str, Any]] = {}
    for key in sorted(old.keys() | new.keys()):
        wanted = _login(new.get(key), key) in only or _login(old.get(key), key) in only
        chosen = new.get(key) if wanted else old.get(key)
        if chosen is not None:
            kept[key] = chosen
    return kept


def _login(entry: Mapping[str, Any] | None, key: str) -> str:
    return login_of(entry, key).lower() if entry is not None else ""
