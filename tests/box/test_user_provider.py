"""box:User against the emulator: create, update each field, rename, adopt, read drift."""

from __future__ import annotations

from typing import Any

import pytest
from box_sdk_gen import BoxClient, UpdateUserByIdRole, UpdateUserByIdStatus

from components.box import user_api
from components.box.adoption import LOOKUPS_BEFORE_LISTING
from components.box.errors import BoxConflictError, BoxPermanentError, BoxProviderError
from components.box.user import BoxUserProvider
from components.provider_host.reporting import describe
from emulator import EmulatorServer
from tests.box.conftest import (
    ConfigureProvider,
    box_user,
    create,
    logins_in_box,
    user_inputs,
)


def test_create_makes_one_user_with_every_specified_field(
    box: EmulatorServer, box_client: BoxClient, users: BoxUserProvider
) -> None:
    box.request_log.clear()
    user_id, outs = create(
        users, "ann@contoso.com", name="Ann", job_title="Engineer", role="coadmin"
    )

    assert [f"{e.method} {e.template}" for e in box.request_log.writes()] == ["POST /2.0/users"]
    ann = box_user(box_client, user_id)
    assert (ann.login, ann.name, ann.job_title, ann.role.value if ann.role else None) == (
        "ann@contoso.com",
        "Ann",
        "Engineer",
        "coadmin",
    )
    assert outs["user_id"] == user_id
    assert outs["adopted"] is False


CHANGES: list[tuple[str, Any]] = [
    ("name", "Robert"),
    ("status", "cannot_delete_edit"),
    ("role", "coadmin"),
    ("language", "fr"),
    ("timezone", "Europe/Paris"),
    ("space_amount", 50 * 1024**3),
    ("job_title", "Manager"),
    ("phone", "+1 555 0100"),
    ("address", "1 Main St"),
    ("is_sync_enabled", False),
    ("can_see_managed_users", False),
    ("is_external_collab_restricted", True),
    ("is_exempt_from_device_limits", True),
    ("is_exempt_from_login_verification", True),
]


@pytest.mark.parametrize(("field", "value"), CHANGES)
def test_updating_a_field_is_one_put_on_the_same_user(
    box: EmulatorServer, box_client: BoxClient, users: BoxUserProvider, field: str, value: Any
) -> None:
    user_id, outs = create(users, "bob@contoso.com")
    news = users.check(outs, user_inputs("bob@contoso.com", **{field: value})).inputs
    assert users.diff(user_id, outs, news).replaces == []
    box.request_log.clear()

    result = users.update(user_id, outs, news)

    assert [f"{e.method} {e.path}" for e in box.request_log.writes()] == [
        f"PUT /2.0/users/{user_id}"
    ]
    assert user_api.box_values(box_user(box_client, user_id))[field] == value
    # A quota is recorded as the spec writes it, so `pulumi preview --diff` reads it.
    recorded = "50 GB" if field == "space_amount" else value
    assert result.outs is not None and result.outs[field] == recorded


def test_a_login_change_renames_the_same_user_in_place(
    box: EmulatorServer, box_client: BoxClient, users: BoxUserProvider
) -> None:
    user_id, outs = create(users, "bob@contoso.com")
    news = users.check(outs, user_inputs("robert@contoso.com")).inputs
    assert users.diff(user_id, outs, news).replaces == []
    box.request_log.clear()

    users.update(user_id, outs, news)

    assert len(box.request_log.writes()) == 1
    assert box_user(box_client, user_id).login == "robert@contoso.com"
    assert logins_in_box(box_client, "bob@") == []


def test_setting_a_user_inactive_is_left_to_departures_and_only_confirmed(
    box: EmulatorServer, box_client: BoxClient, users: BoxUserProvider
) -> None:
    user_id, outs = create(users, "bob@contoso.com")
    news = users.check(outs, user_inputs("bob@contoso.com", status="inactive")).inputs
    box.request_log.clear()

    with pytest.raises(BoxPermanentError, match="only the stack's departures step makes"):
        users.update(user_id, outs, news)
    assert box.request_log.writes() == []

    box_client.users.update_user_by_id(user_id, status=UpdateUserByIdStatus.INACTIVE)
    box.request_log.clear()
    result = users.update(user_id, outs, news)
    assert box.request_log.writes() == []
    assert result.outs is not None and result.outs["status"] == "inactive"


def test_a_policy_recorded_with_a_user_by_an_earlier_version_is_dropped_without_box(
    box: EmulatorServer, users: BoxUserProvider
) -> None:
    user_id, outs = create(users, "bob@contoso.com")
    legacy = {**outs, "deprovision": "delete", "custodian": "it@contoso.com"}
    box.request_log.clear()

    result = users.update(
        user_id, legacy, users.check(legacy, user_inputs("bob@contoso.com")).inputs
    )

    assert box.request_log.writes() == []
    assert result.outs is not None and "deprovision" not in result.outs


def test_an_existing_login_is_adopted_and_brought_to_the_spec(
    box: EmulatorServer, box_client: BoxClient, users: BoxUserProvider
) -> None:
    existing = box_client.users.create_user("Old Name", login="carol@contoso.com")
    box_client.users.update_user_by_id(existing.id, status=UpdateUserByIdStatus.INACTIVE)
    box.request_log.clear()

    user_id, outs = create(users, "Carol@Contoso.com", name="Carol")

    assert user_id == existing.id
    assert outs["adopted"] is True
    carol = box_user(box_client, user_id)
    assert (carol.name, carol.status.value if carol.status else None) == ("Carol", "active")
    assert logins_in_box(box_client, "carol@") == ["carol@contoso.com"]
    writes = [(e.method, e.template, e.status) for e in box.request_log.writes()]
    # Found (read-only) by check, so no create is even tried.
    assert writes == [("PUT", "/2.0/users/{user_id}", 200)]


def test_an_adopted_user_already_as_specified_needs_no_update(
    box: EmulatorServer, box_client: BoxClient, users: BoxUserProvider
) -> None:
    existing = box_client.users.create_user("Dan", login="dan@contoso.com")
    box.request_log.clear()

    user_id, outs = create(users, "dan@contoso.com", name="Dan")

    assert (user_id, outs["adopted"]) == (existing.id, True)
    assert box.request_log.writes() == []


def test_an_account_changed_in_box_after_the_preview_is_not_adopted_unreviewed(
    box: EmulatorServer, box_client: BoxClient, users: BoxUserProvider
) -> None:
    existing = box_client.users.create_user("Erin", login="erin@contoso.com")
    checked = users.check({}, user_inputs("erin@contoso.com", name="Erin")).inputs
    box_client.users.update_user_by_id(existing.id, role=UpdateUserByIdRole.COADMIN)
    box.request_log.clear()

    with pytest.raises(BoxConflictError, match="changed in Box since the preview \\(role\\)"):
        users.create(checked)

    assert box.request_log.writes() == []


def test_a_longer_login_sharing_the_prefix_is_never_adopted(
    box_client: BoxClient, users: BoxUserProvider
) -> None:
    au = box_client.users.create_user("Bob AU", login="bob@contoso.com.au")
    exact = box_client.users.create_user("Bob", login="bob@contoso.com")

    user_id, outs = create(users, "bob@contoso.com", name="Robert")

    assert (user_id, outs["adopted"]) == (exact.id, True)
    assert (box_user(box_client, au.id).name, box_user(box_client, au.id).login) == (
        "Bob AU",
        "bob@contoso.com.au",
    )
    assert box_user(box_client, exact.id).name == "Robert"


def test_a_new_login_next_to_a_longer_one_is_created_not_adopted(
    box_client: BoxClient, users: BoxUserProvider
) -> None:
    au = box_client.users.create_user("Bob AU", login="bob@contoso.com.au")

    user_id, outs = create(users, "bob@contoso.com", name="Bob")

    assert user_id != au.id
    assert outs["adopted"] is False
    assert logins_in_box(box_client, "bob@") == ["bob@contoso.com", "bob@contoso.com.au"]


def test_adoption_pages_through_every_prefix_match_to_find_the_exact_login(
    box: EmulatorServer,
    box_client: BoxClient,
    users: BoxUserProvider,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for suffix in (".au", ".br", ".de", ".fr"):
        box_client.users.create_user("Other Bob", login=f"bob@contoso.com{suffix}")
    exact = box_client.users.create_user("Bob", login="bob@contoso.com")
    monkeypatch.setattr(user_api, "PAGE_SIZE", 2)
    box.request_log.clear()

    user_id, outs = create(users, "bob@contoso.com", name="Bob")

    assert (user_id, outs["adopted"]) == (exact.id, True)
    listings = [e for e in box.request_log.entries if e.template == "/2.0/users"]
    assert [e.method for e in listings] == ["GET", "GET", "GET"]


def test_a_conflict_without_an_exact_login_in_the_enterprise_is_an_error(
    box_client: BoxClient, users: BoxUserProvider, monkeypatch: pytest.MonkeyPatch
) -> None:
    box_client.users.create_user("Eve", login="eve@contoso.com")
    monkeypatch.setattr(user_api, "find_user", lambda client, login: None)

    with pytest.raises(BoxConflictError, match="no user with exactly this login"):
        create(users, "eve@contoso.com")


def test_read_reports_drift_made_in_the_box_console_and_update_repairs_it(
    box_client: BoxClient, users: BoxUserProvider, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Fay set inactive in the console is a lockout: repaired only when acknowledged.
    monkeypatch.setenv("ENTRA_BOX_ACKNOWLEDGE_REENABLES", "fay@contoso.com")
    user_id, outs = create(users, "fay@contoso.com", name="Fay", job_title="Engineer")
    box_client.users.update_user_by_id(
        user_id, name="Fay (old)", job_title="Intern", status=UpdateUserByIdStatus.INACTIVE
    )

    read = users.read(user_id, outs)

    assert read.id == user_id and read.outs is not None and read.inputs is not None
    drifted = {key: read.outs[key] for key in ("name", "job_title", "status")}
    assert drifted == {"name": "Fay (old)", "job_title": "Intern", "status": "inactive"}
    assert read.inputs["name"] == "Fay (old)" and "user_id" not in read.inputs
    desired = users.check(
        read.outs, user_inputs("fay@contoso.com", name="Fay", job_title="Engineer")
    )
    assert users.diff(user_id, read.outs, desired.inputs).changes is True

    users.update(user_id, read.outs, desired.inputs)

    fay = box_user(box_client, user_id)
    assert (fay.name, fay.job_title, fay.status.value if fay.status else None) == (
        "Fay",
        "Engineer",
        "active",
    )


def test_fields_the_spec_leaves_unset_are_not_read_as_drift(
    box_client: BoxClient, users: BoxUserProvider
) -> None:
    user_id, outs = create(users, "gus@contoso.com")
    box_client.users.update_user_by_id(user_id, job_title="Set in the console")

    read = users.read(user_id, outs)

    assert read.outs is not None and read.outs.get("job_title") is None
    desired = users.check(read.outs, user_inputs("gus@contoso.com")).inputs
    assert users.diff(user_id, read.outs, desired).changes is False


def test_a_user_deleted_in_box_is_kept_marked_and_not_re_created_unacknowledged(
    box_client: BoxClient, users: BoxUserProvider, monkeypatch: pytest.MonkeyPatch
) -> None:
    user_id, outs = create(users, "hal@contoso.com")
    box_client.users.delete_user_by_id(user_id, force=True)

    read = users.read(user_id, outs)
    desired = users.check(read.inputs or {}, user_inputs("hal@contoso.com")).inputs

    assert read.id == user_id
    assert read.outs is not None and read.outs["deleted_in_box"] is True
    with pytest.raises(BoxPermanentError, match="re-creates a user deleted in Box"):
        users.diff(user_id, read.outs, desired)
    monkeypatch.setenv("ENTRA_BOX_ACKNOWLEDGE_REENABLES", "hal@contoso.com")
    assert users.diff(user_id, read.outs, desired).replaces == ["deleted_in_box"]


def test_reads_share_one_paged_listing(
    box: EmulatorServer, configure_provider: ConfigureProvider, monkeypatch: pytest.MonkeyPatch
) -> None:
    writer = configure_provider(BoxUserProvider)
    created = [create(writer, f"user{n}@contoso.com") for n in range(5)]
    monkeypatch.setattr(user_api, "PAGE_SIZE", 2)
    reader = configure_provider(BoxUserProvider)
    box.request_log.clear()

    reads = [reader.read(user_id, outs) for user_id, outs in created]

    assert [read.id for read in reads] == [user_id for user_id, _ in created]
    assert box.request_log.counts_by_route() == {"GET /2.0/users": 3}


def test_a_user_set_inactive_in_box_is_not_re_enabled_without_acknowledgement(
    box: EmulatorServer, box_client: BoxClient, users: BoxUserProvider
) -> None:
    user_id, outs = create(users, "gil@contoso.com", name="Gil", role="coadmin")
    box_client.users.update_user_by_id(
        user_id, status=UpdateUserByIdStatus.INACTIVE, role=UpdateUserByIdRole.USER
    )
    read = users.read(user_id, outs)
    assert read.outs is not None
    desired = users.check(read.outs, user_inputs("gil@contoso.com", name="Gil", role="coadmin"))
    box.request_log.clear()

    with pytest.raises(BoxPermanentError) as by_diff:
        users.diff(user_id, read.outs, desired.inputs)
    with pytest.raises(BoxPermanentError) as by_update:
        users.update(user_id, read.outs, desired.inputs)

    for refusal in (by_diff.value.message, by_update.value.message):
        assert "re-enables a user disabled in Box (status inactive -> active)" in refusal
        assert "raises role user -> coadmin, lowered in Box" in refusal
        assert "ENTRA_BOX_ACKNOWLEDGE_REENABLES=gil@contoso.com pulumi up --refresh" in refusal
    assert list(box.request_log.writes()) == []
    gil = box_user(box_client, user_id)
    assert gil.status is not None and gil.status.value == "inactive"


def test_a_spec_that_re_enables_a_user_it_disabled_needs_no_acknowledgement(
    box_client: BoxClient, users: BoxUserProvider
) -> None:
    user_id, outs = create(users, "hal@contoso.com", name="Hal", status="inactive")
    read = users.read(user_id, outs)
    assert read.outs is not None
    desired = users.check(read.outs, user_inputs("hal@contoso.com", name="Hal"))

    assert users.diff(user_id, read.outs, desired.inputs).changes is True
    users.update(user_id, read.outs, desired.inputs)

    hal = box_user(box_client, user_id)
    assert hal.status is not None and hal.status.value == "active"


def test_state_from_before_the_applied_record_still_recognises_a_lockout(
    box_client: BoxClient, users: BoxUserProvider
) -> None:
    user_id, outs = create(users, "ivy@contoso.com", name="Ivy")
    older = {key: value for key, value in outs.items() if key != "applied"}
    box_client.users.update_user_by_id(user_id, status=UpdateUserByIdStatus.INACTIVE)

    read = users.read(user_id, older)

    assert read.outs is not None and read.outs["applied"]["status"] == "active"
    desired = users.check(read.outs, user_inputs("ivy@contoso.com", name="Ivy"))
    with pytest.raises(BoxPermanentError, match="re-enables a user disabled in Box"):
        users.diff(user_id, read.outs, desired.inputs)


def test_an_adoption_records_only_the_fields_that_differ_and_is_kept_while_nothing_changes(
    box_client: BoxClient, users: BoxUserProvider
) -> None:
    box_client.users.create_user("Fay", login="fay@contoso.com")
    wanted = user_inputs("fay@contoso.com", name="Fay Smith")

    checked = users.check({}, wanted).inputs

    # Only the name differs from the spec; the other fields are as it wants them.
    assert checked["adopts_from"] == {"name": "Fay"}
    users.create(checked)
    # Unchanged, the next run's inputs are the recorded ones, adoption included.
    assert users.check(checked, wanted).inputs == checked
    edited = user_inputs("fay@contoso.com", name="Fay Jones")
    assert "adopts" not in users.check(checked, edited).inputs


def test_many_arrivals_are_found_in_the_listing_by_exact_login_never_by_prefix(
    box: EmulatorServer, box_client: BoxClient, users: BoxUserProvider
) -> None:
    # Past LOOKUPS_BEFORE_LISTING lookups `check` answers from one listing of every user,
    # indexed by login: the same exact match as a lookup, and no create tried.
    existing = {
        f"p{n}@contoso.com": box_client.users.create_user(f"P{n}", login=f"p{n}@contoso.com").id
        for n in range(LOOKUPS_BEFORE_LISTING + 3)
    }
    lookalike = box_client.users.create_user("Q AU", login="q@contoso.com.au")
    box.request_log.clear()

    found = {login: create(users, login, name=login[:2].upper()) for login in existing}
    new_id, new_outs = create(users, "q@contoso.com", name="Q")

    assert {login: user_id for login, (user_id, _) in found.items()} == existing
    assert all(outs["adopted"] for _, outs in found.values())
    assert (new_id != lookalike.id, new_outs["adopted"]) == (True, False)
    reads = [e for e in box.request_log.entries if (e.method, e.template) == ("GET", "/2.0/users")]
    assert len(reads) == LOOKUPS_BEFORE_LISTING + 1  # the lookups, then one listing
    # Each was found by `check`, so no create was tried for them (none answered 409).
    writes = [(e.method, e.template, e.status) for e in box.request_log.writes()]
    assert writes == [("POST", "/2.0/users", 201)]


def test_a_failed_box_call_keeps_boxs_answer_behind_it_for_entra_box_debug(
    box_client: BoxClient, users: BoxUserProvider
) -> None:
    # The engine is told the message alone (`reporting.describe`); ENTRA_BOX_DEBUG=true must
    # still show the SDK's error it came from, so nothing on the way may drop the chain.
    user_id, outs = create(users, "ivy@contoso.com")
    news = users.check(outs, user_inputs("ivy@contoso.com", name="Ivy Two")).inputs
    box_client.users.delete_user_by_id(user_id, force=True)

    with pytest.raises(BoxProviderError) as raised:
        users.update(user_id, outs, news)

    assert describe(raised.value, debug=False) == str(raised.value)
    debugged = describe(raised.value, debug=True)
    assert "The above exception was the direct cause" in debugged
    assert "BoxAPIError" in debugged
    assert "Bearer" not in debugged  # the SDK redacts the access token it sent
