"""`check` and `diff` of the box:User provider: clear messages, in place, never replaced.

`check` is called here for a user the stack already holds (non-empty olds), which it
validates without Box; finding the account a *new* user adopts is tested against the
emulator (tests/box/test_user_provider.py).
"""

from __future__ import annotations

from typing import Any

import pytest

from components.box.user import BoxUserProvider

GOOD: dict[str, Any] = {
    "login": "bob@contoso.com",
    "name": "Bob",
    "status": "active",
    "role": "user",
}
HELD = {**GOOD, "user_id": "11"}


def check(**overrides: Any) -> Any:
    news = {k: v for k, v in {**GOOD, **overrides}.items() if v is not None}
    return BoxUserProvider().check(HELD, news)


def test_good_inputs_pass_with_the_login_lower_cased() -> None:
    result = check(login=" Bob@Contoso.COM ")
    assert result.failures == []
    assert result.inputs["login"] == "bob@contoso.com"


def test_the_engine_provider_key_and_output_only_keys_are_not_inputs() -> None:
    result = check(__provider="xyz", user_id="1", adopted=True)
    assert result.failures == []
    assert "user_id" not in result.inputs


@pytest.mark.parametrize(
    ("overrides", "prop", "words"),
    [
        ({"login": "bob"}, "login", "not an email address"),
        ({"login": None}, "login", "is required"),
        ({"name": "x" * 51}, "name", "1 to 50 characters"),
        ({"status": "gone"}, "status", "use active, inactive"),
        ({"role": "admin"}, "role", "use user or coadmin"),
        ({"space_amount": -2}, "space_amount", "-1 or 'unlimited'"),
        ({"phone": "1" * 101}, "phone", "at most 100"),
        ({"colour": "blue"}, "colour", "Extra inputs are not permitted"),
    ],
)
def test_bad_inputs_fail_check_naming_the_property_and_the_fix(
    overrides: dict[str, Any], prop: str, words: str
) -> None:
    failures = check(**overrides).failures
    assert [f.property for f in failures] == [prop]
    assert words in failures[0].reason


OLDS = {**GOOD, "user_id": "11", "adopted": False, "job_title": "Engineer"}


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("login", "robert@contoso.com"),
        ("name", "Robert"),
        ("status", "inactive"),
        ("role", "coadmin"),
        ("language", "fr"),
        ("timezone", "Europe/Paris"),
        ("space_amount", -1),
        ("job_title", "Manager"),
        ("phone", "+1 555"),
        ("address", "1 Main St"),
        ("is_sync_enabled", True),
        ("can_see_managed_users", False),
        ("is_external_collab_restricted", True),
        ("is_exempt_from_device_limits", True),
        ("is_exempt_from_login_verification", True),
    ],
)
def test_every_field_changes_in_place_and_nothing_replaces_a_user(key: str, value: Any) -> None:
    result = BoxUserProvider().diff("11", OLDS, {**GOOD, "job_title": "Engineer", key: value})
    assert result.changes is True
    assert result.replaces == []
    assert result.delete_before_replace is False


def test_an_unchanged_user_has_no_diff() -> None:
    assert BoxUserProvider().diff("11", OLDS, {**GOOD, "job_title": "Engineer"}).changes is False


def test_a_policy_recorded_by_an_earlier_version_is_no_change() -> None:
    legacy = {**OLDS, "deprovision": "delete", "custodian": "it@contoso.com"}
    assert BoxUserProvider().diff("11", legacy, {**GOOD, "job_title": "Engineer"}).changes is False


def test_an_optional_field_the_spec_never_set_is_not_a_change() -> None:
    never_set = {key: value for key, value in OLDS.items() if key != "job_title"}
    assert BoxUserProvider().diff("11", never_set, dict(GOOD)).changes is False


def test_a_field_without_a_box_default_removed_from_the_spec_stops_being_managed() -> None:
    # A change of the stack's records only: update sends Box nothing for it (engine tests).
    checked = BoxUserProvider().check(OLDS, dict(GOOD)).inputs
    assert "job_title" not in checked
    assert BoxUserProvider().diff("11", OLDS, checked).changes is True


@pytest.mark.parametrize(
    ("key", "old", "default"),
    [
        ("is_external_collab_restricted", True, False),
        ("is_exempt_from_device_limits", True, False),
        ("is_exempt_from_login_verification", True, False),
        ("is_sync_enabled", False, True),
        ("can_see_managed_users", False, True),
    ],
)
def test_a_field_with_a_box_default_removed_from_the_spec_reverts_to_that_default(
    key: str, old: bool, default: bool
) -> None:
    olds = {**OLDS, key: old}
    checked = BoxUserProvider().check(olds, dict(GOOD)).inputs
    assert checked[key] is default
    assert BoxUserProvider().diff("11", olds, checked).changes is True


def test_a_reverted_default_stays_without_a_change_while_the_spec_leaves_it_out() -> None:
    olds = {
        **OLDS,
        "is_external_collab_restricted": False,
        "role_explicit": False,
        "assigned_via": [],
    }
    checked = BoxUserProvider().check(olds, {**GOOD, "job_title": "Engineer"}).inputs
    assert BoxUserProvider().diff("11", olds, checked).changes is False


def test_a_quota_recorded_in_bytes_by_an_earlier_version_is_the_same_as_in_units() -> None:
    olds = {**OLDS, "space_amount": 53687091200.0, "role_explicit": False, "assigned_via": []}
    checked = BoxUserProvider().check(
        olds, {**GOOD, "job_title": "Engineer", "space_amount": 50 * 1024**3}
    )
    assert checked.inputs["space_amount"] == "50 GB"
    assert BoxUserProvider().diff("11", olds, checked.inputs).changes is False
