"""The `box:Group` dynamic resource: one Box group with its memberships, never replaced.

`component.BoxTenant` creates one `BoxGroup` per desired group, after the users whose ids
it needs. A rename is a PUT (the group keeps its id, collaborations and members); each
membership change costs one Box call (see `membership.py`). Create is create-or-adopt on
the exact group name; `check` finds (read-only) the group a new resource will adopt, so
the preview shows it with the members the adoption adds and removes, and logs the members
each change adds and removes by login (`plan_log.py`). `read` reports Box's name,
description and members, so members added or removed in the Box console show as drift; a
repair that re-adds a member removed in Box or raises a role lowered there is refused
unless acknowledged (`lockouts.py`), for which the state records the members last applied
(`applied_members`, kept by `read`). Removing the resource from the stack changes nothing
in Box: the departures resource (`departures.py`), which sees every managed group under
every key, deletes a group only when no key or name of the spec still wants it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import pulumi
from box_sdk_gen.schemas.group_full import GroupFull
from pulumi.dynamic import (
    CheckResult,
    CreateResult,
    DiffResult,
    ReadResult,
    Resource,
    UpdateResult,
)
from pulumi.output import UNKNOWN, Unknown
from pydantic import ValidationError

from components.box import audit, group_api, lockouts, plan_log, user_api
from components.box.adopted_members import DIFFERING, differing_members, seen_members
from components.box.adoption import adoption_kept, existing_group
from components.box.connection import BoxConnection
from components.box.diffing import DiffRules
from components.box.errors import (
    BoxConflictError,
    BoxPermanentError,
    BoxProviderError,
    box_call,
)
from components.box.group_inputs import (
    FIXES,
    GROUP_FIELDS,
    MEMBERSHIP_FIELDS,
    OUTPUT_FIELDS,
    BoxGroupInputs,
)
from components.box.membership import (
    Member,
    apply_plan,
    list_members,
    members_from_state,
    plan_memberships,
    state_from_members,
)
from components.box.provider import (
    PAUSED_KEY,
    BoxProvider,
    check_failures,
    without,
)
from components.guard.restores import Repair, member_restores
from components.provider_host.detailed_diff import DetailedDiffResult, path

# `pulumi preview` passes `check` an Unknown for the id of a member whose box:User is still
# to be created; validation sees this stand-in and the engine gets the Unknown back.
_UNKNOWN_ID = "(known once the user is created)"

# Up to this many members to add are looked up one by one (one call each); more, and one
# listing of every user (a call per 1,000) is cheaper.
_LOOKUPS_BEFORE_LISTING = 20

# The members (login: role) the stack last applied: kept by `read`, never an input.
APPLIED_MEMBERS = "applied_members"
STATE_ONLY = (*OUTPUT_FIELDS, APPLIED_MEMBERS)

GROUP_RULES = DiffRules(
    in_place=frozenset(GROUP_FIELDS + MEMBERSHIP_FIELDS), by_entry=frozenset(MEMBERSHIP_FIELDS)
)
# A group given members by login only (the shard model): the ids it records are its own.
BY_LOGIN_RULES = DiffRules(
    in_place=frozenset((*GROUP_FIELDS, "members")), by_entry=frozenset({"members"})
)


def _rules_for(news: Mapping[str, Any]) -> DiffRules:
    return GROUP_RULES if news.get("member_ids") else BY_LOGIN_RULES


class BoxGroupProvider(BoxProvider):
    """Creates or adopts, updates, reads and deletes Box groups and their memberships."""

    rules = GROUP_RULES
    # Members, their ids and the members last applied are stored once, not once per view
    # (`components/provider_host/stored_once.py`): outputs keep what differs from inputs.
    stores_inputs_once = True

    def check(self, _olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        try:
            inputs = BoxGroupInputs.model_validate(
                without(_stand_in_ids(news, _olds), OUTPUT_FIELDS)
            )
        except ValidationError as error:
            return CheckResult(dict(news), check_failures(error, FIXES, "member_ids"))
        checked = _unknown_ids_back(inputs.model_dump(exclude_none=True))
        if _olds:
            _show_changes(_olds, checked)
            return CheckResult(adoption_kept(_olds, checked), [])
        found = existing_group(self.box, inputs.name)
        checked["adopts"] = found.id if found is not None else None
        if found is not None:
            checked["adopts_from"] = self._previewed_adoption(inputs, found)
        return CheckResult(checked, [])

    def diff(self, _id: str, _olds: dict[str, Any], _news: dict[str, Any]) -> DiffResult:
        """In place; refused when it would undo a lockout made in Box, unless acknowledged."""
        if not _olds.get(PAUSED_KEY):
            # A stand-in recorded while paused applied nothing, so it locked nobody out.
            lockouts.guard(_restores(_olds, _news), _target(str(_olds.get("name")), _id))
        if _olds.get(PAUSED_KEY):
            # The base diff replaces such a stand-in with the real resource on resume.
            return super().diff(_id, _olds, _news)
        return _without_implied_ids(_rules_for(_news).diff(_olds, _news))

    def create(self, props: dict[str, Any]) -> CreateResult:
        inputs = _inputs(props)
        group, adopted = self._create_or_adopt(
            inputs, props.get("adopts"), props.get("adopts_from")
        )
        target = _target(inputs.name, group.id)
        current = list_members(self.box.client, group.id, target) if adopted else {}
        members = self._reconcile(group.id, target, current, inputs)
        return CreateResult(group.id, _outputs(inputs, group.id, adopted, members))

    def update(self, _id: str, _olds: dict[str, Any], _news: dict[str, Any]) -> UpdateResult:
        inputs = _inputs(_news)
        lockouts.guard(_restores(_olds, _news), _target(str(_olds.get("name")), _id), log=False)
        wanted = inputs.model_dump()
        changes = {key: wanted[key] for key in _rules_for(wanted).changed(_olds, wanted)}
        # A description no longer set is no longer managed: Box keeps it, nothing is sent.
        group_changes = {
            key: value
            for key, value in changes.items()
            if key in GROUP_FIELDS and value is not None
        }
        target = _target(str(_olds.get("name")), _id)
        if group_changes:
            with audit.box_write(target, f"update {', '.join(group_changes)}", "done"):
                group_api.update_group(self.box.client, _id, group_changes)
            self.box.groups.invalidate()
        members = self._reconcile(_id, _target(inputs.name, _id), members_from_state(_olds), inputs)
        adopted = bool(_olds.get("adopted", False))
        return UpdateResult(_outputs(inputs, _id, adopted, members))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        group = self.box.groups.get(id_) or group_api.fetch_group(self.box.client, id_)
        if group is None:
            return ReadResult("", {})
        members = list_members(self.box.client, id_, _target(group.name or "?", id_))
        outputs = _refreshed(props, group, members)
        return ReadResult(id_, outputs, without(outputs, STATE_ONLY))

    def delete(self, _id: str, _props: dict[str, Any]) -> None:
        target = _target(str(_props.get("name")), _id)
        outcome = "group unchanged in Box (only the departures step deletes groups)"
        audit.report(target, "leave the stack's records", outcome)

    def _reconcile(
        self, group_id: str, target: str, current: Mapping[str, Member], inputs: BoxGroupInputs
    ) -> dict[str, Member]:
        plan = plan_memberships(current, self._desired_members(inputs, current, target))
        return apply_plan(self.box.client, group_id, target, plan, current)

    def _desired_members(
        self, inputs: BoxGroupInputs, current: Mapping[str, Member], target: str
    ) -> dict[str, Member]:
        """Each member with their Box user id: given, else as recorded, else found by login."""
        ids = dict(inputs.member_ids)
        if not ids:
            # By login (the shard model): a member the group has stays as they are (the
            # state records no user ids then); only a member to add needs one.
            ids = {login: member.user_id for login, member in current.items()}
            wanted = sorted(set(inputs.members) - ids.keys())
            ids.update(_ids_by_login(self.box, wanted, target))
        return {login: Member(ids[login], role) for login, role in inputs.members.items()}

    def _previewed_adoption(self, inputs: BoxGroupInputs, found: GroupFull) -> dict[str, Any]:
        """The adopted group's description and members as the preview saw them; logged."""
        seen = _as_seen(
            found, list_members(self.box.client, found.id, _target(inputs.name, found.id))
        )
        line = plan_log.adoption(
            "group", repr(inputs.name), found.id, _adoption_changes(seen, inputs)
        )
        plan_log.show(f"group {inputs.name!r}", [line])
        # Only the members that differ from the spec (`adopted_members.py`).
        return {
            "description": seen["description"],
            DIFFERING: differing_members(seen["members"], inputs.members),
        }

    def _create_or_adopt(
        self, inputs: BoxGroupInputs, adopts: Any, previewed: Any
    ) -> tuple[GroupFull, bool]:
        target = f"group {inputs.name!r}"
        wanted = inputs.model_dump(include=set(GROUP_FIELDS), exclude_none=True)
        if isinstance(adopts, str) and adopts:
            existing = group_api.fetch_group(self.box.client, adopts)
            if existing is not None and (existing.name or "").lower() == inputs.name.lower():
                self._as_previewed(inputs, existing, previewed)
                return self._adopt_existing(inputs, wanted, existing), True
        try:
            with box_call(target, "create"):
                group = group_api.create_group(self.box.client, wanted)
        except BoxConflictError as conflict:
            return self._adopt(inputs, wanted, conflict), True
        except BoxProviderError as error:
            audit.report_failure(target, "create", error)
            raise
        finally:
            self.box.groups.invalidate()
        audit.report(_target(inputs.name, group.id), "create", "created")
        return group, False

    def _as_previewed(self, inputs: BoxGroupInputs, existing: GroupFull, previewed: Any) -> None:
        """Refuse an adoption whose group changed in Box since the preview showed it."""
        if not isinstance(previewed, Mapping):
            return
        name = inputs.name
        target = _target(name, existing.id)
        now = _as_seen(existing, list_members(self.box.client, existing.id, target))
        then = {
            "description": previewed.get("description"),
            "members": seen_members(previewed, inputs.members),
        }
        moved = sorted(key for key, value in now.items() if then.get(key) != value)
        if moved:
            raise BoxConflictError(
                f"adopt {target}: the group changed in Box since the preview "
                f"({', '.join(moved)}); nothing was changed. Run `pulumi preview` again to "
                "review the adoption as the group is now, then `pulumi up`"
            )

    def _adopt(
        self, inputs: BoxGroupInputs, wanted: Mapping[str, Any], conflict: BoxConflictError
    ) -> GroupFull:
        existing = group_api.find_group(self.box.client, inputs.name)
        if existing is None:
            error = BoxConflictError(
                f"create group {inputs.name!r}: Box says the name is taken "
                f"({conflict.message}) but no group with exactly this name is visible to the "
                "app; rename the group in the spec or check it in the Box Admin Console"
            )
            audit.report_failure(f"group {inputs.name!r}", "create", error)
            raise error from conflict
        return self._adopt_existing(inputs, wanted, existing)

    def _adopt_existing(
        self, inputs: BoxGroupInputs, wanted: Mapping[str, Any], existing: GroupFull
    ) -> GroupFull:
        target = _target(inputs.name, existing.id)
        current = group_api.group_values(existing)
        changes = {key: value for key, value in wanted.items() if current.get(key) != value}
        audit.report(target, "create", "name already in Box: adopting that group")
        if not changes:
            return existing
        with audit.box_write(target, f"adopt: update {', '.join(changes)}", "done"):
            return group_api.update_group(self.box.client, existing.id, changes)


class BoxGroup(Resource, module="box", name="Group"):
    """A managed Box group with its memberships (`pulumi-python:dynamic/box:Group`)."""

    # `components.box.paused` swaps in a provider that writes nothing to Box.
    provider_class: ClassVar[type[BoxGroupProvider]] = BoxGroupProvider

    group_id: pulumi.Output[str]
    adopted: pulumi.Output[bool]
    membership_ids: pulumi.Output[dict[str, str]]

    def __init__(
        self,
        resource_name: str,
        *,
        name: str,
        members: Mapping[str, str],
        member_ids: Mapping[str, pulumi.Input[str]] | None,
        description: str | None = None,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        props: dict[str, Any] = {
            "name": name,
            "description": description,
            "members": dict(members),
            **dict.fromkeys(OUTPUT_FIELDS),
        }
        if member_ids is not None:
            props["member_ids"] = dict(member_ids)
        super().__init__(self.provider_class(), resource_name, props, opts)


def _inputs(props: Mapping[str, Any]) -> BoxGroupInputs:
    return BoxGroupInputs.model_validate(without(props, STATE_ONLY))


def _applied_members(state: Mapping[str, Any]) -> dict[str, str]:
    """What the stack last applied; state written before it was recorded holds it as is."""
    recorded = state.get(APPLIED_MEMBERS)
    if not isinstance(recorded, Mapping):
        recorded = state.get("members")
    return dict(recorded) if isinstance(recorded, Mapping) else {}


def _restores(olds: Mapping[str, Any], news: Mapping[str, Any]) -> list[Repair]:
    box = olds.get("members")
    wanted = news.get("members")
    if not isinstance(box, Mapping) or not isinstance(wanted, Mapping):
        return []  # not known yet (a preview before the members' ids exist)
    name = str(news.get("name") or olds.get("name") or "?")
    return member_restores(name, dict(box), _applied_members(olds), dict(wanted))


def _stand_in_ids(news: Mapping[str, Any], olds: Mapping[str, Any]) -> dict[str, Any]:
    member_ids = news.get("member_ids")
    if not isinstance(member_ids, Mapping):
        return dict(news)
    recorded = olds.get("member_ids") or {}
    known = {k: _known_id(v, recorded.get(k)) for k, v in member_ids.items()}
    return {**news, "member_ids": known}


def _known_id(value: Any, recorded: Any) -> Any:
    """The id check validates: the stand-in for an unknown one, except as below.

    A user shard (`user_shard.py`, `shard_entries.ID_UNKNOWN`) sends this stand-in text in a
    preview for a person whose id its inputs do not hold yet (created since its last
    refresh); for a member the group already records, that is the id the group has for
    them, and `update` receives the real id in any case. An engine Unknown (a `box:User`
    still to be created) stays unknown.
    """
    if isinstance(value, Unknown):
        return _UNKNOWN_ID
    if value == _UNKNOWN_ID and isinstance(recorded, str) and recorded != _UNKNOWN_ID:
        return recorded
    return value


def _unknown_ids_back(checked: dict[str, Any]) -> dict[str, Any]:
    member_ids = checked.get("member_ids")
    if not member_ids:
        checked.pop("member_ids", None)  # members by login only
        return checked
    checked["member_ids"] = {k: UNKNOWN if v == _UNKNOWN_ID else v for k, v in member_ids.items()}
    return checked


def _as_seen(group: GroupFull, members: Mapping[str, Member]) -> dict[str, Any]:
    return {
        "description": group.description,
        "members": {login: member.role for login, member in sorted(members.items())},
    }


def _adoption_changes(seen: Mapping[str, Any], inputs: BoxGroupInputs) -> list[str]:
    """What adopting the group changes, in a reviewer's words (who gains, who loses)."""
    words = []
    if inputs.description is not None and seen.get("description") != inputs.description:
        words.append(f"description {seen.get('description')!r} -> {inputs.description!r}")
    return words + plan_log.member_changes(seen.get("members") or {}, inputs.members)


def _show_changes(olds: Mapping[str, Any], checked: Mapping[str, Any]) -> None:
    """Preview lines for a group the stack holds: members by login, a description let go."""
    lines = plan_log.member_changes(olds.get("members") or {}, checked.get("members") or {})
    if olds.get("description") is not None and checked.get("description") is None:
        lines.append(f"description no longer managed: Box keeps {olds['description']!r}")
    plan_log.show(f"group {checked.get('name')!r}", lines)


def _ids_by_login(box: BoxConnection, logins: list[str], target: str) -> dict[str, str]:
    """The Box user ids of members to add, by login, in this enterprise (read-only).

    First as the user shards of this run recorded them (no call), then a few logins looked
    up one by one, or more answered by the shared listing of every user (one call per 1,000).
    """
    recorded = {login: box.user_ids_by_login.get(login.lower()) for login in logins}
    known = {login: user_id for login, user_id in recorded.items() if user_id}
    return {
        **known,
        **_ids_from_box(box, [login for login in logins if login not in known], target),
    }


def _ids_from_box(box: BoxConnection, logins: list[str], target: str) -> dict[str, str]:
    if not logins:
        return {}
    if len(logins) <= _LOOKUPS_BEFORE_LISTING:
        found = {login: user_api.find_user(box.client, login) for login in logins}
    else:
        by_login = user_api.lowercase_login
        found = {login: box.users.first(by_login, login.lower()) for login in logins}
    ours = {
        login: user.id
        for login, user in found.items()
        if user is not None and user_api.enterprise_of(user) == box.enterprise_id
    }
    missing = sorted(set(logins) - ours.keys())
    if missing:
        raise BoxPermanentError(
            f"add member(s) {', '.join(missing)} to {target}: no user of this enterprise has "
            "that login in Box, although every user shard has run; nothing was changed in "
            "this group. Run `pulumi up` again; if it persists, check the accounts in the "
            "Box Admin Console"
        )
    return ours


def _target(name: str, group_id: str) -> str:
    return f"group {name!r} (id {group_id})"


def _outputs(
    inputs: BoxGroupInputs, group_id: str, adopted: bool, members: Mapping[str, Member]
) -> dict[str, Any]:
    fields = inputs.model_dump(include=set(GROUP_FIELDS))
    recorded = _recorded(members, by_login=not inputs.member_ids)
    return {
        **fields,
        **recorded,
        "group_id": group_id,
        "adopted": adopted,
        **_applied_unless_same(dict(sorted(inputs.members.items())), recorded["members"]),
    }


def _refreshed(
    state: Mapping[str, Any], group: GroupFull, members: Mapping[str, Member]
) -> dict[str, Any]:
    """Box's name, members and (when managed) description, with the state's bookkeeping."""
    description = group.description if state.get("description") is not None else None
    recorded = _recorded(members, by_login="member_ids" not in state)
    return {
        "name": group.name,
        "description": description,
        **recorded,
        "group_id": group.id,
        "adopted": bool(state.get("adopted", False)),
        **_applied_unless_same(_applied_members(state), recorded["members"]),
    }


def _recorded(members: Mapping[str, Member], *, by_login: bool) -> dict[str, Any]:
    """The members' state maps; for a group given members by login, without their user ids.

    Such a group adds a member by an id it finds when it adds them (`_ids_by_login`) and
    removes or re-roles one by the membership id, so the ids would only weigh on the state
    (31,000 of them at 10,000 people, docs/performance-shards.md).
    """
    recorded: dict[str, Any] = state_from_members(members)
    if by_login:
        del recorded["member_ids"]
    return recorded


def _applied_unless_same(applied: dict[str, str], members: Mapping[str, str]) -> dict[str, Any]:
    # Recorded only when Box differs from it (a lockout): `_applied_members` reads a state
    # without it as "what Box has is what was applied", which keeps the state small.
    return {} if applied == dict(members) else {APPLIED_MEMBERS: applied}


def _without_implied_ids(result: DiffResult) -> DiffResult:
    """The diff without the user id of a member added or removed: `members` already says so.

    A member's id is shown only when it changes on its own (their account was re-created).
    """
    if not isinstance(result, DetailedDiffResult):
        return result
    shown = {each.removeprefix("members") for each in result.paths if each.startswith("members[")}
    implied = {path("member_ids") + entry for entry in shown}
    paths = {each: kind for each, kind in result.paths.items() if each not in implied}
    return DetailedDiffResult(changes=bool(result.changes), paths=paths, replaces=result.replaces)
