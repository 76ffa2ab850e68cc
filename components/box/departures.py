"""The `box:Departures` dynamic resource: the one place that takes Box access away.

`components.program` registers one per stack (`departures`), first, and makes every Box user
and group (and the Entra app) depend on it. Its inputs are the run's roster
(`components.guard.roster`): every managed Box user and group by stack key, the limit and
the deprovision policy of the spec in force. The provider compares the recorded roster with
this run's (`components.guard.plan`) and

- in `check` (every preview, and before any step of `pulumi up`) shows the plan line by line
  and refuses it, before anything changes, when it goes beyond `maxDeprovisions` without the
  exact acknowledgement, or when a transfer's custodian cannot receive content;
- in `update` carries the plan out: leavers are deprovisioned by the policy in force, people
  the spec sets inactive are disabled, groups no longer wanted are deleted;
- in `delete` (`pulumi destroy`) disables everyone it manages, under the same limit.

While provisioning is paused (`provisioning.paused: true`) the program registers it with
`PausedDeparturesProvider`: no plan, no change, the last roster carried out kept for when
provisioning resumes.

User and group resources never deprovision or delete anything in Box when they are removed
from the stack: whether their account leaves is this resource's decision, made on the whole
roster, so a change of key (or a `--target`/`--exclude` selection) can never take an account
away that the spec still wants, and no selection of resources can step around the limit.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping
from typing import Any

import pulumi
from pulumi.dynamic import (
    CheckFailure,
    CheckResult,
    ConfigureRequest,
    CreateResult,
    DiffResult,
    ReadResult,
    Resource,
    ResourceProvider,
    UpdateResult,
)
from pydantic import ValidationError

from components.box import audit, departures_log, group_api, user_api
from components.box.connection import BoxConnection, connection, register
from components.box.deprovision import custodian_problem, deprovision, disable
from components.box.errors import BoxConfigError, BoxProviderError, with_progress
from components.box.settings import settings_from_config
from components.guard import (
    ACKNOWLEDGE_VARIABLE,
    DeprovisionPlan,
    Roster,
    acknowledged_deprovisions,
    acknowledgement_note,
    everyone_leaves,
    from_recorded,
    guard_failure,
    likely_renames,
    plan_deprovisions,
)
from components.provider_host.detailed_diff import DetailedDiffResult, changed_paths

DEPARTURES_NAME = "departures"
ACKNOWLEDGED = "acknowledged"
_ENGINE_KEYS = ("__provider",)
# Before departures existed, the first guard held the roster under this name and type.
LEGACY_GUARD = pulumi.Alias(
    name="deprovision-guard", type_="pulumi-python:dynamic/guard:DeprovisionGuard"
)


class DeparturesProvider(ResourceProvider):
    """Plans, guards and carries out every deprovision of one stack."""

    serialize_as_secret_always = False
    # The roster is stored once (`components/provider_host/stored_once.py`); the policy
    # (deprovision, custodian, limit), which the policy pack reads from the outputs, stays.
    stores_inputs_once = ("users", "groups", "assigned")
    _connection_key: str | None = None
    _config_error: str | None = None

    def configure(self, req: ConfigureRequest) -> None:
        """Keep the `box:*` settings; connect only when someone actually leaves."""
        try:
            self._connection_key = register(settings_from_config(req.config))
        except BoxConfigError as error:
            # A stack that does not provision Box (engine: entra) may have no Box config.
            self._config_error = error.message

    @property
    def box(self) -> BoxConnection:
        if self._connection_key is None:
            raise BoxConfigError(self._config_error or "the box:* stack config is missing")
        return connection(self._connection_key)

    def check(self, _olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        try:
            old, new = _previous(_olds), Roster.model_validate(_recorded(news))
        except ValidationError as error:
            return CheckResult(_recorded(news), [CheckFailure("", _invalid(error))])
        plan = plan_deprovisions(old, new)
        failure = self._refusal(plan, new, _count(news.get(ACKNOWLEDGED)))
        if failure is not None:
            return CheckResult(_recorded(news), [CheckFailure("", failure)])
        departures_log.show(plan, new, old)
        for rename in likely_renames(old, new, plan):
            pulumi.log.warn(f"looks like a rename: {rename.warning()}")
        return CheckResult(_with_box_ids(new, old).recorded(), [])

    def diff(self, _id: str, _olds: dict[str, Any], _news: dict[str, Any]) -> DiffResult:
        old, new = _decisive(_olds), _decisive(_news)
        # Per person and group (`users["<key>"].login`), never the whole roster.
        paths = changed_paths(old, new, old.keys() | new.keys(), depth=2)
        return DetailedDiffResult(changes=old != new, paths=paths)

    def create(self, props: dict[str, Any]) -> CreateResult:
        return CreateResult(DEPARTURES_NAME, _recorded(props))

    def update(self, _id: str, _olds: dict[str, Any], _news: dict[str, Any]) -> UpdateResult:
        new = Roster.model_validate(_recorded(_news))
        plan = plan_deprovisions(_previous(_olds), new)
        self._carry_out(plan, new)
        return UpdateResult(new.recorded())

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        roster = from_recorded(_recorded(props))
        if roster.users or roster.groups:
            roster = _as_in_box(roster, self.box)
        recorded = roster.recorded()
        return ReadResult(id_, recorded, recorded)

    def delete(self, _id: str, _props: dict[str, Any]) -> None:
        old = from_recorded(_recorded(_props))
        plan = everyone_leaves(old)
        acknowledged = acknowledged_deprovisions(os.environ)
        failure = guard_failure(plan, old.limit, acknowledged, command="destroy")
        if failure is not None:
            raise BoxProviderError(failure)
        self._carry_out(plan, old.model_copy(update={"deprovision": "disable"}))

    def _refusal(self, plan: DeprovisionPlan, new: Roster, acknowledged: int | None) -> str | None:
        failure = guard_failure(plan, new.limit, acknowledged)
        if failure is not None:
            return failure
        note = acknowledgement_note(plan, new.limit, acknowledged)
        if note is not None:
            pulumi.log.warn(f"deprovision guard: {note}")
        if new.deprovision == "transfer" and plan.removed:
            return _custodian_refusal(self.box, new.custodian, plan)
        return None

    def _carry_out(self, plan: DeprovisionPlan, policy: Roster) -> None:
        steps = departures_log.steps(plan, policy)
        done = 0
        try:
            for item in plan.deprovisions:
                self._deprovision(item.login, item.box_id, item.reason, policy)
                done += 1
            for group in plan.group_removals:
                self._remove_group(group.name, group.box_id)
                done += 1
        except BoxProviderError as error:
            raise with_progress(error, steps[:done], steps[done:]) from error

    def _deprovision(self, login: str, box_id: str | None, reason: str, policy: Roster) -> None:
        user_id = box_id or self._user_id(login)
        if user_id is None:
            audit.report(f"user {login}", "deprovision", "not in Box (already gone)")
            return
        if reason == "disabled":
            disable(self.box, user_id, f"user {login} (id {user_id})")
            return
        deprovision(self.box, user_id, login, policy.deprovision, policy.custodian)

    def _user_id(self, login: str) -> str | None:
        found = user_api.find_user(self.box.client, login)
        if found is None or user_api.enterprise_of(found) != self.box.enterprise_id:
            return None
        return found.id

    def _remove_group(self, name: str, box_id: str | None) -> None:
        group = group_api.find_group(self.box.client, name) if box_id is None else None
        group_id = box_id or (group.id if group is not None else None)
        target = f"group {name!r} (id {group_id})"
        if group_id is None:
            audit.report(f"group {name!r}", "delete", "not in Box (already gone)")
            return
        outcome = "deleted; its members' accounts are untouched"
        with audit.box_write(target, "delete", outcome, missing_ok=True):
            group_api.delete_group(self.box.client, group_id)
        self.box.groups.invalidate()


class PausedDeparturesProvider(DeparturesProvider):
    """Departures while provisioning is paused: no one leaves, the last roster is kept."""

    def check(self, _olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        # No plan is shown or checked: nothing is carried out until provisioning resumes.
        # The recorded inputs stay the roster last carried out (and `diff` keeps its
        # outputs), so the first run after resuming plans, shows and guards every departure.
        return CheckResult(_recorded(_olds or news), [])

    def diff(self, _id: str, _olds: dict[str, Any], _news: dict[str, Any]) -> DiffResult:
        return DiffResult(changes=False, replaces=[], delete_before_replace=False)

    def update(self, _id: str, _olds: dict[str, Any], _news: dict[str, Any]) -> UpdateResult:
        return UpdateResult(_recorded(_olds))  # unreachable: `diff` reports no change


class Departures(Resource, module="box", name="Departures"):
    """Who leaves Box, guarded (`pulumi-python:dynamic/box:Departures`)."""

    def __init__(
        self,
        resource_name: str,
        roster: Roster,
        acknowledged: int | None,
        opts: pulumi.ResourceOptions | None = None,
        *,
        paused: bool = False,
    ) -> None:
        props: dict[str, Any] = {**roster.recorded(), ACKNOWLEDGED: acknowledged}
        aliased = pulumi.ResourceOptions(aliases=[LEGACY_GUARD])
        merged = pulumi.ResourceOptions.merge(aliased, opts) if opts else aliased
        provider = PausedDeparturesProvider() if paused else DeparturesProvider()
        super().__init__(provider, resource_name, props, merged)


def _custodian_refusal(
    box: BoxConnection, custodian: str | None, plan: DeprovisionPlan
) -> str | None:
    problem = custodian_problem(box, custodian)
    if problem is None:
        return None
    leavers = ", ".join(item.login for item in plan.removed[:10])
    return (
        f"Refusing to transfer the content of {len(plan.removed)} leaver(s) ({leavers}): "
        f"{problem}. No one was deprovisioned. Make provisioning.custodian an active user "
        "this stack manages, deploy that first, then remove people."
    )


def _recorded(props: Mapping[str, Any]) -> dict[str, Any]:
    keys = (*_ENGINE_KEYS, ACKNOWLEDGED)
    return {key: value for key, value in props.items() if key not in keys}


# Roster facts kept only to recognise undeclared renames (`components.guard.renames`): a
# change of name or members alone is no departures step, and the engine still records the
# new inputs of a resource it leaves unchanged.
_HINT_ONLY = {"users": "name", "groups": "members"}


def _decisive(props: Mapping[str, Any]) -> dict[str, Any]:
    """The recorded roster without the facts that only serve rename hints.

    Read as a roster and recorded again, so that a roster an older version recorded with
    every field (`inactive: false`, ...) is no change against the same roster recorded
    without its defaults.
    """
    recorded = _recorded(props)
    # Compared as recorded if it does not validate; `check` has refused that already.
    with contextlib.suppress(ValidationError):
        recorded = from_recorded(recorded).recorded()
    for section, fact in _HINT_ONLY.items():
        entries = recorded.get(section)
        if isinstance(entries, Mapping):
            recorded[section] = {
                key: {k: v for k, v in entry.items() if k != fact}
                if isinstance(entry, Mapping)
                else entry
                for key, entry in entries.items()
            }
    return recorded


def _previous(olds: Mapping[str, Any]) -> Roster | None:
    # No recorded inputs: departures are new in this stack, so there is no previous run.
    recorded = _recorded(olds)
    return from_recorded(recorded) if recorded else None


def _with_box_ids(new: Roster, old: Roster | None) -> Roster:
    """This run's roster, keeping the Box ids a refresh recorded for the same keys."""
    if old is None:
        return new
    users = {
        key: user.model_copy(update={"box_id": old.users[key].box_id})
        if key in old.users and old.users[key].login == user.login
        else user
        for key, user in new.users.items()
    }
    groups = {
        key: group.model_copy(update={"box_id": old.groups[key].box_id})
        if key in old.groups
        else group
        for key, group in new.groups.items()
    }
    return new.model_copy(update={"users": users, "groups": groups})


def _as_in_box(roster: Roster, box: BoxConnection) -> Roster:
    """The roster with each account's Box id and whether Box has it inactive (a refresh)."""
    users = box.users.all()
    by_login = {(user.login or "").lower(): user for user in users.values()}
    refreshed = {}
    for key, entry in roster.users.items():
        found = users.get(entry.box_id or "") or by_login.get(entry.login)
        if found is None:
            refreshed[key] = entry
            continue
        inactive = user_api.box_values(found)["status"] == "inactive"
        refreshed[key] = entry.model_copy(update={"box_id": found.id, "inactive": inactive})
    return roster.model_copy(update={"users": refreshed, "groups": _groups_in_box(roster, box)})


def _groups_in_box(roster: Roster, box: BoxConnection) -> dict[str, Any]:
    by_name = {(group.name or "").casefold(): group for group in box.groups.all().values()}
    return {
        key: entry.model_copy(update={"box_id": by_name[entry.name.casefold()].id})
        if entry.name.casefold() in by_name
        else entry
        for key, entry in roster.groups.items()
    }


def _count(value: Any) -> int | None:
    # The engine carries numbers as floats; the program only ever sends whole counts.
    return None if value is None else int(value)


def _invalid(error: ValidationError) -> str:
    problems = "; ".join(
        f"{'.'.join(str(part) for part in problem['loc']) or '(inputs)'}: {problem['msg']}"
        for problem in error.errors(include_url=False, include_input=False)
    )
    return f"the departures resource's inputs are invalid ({problems}); this is a bug in entra-box"


__all__ = ["ACKNOWLEDGE_VARIABLE", "DEPARTURES_NAME", "Departures", "DeparturesProvider"]
