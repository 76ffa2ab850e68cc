"""`GET /2.0/users`: offset and marker paging past 1,000 users, filters, `user_type`."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from box_sdk_gen import BoxClient, GetUsersUserType

from emulator import EmulatorServer
from emulator.testing import sdk_client
from tests.support.box_calls import assert_box_error, box_error, raw
from tests.support.validating_session import ValidatingSession

CROWD = 1205


@pytest.fixture(scope="module")
def crowded() -> Iterator[tuple[EmulatorServer, list[str]]]:
    """An emulator of its own holding 1,205 users (more than one page of 1,000)."""
    with EmulatorServer() as server:
        client = sdk_client(server.url)
        ids = [
            client.users.create_user(f"Person {n:04d}", login=f"person{n:04d}@example.com").id
            for n in range(CROWD)
        ]
        yield server, ids


@pytest.fixture
def crowd_client(crowded: tuple[EmulatorServer, list[str]]) -> BoxClient:
    return sdk_client(crowded[0].url, requests_session=ValidatingSession())


def test_offset_paging_walks_every_user_once(
    crowded: tuple[EmulatorServer, list[str]], crowd_client: BoxClient
) -> None:
    seen: list[str] = []
    while True:
        page = crowd_client.users.get_users(offset=len(seen), limit=1000)
        assert page.total_count == CROWD and page.limit == 1000 and page.offset == len(seen)
        seen += [user.id for user in page.entries or []]
        if len(seen) >= (page.total_count or 0):
            break

    assert seen == crowded[1]


@pytest.mark.parametrize(("asked", "used"), [(None, 100), (1, 1), (1000, 1000), (5000, 1000)])
def test_the_limit_defaults_to_100_is_clamped_to_1000_and_reported(
    crowd_client: BoxClient, asked: int | None, used: int
) -> None:
    page = crowd_client.users.get_users(limit=asked)

    assert (page.limit, len(page.entries or [])) == (used, used)


def test_the_last_offset_page_holds_the_remainder(crowd_client: BoxClient) -> None:
    page = crowd_client.users.get_users(offset=1200, limit=1000)

    assert [u.name for u in page.entries or []] == [f"Person {n:04d}" for n in range(1200, CROWD)]
    assert page.raw_data["order"] == [{"by": "id", "direction": "ASC"}]


def test_an_offset_past_the_end_answers_no_entries(crowd_client: BoxClient) -> None:
    page = crowd_client.users.get_users(offset=5000)

    assert (page.entries, page.total_count) == ([], CROWD)


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"offset": "10001"}, "invalid_offset"),
        ({"offset": "-1"}, "invalid_offset"),
        ({"offset": "ten"}, "invalid_offset"),
        ({"limit": "lots"}, "invalid_limit"),
        ({"limit": "0"}, "invalid_limit"),
        ({"usemarker": "true", "offset": "5"}, "bad_request"),
        ({"marker": "abc"}, "bad_request"),
        ({"usemarker": "true", "marker": "not-a-marker"}, "invalid_marker"),
        ({"usemarker": "maybe"}, "bad_request"),
        ({"user_type": "robots"}, "bad_request"),
    ],
)
def test_bad_paging_or_filter_parameters_are_a_400(
    crowd_client: BoxClient, params: dict[str, str], code: str
) -> None:
    failure = box_error(lambda: raw(crowd_client, "GET", "/2.0/users", params=params))

    assert_box_error(failure, 400, code)


def test_offset_10000_is_still_accepted(crowd_client: BoxClient) -> None:
    assert crowd_client.users.get_users(offset=10000).entries == []


def test_marker_paging_walks_every_user_once_and_ends_with_no_marker(
    crowded: tuple[EmulatorServer, list[str]], crowd_client: BoxClient
) -> None:
    seen: list[str] = []
    marker: str | None = None
    pages = 0
    while True:
        page = crowd_client.users.get_users(usemarker=True, marker=marker, limit=500)
        pages += 1
        assert not {"total_count", "offset", "order"} & set(page.raw_data)
        seen += [user.id for user in page.entries or []]
        marker = page.next_marker
        if not marker:
            break

    assert seen == crowded[1]
    assert pages == 3


@pytest.mark.parametrize("usemarker", ["True", "true", "TRUE"])
def test_booleans_are_accepted_as_the_sdk_and_others_spell_them(
    crowd_client: BoxClient, usemarker: str
) -> None:
    answer = raw(crowd_client, "GET", "/2.0/users", params={"usemarker": usemarker, "limit": "2"})

    assert answer.data is not None and "next_marker" in answer.data


def test_fields_apply_to_every_listed_user(crowd_client: BoxClient) -> None:
    page = crowd_client.users.get_users(fields=["status"], limit=3)

    assert [set(user) for user in page.raw_data["entries"]] == [
        {"type", "id", "name", "login", "status"}
    ] * 3


@pytest.mark.parametrize(
    ("term", "count"),
    [
        ("Person 000", 10),
        ("person 000", 10),
        ("PERSON0001", 1),
        ("person1", 205),
        ("Person 12", 5),
        ("erson", 0),
        ("example.com", 0),
    ],
)
def test_filter_term_matches_a_prefix_of_name_or_login_in_any_case(
    crowd_client: BoxClient, term: str, count: int
) -> None:
    page = crowd_client.users.get_users(filter_term=term, limit=1000)

    assert page.total_count == count == len(page.entries or [])


def test_filter_term_also_narrows_marker_paging(crowd_client: BoxClient) -> None:
    page = crowd_client.users.get_users(filter_term="person00", usemarker=True, limit=1000)

    assert len(page.entries or []) == 100 and page.next_marker is None


def test_users_lists_managed_users_by_default_not_the_service_account(client: BoxClient) -> None:
    client.users.create_user("Managed", login="managed@example.com")
    client.users.create_user("App", is_platform_access_only=True)
    me = client.users.get_user_me()

    for user_type in (None, GetUsersUserType.MANAGED, GetUsersUserType.ALL):
        names = {u.name for u in client.users.get_users(user_type=user_type).entries or []}
        assert names == {"Managed", "App"}
        assert me.name not in names


def test_user_type_external_finds_no_managed_user(client: BoxClient) -> None:
    client.users.create_user("Managed", login="managed@example.com")

    page = client.users.get_users(
        user_type=GetUsersUserType.EXTERNAL, filter_term="managed@example.com"
    )

    assert (page.entries, page.total_count) == ([], 0)


def test_external_app_user_id_matches_exactly(client: BoxClient) -> None:
    client.users.create_user("Linked", login="linked@example.com", external_app_user_id="oid-1")
    client.users.create_user("Other", login="other@example.com", external_app_user_id="oid-10")

    page = client.users.get_users(external_app_user_id="oid-1")

    assert [u.name for u in page.entries or []] == ["Linked"]


def test_an_empty_enterprise_lists_no_users(client: BoxClient) -> None:
    page = client.users.get_users()

    assert (page.entries, page.total_count, page.limit, page.offset) == ([], 0, 100, 0)
