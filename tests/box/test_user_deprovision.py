"""Deleting a box:User deprovisions by the policy in its state; content is never lost."""

from __future__ import annotations

from typing import Any

import pytest
from box_sdk_gen import BoxAPIError, BoxClient

from components.box.errors import BoxPermanentError
from components.box.user import BoxUserProvider
from emulator import EmulatorServer
from tests.box.conftest import box_user, folder_items, give_content, root_items, user_inputs


def leaver(users: BoxUserProvider, client: BoxClient, **policy: Any) -> tuple[str, dict[str, Any]]:
    """A managed user, Sam Leaver, who owns two folders."""
    inputs = users.check({}, user_inputs("sam@contoso.com", name="Sam Leaver", **policy)).inputs
    created = users.create(inputs)
    give_content(client, created.id, "Projects", "Notes")
    assert created.outs is not None
    return created.id, created.outs


def custodian(client: BoxClient) -> str:
    return client.users.create_user("IT Custodian", login="it@contoso.com").id


def gone(client: BoxClient, user_id: str) -> bool:
    try:
        box_user(client, user_id)
    except BoxAPIError as error:
        return error.response_info.status_code == 404
    return False


def test_disable_makes_the_user_inactive_and_keeps_their_content(
    box: EmulatorServer, box_client: BoxClient, users: BoxUserProvider
) -> None:
    user_id, outs = leaver(users, box_client)
    box.request_log.clear()

    users.delete(user_id, outs)

    sam = box_user(box_client, user_id)
    assert sam.status is not None and sam.status.value == "inactive"
    assert root_items(box_client, user_id) == ["Notes", "Projects"]
    assert [(e.method, e.template) for e in box.request_log.writes()] == [
        ("PUT", "/2.0/users/{user_id}")
    ]


def test_a_disabled_user_is_re_enabled_by_adoption_when_the_spec_wants_them_back(
    box_client: BoxClient, users: BoxUserProvider
) -> None:
    user_id, outs = leaver(users, box_client)
    users.delete(user_id, outs)

    again = users.create(users.check({}, user_inputs("sam@contoso.com", name="Sam Leaver")).inputs)

    assert again.id == user_id
    sam = box_user(box_client, user_id)
    assert sam.status is not None and sam.status.value == "active"
    assert root_items(box_client, user_id) == ["Notes", "Projects"]


def test_transfer_moves_content_to_the_custodian_then_deletes_without_force(
    box: EmulatorServer, box_client: BoxClient, users: BoxUserProvider
) -> None:
    keeper = custodian(box_client)
    user_id, outs = leaver(users, box_client, deprovision="transfer", custodian="it@contoso.com")
    box.request_log.clear()

    users.delete(user_id, outs)

    assert gone(box_client, user_id)
    moved = "Sam Leaver's Files and Folders"
    assert root_items(box_client, keeper) == [moved]
    assert folder_items(box_client, keeper, moved) == ["Notes", "Projects"]
    assert [(e.method, e.template, e.status) for e in box.request_log.writes()] == [
        ("PUT", "/2.0/users/{user_id}/folders/0", 200),
        ("DELETE", "/2.0/users/{user_id}", 204),
    ]


def test_transfer_stops_and_deletes_nothing_when_box_still_reports_content(
    box_client: BoxClient, users: BoxUserProvider, monkeypatch: pytest.MonkeyPatch
) -> None:
    keeper = custodian(box_client)
    user_id, outs = leaver(users, box_client, deprovision="transfer", custodian="it@contoso.com")
    transfer = users.box.client.transfer.transfer_owned_folder

    def transfer_then_user_saves_more(*args: Any, **kwargs: Any) -> Any:
        moved = transfer(*args, **kwargs)
        give_content(box_client, user_id, "Saved after the transfer")
        return moved

    monkeypatch.setattr(
        users.box.client.transfer, "transfer_owned_folder", transfer_then_user_saves_more
    )

    with pytest.raises(BoxPermanentError, match="Box still reports content") as raised:
        users.delete(user_id, outs)

    assert "was NOT deleted" in str(raised.value)
    assert box_user(box_client, user_id).login == "sam@contoso.com"
    assert root_items(box_client, user_id) == ["Saved after the transfer"]
    assert folder_items(box_client, keeper, "Sam Leaver's Files and Folders") == [
        "Notes",
        "Projects",
    ]


def test_transfer_to_an_unknown_custodian_changes_nothing(
    box: EmulatorServer, box_client: BoxClient, users: BoxUserProvider
) -> None:
    user_id, outs = leaver(
        users, box_client, deprovision="transfer", custodian="nobody@contoso.com"
    )
    box.request_log.clear()

    with pytest.raises(BoxPermanentError, match=r"custodian nobody@contoso\.com is not a user"):
        users.delete(user_id, outs)

    assert box.request_log.writes() == []
    assert root_items(box_client, user_id) == ["Notes", "Projects"]


def test_delete_policy_force_deletes_the_user(
    box_client: BoxClient, users: BoxUserProvider
) -> None:
    user_id, outs = leaver(users, box_client, deprovision="delete")

    users.delete(user_id, outs)

    assert gone(box_client, user_id)


@pytest.mark.parametrize("policy", ["disable", "transfer", "delete"])
def test_a_user_already_gone_from_box_counts_as_deprovisioned(
    box_client: BoxClient, users: BoxUserProvider, policy: str
) -> None:
    custodian(box_client)
    fields = {
        "deprovision": policy,
        "custodian": "it@contoso.com" if policy == "transfer" else None,
    }
    user_id, outs = leaver(users, box_client, **fields)
    box_client.users.delete_user_by_id(user_id, force=True)

    users.delete(user_id, outs)

    assert gone(box_client, user_id)
