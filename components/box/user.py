"""The `box:User` dynamic resource: one managed Box user, never replaced, never deprovisioned.

`component.BoxTenant` creates one `BoxUser` per desired user. Every field Box can change in
place is updated in place, the login included: replacing a user (delete, then create)
would destroy their content. `check` finds, read-only, an existing account a new resource
will adopt (`adoption.py`), so the preview shows it; `create` adopts that account, or
creates one (and on a conflict adopts the user with exactly that login), so a retried or
interrupted create never makes a second account; the preview says what the adoption changes
(`plan_log.py`), and `create` refuses an account that changed in Box since. A value the spec
stops setting follows its field's rule (`field_rules.py`, docs/field-rules.md): Box's default
is restored, or the field is no longer managed. `read` reports Box's current values, so
`pulumi refresh` shows drift and the next `pulumi up` repairs it, except that a repair
undoing a lockout made in Box (a user set inactive or a role lowered there) is refused
unless acknowledged (`lockouts.py`): the state records the status and role last applied
(`applied`, kept by `read`), so a change made in Box is told apart from a spec change.

Taking access away is the departures resource's alone (`departures.py`), which sees the
whole roster and guards every deprovision: removing this resource from the stack changes
nothing in Box, and setting a user inactive is done by departures first; this resource only
checks that Box shows it done.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import pulumi
from box_sdk_gen.schemas.user_full import UserFull
from pulumi.dynamic import (
    CheckFailure,
    CheckResult,
    CreateResult,
    DiffResult,
    ReadResult,
    Resource,
    UpdateResult,
)
from pydantic import ValidationError

from components.box import audit, field_rules, lockouts, plan_log, user_api
from components.box.adoption import adoption_kept, existing_account
from components.box.diffing import DiffRules
from components.box.errors import (
    BoxConflictError,
    BoxNotFoundError,
    BoxPermanentError,
    BoxProviderError,
    box_call,
)
from components.box.plan_log import describe_change
from components.box.provider import (
    PAUSED_KEY,
    BoxProvider,
    check_failures,
    without,
)
from components.box.user_inputs import (
    BOX_FIELDS,
    CORE_FIELDS,
    DELETED_IN_BOX,
    FIXES,
    LEGACY_FIELDS,
    OUTPUT_FIELDS,
    BoxUserInputs,
)
from components.guard.restores import Repair, recreation, user_restores
from components.provider_host.detailed_diff import DetailedDiffResult, Kind

# Box fields only: the spec facts an older state still records (LEGACY_FIELDS) are never
# compared, so dropping them from the inputs is no change (and no Box write is hidden: Box
# never heard of them).
USER_RULES = DiffRules(in_place=frozenset(BOX_FIELDS), comparable=field_rules.comparable)
# The status and role the stack last applied, by key: kept by `read`, never an input.
APPLIED = "applied"
APPLIED_FIELDS = ("status", "role")
STATE_ONLY = (*OUTPUT_FIELDS, APPLIED)
NOT_INPUTS = STATE_ONLY + LEGACY_FIELDS


class BoxUserProvider(BoxProvider):
    """Creates or adopts, updates and reads Box users."""

    rules = USER_RULES
    # One preview line per changed person, by login: a resource's name is their stable key
    # (an Entra object id), so the line is where a reviewer reads who changes. A shard,
    # which checks each person with this provider, prints its own lines instead.
    preview_lines: bool = True

    def check(self, _olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        try:
            inputs = BoxUserInputs.model_validate(without(news, NOT_INPUTS))
        except ValidationError as error:
            return CheckResult(dict(news), check_failures(error, FIXES, "login"))
        checked = inputs.model_dump(exclude_none=True)
        if _olds:
            if str(_olds.get("login") or inputs.login).lower() != inputs.login.lower():
                taken = self._login_taken(str(_olds["login"]), inputs.login)
                if taken is not None:
                    return CheckResult(checked, [CheckFailure("login", taken)])
            checked = _with_removals(_olds, checked)
            if self.preview_lines:
                _show_update(_olds, checked)
            return CheckResult(adoption_kept(_olds, checked), [])
        found = existing_account(self.box, inputs.login)
        if found is not None and user_api.enterprise_of(found) != self.box.enterprise_id:
            refusal = _not_adoptable(inputs.login, found, self.box.enterprise_id, None)
            return CheckResult(checked, [CheckFailure("login", refusal.message)])
        if found is None and self.preview_lines:
            audit.report(f"user {inputs.login}", "preview", "new Box user")
        checked["adopts"] = found.id if found is not None else None
        if found is not None:
            checked["adopts_from"] = _previewed_adoption(inputs, found)
        return CheckResult(checked, [])

    def _login_taken(self, old: str, new: str) -> str | None:
        """Why a login change cannot happen: another Box account holds `new` (read-only)."""
        holder = user_api.find_user(self.box.client, new)
        if holder is None:
            return None
        ours = user_api.find_user(self.box.client, old)
        if ours is None or ours.id == holder.id:
            return None  # the account was renamed in Box already: this is it
        return (
            f"change login {old} to {new}: Box user id {holder.id} already has that login "
            f"(enterprise {user_api.enterprise_of(holder) or 'none'}), and a login belongs to "
            f"one account; free it in the Box Admin Console, or keep {old}"
        )

    def diff(self, _id: str, _olds: dict[str, Any], _news: dict[str, Any]) -> DiffResult:
        """In place; refused when it would undo a lockout made in Box, unless acknowledged."""
        if not _olds.get(PAUSED_KEY):
            # A stand-in recorded while paused applied nothing, so it locked nobody out.
            if _olds.get(DELETED_IN_BOX):
                return _recreated(_olds, _news, _id)
            lockouts.guard(_restores(_olds, _news), _user_target(_olds, _id))
        # The base diff replaces such a stand-in with the real resource on resume.
        return super().diff(_id, _olds, _news)

    def create(self, props: dict[str, Any]) -> CreateResult:
        inputs = _inputs(props)
        user, adopted = self._create_or_adopt(inputs, props.get("adopts"), props.get("adopts_from"))
        self.box.users.invalidate()
        return CreateResult(user.id, _outputs(inputs, user.id, adopted))

    def update(self, _id: str, _olds: dict[str, Any], _news: dict[str, Any]) -> UpdateResult:
        inputs = _inputs(_news)
        lockouts.guard(_restores(_olds, _news), _user_target(_olds, _id), log=False)
        # A field no longer set is no longer managed: Box keeps it, nothing is sent.
        wanted = inputs.box_fields()
        changes = {
            key: wanted[key]
            for key in self.rules.changed(_olds, inputs.model_dump())
            if key in wanted
        }
        login = str(_olds.get("login"))
        if changes.get("status") == "inactive":
            # A deprovision: departures, which ran first, has done it (or refused the run).
            self._confirm_inactive(_id, login)
            del changes["status"]
        if changes:
            self._update(_id, login, changes)
        return UpdateResult(_outputs(inputs, _id, bool(_olds.get("adopted", False))))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        user = self.box.users.get(id_) or user_api.fetch_user(self.box.client, id_)
        if user is None:
            # Deleted in Box by hand: kept, marked, so that no run gives them a new account
            # unless acknowledged (`diff`); dropping it would make the next `up` create one.
            return ReadResult(id_, {**props, DELETED_IN_BOX: True}, without(props, NOT_INPUTS))
        outputs = _refreshed(props, user_api.box_values(user), id_)
        return ReadResult(id_, outputs, without(outputs, STATE_ONLY))

    def delete(self, _id: str, _props: dict[str, Any]) -> None:
        target = f"user {_props.get('login') or '?'} (id {_id})"
        audit.report(
            target,
            "leave the stack's records",
            "account unchanged in Box (only the departures step takes access away)",
        )

    def _confirm_inactive(self, user_id: str, login: str) -> None:
        user = user_api.fetch_user(self.box.client, user_id)
        if user is None or user_api.box_values(user)["status"] == "inactive":
            return
        raise BoxPermanentError(
            f"set user {login} (id {user_id}) inactive: that is a deprovision, which only the "
            "stack's departures step makes, under the deprovision limit, and it has not run "
            "in this update (left out by --target or --exclude?); nothing was changed for "
            f"{login}. Run `pulumi up` without resource selection."
        )

    def _update(self, user_id: str, login: str, changes: Mapping[str, Any]) -> None:
        target = f"user {login} (id {user_id})"
        try:
            with audit.box_write(target, f"update {', '.join(changes)}", _describe(changes)):
                user_api.update_user(self.box.client, user_id, changes)
        except BoxNotFoundError as error:
            raise BoxNotFoundError(
                f"update {target}: the user no longer exists in Box; run `pulumi refresh` "
                "(it drops the user from the stack) and then `pulumi up` to create them again"
            ) from error
        finally:
            self.box.users.invalidate()

    def _create_or_adopt(
        self, inputs: BoxUserInputs, adopts: Any, previewed: Any
    ) -> tuple[UserFull, bool]:
        if isinstance(adopts, str) and adopts:
            existing = user_api.fetch_user(self.box.client, adopts)
            if existing is not None and user_api.box_values(existing)["login"] == inputs.login:
                _as_previewed(inputs, existing, previewed)
                return self._adopt(inputs, existing), True
        target = f"user {inputs.login}"
        try:
            with box_call(target, "create"):
                user = user_api.create_user(self.box.client, inputs.box_fields())
        except BoxConflictError as conflict:
            return self._adopt_conflicting(inputs, conflict), True
        except BoxProviderError as error:
            audit.report_failure(target, "create", error)
            raise
        audit.report(f"{target} (id {user.id})", "create", "created")
        return user, False

    def _adopt_conflicting(self, inputs: BoxUserInputs, conflict: BoxConflictError) -> UserFull:
        existing = user_api.find_user(self.box.client, inputs.login)
        if existing is None or user_api.enterprise_of(existing) != self.box.enterprise_id:
            error = _not_adoptable(inputs.login, existing, self.box.enterprise_id, conflict)
            audit.report_failure(f"user {inputs.login}", "create", error)
            raise error from conflict
        return self._adopt(inputs, existing)

    def _adopt(self, inputs: BoxUserInputs, existing: UserFull) -> UserFull:
        if user_api.enterprise_of(existing) != self.box.enterprise_id:
            raise _not_adoptable(inputs.login, existing, self.box.enterprise_id, None)
        target = f"user {inputs.login} (id {existing.id})"
        changes = user_api.changed_fields(user_api.box_values(existing), inputs.box_fields())
        audit.report(target, "create", "login already in Box: adopting that account")
        if not changes:
            audit.report(target, "adopt", "already as specified")
            return existing
        with audit.box_write(target, f"adopt: update {', '.join(changes)}", _describe(changes)):
            return user_api.update_user(self.box.client, existing.id, changes)


class BoxUser(Resource, module="box", name="User"):
    """A managed Box user (type token `pulumi-python:dynamic/box:User`)."""

    # `components.box.paused` swaps in a provider that writes nothing to Box.
    provider_class: ClassVar[type[BoxUserProvider]] = BoxUserProvider

    user_id: pulumi.Output[str]
    login: pulumi.Output[str]
    adopted: pulumi.Output[bool]

    def __init__(
        self,
        resource_name: str,
        inputs: BoxUserInputs,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        props: dict[str, Any] = {**inputs.model_dump(), "user_id": None, "adopted": None}
        super().__init__(self.provider_class(), resource_name, props, opts)


def _inputs(props: Mapping[str, Any]) -> BoxUserInputs:
    return BoxUserInputs.model_validate(without(props, NOT_INPUTS))


def _outputs(inputs: BoxUserInputs, user_id: str, adopted: bool) -> dict[str, Any]:
    fields = inputs.model_dump()
    applied = {key: fields[key] for key in APPLIED_FIELDS}
    return {**fields, "user_id": user_id, "adopted": adopted, APPLIED: applied}


def _applied(state: Mapping[str, Any]) -> dict[str, Any]:
    """What the stack last applied; state written before `applied` existed holds it as is."""
    recorded = state.get(APPLIED)
    if isinstance(recorded, Mapping):
        return dict(recorded)
    return {key: state.get(key) for key in APPLIED_FIELDS}


def _recreated(olds: Mapping[str, Any], news: Mapping[str, Any], user_id: str) -> DiffResult:
    """An account deleted in Box is replaced by a new one only when acknowledged.

    The replacement creates (or adopts, by login) the account; the old record is only
    dropped, as any deleted `box:User` is.
    """
    login = str(news.get("login") or olds.get("login") or "?")
    lockouts.guard([recreation(login)], _user_target(olds, user_id))
    paths = {DELETED_IN_BOX: Kind.DELETE}
    return DetailedDiffResult(changes=True, paths=paths, replaces=[DELETED_IN_BOX])


def _restores(olds: Mapping[str, Any], news: Mapping[str, Any]) -> list[Repair]:
    login = str(olds.get("login") or news.get("login") or "?")
    return user_restores(login, olds, _applied(olds), news)


def _user_target(state: Mapping[str, Any], user_id: str) -> str:
    return f"user {state.get('login') or '?'} (id {user_id})"


def _refreshed(state: Mapping[str, Any], box: Mapping[str, Any], user_id: str) -> dict[str, Any]:
    """The state with every managed field replaced by Box's current value."""
    managed = [key for key in BOX_FIELDS if key in CORE_FIELDS or state.get(key) is not None]
    outputs = {key: state.get(key) for key in BOX_FIELDS}
    outputs.update({key: box.get(key) for key in managed})
    if outputs.get("space_amount") is not None:
        outputs["space_amount"] = field_rules.quota(outputs["space_amount"])
    adopted = bool(state.get("adopted", False))
    return {**outputs, "user_id": user_id, "adopted": adopted, APPLIED: _applied(state)}


def _with_removals(olds: Mapping[str, Any], checked: dict[str, Any]) -> dict[str, Any]:
    """The checked inputs with Box's default for each defaulted field the spec stopped setting.

    Logs what each removal does (`field_rules.py`): a default restored, or a field no longer
    managed whose value Box keeps.
    """
    lines = []
    for key in BOX_FIELDS:
        old, new = olds.get(key), checked.get(key)
        value = field_rules.reverted(key, old, new)
        if new is None and value is not None:
            checked[key] = value
            if old != value:
                change = field_rules.change(key, old, value)
                lines.append(f"{change}: removed from the spec, so Box's default is restored")
    lines += [
        f"{key} no longer managed: Box keeps {field_rules.show(key, olds.get(key))}"
        for key in field_rules.no_longer_managed(olds, checked)
    ]
    plan_log.show(f"user {checked.get('login')}", lines)
    return checked


def _show_update(olds: Mapping[str, Any], checked: Mapping[str, Any]) -> None:
    """`box user <login>: preview: update name 'Ada' -> 'Ada King'` when a field changes."""
    keys = USER_RULES.changed(olds, checked)
    if keys:
        login = checked.get("login") or olds.get("login")
        audit.report(f"user {login}", "preview", f"update {describe_change(olds, checked, keys)}")


def _previewed_adoption(inputs: BoxUserInputs, found: UserFull) -> dict[str, Any]:
    """Box's values of the fields the spec sets where they differ from it, as recorded for
    `create` and the PR summary; logs the adoption.

    A field left out was as the spec wants it, so an account that already matches records
    `{}`: it stays in the inputs while nothing changes (`adoption_kept`), and at 100,000
    adopted people every field of every account would be a fifth of the checkpoint.
    """
    current = user_api.box_values(found)
    differing = user_api.changed_fields(current, inputs.box_fields())
    line = plan_log.adoption(
        "account", inputs.login, found.id, field_rules.changes(current, differing)
    )
    plan_log.show(f"user {inputs.login}", [line])
    return {key: current.get(key) for key in differing}


def _as_previewed(inputs: BoxUserInputs, existing: UserFull, previewed: Any) -> None:
    """Refuse an adoption whose account changed in Box since the preview showed it: a field
    the preview recorded has another value, or one it did not (as the spec wanted) differs."""
    if not isinstance(previewed, Mapping):
        return
    current = user_api.box_values(existing)
    differing = user_api.changed_fields(current, inputs.box_fields())
    moved = sorted(
        {key for key, value in previewed.items() if current.get(key) != value}
        | {key for key in differing if key not in previewed}
    )
    moved = [key for key in moved if key != "login"]
    if moved:
        login = inputs.login
        raise BoxConflictError(
            f"adopt user {login} (id {existing.id}): the account changed in Box since the "
            f"preview ({', '.join(moved)}); nothing was changed. Run `pulumi preview` again "
            "to review the adoption as the account is now, then `pulumi up`"
        )


def _describe(changes: Mapping[str, Any]) -> str:
    return "set " + ", ".join(f"{key}={value!r}" for key, value in changes.items())


def _not_adoptable(
    login: str, existing: UserFull | None, enterprise_id: str, conflict: BoxConflictError | None
) -> BoxConflictError:
    said = f" ({conflict.message})" if conflict is not None else ""
    if existing is None:
        return BoxConflictError(
            f"create user {login}: Box says the login is taken{said} but no "
            "user with exactly this login is visible to the app; it may be a personal or "
            "another enterprise's Box account: have its owner change that account's email, "
            "or change the login in the spec"
        )
    return BoxConflictError(
        f"create user {login}: the login belongs to Box user id {existing.id} outside "
        f"enterprise {enterprise_id} (enterprise {user_api.enterprise_of(existing) or 'none'}),"
        " which cannot be adopted; have its owner change that account's email (or roll it "
        "into the enterprise in the Box Admin Console), then re-run `pulumi up`"
    )
