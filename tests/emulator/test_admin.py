"""The emulator's own `/_emulator/` endpoints, for runs in a subprocess, and stray requests."""

from __future__ import annotations

import pytest
import requests
from box_sdk_gen import BoxClient

from emulator import EmulatorServer
from tests.conftest import BOX_ENTERPRISE_ID
from tests.support.box_calls import assert_box_error, box_error


def _admin(box: EmulatorServer, method: str, path: str, **kwargs: object) -> requests.Response:
    return requests.request(method, f"{box.url}/_emulator/{path}", timeout=10, **kwargs)  # type: ignore[arg-type]


def test_the_request_log_counts_calls_by_method_and_route(
    box: EmulatorServer, client: BoxClient
) -> None:
    user = client.users.create_user("Logged", login="logged@example.com")
    client.users.get_user_by_id(user.id)
    client.users.get_user_by_id(user.id)

    log = _admin(box, "GET", "requests").json()

    assert log["counts"] == {
        "GET /2.0/users/{user_id}": 2,
        "POST /2.0/users": 1,
        "POST /oauth2/token": 1,
    }
    assert log["total"] == 4
    assert [(e["method"], e["path"], e["status"]) for e in log["entries"][1:2]] == [
        ("POST", "/2.0/users", 201)
    ]
    assert box.request_log.writes()[0].template == "/2.0/users"


def test_the_request_log_can_be_read_from_an_index_and_emptied(
    box: EmulatorServer, client: BoxClient
) -> None:
    client.users.get_user_me()
    client.users.get_user_me()

    tail = _admin(box, "GET", "requests", params={"since": "2"}).json()
    emptied = _admin(box, "DELETE", "requests")

    assert [e["path"] for e in tail["entries"]] == ["/2.0/users/me"]
    assert emptied.status_code == 204 and len(box.request_log) == 0


def test_a_reset_leaves_only_the_service_account(box: EmulatorServer, client: BoxClient) -> None:
    client.users.create_user("Gone Soon", login="soon@example.com")
    client.groups.create_group("Gone Too")

    assert _admin(box, "POST", "reset").status_code == 204

    assert client.users.get_users().total_count == 0
    assert client.groups.get_groups().total_count == 0
    assert client.users.get_user_me().type == "user"


def test_faults_can_be_read_and_changed_over_http(box: EmulatorServer, client: BoxClient) -> None:
    changed = _admin(box, "PUT", "faults", json={"error_rate": 0.25, "seed": 7}).json()
    scripted = _admin(box, "POST", "faults/scripted", json={"kind": "error", "status": 503})

    assert changed["config"]["error_rate"] == 0.25 and changed["config"]["seed"] == 7
    assert scripted.status_code == 201
    assert scripted.json()["scripted"][0]["status"] == 503
    assert _admin(box, "DELETE", "faults/scripted").status_code == 204
    assert _admin(box, "GET", "faults").json()["scripted"] == []


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("faults", {"error_rate": 3}),
        ("faults", {"nonsense": 1}),
        ("faults", ["not", "an", "object"]),
        ("faults/scripted", {"kind": "meteor"}),
        ("faults/scripted", {"kind": "error", "status": 404}),
        ("service-account", {"role": "owner"}),
        ("service-account", {"enterprise_id": 5}),
    ],
)
def test_bad_admin_input_is_a_400_naming_the_problem(
    box: EmulatorServer, path: str, body: object
) -> None:
    method = "POST" if path == "faults/scripted" else "PUT"

    answer = _admin(box, method, path, json=body)

    assert answer.status_code == 400 and answer.json()["error"]


def test_the_service_account_can_lose_admin_rights(box: EmulatorServer, client: BoxClient) -> None:
    answer = _admin(box, "PUT", "service-account", json={"role": "user"})

    assert answer.json() == {"role": "user", "enterprise_id": BOX_ENTERPRISE_ID}
    me = client.users.get_user_me(fields=["role"])
    assert me.role is not None and me.role.value == "user"
    for call in (client.users.get_users, lambda: client.groups.create_group("Nope")):
        assert_box_error(box_error(call), 403, "access_denied_insufficient_permissions")


@pytest.mark.parametrize("enterprise_id", ["424242", None])
def test_the_service_account_can_be_put_in_another_enterprise_or_none(
    box: EmulatorServer, client: BoxClient, enterprise_id: str | None
) -> None:
    _admin(box, "PUT", "service-account", json={"enterprise_id": enterprise_id})

    me = client.users.get_user_me(fields=["enterprise"])

    expected = {"type": "enterprise", "id": enterprise_id, "name": "Box Emulator Enterprise"}
    assert me.raw_data.get("enterprise") == (expected if enterprise_id else None)


def test_expiring_tokens_over_http_makes_clients_refresh(
    box: EmulatorServer, client: BoxClient
) -> None:
    client.users.get_user_me()

    assert _admin(box, "POST", "tokens/expire").json()["expired"] >= 1

    client.users.get_user_me()
    assert box.request_log.count("POST", "/oauth2/token") == 2


def test_the_admin_endpoints_answer_loopback_clients_only(box: EmulatorServer) -> None:
    remote = {"REMOTE_ADDR": "10.1.2.3"}

    answer = box.app.test_client().get("/_emulator/requests", environ_base=remote)

    assert answer.status_code == 403


def test_an_unknown_path_is_box_s_404(box: EmulatorServer, box_client: BoxClient) -> None:
    box_client.users.get_user_me()
    token = box_client.auth.retrieve_token().access_token

    answer = requests.get(
        f"{box.url}/2.0/widgets", headers={"Authorization": f"Bearer {token}"}, timeout=10
    )

    assert (answer.status_code, answer.json()["code"], answer.json()["type"]) == (
        404,
        "not_found",
        "error",
    )
    assert box.request_log.select(path_prefix="/2.0/widgets")[0].template == "/2.0/widgets"


def test_a_wrong_method_is_box_s_405(box: EmulatorServer, box_client: BoxClient) -> None:
    box_client.users.get_user_me()
    token = box_client.auth.retrieve_token().access_token

    answer = requests.patch(
        f"{box.url}/2.0/users/me", headers={"Authorization": f"Bearer {token}"}, timeout=10
    )

    assert (answer.status_code, answer.json()["code"]) == (405, "method_not_allowed")
