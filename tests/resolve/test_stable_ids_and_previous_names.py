"""A spec `id` keys a user or Box-only group; `previousLogins`/`previousNames` become aliases.

Issue 15.3: every managed object has a stable key, and every name its resource had before
is an alias, so a login change or group rename moves the resource in place. No id, previous
login or previous name may belong to someone else.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.spec_support import (
    DIRECTORY,
    assert_rejected,
    groups_by_name,
    resolve_ok,
    spec_text,
    users_by_login,
    validate,
)

EVE = "{userPrincipalName: eve@contoso.com, displayName: Eve Direct}"


def directory_with_eve(fields: str) -> str:
    assert EVE in DIRECTORY
    return DIRECTORY.replace(EVE, EVE[:-1] + ", " + fields + "}")


def test_an_id_keys_a_user_and_their_login_becomes_an_alias(tmp_path: Path) -> None:
    text = spec_text(directory=directory_with_eve("id: E1042"))

    eve = users_by_login(resolve_ok(tmp_path, text))["eve@contoso.com"]

    assert (eve["key"], eve["aliases"]) == ("e1042", ["eve@contoso.com"])


def test_previous_logins_are_kept_lower_case_and_are_aliases(tmp_path: Path) -> None:
    text = spec_text(directory=directory_with_eve("previousLogins: [Eve.Old@contoso.com]"))

    eve = users_by_login(resolve_ok(tmp_path, text))["eve@contoso.com"]

    assert eve["key"] == "eve@contoso.com"
    assert eve["previous_logins"] == ["eve.old@contoso.com"]
    assert eve["aliases"] == ["eve.old@contoso.com"]


def test_a_previous_login_that_is_someone_elses_login_is_refused(tmp_path: Path) -> None:
    text = spec_text(directory=directory_with_eve("previousLogins: [ada@contoso.com]"))

    run = validate(tmp_path, text)

    assert_rejected(run, "directory.users[4].previousLogins", "remove it here")


@pytest.mark.parametrize("value", ["has space", "a@b.c", "-dash-first", ""])
def test_an_id_that_is_not_a_plain_key_is_refused(tmp_path: Path, value: str) -> None:
    text = spec_text(directory=directory_with_eve(f"id: '{value}'"))

    assert_rejected(validate(tmp_path, text), "directory.users[4].id", "letters, digits")


def test_a_box_only_group_id_keys_it_and_previous_names_are_aliases(tmp_path: Path) -> None:
    box = (
        "box:\n  groups:\n    - {name: Team leads, id: leads, previousNames: [Leads],"
        " members: [{login: eve@contoso.com}]}\n"
    )

    group = groups_by_name(resolve_ok(tmp_path, spec_text(box=box)))["Team leads"]

    assert group["key"] == "leads"
    assert group["previous_names"] == ["Leads"]
    assert group["aliases"] == ["Leads", "Team leads"]


def test_a_previous_group_name_that_is_another_groups_name_is_refused(tmp_path: Path) -> None:
    box = (
        "box:\n  groups:\n    - {name: Leads, members: []}\n"
        "    - {name: Team leads, previousNames: [leads], members: []}\n"
    )

    assert_rejected(validate(tmp_path, spec_text(box=box)), "box.groups[1].previousNames", "")


GROUPS = "provisioning:\n  objects: users-and-groups\n"


def test_an_inline_entra_group_without_object_id_takes_previous_names_as_aliases(
    tmp_path: Path,
) -> None:
    directory = DIRECTORY.replace(
        "{displayName: Design, members:", "{displayName: Design, previousNames: [UX], members:"
    )

    design = groups_by_name(
        resolve_ok(tmp_path, spec_text(provisioning=GROUPS, directory=directory))
    )["Design"]

    assert (design["key"], design["previous_names"], design["aliases"]) == (
        "Design",
        ["UX"],
        ["UX"],
    )


def test_an_inline_group_cannot_claim_another_groups_name_as_its_previous_one(
    tmp_path: Path,
) -> None:
    directory = DIRECTORY.replace(
        "{displayName: Design, members:",
        "{displayName: Design, previousNames: [Engineering], members:",
    )

    run = validate(tmp_path, spec_text(provisioning=GROUPS, directory=directory))

    assert_rejected(run, "directory.groups[1].previousNames", "belongs to one group only")
