"""People leave Box only through the departures provider, by the policy of the spec in force.

The departures provider is driven as the engine drives it (`check`, then `update` with the
recorded roster as olds), against the emulator; users are made by the user provider. A
user resource's own delete changes nothing in Box; content is never lost.
"""

from __future__ import annotations

from typing import Any

import pytest
from box_sdk_gen import BoxAPIError, BoxClient
from box_sdk_gen.managers.transfer import TransferManager

from components.box.departures import DeparturesProvider
from components.box.errors import BoxPermanentError
from components.box.user import BoxUserProvider
from components.guard import Roster, RosterUser
from emulator import EmulatorServer
from tests.box.conftest import box_user, create, folder_items, give_content, root_items

SAM = "sam@contoso.com"
IT = "it@contoso.com"


def roster(*logins: str, **policy: Any) -> dict[str, Any]:
    users = {login: RosterUser(login=login) for login in logins}
    return Roster(users=users, limit=10, **policy).model_dump()


def leaver(users: BoxUserProvider, client: BoxClient) -> tuple[str, dict[str, Any]]:
    """A managed user, Sam Leaver, who owns two folders."""
    user_id, outs = create(users, SAM, name="Sam Leaver")
    give_content(client, user_id, "Projects", "Notes")
    return user_id, outs


def custodian(client: BoxClient) -> str:
    return client.users.create_user("IT Custodian", login=IT).id


def leave(departures: DeparturesProvider, **policy: Any) -> None:
    """Sam leaves the stack under `policy`: departures check, then update."""
    olds, news = roster(SAM, IT, **policy), roster(IT, **policy)
    checked = departures.check(olds, news)
    assert checked.failures == [], checked.failures
    departures.update("departures", olds, checked.inputs)


def gone(client: BoxClient, user_id: str) -> bool:
    try:
        box_user(client, user_id)
    except BoxAPIError as error:
        return error.response_info.status_code == 404
    return False


def test_removing_a_user_resource_changes_nothing_in_box(
    box: EmulatorServer, box_client: BoxClient, users: BoxUserProvider
) -> None:
    user_id, outs = leaver(users, box_client)
    box.request_log.clear()

    users.delete(user_id, outs)

    assert box.request_log.writes() == []
    assert box_user(box_client, user_id).status.value == "active"  # type: ignore[union-attr]


def test_disable_makes_the_user_inactive_and_keeps_their_content(
    box: EmulatorServer,
    box_client: BoxClient,
    users: BoxUserProvider,
    departures: DeparturesProvider,
) -> None:
    user_id, _ = leaver(users, box_client)
    custodian(box_client)
    box.request_log.clear()

    leave(departures, deprovision="disable")

    sam = box_user(box_client, user_id)
    assert sam.status is not None and sam.status.value == "inactive"
    assert root_items(box_client, user_id) == ["Notes", "Projects"]
    assert [(e.method, e.template) for e in box.request_log.writes()] == [
        ("PUT", "/2.0/users/{user_id}")
    ]


def test_a_disabled_user_is_re_enabled_by_adoption_when_the_spec_wants_them_back(
    box_client: BoxClient, users: BoxUserProvider, departures: DeparturesProvider
) -> None:
    user_id, _ = leaver(users, box_client)
    custodian(box_client)
    leave(departures, deprovision="disable")

    again, _ = create(users, SAM, name="Sam Leaver")

    assert again == user_id
    sam = box_user(box_client, user_id)
    assert sam.status is not None and sam.status.value == "active"
    assert root_items(box_client, user_id) == ["Notes", "Projects"]


def test_transfer_moves_content_to_the_custodian_then_deletes_without_force(
    box: EmulatorServer,
    box_client: BoxClient,
    users: BoxUserProvider,
    departures: DeparturesProvider,
) -> None:
    keeper = custodian(box_client)
    user_id, _ = leaver(users, box_client)
    box.request_log.clear()

    leave(departures, deprovision="transfer", custodian=IT)

    assert gone(box_client, user_id)
    moved = "Sam Leaver's Files and Folders"
    assert root_items(box_client, keeper) == [moved]
    assert folder_items(box_client, keeper, moved) == ["Notes", "Projects"]
    assert [(e.method, e.template, e.status) for e in box.request_log.writes()] == [
        ("PUT", "/2.0/users/{user_id}/folders/0", 200),
        ("DELETE", "/2.0/users/{user_id}", 204),
    ]


def test_a_transfer_whose_answer_was_lost_is_not_repeated_into_a_second_folder(
    box: EmulatorServer,
    box_client: BoxClient,
    users: BoxUserProvider,
    departures: DeparturesProvider,
) -> None:
    keeper = custodian(box_client)
    user_id, _ = leaver(users, box_client)
    box.inject(
        "error",
        status=502,
        timing="after",
        method="PUT",
        path_prefix=f"/2.0/users/{user_id}/folders",
    )

    leave(departures, deprovision="transfer", custodian=IT)

    assert gone(box_client, user_id)
    assert root_items(box_client, keeper) == ["Sam Leaver's Files and Folders"]
    assert folder_items(box_client, keeper, "Sam Leaver's Files and Folders") == [
        "Notes",
        "Projects",
    ]


def test_transfer_stops_and_deletes_nothing_when_box_still_reports_content(
    box_client: BoxClient,
    users: BoxUserProvider,
    departures: DeparturesProvider,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    keeper = custodian(box_client)
    user_id, _ = leaver(users, box_client)
    transfer = TransferManager.transfer_owned_folder

    def transfer_then_user_saves_more(self: TransferManager, *args: Any, **kwargs: Any) -> Any:
        moved = transfer(self, *args, **kwargs)
        give_content(box_client, user_id, "Saved after the transfer")
        return moved

    monkeypatch.setattr(TransferManager, "transfer_owned_folder", transfer_then_user_saves_more)

    with pytest.raises(BoxPermanentError, match="Box still reports content") as raised:
        leave(departures, deprovision="transfer", custodian=IT)

    assert "was NOT deleted" in str(raised.value)
    assert box_user(box_client, user_id).login == SAM
    assert root_items(box_client, user_id) == ["Saved after the transfer"]
    assert folder_items(box_client, keeper, "Sam Leaver's Files and Folders") == [
        "Notes",
        "Projects",
    ]


@pytest.mark.parametrize("custodian_state", ["missing", "inactive"])
def test_a_transfer_to_a_custodian_who_cannot_receive_is_refused_in_check(
    box: EmulatorServer,
    box_client: BoxClient,
    users: BoxUserProvider,
    departures: DeparturesProvider,
    custodian_state: str,
) -> None:
    user_id, _ = leaver(users, box_client)
    if custodian_state == "inactive":
        keeper = custodian(box_client)
        box_client.users.update_user_by_id(keeper, status="inactive")  # type: ignore[arg-type]
    box.request_log.clear()

    olds = roster(SAM, IT, deprovision="transfer", custodian=IT)
    result = departures.check(olds, roster(IT, deprovision="transfer", custodian=IT))

    assert len(result.failures) == 1
    assert "Refusing to transfer the content of 1 leaver(s) (sam@contoso.com)" in (
        result.failures[0].reason
    )
    assert box.request_log.writes() == []
    assert root_items(box_client, user_id) == ["Notes", "Projects"]


def test_delete_policy_force_deletes_the_user(
    box_client: BoxClient, users: BoxUserProvider, departures: DeparturesProvider
) -> None:
    user_id, _ = leaver(users, box_client)

    leave(departures, deprovision="delete")

    assert gone(box_client, user_id)


@pytest.mark.parametrize("policy", ["disable", "transfer", "delete"])
def test_a_user_already_gone_from_box_counts_as_deprovisioned(
    box_client: BoxClient, users: BoxUserProvider, departures: DeparturesProvider, policy: str
) -> None:
    custodian(box_client)
    user_id, _ = leaver(users, box_client)
    box_client.users.delete_user_by_id(user_id, force=True)

    leave(departures, deprovision=policy, custodian=IT if policy == "transfer" else None)

    assert gone(box_client, user_id)
