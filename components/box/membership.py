"""Box group memberships: the plan from current to desired, and one Box call per change.

`group.py` keeps a group's memberships in the group resource's state as three maps keyed
by login (`members`: role, `member_ids`: user id, `membership_ids`: Box membership id).
`plan_memberships` (pure) says what to add, remove and re-role; `apply_plan` spends exactly
one call per change (POST, DELETE, PUT) and heals stale state: a membership already gone
counts as removed, and a user already in the group is found and given the wanted role.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from box_sdk_gen.client import BoxClient
from box_sdk_gen.managers.memberships import (
    CreateGroupMembershipGroup,
    CreateGroupMembershipRole,
    CreateGroupMembershipUser,
    UpdateGroupMembershipByIdRole,
)

from components.box import audit
from components.box.errors import (
    BoxConflictError,
    BoxNotFoundError,
    BoxProviderError,
    box_call,
    with_progress,
)

PAGE_SIZE = 1000


@dataclass(frozen=True)
class Member:
    """One user in a group: their Box user id, role, and membership id once it exists."""

    user_id: str
    role: str
    membership_id: str | None = None


@dataclass(frozen=True)
class MembershipPlan:
    """The membership calls that take a group from its current to its desired members."""

    remove: Mapping[str, Member]
    change: Mapping[str, Member]
    add: Mapping[str, Member]

    def steps(self) -> list[str]:
        """Human-readable steps, in the order `apply_plan` runs them."""
        return (
            [f"remove {login}" for login in self.remove]
            + [f"make {login} {m.role}" for login, m in self.change.items()]
            + [f"add {login} as {m.role}" for login, m in self.add.items()]
        )


def members_from_state(state: Mapping[str, Any]) -> dict[str, Member]:
    """The members a group resource's state (or inputs) records, by login."""
    roles: Mapping[str, str] = state.get("members") or {}
    user_ids: Mapping[str, str] = state.get("member_ids") or {}
    membership_ids: Mapping[str, str] = state.get("membership_ids") or {}
    return {
        login: Member(user_ids.get(login, ""), role, membership_ids.get(login))
        for login, role in sorted(roles.items())
    }


def state_from_members(members: Mapping[str, Member]) -> dict[str, dict[str, str]]:
    """The three state maps for a set of members."""
    ordered = sorted(members.items())
    return {
        "members": {login: m.role for login, m in ordered},
        "member_ids": {login: m.user_id for login, m in ordered},
        "membership_ids": {login: m.membership_id for login, m in ordered if m.membership_id},
    }


def plan_memberships(
    current: Mapping[str, Member], desired: Mapping[str, Member]
) -> MembershipPlan:
    """What to remove, re-role and add; a login now backed by another user id is re-added."""
    moved = {login for login in current.keys() & desired.keys() if _moved(current, desired, login)}
    remove = {login: current[login] for login in sorted(current.keys() - desired.keys() | moved)}
    add = {login: desired[login] for login in sorted(desired.keys() - current.keys() | moved)}
    change = {
        login: replace(current[login], role=desired[login].role)
        for login in sorted(current.keys() & desired.keys() - moved)
        if current[login].role != desired[login].role
    }
    return MembershipPlan(remove=remove, change=change, add=add)


def list_members(client: BoxClient, group_id: str, target: str) -> dict[str, Member]:
    """The group's members as Box has them now, by lower-case login (offset paging)."""
    members: dict[str, Member] = {}
    offset = 0
    with box_call(target, "list members"):
        while True:
            page = client.memberships.get_group_memberships(
                group_id, limit=PAGE_SIZE, offset=offset
            )
            entries = page.entries or []
            for entry in entries:
                if entry.user is not None and entry.user.login:
                    role = entry.role.value if entry.role is not None else "member"
                    members[entry.user.login.lower()] = Member(entry.user.id, role, entry.id)
            offset += len(entries)
            if not entries or offset >= (page.total_count or 0):
                return members


def apply_plan(
    client: BoxClient,
    group_id: str,
    target: str,
    plan: MembershipPlan,
    current: Mapping[str, Member],
) -> dict[str, Member]:
    """Run the plan; return the members Box now has. Errors say what was and was not done."""
    runner = _Runner(client, group_id, target, dict(current))
    steps = plan.steps()
    try:
        for login in plan.remove:
            runner.remove(login, plan.remove[login])
        for login, member in plan.change.items():
            runner.change(login, member)
        for login, member in plan.add.items():
            runner.add(login, member)
    except BoxProviderError as error:
        audit.report_failure(target, "memberships", error)
        done = steps[: runner.steps_done]
        raise with_progress(error, done, steps[runner.steps_done :]) from error
    return runner.members


def _moved(current: Mapping[str, Member], desired: Mapping[str, Member], login: str) -> bool:
    return bool(desired[login].user_id) and current[login].user_id != desired[login].user_id


class _Runner:
    """Applies membership steps one call each, keeping the resulting members."""

    def __init__(
        self, client: BoxClient, group_id: str, target: str, members: dict[str, Member]
    ) -> None:
        self.client = client
        self.group_id = group_id
        self.target = target
        self.members = members
        self.steps_done = 0

    def remove(self, login: str, member: Member) -> None:
        operation = f"remove member {login}"
        outcome = "done"
        try:
            with box_call(self.target, operation):
                self.client.memberships.delete_group_membership_by_id(self._id_of(login, member))
        except BoxNotFoundError:
            outcome = "already removed in Box"
        self.members.pop(login, None)
        self._done(operation, outcome)

    def change(self, login: str, member: Member) -> None:
        operation = f"set role of {login} to {member.role}"
        try:
            with box_call(self.target, operation):
                self.client.memberships.update_group_membership_by_id(
                    self._id_of(login, member), role=UpdateGroupMembershipByIdRole(member.role)
                )
        except BoxNotFoundError:
            # Removed in Box since the last refresh: adding it back is the same step.
            self._post(login, member, operation)
            return
        self.members[login] = member
        self._done(operation, "done")

    def add(self, login: str, member: Member) -> None:
        self._post(login, member, f"add member {login} as {member.role}")

    def _post(self, login: str, member: Member, operation: str) -> None:
        try:
            with box_call(self.target, operation):
                created = self.client.memberships.create_group_membership(
                    CreateGroupMembershipUser(id=member.user_id),
                    CreateGroupMembershipGroup(id=self.group_id),
                    role=CreateGroupMembershipRole(member.role),
                )
        except BoxConflictError:
            self._adopt(login, member, operation)
            return
        self.members[login] = replace(member, membership_id=created.id)
        self._done(operation, f"done (membership {created.id})")

    def _adopt(self, login: str, member: Member, operation: str) -> None:
        # Already a member (an earlier interrupted run, or a console change): find it once.
        existing = list_members(self.client, self.group_id, self.target).get(login)
        if existing is None or existing.user_id != member.user_id:
            raise BoxConflictError(
                f"{operation} in {self.target}: Box reports a conflict but {login} is not in "
                "the group; check the user in the Box Admin Console and re-run `pulumi up`"
            )
        outcome = f"already a member (membership {existing.membership_id})"
        if existing.role != member.role:
            with box_call(self.target, operation):
                self.client.memberships.update_group_membership_by_id(
                    existing.membership_id or "", role=UpdateGroupMembershipByIdRole(member.role)
                )
            outcome += f"; role changed from {existing.role} to {member.role}"
        self.members[login] = replace(member, membership_id=existing.membership_id)
        self._done(operation, outcome)

    def _id_of(self, login: str, member: Member) -> str:
        if member.membership_id:
            return member.membership_id
        found = list_members(self.client, self.group_id, self.target).get(login)
        if found is None or not found.membership_id:
            raise BoxNotFoundError(f"membership of {login} in {self.target} not found")
        return found.membership_id

    def _done(self, operation: str, outcome: str) -> None:
        self.steps_done += 1
        audit.report(self.target, operation, outcome)
