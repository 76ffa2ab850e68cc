"""Only what is assigned is in scope: direct assignees and direct user members of groups."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.spec_support import ENTRA, resolve_ok, spec_text, users_by_login


def test_direct_assignees_and_direct_group_members_are_in_scope(tmp_path: Path) -> None:
    users = users_by_login(resolve_ok(tmp_path, spec_text()))
    assert list(users) == [
        "ada@contoso.com",
        "bob@contoso.com",
        "cy@contoso.com",
        "eve@contoso.com",
    ]


def test_members_of_a_nested_group_are_not_in_scope(tmp_path: Path) -> None:
    # fay is only in Platform, a member group of the assigned Engineering group.
    users = users_by_login(resolve_ok(tmp_path, spec_text()))
    assert "fay@contoso.com" not in users


def test_a_directory_user_nobody_assigned_is_not_in_scope(tmp_path: Path) -> None:
    assert "dee@contoso.com" not in users_by_login(resolve_ok(tmp_path, spec_text()))


def test_assigning_the_nested_group_itself_brings_its_members_in(tmp_path: Path) -> None:
    entra = ENTRA + "    - {group: Platform, role: User}\n"
    users = users_by_login(resolve_ok(tmp_path, spec_text(entra=entra)))
    assert users["fay@contoso.com"]["assigned_via"] == ["group:Platform"]


@pytest.mark.parametrize(
    ("login", "via"),
    [
        ("ada@contoso.com", ["group:Engineering"]),
        ("bob@contoso.com", ["group:Design", "group:Engineering"]),
        ("eve@contoso.com", ["user:eve@contoso.com"]),
    ],
)
def test_assigned_via_lists_every_route_into_scope_sorted(
    tmp_path: Path, login: str, via: list[str]
) -> None:
    users = users_by_login(resolve_ok(tmp_path, spec_text()))
    assert users[login]["assigned_via"] == via


def test_a_user_assigned_directly_and_through_a_group_is_one_box_user(tmp_path: Path) -> None:
    entra = ENTRA + "    - {user: Bob@Contoso.com, role: User}\n"
    users = users_by_login(resolve_ok(tmp_path, spec_text(entra=entra)))
    assert users["bob@contoso.com"]["assigned_via"] == [
        "group:Design",
        "group:Engineering",
        "user:bob@contoso.com",
    ]


def test_an_empty_group_assigned_brings_nobody_in(tmp_path: Path) -> None:
    text = spec_text(
        entra="entra:\n  application: {displayName: Box}\n"
        "  assignments: [{group: Empty, role: User}]\n",
        directory="directory:\n  groups: [{displayName: Empty}]\n",
    )
    assert resolve_ok(tmp_path, text)["box"]["users"] == []


def test_entra_assignments_are_emitted_sorted_with_lower_case_upns(tmp_path: Path) -> None:
    entra = ENTRA + "    - {user: ADA@contoso.com, role: Admin}\n"
    assignments = resolve_ok(tmp_path, spec_text(entra=entra))["entra"]["assignments"]
    assert assignments == [
        {"principal_type": "group", "principal": "Design", "role": "User"},
        {"principal_type": "group", "principal": "Engineering", "role": "User"},
        {"principal_type": "user", "principal": "ada@contoso.com", "role": "Admin"},
        {"principal_type": "user", "principal": "eve@contoso.com", "role": "User"},
    ]


def test_names_are_matched_regardless_of_case_and_emitted_as_the_directory_writes_them(
    tmp_path: Path,
) -> None:
    entra = "entra:\n  application: {displayName: Box}\n  assignments:\n"
    entra += "    - {group: ENGINEERING, role: User}\n"
    state = resolve_ok(tmp_path, spec_text(entra=entra))
    assert state["entra"]["assignments"][0]["principal"] == "Engineering"
    assert users_by_login(state)["ada@contoso.com"]["assigned_via"] == ["group:Engineering"]
