"""The `box:UserShard` dynamic resource: a few hundred Box users reconciled as one set.

`component.BoxTenant` (with `entra-box:userModel: shards`) creates one `UserShard` per
non-empty shard of `shards.partition`, instead of one `box:User` per person: Pulumi's cost
(engine steps, checkpoint, SDK bookkeeping) is per resource, and a shard holds a few hundred
people. Each person is still reconciled exactly as a `box:User` is: this provider hands
every changed entry to `BoxUserProvider`'s own `check`, `create`, `update`, `read` and
`delete` (the per-person functions over old and new props), so adoption, the refusal of
other enterprises' accounts, in-place updates, the inactive check and drift reads are one
code path in both models, with one Box call per changed person.

As with `box:User`, nothing here deprovisions: an entry that leaves the shard only drops its
record (departures, `departures.py`, decides who leaves Box, on the whole roster). A run
that fails part-way records nothing new; the next run creates-or-adopts by login whatever
was created and re-sends idempotent updates, so there is no duplicate account and no lost
change.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import pulumi
from pulumi.dynamic import (
    CheckFailure,
    CheckResult,
    CreateResult,
    DiffResult,
    ReadResult,
    Resource,
    UpdateResult,
)

from components.box import audit, user_api
from components.box.adoption import existing_account
from components.box.errors import BoxNotFoundError, BoxProviderError, with_progress
from components.box.plan_log import describe_change
from components.box.provider import PAUSED_KEY, BoxProvider
from components.box.shard_entries import (
    ADOPTED,
    APPLIED,
    DELETED,
    ID_UNKNOWN,
    PEOPLE_ONLY_VARIABLE,
    PREVIOUS_LOGINS,
    RENAMES,
    USER_IDS,
    USERS,
    EntryPlan,
    applied_of,
    compact,
    entries,
    hold_back,
    login_of,
    people_only,
    plan_entries,
    previous_logins,
    renames,
    user_ids,
    with_state,
)
from components.box.user import USER_RULES, BoxUserProvider
from components.box.user_inputs import LEGACY_FIELDS, OUTPUT_FIELDS, BoxUserInputs
from components.provider_host.detailed_diff import (
    DetailedDiffResult,
    Kind,
    Paths,
    path,
    paths_of,
    under,
)


class UserShardProvider(BoxProvider):
    """Creates or adopts, updates and reads the Box users of one shard, one call per change."""

    rules = USER_RULES
    # Each person is stored once, in the inputs (`components/provider_host/stored_once.py`):
    # the outputs keep an entry, or an id, only where it differs from what the inputs hold
    # (Box drifted from what was applied). The policy pack reads people from the tenant's
    # spec facts (`spec_facts.py`), not from here.
    stores_entries_once: ClassVar[tuple[str, ...]] = (USERS, USER_IDS)
    stores_inputs_once: ClassVar[tuple[str, ...]] = (PREVIOUS_LOGINS,)
    # What the preview saw of an account a new entry adopts: read by `create`, never recorded.
    check_only_fields: ClassVar[tuple[str, ...]] = ("adopts", "adopts_from")

    @property
    def person(self) -> BoxUserProvider:
        """The per-person provider, on this provider's connection."""
        provider = BoxUserProvider()
        provider._connection_key = self._connection_key  # same connection, one registry
        provider.preview_lines = False  # `_show_plan` prints them, knowing renames too
        return provider

    def check(self, _olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        person, old, known = self.person, entries(_olds), user_ids(_olds)
        checked: dict[str, dict[str, Any]] = {}
        failures: list[CheckFailure] = []
        ids: dict[str, str] = {}
        former, taken_over = previous_logins(news), {}
        for key, entry in sorted(_wanted(old, entries(news)).items()):
            prior = None if key in old else _prior_key(old, former.get(key, []))
            # A renamed person held here under a former login is checked as a change of
            # that record (a login another account holds is refused, as for a box:User).
            result = person.check(old.get(key) or old.get(prior or "", {}), entry)
            failures += [_at(key, entry, failure) for failure in result.failures]
            checked[key] = {k: v for k, v in result.inputs.items() if v is not None}
            if key not in old and not checked[key].get("adopts") and former.get(key):
                recorded = known.get(prior or "")
                if recorded and recorded != ID_UNKNOWN:
                    what = f"renamed from {old[prior or ''].get('login')}: same account"
                    audit.report(f"user {login_of(entry, key)}", "preview", what)
                    taken_over[key] = recorded
                else:
                    taken_over.update(self._renamed(key, checked[key], former[key]))
            adopts = taken_over.get(key) or checked[key].get("adopts")
            # Only ids known here; the outputs record the rest (stored_once.py keeps an id
            # once, in the outputs, where the inputs lack it).
            recorded_id = _known_id(known.get(key)) or _known_id(adopts)
            if recorded_id:
                ids[key] = recorded_id
        if not failures:
            _show_plan(_olds, checked, self._entry_changed, taken_over)
        inputs = {"shard": news.get("shard"), USERS: checked, USER_IDS: ids}
        return CheckResult({**inputs, PREVIOUS_LOGINS: former, RENAMES: taken_over}, failures)

    def _renamed(self, key: str, entry: Mapping[str, Any], former: list[str]) -> dict[str, str]:
        """The account a new entry takes over under a former login (`previousLogins`), if any.

        A person keyed by their login who changes it gets a new key, and so (most likely)
        another shard: the new entry finds, read-only, the account under the old login, and
        `create` renames that account in place instead of making an empty one.
        """
        for login in former:
            found = existing_account(self.box, login)
            if found is not None and user_api.enterprise_of(found) == self.box.enterprise_id:
                what = f"renamed from {login}: takes over Box id {found.id} in place"
                audit.report(f"user {login_of(entry, key)}", "preview", what)
                return {key: found.id}
        return {}

    def diff(self, _id: str, _olds: dict[str, Any], _news: dict[str, Any]) -> DiffResult:
        if _olds.get(PAUSED_KEY):
            # Recorded while paused, never written: the real shard replaces the stand-in.
            return DiffResult(changes=True, replaces=[PAUSED_KEY], delete_before_replace=False)
        # The ids the state records (outputs: an input's id is unknown until created), for
        # the groups that add these people later in this run (`group._ids_by_login`).
        self.box.user_ids_by_login.update(_recorded_ids(entries(_olds), user_ids(_olds)))
        old = with_state(_olds)
        plan = plan_entries(old, _news, self._entry_changed)
        return DetailedDiffResult(changes=plan.changes, paths=self._paths(plan, old, _news))

    def _paths(self, plan: EntryPlan, olds: Mapping[str, Any], news: Mapping[str, Any]) -> Paths:
        """Per person: their entry added or dropped, or the fields of it that change."""
        paths: Paths = {path(USERS, key): Kind.ADD for key in plan.create}
        paths.update({path(USERS, key): Kind.DELETE for key in plan.drop})
        old, new = entries(olds), entries(news)
        for key in plan.update:
            changed = paths_of(self.person.diff("", old[key], new[key])) or {}
            paths.update(under(path(USERS, key), changed) or {path(USERS, key): Kind.UPDATE})
        return paths

    def create(self, props: dict[str, Any]) -> CreateResult:
        name = str(props.get("shard") or "users")
        plan = plan_entries({}, props, self._entry_changed)
        outputs = self._apply(name, {}, props, plan)
        return CreateResult(name, outputs)

    def update(self, _id: str, _olds: dict[str, Any], _news: dict[str, Any]) -> UpdateResult:
        plan = plan_entries(with_state(_olds), _news, self._entry_changed)
        return UpdateResult(self._apply(_id, _olds, _news, plan))

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        person, recorded, state = self.person, entries(props), with_state(props)[USERS]
        users: dict[str, dict[str, Any]] = {}
        ids: dict[str, str] = {}
        adopted: list[str] = []
        applied: dict[str, Any] = {}
        deleted: list[str] = []
        for key, user_id in sorted(user_ids(props).items()):
            if key not in recorded:
                continue
            found = person.read(user_id, state[key])
            outs = found.outs or {}
            if outs.get(DELETED):
                # Kept and marked, as a box:User is: re-created only when acknowledged.
                users[key], ids[key] = recorded[key], user_id
                deleted.append(key)
                continue
            users[key], ids[key] = compact(outs), str(found.id)
            _show_drift(recorded[key], users[key], key)
            if outs.get(ADOPTED):
                adopted.append(key)
            if applied_of(outs) is not None:
                applied[key] = applied_of(outs)
        outputs = {USERS: users, USER_IDS: ids, ADOPTED: adopted, APPLIED: applied, "shard": id_}
        if deleted:
            outputs[DELETED] = deleted
        # The inputs as the next `check` makes them when nothing changed: otherwise the
        # engine would record every shard anew at the next `up` (rewriting the checkpoint
        # once per shard, docs/performance-shards.md).
        former = previous_logins(props)
        inputs = {"shard": id_, USERS: users, USER_IDS: ids, PREVIOUS_LOGINS: former, RENAMES: {}}
        return ReadResult(id_, {**outputs, PREVIOUS_LOGINS: former}, inputs)

    def delete(self, _id: str, _props: dict[str, Any]) -> None:
        person, state = self.person, with_state(_props)[USERS]
        for key in sorted(state):
            person.delete(state[key]["user_id"] or "?", state[key])

    def _entry_changed(self, old: dict[str, Any], new: dict[str, Any]) -> bool:
        return bool(self.person.diff("", old, new).changes)

    def _apply(
        self, shard: str, olds: Mapping[str, Any], news: Mapping[str, Any], plan: EntryPlan
    ) -> dict[str, Any]:
        """Run the plan one person at a time; the error says who was and was not done."""
        runner = _Runner(self.person, olds, news)
        steps = _steps(plan, entries(news), entries(olds))
        try:
            for key in plan.drop:
                runner.drop(key)
            for key in plan.create:
                runner.create(key)
            for key in plan.update:
                runner.update(key)
        except BoxProviderError as error:
            raise with_progress(error, steps[: runner.done], steps[runner.done :]) from error
        return {**runner.outputs(), "shard": shard}


class _Runner:
    """Applies a shard's entry plan through the per-person provider, keeping the results."""

    def __init__(
        self, person: BoxUserProvider, olds: Mapping[str, Any], news: Mapping[str, Any]
    ) -> None:
        self.person, self.olds, self.news = person, olds, news
        # Read once: a shard holds hundreds of people, and each step reads one of them.
        self.wanted, self.old_state = entries(news), with_state(olds)[USERS]
        # Compacted: the state's outputs, and what an older version recorded with each
        # entry (LEGACY_FIELDS), go; what is left is the recorded entry.
        self.users = {
            key: compact(self.old_state[key]) for key in self.wanted if key in self.old_state
        }
        self.ids = {key: value for key, value in user_ids(olds).items() if key in self.users}
        self.adopted = {key for key in olds.get(ADOPTED) or [] if key in self.users}
        recorded = olds.get(APPLIED) or {}
        self.applied = {key: recorded[key] for key in recorded if key in self.users}
        self.deleted = {key for key in olds.get(DELETED) or [] if key in self.users}
        self.done = 0

    def drop(self, key: str) -> None:
        self.person.delete(self.old_state[key]["user_id"] or "?", self.old_state[key])
        self.done += 1

    def create(self, key: str) -> None:
        renamed = renames(self.news).get(key)
        if renamed is not None:
            self._rename(key, renamed)
            return
        result = self.person.create(self.wanted[key])
        self._record(key, str(result.id), result.outs or {})

    def _rename(self, key: str, user_id: str) -> None:
        """Take over the account found under a former login: an update, login included."""
        found = user_api.fetch_user(self.person.box.client, user_id)
        if found is None:
            raise BoxNotFoundError(
                f"rename user {self.wanted[key].get('login')}: Box user id {user_id}, "
                "found under a former login by the preview, no longer exists; run `pulumi "
                "preview` again"
            )
        recorded = {**user_api.box_values(found), "user_id": user_id, ADOPTED: True}
        result = self.person.update(user_id, recorded, self.wanted[key])
        self._record(key, user_id, {**(result.outs or {}), ADOPTED: True})

    def update(self, key: str) -> None:
        if key in self.deleted:
            # Acknowledged (the per-person diff refuses otherwise): a new account, by login.
            created = self.person.create(self.wanted[key])
            self.deleted.discard(key)
            self._record(key, str(created.id), created.outs or {})
            return
        user_id = self.ids[key]
        result = self.person.update(user_id, self.old_state[key], self.wanted[key])
        self._record(key, user_id, result.outs or {})

    def _record(self, key: str, user_id: str, outs: Mapping[str, Any]) -> None:
        self.users[key], self.ids[key] = compact(outs), user_id
        self.person.box.user_ids_by_login[login_of(outs, key).lower()] = user_id
        if outs.get(ADOPTED):
            self.adopted.add(key)
        self.applied.pop(key, None)
        if applied_of(outs) is not None:
            self.applied[key] = applied_of(outs)
        self.done += 1

    def outputs(self) -> dict[str, Any]:
        return {
            USERS: dict(sorted(self.users.items())),
            USER_IDS: dict(sorted(self.ids.items())),
            ADOPTED: sorted(self.adopted),
            APPLIED: dict(sorted(self.applied.items())),
            **({DELETED: sorted(self.deleted)} if self.deleted else {}),
            # Stored once, in the inputs; here so that a refresh can record them unchanged.
            PREVIOUS_LOGINS: previous_logins(self.news),
        }


def _wanted(old: dict[str, dict[str, Any]], new: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The entries this run applies: all of them, or the named people's only (on demand)."""
    only = people_only(os.environ)
    if only is None:
        return new
    kept = hold_back(old, new, only)
    held = sum(1 for key in old.keys() | new.keys() if kept.get(key) != new.get(key))
    if held:
        pulumi.log.info(
            f"box: provisioning {', '.join(sorted(only))} only ({PEOPLE_ONLY_VARIABLE}): "
            f"the changes of {held} other people in this shard wait for the next full run"
        )
    return kept


def _known_id(value: Any) -> str | None:
    """A Box user id; None for none, or for the stand-in text an older version recorded."""
    return str(value) if value and value != ID_UNKNOWN else None


def _prior_key(old: Mapping[str, Mapping[str, Any]], former: list[str]) -> str | None:
    """The key under which this shard holds a person by one of their former logins."""
    for key, entry in old.items():
        if key in former or entry.get("login") in former:
            return key
    return None


def _at(key: str, entry: Mapping[str, Any], failure: CheckFailure) -> CheckFailure:
    where = f"{USERS}[{key}].{failure.property}" if failure.property else f"{USERS}[{key}]"
    return CheckFailure(where, f"user {login_of(entry, key)}: {failure.reason}")


def _steps(plan: EntryPlan, new: Mapping[str, Any], old: Mapping[str, Any]) -> list[str]:
    return (
        [f"drop the record of {login_of(old[key], key)}" for key in plan.drop]
        + [f"create or adopt {login_of(new[key], key)}" for key in plan.create]
        + [f"update {login_of(new[key], key)}" for key in plan.update]
    )


def _show_drift(recorded: Mapping[str, Any], in_box: Mapping[str, Any], key: str) -> None:
    """One refresh line per person whose Box account differs from the shard's records."""
    recorded = compact(recorded)  # a fact an older version kept here is no Box difference
    keys = [k for k in sorted({*recorded, *in_box}) if recorded.get(k) != in_box.get(k)]
    if keys:
        change = describe_change(recorded, in_box, keys)
        audit.report(f"user {login_of(in_box, key)}", "refresh", f"Box differs: {change}")


def _recorded_ids(
    recorded: Mapping[str, Mapping[str, Any]], ids: Mapping[str, str]
) -> dict[str, str]:
    """Login -> Box id of each person this shard's state records with an id."""
    return {
        login_of(entry, key).lower(): user_id
        for key, entry in recorded.items()
        if (user_id := _known_id(ids.get(key))) is not None
    }


def _show_plan(
    olds: Mapping[str, Any],
    checked: Mapping[str, Any],
    changed: Any,
    taken_over: Mapping[str, str],
) -> EntryPlan:
    """One preview line per changed person, by login, so review stays per person."""
    plan = plan_entries(olds, {USERS: checked}, changed)
    old = entries(olds)
    for key in plan.create:
        # An adoption or a rename has its own line, with what it changes.
        if not checked[key].get("adopts") and key not in taken_over:
            audit.report(f"user {login_of(checked[key], key)}", "preview", "new Box user")
    for key in plan.update:
        fields = sorted({*old[key], *checked[key]} - {*OUTPUT_FIELDS, *LEGACY_FIELDS})
        keys = [k for k in fields if old[key].get(k) != checked[key].get(k)]
        if not keys:
            continue  # a re-creation: the lockout guard's line says so
        change = describe_change(old[key], checked[key], keys)
        audit.report(f"user {login_of(checked[key], key)}", "preview", f"update {change}")
    for key in plan.drop:
        what = "leaves this shard's records (departures decides whether the account leaves)"
        audit.report(f"user {login_of(old[key], key)}", "preview", what)
    return plan


class UserShard(Resource, module="box", name="UserShard"):
    """Managed Box users of one shard (type token `pulumi-python:dynamic/box:UserShard`)."""

    # `components.box.paused` swaps in a provider that writes nothing to Box.
    provider_class: ClassVar[type[UserShardProvider]] = UserShardProvider

    users: pulumi.Output[dict[str, Any]]
    user_ids: pulumi.Output[dict[str, str]]

    def __init__(
        self,
        resource_name: str,
        people: Mapping[str, BoxUserInputs],
        opts: pulumi.ResourceOptions | None = None,
        *,
        former_logins: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        props: dict[str, Any] = {
            "shard": resource_name,
            USERS: {key: inputs.model_dump(exclude_none=True) for key, inputs in people.items()},
            PREVIOUS_LOGINS: {k: list(v) for k, v in (former_logins or {}).items() if v},
            RENAMES: None,
            USER_IDS: None,
            ADOPTED: None,
            APPLIED: None,
        }
        super().__init__(self.provider_class(), resource_name, props, opts)
