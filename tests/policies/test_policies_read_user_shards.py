"""The policies judge each person of a user shard as they judge a `box:User` (issue 16)."""

from __future__ import annotations

from typing import Any

from policies.box_coadmins import validate_coadmin_limit, validate_coadmins_explicit
from policies.box_users import managed_box_users
from policies.reading import BOX_USER_SHARD
from tests.policies.support import box_user, check_stack, resource


def entry(login: str, **props: Any) -> dict[str, Any]:
    return {
        "login": login,
        "name": login.split("@")[0].title(),
        "status": "active",
        "role": "user",
        "role_explicit": False,
        "assigned_via": [f"user:{login}"],
        **props,
    }


def shard(name: str, *entries: dict[str, Any]) -> Any:
    users = {item["login"]: item for item in entries}
    return resource(BOX_USER_SHARD, name, {"shard": name, "users": users, "user_ids": {}})


def test_every_entry_of_every_shard_is_a_managed_user() -> None:
    resources = [
        shard("users-001", entry("ann@contoso.com"), entry("bob@contoso.com")),
        shard("users-002", entry("cy@contoso.com")),
        box_user("dee@contoso.com"),
    ]

    logins = sorted(str(user.login) for user in managed_box_users(resources))

    assert logins == ["ann@contoso.com", "bob@contoso.com", "cy@contoso.com", "dee@contoso.com"]


def test_coadmins_in_shards_count_against_the_limit() -> None:
    admins = [entry(f"admin{n}@contoso.com", role="coadmin", role_explicit=True) for n in range(3)]

    violations = check_stack(validate_coadmin_limit, [shard("users-001", *admins)])

    assert "3 Box users are co-admins" in violations.messages[0]


def test_a_coadmin_from_defaults_is_named_by_login_inside_its_shard() -> None:
    implicit = entry("eve@contoso.com", role="coadmin", role_explicit=False)

    violations = check_stack(validate_coadmins_explicit, [shard("users-007", implicit)])

    assert violations and "eve@contoso.com" in violations.messages[0]
    # The shard's own URN: a policy may only name resources the engine knows.
    assert violations.urns[0] is not None and violations.urns[0].endswith("::users-007")
