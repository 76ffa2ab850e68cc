"""`PUT /2.0/users/{id}/folders/0`: moving everything a user owns to another user."""

from __future__ import annotations

from typing import Any

import pytest
from box_sdk_gen import BoxClient, CreateFolderParent, CreateUserRole, TransferOwnedFolderOwnedBy

from emulator import EmulatorServer
from tests.support.box_calls import assert_box_error, box_error, raw

ROOT = CreateFolderParent(id="0")


@pytest.fixture
def leaver(client: BoxClient) -> tuple[str, BoxClient]:
    """A user owning two top-level folders, one with a subfolder; and a client acting as them."""
    user = client.users.create_user("Sam Leaver", login="sam@example.com")
    as_sam = client.with_as_user_header(user.id)
    projects = as_sam.folders.create_folder("Projects", ROOT)
    as_sam.folders.create_folder("Q3", CreateFolderParent(id=projects.id))
    as_sam.folders.create_folder("Notes", ROOT)
    return user.id, as_sam


def test_transfer_moves_everything_into_a_new_folder_in_the_target_s_root(
    box: EmulatorServer, client: BoxClient, leaver: tuple[str, BoxClient]
) -> None:
    sam_id, as_sam = leaver
    keeper = client.users.create_user("Kim Keeper", login="kim@example.com")
    as_kim = client.with_as_user_header(keeper.id)

    moved = client.transfer.transfer_owned_folder(sam_id, TransferOwnedFolderOwnedBy(id=keeper.id))

    assert moved.name == "Sam Leaver's Files and Folders"
    assert moved.owned_by is not None and moved.owned_by.id == keeper.id
    assert moved.parent is not None and moved.parent.id == "0"
    assert [e.name for e in as_kim.folders.get_folder_items("0").entries or []] == [moved.name]
    inside = as_kim.folders.get_folder_items(moved.id)
    assert [e.name for e in inside.entries or []] == ["Notes", "Projects"]
    assert as_sam.folders.get_folder_items("0").total_count == 0
    assert box.request_log.select("PUT", f"/2.0/users/{sam_id}/folders/0")[0].status == 200


def test_after_a_transfer_the_source_user_can_be_deleted_without_force(
    client: BoxClient, leaver: tuple[str, BoxClient]
) -> None:
    sam_id, _ = leaver
    me = client.users.get_user_me()
    client.transfer.transfer_owned_folder(sam_id, TransferOwnedFolderOwnedBy(id=me.id))

    client.users.delete_user_by_id(sam_id)

    names = [e.name for e in client.folders.get_folder_items("0").entries or []]
    assert names == ["Sam Leaver's Files and Folders"]


def test_a_second_transfer_into_the_same_root_gets_a_distinct_folder_name(
    client: BoxClient, leaver: tuple[str, BoxClient]
) -> None:
    sam_id, as_sam = leaver
    me = client.users.get_user_me()
    client.transfer.transfer_owned_folder(sam_id, TransferOwnedFolderOwnedBy(id=me.id))
    as_sam.folders.create_folder("Later", ROOT)

    second = client.transfer.transfer_owned_folder(sam_id, TransferOwnedFolderOwnedBy(id=me.id))

    assert second.name == "Sam Leaver's Files and Folders (2)"


def test_transfer_honours_fields(client: BoxClient, leaver: tuple[str, BoxClient]) -> None:
    sam_id, _ = leaver
    me = client.users.get_user_me()

    moved = client.transfer.transfer_owned_folder(
        sam_id, TransferOwnedFolderOwnedBy(id=me.id), fields=["owned_by"], notify=False
    )

    assert set(moved.raw_data) == {"type", "id", "sequence_id", "etag", "name", "owned_by"}


@pytest.mark.parametrize(("source", "target"), [("123", "me"), ("sam", "123")])
def test_transfer_from_or_to_an_unknown_user_is_a_404(
    client: BoxClient, leaver: tuple[str, BoxClient], source: str, target: str
) -> None:
    ids = {"sam": leaver[0], "me": client.users.get_user_me().id}
    source_id, target_id = ids.get(source, source), ids.get(target, target)

    failure = box_error(
        lambda: client.transfer.transfer_owned_folder(
            source_id, TransferOwnedFolderOwnedBy(id=target_id)
        )
    )

    assert_box_error(failure, 404, "not_found")


@pytest.mark.parametrize("target", ["self", "missing", "empty"])
def test_transfer_to_oneself_or_without_a_target_is_a_400(
    client: BoxClient, leaver: tuple[str, BoxClient], target: str
) -> None:
    sam_id, as_sam = leaver
    bodies: dict[str, dict[str, Any]] = {
        "self": {"owned_by": {"id": sam_id}},
        "missing": {},
        "empty": {"owned_by": {}},
    }
    body = bodies[target]

    failure = box_error(lambda: raw(client, "PUT", f"/2.0/users/{sam_id}/folders/0", json=body))

    assert_box_error(failure, 400, "bad_request")
    assert as_sam.folders.get_folder_items("0").total_count == 2


def test_only_folder_zero_can_be_transferred(
    client: BoxClient, leaver: tuple[str, BoxClient]
) -> None:
    sam_id, _ = leaver
    me = client.users.get_user_me()

    failure = box_error(
        lambda: raw(
            client, "PUT", f"/2.0/users/{sam_id}/folders/5", json={"owned_by": {"id": me.id}}
        )
    )

    assert failure.response_info.status_code == 404


def test_a_coadmin_may_not_transfer_to_an_admin(
    box: EmulatorServer, client: BoxClient, leaver: tuple[str, BoxClient]
) -> None:
    sam_id, _ = leaver
    me = client.users.get_user_me()
    coadmin = client.users.create_user(
        "Co Admin", login="co@example.com", role=CreateUserRole.COADMIN
    )

    failure = box_error(
        lambda: client.with_as_user_header(coadmin.id).transfer.transfer_owned_folder(
            sam_id, TransferOwnedFolderOwnedBy(id=me.id)
        )
    )

    assert failure.response_info.status_code == 403


def test_a_plain_user_may_not_transfer_anything(
    client: BoxClient, leaver: tuple[str, BoxClient]
) -> None:
    sam_id, as_sam = leaver
    other = client.users.create_user("Other", login="other@example.com")

    failure = box_error(
        lambda: as_sam.transfer.transfer_owned_folder(
            sam_id, TransferOwnedFolderOwnedBy(id=other.id)
        )
    )

    assert_box_error(failure, 403, "access_denied_insufficient_permissions")
