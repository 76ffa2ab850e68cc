"""Paused provisioning (`provisioning.paused: true`): the stack's Box resources, writing nothing.

`BoxTenant` builds `PausedBoxUser` / `PausedBoxGroup` instead of `BoxUser` / `BoxGroup` when
the spec pauses provisioning, and the program registers departures paused too
(`departures.PausedDeparturesProvider`). A paused provider is its Box provider with every
write taken out:

- `check` keeps an existing resource's recorded inputs and `diff` reports no change, so the
  engine neither updates nor replaces it and keeps its inputs and outputs as last written
  to Box: when provisioning resumes, the preview shows every change made meanwhile;
- `create` (someone added to the spec while paused) records a stand-in, marked `paused`,
  with no Box call; when provisioning resumes, `BoxProvider.diff` replaces the stand-in by
  a real resource (which creates or adopts the account, as any new resource does);
- `update` is never called (no diff) and `delete` of a stand-in has nothing to drop in Box.

Reads (`check`'s look-ups, `read` on refresh) still reach Box: they write nothing.
"""

from __future__ import annotations

import secrets
from typing import Any

import pulumi
from pulumi.dynamic import CheckResult, CreateResult, DiffResult, ReadResult, UpdateResult

from components.box.group import BoxGroup, BoxGroupProvider
from components.box.provider import PAUSED_KEY, PROVIDER_KEY
from components.box.shard_entries import ADOPTED, USER_IDS
from components.box.user import BoxUser, BoxUserProvider
from components.box.user_shard import UserShard, UserShardProvider

PAUSED_NOTE = "provisioning paused: nothing is written to Box"


class _PausedWrites:
    """The writes of a Box provider, made no-ops; reads are the provider's own.

    A mixin, first in the bases of a paused provider, so `super()` is the real provider;
    not a provider itself (the provider host allows only the classes it is mixed into).
    """

    def check(self, _olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        if _olds:
            # An existing resource keeps the inputs last written to Box, so the first preview
            # after resuming shows (and the policy pack checks) every change made meanwhile.
            return CheckResult({k: v for k, v in _olds.items() if k != PROVIDER_KEY}, [])
        result: CheckResult = super().check(_olds, news)  # type: ignore[misc]
        return result

    def diff(self, _id: str, _olds: dict[str, Any], _news: dict[str, Any]) -> DiffResult:
        return DiffResult(changes=False, replaces=[], delete_before_replace=False)

    def create(self, props: dict[str, Any]) -> CreateResult:
        target = str(props.get("login") or props.get("name") or "?")
        pulumi.log.info(f"{target}: {PAUSED_NOTE}; recorded, and written when provisioning resumes")
        outputs = {**props, PAUSED_KEY: True, self.id_key: "paused", "adopted": False}
        return CreateResult(f"paused-{secrets.token_hex(8)}", outputs)

    def update(self, _id: str, _olds: dict[str, Any], _news: dict[str, Any]) -> UpdateResult:
        return UpdateResult(_olds)  # unreachable: `diff` reports no change

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        if props.get(PAUSED_KEY):
            return ReadResult(id_, props)  # a stand-in: nothing in Box to read
        result: ReadResult = super().read(id_, props)  # type: ignore[misc]
        return result

    def delete(self, _id: str, _props: dict[str, Any]) -> None:
        if not _props.get(PAUSED_KEY):
            # Only drops the record (see the provider's delete).
            super().delete(_id, _props)  # type: ignore[misc]

    @property
    def id_key(self) -> str:
        raise NotImplementedError


class PausedBoxUserProvider(_PausedWrites, BoxUserProvider):
    """`BoxUserProvider` while provisioning is paused: no Box writes."""

    @property
    def id_key(self) -> str:
        return "user_id"


class PausedBoxGroupProvider(_PausedWrites, BoxGroupProvider):
    """`BoxGroupProvider` while provisioning is paused: no Box writes."""

    @property
    def id_key(self) -> str:
        return "group_id"


class PausedBoxUser(BoxUser, module="box", name="User"):
    """A `box:User` (same type) whose provider writes nothing."""

    provider_class = PausedBoxUserProvider


class PausedBoxGroup(BoxGroup, module="box", name="Group"):
    """A `box:Group` (same type) whose provider writes nothing."""

    provider_class = PausedBoxGroupProvider


class PausedUserShardProvider(_PausedWrites, UserShardProvider):
    """`UserShardProvider` while provisioning is paused: no Box writes."""

    def create(self, props: dict[str, Any]) -> CreateResult:
        pulumi.log.info(f"{props.get('shard')}: {PAUSED_NOTE}; recorded, written on resume")
        outputs = {**props, PAUSED_KEY: True, USER_IDS: {}, ADOPTED: []}
        return CreateResult(f"paused-{secrets.token_hex(8)}", outputs)

    @property
    def id_key(self) -> str:
        return USER_IDS


class PausedUserShard(UserShard, module="box", name="UserShard"):
    """A `box:UserShard` (same type) whose provider writes nothing."""

    provider_class = PausedUserShardProvider
