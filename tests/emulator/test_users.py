"""Users through the official SDK: create, read, update, delete, the service account, errors."""

from __future__ import annotations

from typing import Any

import pytest
from box_sdk_gen import BoxClient, CreateUserRole, CreateUserStatus, UpdateUserByIdStatus

from emulator import EmulatorServer
from tests.conftest import BOX_ENTERPRISE_ID
from tests.support.box_calls import assert_box_error, box_error, raw

UNLIMITED = 999_999_999_999_999
STANDARD_USER_FIELDS = {
    *("type", "id", "name", "login", "created_at", "modified_at", "language", "timezone"),
    *("space_amount", "space_used", "max_upload_size", "status", "job_title", "phone"),
    *("address", "avatar_url", "notification_email"),
}


def test_creating_a_user_answers_201_with_the_standard_representation(
    box: EmulatorServer, client: BoxClient
) -> None:
    user = client.users.create_user("Ada Lovelace", login="ada@example.com", job_title="Analyst")

    assert (user.name, user.login, user.job_title, user.status) == (
        "Ada Lovelace",
        "ada@example.com",
        "Analyst",
        "active",
    )
    assert set(user.raw_data) == STANDARD_USER_FIELDS
    assert box.request_log.select("POST", "/2.0/users")[0].status == 201


def test_a_created_user_reads_back_with_every_attribute_it_was_given(client: BoxClient) -> None:
    created = client.users.create_user(
        "Grace Hopper",
        login="grace@example.com",
        role=CreateUserRole.COADMIN,
        status=CreateUserStatus.INACTIVE,
        space_amount=1024,
        phone="+1 555 0100",
        external_app_user_id="entra-oid-1",
        is_sync_enabled=False,
    )

    read = client.users.get_user_by_id(
        created.id,
        fields=[
            "role",
            "status",
            "space_amount",
            "phone",
            "external_app_user_id",
            "is_sync_enabled",
        ],
    )

    assert read.raw_data == {
        "type": "user",
        "id": created.id,
        "name": "Grace Hopper",
        "login": "grace@example.com",
        "role": "coadmin",
        "status": "inactive",
        "space_amount": 1024,
        "phone": "+1 555 0100",
        "external_app_user_id": "entra-oid-1",
        "is_sync_enabled": False,
    }


def test_unlimited_space_is_sent_as_minus_one_and_reported_as_box_reports_it(
    client: BoxClient,
) -> None:
    user = client.users.create_user("Unlimited", login="unlimited@example.com", space_amount=-1)

    assert user.space_amount == UNLIMITED


def test_logins_are_stored_lower_case(client: BoxClient) -> None:
    user = client.users.create_user("Mixed Case", login="Mixed.Case@Example.COM")

    assert user.login == "mixed.case@example.com"


def test_updating_a_user_changes_only_what_was_sent(box: EmulatorServer, client: BoxClient) -> None:
    user = client.users.create_user("Old Name", login="old@example.com", job_title="Keep me")

    updated = client.users.update_user_by_id(
        user.id,
        name="New Name",
        status=UpdateUserByIdStatus.INACTIVE,
        fields=["job_title", "status"],
    )

    assert (updated.name, updated.job_title, updated.status) == ("New Name", "Keep me", "inactive")
    assert box.request_log.select("PUT")[0].status == 200


def test_a_notification_email_can_be_set_and_removed(client: BoxClient) -> None:
    user = client.users.create_user("Notified", login="notified@example.com")

    raw(client, "PUT", f"/2.0/users/{user.id}", json={"notification_email": {"email": "n@x.org"}})
    with_email = client.users.get_user_by_id(user.id).raw_data["notification_email"]
    raw(client, "PUT", f"/2.0/users/{user.id}", json={"notification_email": None})

    assert with_email == {"email": "n@x.org", "is_confirmed": False}
    assert client.users.get_user_by_id(user.id).raw_data["notification_email"] is None


def test_deleting_a_user_answers_204_and_the_user_is_gone(
    box: EmulatorServer, client: BoxClient
) -> None:
    user = client.users.create_user("Leaver", login="leaver@example.com")

    client.users.delete_user_by_id(user.id)

    assert box.request_log.select("DELETE")[0].status == 204
    assert_box_error(box_error(lambda: client.users.get_user_by_id(user.id)), 404, "not_found")


def test_users_me_is_the_service_account_an_admin_of_the_enterprise(client: BoxClient) -> None:
    me = client.users.get_user_me(fields=["role", "enterprise"])

    assert me.role is not None and me.role.value == "admin"
    assert me.enterprise is not None and me.enterprise.id == BOX_ENTERPRISE_ID
    assert me.login is not None and me.login.endswith("@boxdevedition.com")


def test_users_me_answers_the_standard_representation_by_default(client: BoxClient) -> None:
    assert set(client.users.get_user_me().raw_data) == STANDARD_USER_FIELDS


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (["role"], {"type", "id", "name", "login", "role"}),
        (["enterprise", "status"], {"type", "id", "name", "login", "enterprise", "status"}),
        (["id"], {"type", "id", "name", "login"}),
        (["no_such_field"], {"type", "id", "name", "login"}),
    ],
)
def test_fields_answers_the_mini_representation_plus_the_requested_fields(
    client: BoxClient, fields: list[str], expected: set[str]
) -> None:
    user = client.users.create_user("Fielded", login="fielded@example.com", fields=fields)

    assert set(user.raw_data) == expected
    assert set(client.users.get_user_by_id(user.id, fields=fields).raw_data) == expected
    assert set(client.users.get_user_me(fields=fields).raw_data) == expected


@pytest.mark.parametrize("login", ["taken@example.com", "TAKEN@example.com", "Taken@Example.Com"])
def test_a_login_already_taken_in_any_case_is_a_409(client: BoxClient, login: str) -> None:
    client.users.create_user("First", login="taken@example.com")

    failure = box_error(lambda: client.users.create_user("Second", login=login))

    body = assert_box_error(failure, 409, "user_login_already_used")
    assert body["message"] == "User with the specified login already exists"


def test_changing_a_login_to_one_already_taken_is_a_409(client: BoxClient) -> None:
    client.users.create_user("First", login="first@example.com")
    second = client.users.create_user("Second", login="second@example.com")

    failure = box_error(
        lambda: client.users.update_user_by_id(second.id, login="FIRST@example.com")
    )

    assert_box_error(failure, 409, "user_login_already_used")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"login": "a@example.com"}, "name"),
        ({"name": "No Login"}, "body"),
        ({"name": "x" * 51, "login": "a@example.com"}, "name"),
        ({"name": "", "login": "a@example.com"}, "name"),
        ({"name": "Bad Login", "login": "not-an-email"}, "login"),
        ({"name": "Role", "login": "a@example.com", "role": "admin"}, "role"),
        ({"name": "Status", "login": "a@example.com", "status": "deleted"}, "status"),
        ({"name": "Space", "login": "a@example.com", "space_amount": -2}, "space_amount"),
        ({"name": "Space", "login": "a@example.com", "space_amount": "lots"}, "space_amount"),
        ({"name": "Job", "login": "a@example.com", "job_title": "j" * 101}, "job_title"),
        ({"name": "Bool", "login": "a@example.com", "is_sync_enabled": "yes"}, "is_sync_enabled"),
    ],
)
def test_invalid_user_values_are_a_400_naming_the_field(
    box: EmulatorServer, client: BoxClient, body: dict[str, Any], field: str
) -> None:
    failure = box_error(lambda: raw(client, "POST", "/2.0/users", json=body))

    answer = assert_box_error(failure, 400, "bad_request")
    assert field in [error["name"] for error in answer["context_info"]["errors"]]
    assert box.request_log.count("POST", "/2.0/users", status=201) == 0


@pytest.mark.parametrize(
    "body",
    [
        {"role": "admin"},
        {"status": "gone"},
        {"space_amount": -5},
        {"notification_email": {}},
        {"notification_email": {"email": "not-an-address"}},
    ],
)
def test_invalid_updates_are_a_400_and_change_nothing(
    client: BoxClient, body: dict[str, Any]
) -> None:
    user = client.users.create_user("Stable", login="stable@example.com")

    failure = box_error(lambda: raw(client, "PUT", f"/2.0/users/{user.id}", json=body))

    assert_box_error(failure, 400, "invalid_parameter")
    after = client.users.get_user_by_id(user.id, fields=["role", "status", "space_amount"])
    assert after.raw_data["role"] == "user" and after.raw_data["status"] == "active"


@pytest.mark.parametrize("user_id", ["12345", "40000000001", "not-a-number"])
def test_an_unknown_user_id_is_a_404_not_found(client: BoxClient, user_id: str) -> None:
    for call in (
        lambda: client.users.get_user_by_id(user_id),
        lambda: client.users.update_user_by_id(user_id, name="x"),
        lambda: client.users.delete_user_by_id(user_id),
    ):
        body = assert_box_error(box_error(call), 404, "not_found")
        assert body["context_info"]["errors"][0]["name"] == "user"


def test_an_app_user_gets_a_generated_login(client: BoxClient) -> None:
    user = client.users.create_user("App User", is_platform_access_only=True)

    assert user.login is not None and user.login.endswith("@boxdevedition.com")
