"""The access changes in one `pulumi preview --json` document: who gains, who loses, which groups.

Pure: a parsed preview digest in, an `AccessChanges` out; `markdown.py` renders it. The
digest's shape is the engine's (`pkg/v3/display/json.go`: `steps[]` with `op`, `urn`,
`oldState`/`newState` (`inputs`, `outputs`), `detailedDiff`, `diffReasons`;
`changeSummary`; `diagnostics`). Box users and groups are read from their inputs (the
spec's view: `login`, `status`, `members` by login); an adoption from what `check` recorded
of the existing account or group (`adopts`, `adopts_from`), worded by the same field rules
as the preview (`components.box.field_rules`). Who loses access, and how, comes from
the departures step (`departures.py`): only it takes access away, so a user or group
resource leaving the stack's records is not a change of its own.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from components.box import field_rules
from components.box.adopted_members import seen_members
from components.box.user_inputs import DELETED_IN_BOX
from components.guard.restores import recreation
from tools.preview_summary.departures import DEPARTURES_TYPE, LEGACY_GUARD_TYPE, departures_of
from tools.preview_summary.restores import (
    group_restores_in,
    group_takebacks_in,
    user_restores_in,
    user_takebacks_in,
)
from tools.preview_summary.shards import per_person_steps

USER_TYPE = "pulumi-python:dynamic/box:User"
GROUP_TYPE = "pulumi-python:dynamic/box:Group"
ASSIGNMENT_TYPE = "azuread:index/appRoleAssignment:AppRoleAssignment"
# Steps that change nothing, and the bookkeeping halves of a replacement.
QUIET_OPS = frozenset({"same", "read", "refresh", "create-replacement", "delete-replaced"})
# Never reported as changes of their own: the stack, our component wrappers and the first
# deprovision guard (departures take its place; a refusal is among the problems).
CONTAINER_TYPES = frozenset(
    {"pulumi:pulumi:Stack", "pulumi:providers:pulumi-python", LEGACY_GUARD_TYPE}
)
# User inputs that record why or how, not what Box holds; a change to them alone is silent.
BOOKKEEPING_KEYS = frozenset(
    {"user_id", "adopted", "adopts", "adopts_from", "__provider"}
    # Recorded with each user by earlier versions (the spec facts now live on the Box
    # tenant's `spec_facts` output, components/box/spec_facts.py).
    | {"deprovision", "custodian", "assigned_via", "role_explicit"}
)
MAX_LINES_PER_PROBLEM = 10
UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"
ACTIVE = "active"


@dataclass(frozen=True)
class UserChange:
    """One person whose Box access or account changes, and how."""

    login: str
    name: str
    how: str


@dataclass(frozen=True)
class GroupChange:
    """One Box group that is created, removed or changed, with membership by login."""

    name: str
    kind: str  # "new", "adopted", "removed" or "changed"
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    role_changes: tuple[str, ...] = ()
    renamed_from: str | None = None
    description_changed: bool = False
    # For an existing Box group a new resource takes over ("adopted"): its Box id.
    adopts: str | None = None
    # A description the spec no longer sets: Box keeps this one.
    description_kept: str | None = None


@dataclass(frozen=True)
class AssignmentChange:
    """One Entra app role assignment added or removed."""

    added: bool
    principal: str


@dataclass(frozen=True)
class AccessChanges:
    """Everything a reviewer needs to see about one stack's preview."""

    gains: tuple[UserChange, ...] = ()
    losses: tuple[UserChange, ...] = ()
    user_updates: tuple[UserChange, ...] = ()
    # People whose stack key (or login) changes while they keep the same Box account.
    rekeyed: tuple[str, ...] = ()
    groups: tuple[GroupChange, ...] = ()
    assignments: tuple[AssignmentChange, ...] = ()
    other: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()
    counts: Mapping[str, int] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        parts = (
            self.gains,
            self.losses,
            self.user_updates,
            self.rekeyed,
            self.groups,
            self.assignments,
        )
        return not any(parts) and not self.other


def access_changes(digest: Mapping[str, Any]) -> AccessChanges:
    """Sort every step that changes something into the reviewer's categories."""
    found: dict[str, list[Any]] = {key: [] for key in _CATEGORIES}
    steps = per_person_steps(list(digest.get("steps") or []))
    departing = [step for step in steps if _type_of(step) == DEPARTURES_TYPE]
    names = _names_by_login(steps)
    for step in departing:
        _sort_departures(step, found, names, steps)
    moved = {entry.split(" ")[0] for entry in found["rekeyed"]}
    for step in steps:
        if _type_of(step) != DEPARTURES_TYPE:
            _sort_step(step, found, moved)
    return AccessChanges(
        **{key: tuple(sorted(values, key=str)) for key, values in found.items()},
        problems=tuple(_problems(digest)),
        counts={op: n for op, n in (digest.get("changeSummary") or {}).items() if op != "same"},
    )


_CATEGORIES = ("gains", "losses", "user_updates", "rekeyed", "groups", "assignments", "other")


def _names_by_login(steps: list[Mapping[str, Any]]) -> dict[str, str]:
    """Each Box user's display name, from the user steps (departures record only logins)."""
    names: dict[str, str] = {}
    for step in steps:
        if _type_of(step) == USER_TYPE:
            for which in ("oldState", "newState"):
                user = _inputs(step, which)
                if user.get("login") and user.get("name"):
                    names[str(user["login"])] = str(user["name"])
    return names


def _members_of_removed_groups(steps: list[Mapping[str, Any]]) -> dict[str, tuple[str, ...]]:
    """The last recorded members of each group resource leaving the stack, by group name."""
    return {
        str(_group_state(step, "oldState").get("name")): tuple(
            sorted(_members(_group_state(step, "oldState")))
        )
        for step in steps
        if _type_of(step) == GROUP_TYPE and step.get("op") == "delete"
    }


def _sort_departures(
    step: Mapping[str, Any],
    found: dict[str, list[Any]],
    names: Mapping[str, str],
    steps: list[Mapping[str, Any]],
) -> None:
    planned = departures_of(step)
    members = _members_of_removed_groups(steps)
    found["losses"] += [
        UserChange(item.login, names.get(item.login, ""), item.how) for item in planned.leavers
    ]
    found["rekeyed"] += list(planned.rekeyed)
    found["groups"] += [
        GroupChange(name, "removed", removed=members.get(name, ()))
        for name in planned.groups_removed
    ]


def _sort_step(step: Mapping[str, Any], found: dict[str, list[Any]], moved: set[str]) -> None:
    op = step.get("op", "")
    kind = _type_of(step)
    if op in QUIET_OPS or kind in CONTAINER_TYPES or kind.startswith("entra-box:"):
        return
    if kind == USER_TYPE:
        _sort_user(op, step, found, moved)
    elif kind == GROUP_TYPE:
        # A delete only leaves the stack's records; departures say whether the group goes.
        if op != "delete":
            found["groups"].append(_group_change(op, step))
            # Changes made in Box by hand that this run undoes: said as such.
            found["gains"] += [UserChange(r.login, "", r.words) for r in group_restores_in(step)]
            found["losses"] += [UserChange(r.login, "", r.words) for r in group_takebacks_in(step)]
    elif kind == ASSIGNMENT_TYPE and op in ("create", "delete"):
        found["assignments"].append(AssignmentChange(op == "create", _principal(step)))
    else:
        found["other"].append(_other_change(op, kind, step))


# -- users ------------------------------------------------------------------------------------
def _sort_user(
    op: str, step: Mapping[str, Any], found: dict[str, list[Any]], moved: set[str]
) -> None:
    # A delete only leaves the stack's records; departures say whether the person leaves.
    old, new = _inputs(step, "oldState"), _inputs(step, "newState")
    if op == "create" and new.get("login") not in moved:
        _sort_new_user(new, found)
    elif op not in ("create", "delete") and _group_state(step, "oldState").get(DELETED_IN_BOX):
        # A re-creation (acknowledged, or the preview fails): said as the gain it is.
        found["gains"].append(_change(new, recreation(str(new.get("login"))).words))
    elif op not in ("create", "delete"):
        # Changes made in Box by hand that this run undoes: said as such, once. (A user set
        # active in Box whom the spec keeps inactive is listed by the departures step.)
        restored = user_restores_in(step)
        taken = [item for item in user_takebacks_in(step) if item.field != "status"]
        found["gains"] += [_change(new, item.words) for item in restored]
        found["losses"] += [_change(new, item.words) for item in taken]
        skip = {item.field for item in restored + taken}
        _sort_updated_user(old, new, found, kept=_group_state(step, "oldState"), skip=skip)


def _sort_new_user(new: Mapping[str, Any], found: dict[str, list[Any]]) -> None:
    status = new.get("status", ACTIVE)
    adopts = new.get("adopts")
    if isinstance(adopts, str) and adopts:
        _sort_adoption(adopts, new, found)
    elif status == ACTIVE:
        found["gains"].append(_change(new, f"new Box user{_role_note(new)}"))
    else:
        found["user_updates"].append(_change(new, f"new Box user, {status} (no access yet)"))


def _sort_adoption(adopts: str, new: Mapping[str, Any], found: dict[str, list[Any]]) -> None:
    """An existing account taken over: what it changes, widening and lowering called out."""
    recorded = new.get("adopts_from")
    # Box's values where they differ from the spec (an earlier version recorded every field
    # the spec sets; the same words come out of either).
    current = recorded if isinstance(recorded, Mapping) else {}
    wanted = {key: value for key, value in new.items() if key in current and key != "login"}
    words = field_rules.changes(current, wanted)
    what = f"changes {', '.join(words)}" if words else "no changes"
    # A preview by an earlier version recorded only the id: what changes is unknown.
    how = f"adopts the existing account (Box id {adopts})"
    how += f": {what}" if isinstance(recorded, Mapping) else ": its fields are set to the spec's"
    widening = any(
        field_rules.widens(key, current.get(key), value) for key, value in wanted.items()
    )
    found["gains" if widening else "user_updates"].append(_change(new, how))


def _sort_updated_user(
    old: Mapping[str, Any],
    new: Mapping[str, Any],
    found: dict[str, list[Any]],
    kept: Mapping[str, Any],
    skip: Collection[str] = (),
) -> None:
    before, after = old.get("status", ACTIVE), new.get("status", ACTIVE)
    if "status" not in skip and before != ACTIVE and after == ACTIVE:
        found["gains"].append(_change(new, f"re-enabled ({before} -> active)"))
    elif before == ACTIVE and after not in (ACTIVE, "inactive"):
        # Set inactive is a departure, listed from the departures step.
        found["losses"].append(_change(new, f"disabled in place (status {after}; content kept)"))
    keys = _changed_keys(old, new, skip={"status", *skip})
    wider = [key for key in keys if field_rules.widens(key, old.get(key), new.get(key))]
    if wider:
        found["gains"].append(_change(new, "; ".join(_field(key, old, new, kept) for key in wider)))
    others = [_field(key, old, new, kept) for key in keys if key not in wider]
    if others:
        found["user_updates"].append(_change(new, "; ".join(others)))


def _role_note(user: Mapping[str, Any]) -> str:
    return " as co-admin" if user.get("role") == "coadmin" else ""


def _changed_keys(old: Mapping[str, Any], new: Mapping[str, Any], *, skip: set[str]) -> list[str]:
    keys = sorted((set(old) | set(new)) - BOOKKEEPING_KEYS - skip)
    same = field_rules.comparable
    return [key for key in keys if same(key, old.get(key)) != same(key, new.get(key))]


def _field(
    key: str, old: Mapping[str, Any], new: Mapping[str, Any], kept: Mapping[str, Any]
) -> str:
    """One field's change; a value the spec no longer sets names what Box keeps."""
    if new.get(key) is None and key not in field_rules.DEFAULTS:
        # The outputs hold Box's value as of the last up or refresh; the inputs the spec's.
        value = kept.get(key, old.get(key))
        return f"{key} no longer managed: Box keeps {_show(key, value)}"
    if new.get(key) == UNKNOWN or old.get(key) == UNKNOWN:
        return f"{key} {_show(key, old.get(key))} -> {_show(key, new.get(key))}"
    return field_rules.change(key, old.get(key), new.get(key))


def _change(user: Mapping[str, Any], how: str) -> UserChange:
    return UserChange(str(user.get("login", "?")), str(user.get("name", "")), how)


# -- groups -----------------------------------------------------------------------------------
def _group_change(op: str, step: Mapping[str, Any]) -> GroupChange:
    old, new = _group_state(step, "oldState"), _inputs(step, "newState")
    adopts = new.get("adopts")
    if op == "create" and isinstance(adopts, str) and adopts:
        return _adopted_group(adopts, new)
    if op == "create":
        return GroupChange(str(new.get("name")), "new", added=_listed(_members(new)))
    if op == "delete":
        return GroupChange(str(old.get("name")), "removed", removed=tuple(sorted(_members(old))))
    before, after = _members(old), _members(new)
    return GroupChange(
        name=str(new.get("name")),
        kind="changed",
        added=_listed({k: v for k, v in after.items() if k not in before}),
        removed=tuple(sorted(before.keys() - after.keys())),
        role_changes=_role_changes(before, after),
        renamed_from=old.get("name") if old.get("name") != new.get("name") else None,
        description_changed=new.get("description") is not None
        and old.get("description") != new.get("description"),
        description_kept=old.get("description") if new.get("description") is None else None,
    )


def _adopted_group(adopts: str, new: Mapping[str, Any]) -> GroupChange:
    """An existing Box group taken over: the members it adds and removes, by login."""
    seen = new.get("adopts_from")
    seen = seen if isinstance(seen, Mapping) else {}
    after = _members(new)
    before = seen_members(seen, after) if seen else {}
    description = new.get("description")
    return GroupChange(
        name=str(new.get("name")),
        kind="adopted",
        added=_listed({k: v for k, v in after.items() if k not in before}),
        removed=tuple(sorted(before.keys() - after.keys())),
        role_changes=_role_changes(before, after),
        description_changed=description is not None and description != seen.get("description"),
        adopts=adopts,
    )


def _role_changes(before: Mapping[str, str], after: Mapping[str, str]) -> tuple[str, ...]:
    return tuple(
        f"{login} {before[login]} -> {role}"
        for login, role in sorted(after.items())
        if login in before and before[login] != role
    )


def _group_state(step: Mapping[str, Any], which: str) -> dict[str, Any]:
    # A group's outputs hold its members as Box had them at the last up or refresh.
    state = step.get(which) or {}
    return {**(state.get("inputs") or {}), **(state.get("outputs") or {})}


def _members(group: Mapping[str, Any]) -> dict[str, str]:
    members = group.get("members")
    return dict(members) if isinstance(members, Mapping) else {}


def _listed(members: Mapping[str, str]) -> tuple[str, ...]:
    return tuple(
        f"{login} ({role})" if role != "member" else login
        for login, role in sorted(members.items())
    )


# -- everything else ---------------------------------------------------------------------------
def _principal(step: Mapping[str, Any]) -> str:
    # Assignment resources are named `assignment-<user|group>-<principal>[-<role>]`.
    name = _name_of(step).removeprefix("assignment-")
    kind, _, principal = name.partition("-")
    return f"{kind} {principal}" if kind in ("user", "group") else name


def _other_change(op: str, kind: str, step: Mapping[str, Any]) -> str:
    keys = step.get("diffReasons") or sorted(step.get("detailedDiff") or {})
    detail = f" ({', '.join(keys)})" if keys else ""
    return f"{op} {kind.rsplit(':', 1)[-1]} {_name_of(step)}{detail}"


def _problems(digest: Mapping[str, Any]) -> list[str]:
    """Errors and warnings, one per message line (a spec error lists every problem)."""
    found = []
    for diagnostic in digest.get("diagnostics") or []:
        severity = diagnostic.get("severity")
        if severity not in ("error", "warning"):
            continue
        for line in str(diagnostic.get("message", "")).splitlines()[:MAX_LINES_PER_PROBLEM]:
            text = line.strip().removeprefix(f"{severity}: ")
            found += [f"{severity}: {text}"] if text else []
    return found


def _inputs(step: Mapping[str, Any], which: str) -> dict[str, Any]:
    state = step.get(which) or {}
    return dict(state.get("inputs") or {})


def _type_of(step: Mapping[str, Any]) -> str:
    # urn:pulumi:<stack>::<project>::<parent types$>type::<name>
    qualified = str(step.get("urn", "")).split("::")[2:3]
    return qualified[0].rsplit("$", 1)[-1] if qualified else ""


def _name_of(step: Mapping[str, Any]) -> str:
    return str(step.get("urn", "")).rsplit("::", 1)[-1]


def _show(key: str, value: Any) -> str:
    if value == UNKNOWN:
        return "(known after up)"
    return field_rules.show(key, value)
