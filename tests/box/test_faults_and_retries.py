"""429 storms, 5xx answers before and after the write, dropped connections: no duplicates."""

from __future__ import annotations

from typing import Any

import pytest
from box_sdk_gen import BoxClient

from components.box.errors import BoxRetryableError
from components.box.group import BoxGroupProvider
from components.box.throttle import TokenBucket
from components.box.user import BoxUserProvider
from emulator import EmulatorServer
from tests.box.conftest import ConfigureProvider, logins_in_box, user_inputs


def create_user(users: BoxUserProvider, login: str) -> tuple[str, dict[str, Any]]:
    result = users.create(users.check({}, user_inputs(login)).inputs)
    assert result.outs is not None
    return result.id, result.outs


def statuses(box: EmulatorServer, method: str, path: str) -> list[int]:
    return [e.status for e in box.request_log.select(method) if e.path == path]


def test_a_429_storm_is_waited_out_and_makes_exactly_one_user(
    box: EmulatorServer, box_client: BoxClient, users: BoxUserProvider
) -> None:
    box.inject("rate_limit", count=4, method="POST", path_prefix="/2.0/users", retry_after=0)

    _, outs = create_user(users, "ann@contoso.com")

    assert statuses(box, "POST", "/2.0/users") == [429, 429, 429, 429, 201]
    assert logins_in_box(box_client, "ann@") == ["ann@contoso.com"]
    assert outs["adopted"] is False


def test_retry_after_is_honoured(box: EmulatorServer, users: BoxUserProvider) -> None:
    box.inject("rate_limit", count=1, method="POST", path_prefix="/2.0/users", retry_after=1)

    create_user(users, "ann@contoso.com")

    first, second = (e.timestamp for e in box.request_log.select("POST", "/2.0/users"))
    assert second - first >= 1.0


@pytest.mark.parametrize(
    ("kind", "status", "timing", "adopted"),
    [
        ("error", 503, "before", False),
        ("error", 500, "after", True),
        ("drop", 500, "before", False),
        ("drop", 500, "after", True),
    ],
    ids=["503 before the write", "500 after the write", "dropped before", "dropped after"],
)
def test_a_failed_answer_to_create_never_makes_a_second_user(
    box: EmulatorServer,
    box_client: BoxClient,
    users: BoxUserProvider,
    kind: Any,
    status: int,
    timing: Any,
    adopted: bool,
) -> None:
    box.inject(kind, status=status, timing=timing, method="POST", path_prefix="/2.0/users")

    user_id, outs = create_user(users, "ann@contoso.com")

    assert logins_in_box(box_client, "ann@") == ["ann@contoso.com"]
    assert box_client.users.get_user_by_id(user_id).login == "ann@contoso.com"
    assert outs["adopted"] is adopted


def test_a_group_and_a_membership_whose_answers_are_lost_are_not_duplicated(
    box: EmulatorServer, box_client: BoxClient, groups: BoxGroupProvider
) -> None:
    ann = box_client.users.create_user("Ann", login="ann@contoso.com").id
    box.inject("error", status=502, timing="after", method="POST", path_prefix="/2.0/groups")
    box.inject("drop", timing="after", method="POST", path_prefix="/2.0/group_memberships")
    inputs = {"name": "Sales", "members": {"ann@contoso.com": "admin"}}

    result = groups.create(
        groups.check({}, {**inputs, "member_ids": {"ann@contoso.com": ann}}).inputs
    )

    assert len(box_client.groups.get_groups(filter_term="Sales").entries or []) == 1
    memberships = box_client.memberships.get_group_memberships(result.id).entries or []
    assert [(m.user.id if m.user else "", m.role.value if m.role else "") for m in memberships] == [
        (ann, "admin")
    ]


def test_reads_ride_out_dropped_connections(box: EmulatorServer, users: BoxUserProvider) -> None:
    user_id, outs = create_user(users, "ann@contoso.com")
    box.inject("drop", count=2, method="GET", path_prefix="/2.0/users")

    assert users.read(user_id, outs).id == user_id


def test_an_expired_token_is_renewed_without_failing_the_call(
    box: EmulatorServer, users: BoxUserProvider
) -> None:
    create_user(users, "ann@contoso.com")
    box.expire_tokens()

    user_id, _ = create_user(users, "bob@contoso.com")

    assert user_id
    assert box.request_log.count("POST", "/oauth2/token") == 2


def test_box_busy_beyond_the_time_budget_is_an_error_saying_what_to_do(
    box: EmulatorServer, box_client: BoxClient, configure_provider: ConfigureProvider
) -> None:
    users = configure_provider(BoxUserProvider, **{"box:retryTimeoutSeconds": "2"})
    box.inject("rate_limit", count=100, method="POST", path_prefix="/2.0/users", retry_after=1)

    with pytest.raises(BoxRetryableError) as raised:
        create_user(users, "ann@contoso.com")

    message = str(raised.value)
    assert message.startswith("create user ann@contoso.com: Box kept answering 429")
    assert "until the retry time ran out" in message and "re-run `pulumi up`" in message
    assert statuses(box, "POST", "/2.0/users") == [429, 429]
    assert logins_in_box(box_client, "ann@") == []


def test_a_membership_update_cut_short_says_what_was_done_and_a_rerun_finishes_it(
    box: EmulatorServer, box_client: BoxClient, configure_provider: ConfigureProvider
) -> None:
    groups = configure_provider(BoxGroupProvider, **{"box:maxAttempts": "2"})
    ids = {
        login: box_client.users.create_user(login[:3], login=login).id
        for login in ("ann@contoso.com", "bob@contoso.com", "cy@contoso.com")
    }
    two = {"ann@contoso.com": "member", "bob@contoso.com": "member"}
    created = groups.create(
        groups.check(
            {}, {"name": "Sales", "members": two, "member_ids": {k: ids[k] for k in two}}
        ).inputs
    )
    assert created.outs is not None
    wanted = {"ann@contoso.com": "member", "cy@contoso.com": "admin"}
    news = groups.check(
        created.outs,
        {"name": "Sales", "members": wanted, "member_ids": {k: ids[k] for k in wanted}},
    ).inputs
    box.inject("error", count=10, status=503, method="POST", path_prefix="/2.0/group_memberships")

    with pytest.raises(BoxRetryableError) as raised:
        groups.update(created.id, created.outs, news)

    assert "Done before the failure: remove bob@contoso.com" in str(raised.value)
    assert "Not done: add cy@contoso.com as admin" in str(raised.value)
    box.clear_faults()

    groups.update(created.id, created.outs, news)

    entries = box_client.memberships.get_group_memberships(created.id).entries or []
    members = {
        ((m.user.login or "") if m.user else ""): (m.role.value if m.role else "") for m in entries
    }
    assert members == wanted


def test_every_http_attempt_retries_included_waits_for_the_rate_limiter(
    box: EmulatorServer, configure_provider: ConfigureProvider, monkeypatch: pytest.MonkeyPatch
) -> None:
    taken: list[None] = []
    acquire = TokenBucket.acquire
    monkeypatch.setattr(TokenBucket, "acquire", lambda self: taken.append(acquire(self)))
    users = configure_provider(BoxUserProvider)
    box.inject("rate_limit", count=2, method="POST", path_prefix="/2.0/users", retry_after=0)

    create_user(users, "ann@contoso.com")

    # token, me, the adoption lookup, 429, 429, 201
    assert len(taken) == len(box.request_log.entries) == 6
