"""Box user fields: mapped attribute, then box.defaults, then the box.users override."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.spec_support import resolve_ok, spec_text, users_by_login

MAPPINGS = "provisioning:\n  mappings: {job_title: jobTitle, role: department}\n"
DIRECTORY = """
directory:
  users:
    - userPrincipalName: Ada@Contoso.com
      displayName: Ada Lovelace
      jobTitle: Engineer
      department: coadmin
      preferredLanguage: fr-CA
    - {userPrincipalName: bob@contoso.com, displayName: Bob Kahn}
    - {userPrincipalName: cy@contoso.com, displayName: Cy Young, accountEnabled: false}
"""
ENTRA = """
entra:
  application: {displayName: Box}
  assignments:
    - {user: ada@contoso.com, role: User}
    - {user: bob@contoso.com, role: User}
    - {user: cy@contoso.com, role: User}
"""


def _users(tmp_path: Path, *, provisioning: str = MAPPINGS, box: str = "") -> dict[str, Any]:
    text = spec_text(entra=ENTRA, provisioning=provisioning, directory=DIRECTORY, box=box)
    return users_by_login(resolve_ok(tmp_path, text))


def test_logins_are_lower_case_and_names_come_from_display_names(tmp_path: Path) -> None:
    users = _users(tmp_path)
    assert {login: user["name"] for login, user in users.items()} == {
        "ada@contoso.com": "Ada Lovelace",
        "bob@contoso.com": "Bob Kahn",
        "cy@contoso.com": "Cy Young",
    }


@pytest.mark.parametrize(
    ("login", "status"),
    [("ada@contoso.com", "active"), ("cy@contoso.com", "inactive")],
)
def test_status_follows_account_enabled(tmp_path: Path, login: str, status: str) -> None:
    assert _users(tmp_path)[login]["status"] == status


def test_an_override_sets_status_whatever_the_account(tmp_path: Path) -> None:
    box = "box:\n  users:\n    cy@contoso.com: {status: cannot_delete_edit}\n"
    assert _users(tmp_path, box=box)["cy@contoso.com"]["status"] == "cannot_delete_edit"


BOX = """
box:
  defaults: {role: user, job_title: Staff, timezone: Europe/Paris, is_sync_enabled: false}
  users:
    bob@contoso.com: {role: coadmin, timezone: Asia/Tokyo}
    Ada@contoso.com: {job_title: Chief Engineer}
"""


@pytest.mark.parametrize(
    ("login", "field", "value"),
    [
        pytest.param("ada@contoso.com", "job_title", "Chief Engineer", id="override-beats-mapping"),
        pytest.param("cy@contoso.com", "job_title", "Staff", id="default-fills-unmapped-value"),
        pytest.param("ada@contoso.com", "role", "coadmin", id="mapping-beats-default"),
        pytest.param("bob@contoso.com", "role", "coadmin", id="override-beats-default"),
        pytest.param("cy@contoso.com", "role", "user", id="default"),
        pytest.param("bob@contoso.com", "timezone", "Asia/Tokyo", id="override-timezone"),
        pytest.param("cy@contoso.com", "timezone", "Europe/Paris", id="default-timezone"),
        pytest.param("cy@contoso.com", "is_sync_enabled", False, id="default-boolean"),
        pytest.param("cy@contoso.com", "space_amount", None, id="unset-stays-unset"),
    ],
)
def test_fields_take_mapping_then_defaults_then_override(
    tmp_path: Path, login: str, field: str, value: object
) -> None:
    assert _users(tmp_path, box=BOX)[login][field] == value


@pytest.mark.parametrize(
    ("login", "explicit"),
    [
        pytest.param("ada@contoso.com", True, id="role-from-mapping"),
        pytest.param("bob@contoso.com", True, id="role-from-override"),
        pytest.param("cy@contoso.com", False, id="role-from-defaults"),
    ],
)
def test_role_explicit_says_whether_the_role_was_chosen_for_this_person(
    tmp_path: Path, login: str, explicit: bool
) -> None:
    assert _users(tmp_path, box=BOX)[login]["role_explicit"] is explicit


def test_without_defaults_a_role_is_user_and_not_explicit(tmp_path: Path) -> None:
    user = _users(tmp_path, provisioning="")["bob@contoso.com"]
    assert (user["role"], user["role_explicit"]) == ("user", False)


def test_a_mapped_locale_becomes_the_box_language_code(tmp_path: Path) -> None:
    users = _users(
        tmp_path, provisioning="provisioning:\n  mappings: {language: preferredLanguage}\n"
    )
    assert users["ada@contoso.com"]["language"] == "f2"


def test_login_and_name_can_be_mapped_from_other_attributes(tmp_path: Path) -> None:
    directory = (
        "directory:\n  users:\n    - {userPrincipalName: a1@corp.contoso.com, displayName: A,"
        " mail: Ada@Contoso.com, givenName: Ada}\n"
    )
    entra = "entra:\n  application: {displayName: Box}\n"
    entra += "  assignments: [{user: a1@corp.contoso.com, role: User}]\n"
    text = spec_text(
        entra=entra,
        provisioning="provisioning:\n  mappings: {login: mail, name: givenName}\n",
        directory=directory,
    )
    state = resolve_ok(tmp_path, text)
    assert [(user["login"], user["name"]) for user in state["box"]["users"]] == [
        ("ada@contoso.com", "Ada")
    ]
    assert state["box"]["users"][0]["assigned_via"] == ["user:a1@corp.contoso.com"]


def test_a_too_long_display_name_is_fine_when_an_override_names_the_person(
    tmp_path: Path,
) -> None:
    long_name = "Ada " + "Augusta " * 8 + "Lovelace"
    directory = (
        "directory:\n  users:\n"
        f"    - {{userPrincipalName: ada@contoso.com, displayName: {long_name}}}\n"
    )
    entra = "entra:\n  application: {displayName: Box}\n"
    entra += "  assignments: [{user: ada@contoso.com, role: User}]\n"
    box = "box:\n  users:\n    ada@contoso.com: {name: Ada Lovelace}\n"
    state = resolve_ok(tmp_path, spec_text(entra=entra, directory=directory, box=box))
    assert state["box"]["users"][0]["name"] == "Ada Lovelace"
