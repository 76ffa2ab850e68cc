"""Folders through the official SDK, on behalf of users (`As-User`), and user deletion."""

from __future__ import annotations

import pytest
from box_sdk_gen import BoxClient, CreateFolderParent, UpdateUserByIdStatus

from emulator import EmulatorServer
from tests.support.box_calls import assert_box_error, box_error, raw

ROOT = CreateFolderParent(id="0")


@pytest.fixture
def alice(client: BoxClient) -> tuple[str, BoxClient]:
    """A managed user and a client acting as them (`As-User`)."""
    user = client.users.create_user("Alice Smith", login="alice@example.com")
    return user.id, client.with_as_user_header(user.id)


def _folder_id(client: BoxClient, name: str, parent_id: str = "0") -> str:
    return client.folders.create_folder(name, CreateFolderParent(id=parent_id)).id


def test_a_folder_created_as_a_user_is_owned_by_them_in_their_root(
    box: EmulatorServer, alice: tuple[str, BoxClient]
) -> None:
    alice_id, as_alice = alice

    folder = as_alice.folders.create_folder("Projects", ROOT)

    assert folder.owned_by is not None and folder.owned_by.id == alice_id
    assert folder.parent is not None and folder.parent.id == "0"
    assert folder.path_collection is not None and folder.path_collection.total_count == 1
    assert box.request_log.select("POST", "/2.0/folders")[0].status == 201
    assert box.request_log.select("POST", "/2.0/folders")[0].as_user == alice_id


def test_folder_zero_is_each_user_s_own_root(
    client: BoxClient, alice: tuple[str, BoxClient]
) -> None:
    alice_id, as_alice = alice
    as_alice.folders.create_folder("Alice's", ROOT)
    client.folders.create_folder("Service's", ROOT)

    alice_root = as_alice.folders.get_folder_by_id("0")
    service_root = client.folders.get_folder_items("0")

    assert alice_root.name == "All Files"
    assert alice_root.owned_by is not None and alice_root.owned_by.id == alice_id
    assert [e["name"] for e in alice_root.raw_data["item_collection"]["entries"]] == ["Alice's"]
    assert [e.name for e in service_root.entries or []] == ["Service's"]


def test_nested_folders_list_in_name_order_with_offset_paging(
    alice: tuple[str, BoxClient],
) -> None:
    _, as_alice = alice
    parent = _folder_id(as_alice, "Parent")
    for name in ("delta", "Alpha", "charlie", "Bravo"):
        _folder_id(as_alice, name, parent)

    page = as_alice.folders.get_folder_items(parent, offset=1, limit=2)
    child = as_alice.folders.get_folder_by_id(_folder_id(as_alice, "echo", parent))

    assert (page.total_count, page.offset, page.limit) == (4, 1, 2)
    assert [e.name for e in page.entries or []] == ["Bravo", "charlie"]
    assert [f["name"] for f in child.raw_data["path_collection"]["entries"]] == [
        "All Files",
        "Parent",
    ]


def test_another_user_s_folder_is_invisible(
    client: BoxClient, alice: tuple[str, BoxClient]
) -> None:
    _, as_alice = alice
    folder_id = _folder_id(as_alice, "Private")

    for call in (
        lambda: client.folders.get_folder_by_id(folder_id),
        lambda: client.folders.get_folder_items(folder_id),
        lambda: client.folders.delete_folder_by_id(folder_id),
        lambda: client.folders.create_folder("Intrusion", CreateFolderParent(id=folder_id)),
    ):
        assert_box_error(box_error(call), 404, "not_found")


def test_a_name_in_use_in_the_same_folder_is_a_409_item_name_in_use(
    alice: tuple[str, BoxClient],
) -> None:
    _, as_alice = alice
    _folder_id(as_alice, "Reports")

    failure = box_error(lambda: as_alice.folders.create_folder("REPORTS", ROOT))

    assert_box_error(failure, 409, "item_name_in_use")


@pytest.mark.parametrize("name", ["", " padded ", "a/b", "back\\slash", ".", "..", "x" * 256])
def test_an_invalid_folder_name_is_a_400_item_name_invalid(
    alice: tuple[str, BoxClient], name: str
) -> None:
    _, as_alice = alice

    failure = box_error(lambda: as_alice.folders.create_folder(name, ROOT))

    assert_box_error(failure, 400, "item_name_invalid")


def test_a_folder_with_content_is_deleted_only_recursively(
    box: EmulatorServer, alice: tuple[str, BoxClient]
) -> None:
    _, as_alice = alice
    parent = _folder_id(as_alice, "Parent")
    _folder_id(as_alice, "Child", _folder_id(as_alice, "Middle", parent))

    refused = box_error(lambda: as_alice.folders.delete_folder_by_id(parent))
    as_alice.folders.delete_folder_by_id(parent, recursive=True)

    assert_box_error(refused, 400, "folder_not_empty")
    assert box.request_log.select("DELETE")[-1].status == 204
    assert as_alice.folders.get_folder_items("0").total_count == 0


def test_the_root_folder_cannot_be_deleted(alice: tuple[str, BoxClient]) -> None:
    _, as_alice = alice

    failure = box_error(lambda: as_alice.folders.delete_folder_by_id("0", recursive=True))

    assert failure.response_info.status_code == 403


@pytest.mark.parametrize("as_user", ["12345", "40000000001", "nobody"])
def test_as_user_must_name_a_user_of_the_enterprise(client: BoxClient, as_user: str) -> None:
    failure = box_error(lambda: client.with_as_user_header(as_user).folders.get_folder_by_id("0"))

    assert failure.response_info.status_code == 400


def test_only_an_admin_may_act_as_another_user(
    box: EmulatorServer, client: BoxClient, alice: tuple[str, BoxClient]
) -> None:
    alice_id, _ = alice
    box.set_service_account(role="user")

    failure = box_error(lambda: client.with_as_user_header(alice_id).users.get_user_me())

    assert_box_error(failure, 403, "access_denied_insufficient_permissions")


def test_a_user_who_owns_content_is_not_deleted_without_force(
    client: BoxClient, alice: tuple[str, BoxClient]
) -> None:
    alice_id, as_alice = alice
    _folder_id(as_alice, "Keep me")

    failure = box_error(lambda: client.users.delete_user_by_id(alice_id))

    body = assert_box_error(failure, 400, "user_has_content")
    assert body["context_info"] == {"owned_folder_count": 1}
    assert client.users.get_user_by_id(alice_id).id == alice_id
    assert [e.name for e in as_alice.folders.get_folder_items("0").entries or []] == ["Keep me"]


@pytest.mark.parametrize("force", ["true", "True", "TRUE"])
def test_force_deletes_a_user_and_their_content(
    client: BoxClient, alice: tuple[str, BoxClient], force: str
) -> None:
    alice_id, as_alice = alice
    folder_id = _folder_id(as_alice, "Doomed")

    raw(client, "DELETE", f"/2.0/users/{alice_id}", params={"force": force})

    assert_box_error(box_error(lambda: client.users.get_user_by_id(alice_id)), 404, "not_found")
    assert_box_error(
        box_error(lambda: client.folders.get_folder_by_id(folder_id)), 404, "not_found"
    )


def test_force_false_is_the_same_as_no_force(
    client: BoxClient, alice: tuple[str, BoxClient]
) -> None:
    alice_id, as_alice = alice
    _folder_id(as_alice, "Kept")

    failure = box_error(lambda: client.users.delete_user_by_id(alice_id, force=False))

    assert_box_error(failure, 400, "user_has_content")


def test_an_inactive_user_keeps_their_content(
    client: BoxClient, alice: tuple[str, BoxClient]
) -> None:
    alice_id, as_alice = alice
    _folder_id(as_alice, "Still here")

    client.users.update_user_by_id(alice_id, status=UpdateUserByIdStatus.INACTIVE)

    assert [e.name for e in as_alice.folders.get_folder_items("0").entries or []] == ["Still here"]


def test_the_service_account_cannot_be_deleted(client: BoxClient) -> None:
    me = client.users.get_user_me()

    failure = box_error(lambda: client.users.delete_user_by_id(me.id, force=True))

    assert failure.response_info.status_code == 403
    assert client.users.get_user_me().id == me.id


def test_folder_items_honour_fields(alice: tuple[str, BoxClient]) -> None:
    alice_id, as_alice = alice
    _folder_id(as_alice, "Described")

    page = as_alice.folders.get_folder_items("0", fields=["owned_by"])

    entry = page.raw_data["entries"][0]
    assert set(entry) == {"type", "id", "sequence_id", "etag", "name", "owned_by"}
    assert entry["owned_by"]["id"] == alice_id
