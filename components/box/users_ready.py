"""The `box:UsersReady` resource: groups start only once every user shard is done.

In the shard model (`entra-box:userModel: shards`) a group names its members by login and
finds the Box ids of the members it adds when it applies (`group.py`), so it takes no id from
the shards. It must still run after them: a member's account has to exist before they are
added. Depending on every shard would record each shard's URN with every group (5.5 MB of a
10,000-person checkpoint); instead this one resource depends on every shard, and each group
depends on it alone. It holds nothing, talks to nobody and never changes, so it never shows
in a preview; the engine only orders the steps around it.
"""

from __future__ import annotations

from typing import Any

import pulumi
from pulumi.dynamic import (
    CheckResult,
    CreateResult,
    DiffResult,
    ReadResult,
    Resource,
    ResourceProvider,
)

USERS_READY_NAME = "users-ready"


class UsersReadyProvider(ResourceProvider):
    """No state and no Box call: only a point in the engine's order of steps."""

    serialize_as_secret_always = False

    def check(self, _olds: dict[str, Any], news: dict[str, Any]) -> CheckResult:
        return CheckResult({}, [])

    def diff(self, _id: str, _olds: dict[str, Any], _news: dict[str, Any]) -> DiffResult:
        return DiffResult(changes=False, replaces=[], delete_before_replace=False)

    def create(self, props: dict[str, Any]) -> CreateResult:
        return CreateResult(USERS_READY_NAME, {})

    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        return ReadResult(id_, {}, {})

    def delete(self, _id: str, _props: dict[str, Any]) -> None:
        return None


class UsersReady(Resource, module="box", name="UsersReady"):
    """Done when every user shard it depends on is (`pulumi-python:dynamic/box:UsersReady`)."""

    def __init__(self, shards: list[pulumi.Resource], opts: pulumi.ResourceOptions) -> None:
        ordered = pulumi.ResourceOptions.merge(opts, pulumi.ResourceOptions(depends_on=shards))
        super().__init__(UsersReadyProvider(), USERS_READY_NAME, {}, ordered)
