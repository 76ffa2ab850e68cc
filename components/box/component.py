"""`BoxTenant`: the Box side of a stack, built from the resolved desired state.

`__main__.py` constructs one `BoxTenant` from `DesiredState.box` and `.provisioning`
(components/desired.py). It creates one `box:User` per desired user and one `box:Group`
per desired group as its children; a group's member ids are the users' outputs, so the
engine orders users before the groups that contain them. Resource names come from
`user_resource_name` and `group_resource_name` only: a resource's name is its identity
in the stack, and a name change makes the engine replace the object. So resources are
named by their desired `key` (the Entra object id, else the spec's `id`, else the login or
group name). Every former name resolution lists (`aliases`: the login or name when a key
took over, `previousLogins`, `previousNames`) is a Pulumi alias, so a resource whose name
changed moves to it in place: same Box account, same content, same group id.

With `user_model="shards"` (stack config `entra-box:userModel: shards`,
docs/performance-shards.md) users are instead held by `box:UserShard` resources, a few
hundred people each, partitioned by a stable hash of their key (`shards.py`); groups then
name members by login only, find the ids of those they add when they apply, and run after
every shard (`users_ready.py`). A shard cannot take aliases per
person: a person whose key changes moves to another shard, whose entry takes the account
over by login or by a former login (`previousLogins`, passed to the shard).

The facts of the spec the policy pack reads (`assigned_via`, `role_explicit`) are no input
of any user resource or shard: the tenant registers them once, as its `spec_facts` output
(`spec_facts.py`), so a change to them alone lists no update of any user.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Any

import pulumi

from components.box.group import BoxGroup
from components.box.paused import PausedBoxGroup, PausedBoxUser, PausedUserShard
from components.box.shards import partition, placement_key
from components.box.spec_facts import DEFAULTS, DEFAULTS_OUTPUT, SPEC_FACTS_OUTPUT, spec_facts
from components.box.user import BoxUser
from components.box.user_inputs import BoxUserInputs
from components.box.user_shard import UserShard
from components.box.users_ready import UsersReady
from components.desired import DesiredBox, DesiredBoxGroup, DesiredBoxUser

TENANT_TYPE = "entra-box:box:Tenant"
PER_USER = "per-user"
SHARDS = "shards"
USER_MODELS = (PER_USER, SHARDS)


def user_resource_name(user: DesiredBoxUser) -> str:
    """The stack name of a user's resource: its key (the Entra object id, else the login)."""
    return user.key


def group_resource_name(group: DesiredBoxGroup) -> str:
    """The stack name of a group's resource: its key (the Entra object id, else the name)."""
    return group.key


def _former_names(key: str, current: str, former: Iterable[str]) -> list[pulumi.Alias]:
    # Before keys existed every resource was named by its login or group name, and a rename
    # leaves the old name in the state: each alias lets the resource take over the one it
    # was (and its Box account or group) in place. Unused aliases cost nothing; the engine
    # looks a resource up by its own name first.
    names = sorted({current, *former} - {key})
    return [pulumi.Alias(name=name) for name in names]


class BoxTenant(pulumi.ComponentResource):
    """Every managed Box user and group of one enterprise."""

    users: dict[str, BoxUser]
    shards: dict[str, UserShard]
    groups: dict[str, BoxGroup]
    # What the policy pack reads, by stable key (spec_facts.py); also the `spec_facts` output.
    spec_facts: dict[str, dict[str, Any]]

    def __init__(
        self,
        name: str,
        box: DesiredBox,
        opts: pulumi.ResourceOptions | None = None,
        *,
        after: Sequence[pulumi.Resource] = (),
        paused: bool = False,
        user_model: str = PER_USER,
    ) -> None:
        super().__init__(TENANT_TYPE, name, None, opts)
        # Paused: the same resources (same types and names), whose providers write nothing.
        self._user_class = PausedBoxUser if paused else BoxUser
        self._group_class = PausedBoxGroup if paused else BoxGroup
        self._shard_class = PausedUserShard if paused else UserShard
        # Every user and group depends on these (the departures resource), so nothing in Box
        # changes before its plan passes the guard and its deprovisions are done; explicitly,
        # because the dependencies a component is given are not recorded on its children.
        self._after = list(after)
        self._logins = frozenset(user.login for user in box.users)
        self.users, self.shards = {}, {}
        self._members_by_login = user_model == SHARDS
        if user_model == SHARDS:
            self.shards = self._create_shards(box.users)
            # Groups find their new members' ids themselves, after every shard is done
            # (`users_ready.py`): no group records the shards its members' ids came from.
            ready = UsersReady(list(self.shards.values()), pulumi.ResourceOptions(parent=self))
            self._after_users: list[pulumi.Resource] = [ready]
            self.user_ids: dict[str, pulumi.Output[str]] = {}
        else:
            self.users = self._create_users(box.users)
            # The resource id, not the `user_id` output: a preview knows the id of a user
            # about to be updated, while the outputs of a dynamic resource's update are
            # unknown until it runs.
            self.user_ids = {login: user.id for login, user in self.users.items()}
            self._after_users = []
        self.groups = self._create_groups(box.groups)
        self.group_ids = {group_name: group.group_id for group_name, group in self.groups.items()}
        # The spec facts the policy pack reads, here rather than on each user (spec_facts.py).
        self.spec_facts = spec_facts(box.users)
        outputs: dict[str, Any] = {
            "group_ids": self.group_ids,
            SPEC_FACTS_OUTPUT: self.spec_facts,
            DEFAULTS_OUTPUT: DEFAULTS,
        }
        if self.user_ids:  # per-user only: shards give no one their own output
            outputs["user_ids"] = self.user_ids
        self.register_outputs(outputs)

    def _create_users(self, users: Iterable[DesiredBoxUser]) -> dict[str, BoxUser]:
        return {
            user.login: self._user_class(
                user_resource_name(user),
                BoxUserInputs.from_desired(user),
                self._child_options(_former_names(user.key, user.login, user.aliases)),
            )
            for user in users
        }

    def _create_shards(self, users: Iterable[DesiredBoxUser]) -> dict[str, UserShard]:
        shards = partition(users, _placement)
        return {
            name: self._shard_class(
                name,
                {user.key: BoxUserInputs.from_desired(user) for user in people},
                self._child_options([]),
                former_logins={user.key: user.previous_logins for user in people},
            )
            for name, people in shards.items()
        }

    def _create_groups(self, groups: Iterable[DesiredBoxGroup]) -> dict[str, BoxGroup]:
        return {group.name: self._create_group(group) for group in groups}

    def _create_group(self, group: DesiredBoxGroup) -> BoxGroup:
        if self._members_by_login:
            _all_are_users(group, self._logins)
        return self._group_class(
            group_resource_name(group),
            name=group.name,
            description=group.description,
            members={member.login: member.role for member in group.members},
            member_ids=None if self._members_by_login else _member_ids(group, self.user_ids),
            opts=self._child_options(
                _former_names(group.key, group.name, group.aliases), self._after_users
            ),
        )

    def _child_options(
        self, aliases: list[pulumi.Alias], after: Sequence[pulumi.Resource] = ()
    ) -> pulumi.ResourceOptions:
        return pulumi.ResourceOptions(
            parent=self, depends_on=[*self._after, *after], aliases=aliases
        )


def _placement(user: DesiredBoxUser) -> str:
    return placement_key(user.key, user.login, user.previous_logins)


def _member_ids(
    group: DesiredBoxGroup, users: Mapping[str, pulumi.Output[str]]
) -> dict[str, pulumi.Output[str]]:
    _all_are_users(group, users.keys())
    return {member.login: users[member.login] for member in group.members}


def _all_are_users(group: DesiredBoxGroup, logins: Collection[str]) -> None:
    missing = sorted(m.login for m in group.members if m.login not in logins)
    if missing:
        raise ValueError(
            f"Box group {group.name!r} lists member(s) {', '.join(missing)} who are not Box "
            "users of this stack; add them to box.users (or assign them the app in Entra), "
            "or remove them from the group"
        )
