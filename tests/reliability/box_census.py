"""What Box and the stack hold, counted: the reliability tests' "nothing lost, nothing doubled".

Reads Box only through the official SDK (as an admin would see it) and the stack only
through `pulumi stack export`. `assert_converged` is the one verdict every fault scenario
ends with: each spec login exactly once in Box and active, each Box user in the state under
its own id, the provisioned groups with exactly their members, no pending operation left.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from box_sdk_gen import BoxClient, UserFull

from tests.support.box_only_spec import Org
from tests.support.engine import EngineStack

PAGE = 1000


def box_users(client: BoxClient) -> list[UserFull]:
    """Every managed user of the enterprise, all pages."""
    users: list[UserFull] = []
    while True:
        page = client.users.get_users(limit=PAGE, offset=len(users), fields=["login", "status"])
        entries = page.entries or []
        users.extend(entries)
        if len(entries) < PAGE:
            return users


def box_group_members(client: BoxClient) -> dict[str, set[str]]:
    """Every group by name, with its members' logins."""
    groups = client.groups.get_groups(limit=PAGE).entries or []
    return {
        group.name or "": {
            (entry.user.login or "") if entry.user else ""
            for entry in client.memberships.get_group_memberships(group.id, limit=PAGE).entries
            or []
        }
        for group in groups
    }


def duplicated_logins(users: list[UserFull]) -> dict[str, int]:
    counts = Counter((user.login or "").lower() for user in users)
    return {login: count for login, count in counts.items() if count > 1}


def state_user_ids(stack: EngineStack) -> dict[str, str]:
    """The stack's managed users: login -> Box user id, as the state records them."""
    return {login: str(user["id"]) for login, user in stack.recorded_users().items()}


def pending_operations(stack: EngineStack) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = stack.export_state()["deployment"].get("pending_operations") or []
    return found


def expected_logins(org: Org) -> set[str]:
    return {*org.direct, *(login for members in org.groups.values() for login in members)}


def assert_converged(client: BoxClient, stack: EngineStack, org: Org) -> None:
    """Box and the state hold exactly `org`: no duplicate, nobody orphaned, nothing pending."""
    users = box_users(client)
    assert duplicated_logins(users) == {}
    in_box = {user.login: user for user in users}
    assert set(in_box) == expected_logins(org)
    assert {user.status.value for user in users if user.status} == {"active"}
    assert state_user_ids(stack) == {login: user.id for login, user in in_box.items()}
    assert box_group_members(client) == {name: set(logins) for name, logins in org.groups.items()}
    assert pending_operations(stack) == []
