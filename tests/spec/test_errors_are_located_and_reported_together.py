"""Errors name file:line:col, the spec path and a fix, and a file's errors come all at once."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from tests.spec_support import resolve_ok, spec_text, validate

PROD_LIKE = dedent(
    """\
    # yaml-language-server: $schema=./spec.schema.json
    version: 1
    entra:
      application:
        displayName: Box
      assignments:
        - user: ada@contoso.com
          role: User
        - group: Design
          role: User
        - user: bob@contoso.com
          role: User
        - group: Finance
          role: Default Access
    directory:
      users:
        - {userPrincipalName: ada@contoso.com, displayName: Ada}
        - {userPrincipalName: bob@contoso.com, displayName: Bob}
      groups:
        - {displayName: Design, members: [ada@contoso.com]}
        - {displayName: Finance, members: [bob@contoso.com]}
    """
)


def test_the_default_access_error_reads_exactly_as_documented(tmp_path: Path) -> None:
    run = validate(tmp_path, PROD_LIKE)
    assert run.code == 1
    assert run.error_lines == [
        f"{tmp_path / 'stack.yaml'}:14:13: entra.assignments[3].role: 'Default Access' "
        "cannot be used for provisioning to Box; assign a real app role such as 'User'"
    ]


def test_every_structural_error_of_a_file_is_reported_at_once_in_file_order(
    tmp_path: Path,
) -> None:
    text = dedent(
        """\
        version: 1
        entra:
          application: {displayName: Box, ownerz: [a@b.co]}
          assignments:
            - {user: ada@contoso.com, role: msiam_access}
        provisioning:
          objects: groups
        directory:
          users:
            - {userPrincipalName: ada@contoso.com, displayName: Ada, accountEnabled: yes please}
        box:
          defaults: {role: admin}
        """
    )
    run = validate(tmp_path, text)
    file = tmp_path / "stack.yaml"
    assert run.code == 1
    assert [line.split(": ", 2)[:2] for line in run.error_lines] == [
        [f"{file}:3:35", "entra.application.ownerz"],
        [f"{file}:5:37", "entra.assignments[0].role"],
        [f"{file}:7:12", "provisioning.objects"],
        [f"{file}:10:78", "directory.users[0].accountEnabled"],
        [f"{file}:12:20", "box.defaults.role"],
    ]


def test_every_cross_reference_error_is_reported_at_once(tmp_path: Path) -> None:
    text = spec_text(
        box="""
        box:
          users:
            nobody@contoso.com: {role: coadmin}
          groups:
            - {name: Admins, members: [{login: dee@contoso.com}]}
        """,
        provisioning="provisioning: {deprovision: transfer}\n",
    )
    run = validate(tmp_path, text.replace("{user: eve@contoso.com", "{user: eva@contoso.com"))
    assert run.code == 1
    assert [line.split(": ")[1] for line in run.error_lines] == [
        "entra.assignments[2].user",
        "provisioning.deprovision",
        "box.users['nobody@contoso.com']",
        "box.groups[0].members[0].login",
    ]


def test_every_contradiction_between_sections_is_reported_at_once_in_file_order(
    tmp_path: Path,
) -> None:
    text = dedent(
        """\
        version: 1
        entra:
          manage: false
        provisioning:
          engine: entra
          entraJob: {enabled: true}
        directory:
          source: entra
        box:
          defaults: {language: en}
          groups:
            - {name: Leads}
        """
    )
    run = validate(tmp_path, text)
    file = tmp_path / "stack.yaml"
    assert run.code == 1
    assert [line.split(": ", 2)[:2] for line in run.error_lines] == [
        [f"{file}:5:11", "provisioning.engine"],
        [f"{file}:8:11", "directory.source"],
        [f"{file}:10:13", "box.defaults"],
        [f"{file}:12:5", "box.groups"],
    ]


@pytest.mark.parametrize(
    ("text", "position", "path"),
    [
        pytest.param("version: 1\nversion: 1\n", "2:1", "version", id="top-level"),
        pytest.param(
            spec_text(box="box:\n  defaults: {role: user, role: coadmin}\n"),
            "role",
            "box.defaults.role",
            id="flow-mapping",
        ),
        pytest.param(
            spec_text(
                box="box:\n  users:\n    ada@contoso.com: {}\n    bob@contoso.com: {}\n"
                "    ada@contoso.com: {role: coadmin}\n"
            ),
            "ada",
            "box.users['ada@contoso.com']",
            id="a-person-in-overrides",
        ),
        pytest.param(
            spec_text(
                directory="directory:\n  users:\n    - userPrincipalName: a@b.co\n"
                "      displayName: A\n      displayName: B\n"
            ),
            "displayName",
            "directory.users[0].displayName",
            id="deep-in-a-list",
        ),
    ],
)
def test_a_duplicate_key_at_any_depth_is_an_error(
    tmp_path: Path, text: str, position: str, path: str
) -> None:
    run = validate(tmp_path, text)
    assert run.code == 1
    duplicate = [line for line in run.error_lines if "duplicate key" in line]
    assert len(duplicate) == 1, run.err
    assert f": {path}: duplicate key " in duplicate[0]
    assert "silently dropped" in duplicate[0]
    if ":" in position:
        assert duplicate[0].startswith(f"{tmp_path / 'stack.yaml'}:{position}: ")


def test_a_duplicate_key_points_at_the_second_occurrence_and_names_the_first(
    tmp_path: Path,
) -> None:
    text = spec_text(box="box:\n  users:\n    ada@contoso.com: {}\n    ada@contoso.com: {}\n")
    lines = text.splitlines()
    second = len(lines)
    run = validate(tmp_path, text)
    assert run.error_lines == [
        f"{tmp_path / 'stack.yaml'}:{second}:5: box.users['ada@contoso.com']: duplicate key "
        f"'ada@contoso.com' (first written at line {second - 1}); a YAML mapping keeps only "
        "one value per key, so one of the two would be silently dropped; merge the two "
        "entries or rename one"
    ]


def test_anchors_and_merge_keys_are_understood(tmp_path: Path) -> None:
    text = spec_text(
        box="""
        box:
          defaults: &base {space_amount: 1024, timezone: Europe/Paris}
          users:
            ada@contoso.com:
              <<: *base
              space_amount: 2048
        """
    )
    users = {user["login"]: user for user in resolve_ok(tmp_path, text)["box"]["users"]}
    assert (users["ada@contoso.com"]["space_amount"], users["bob@contoso.com"]["space_amount"]) == (
        2048,
        1024,
    )
    assert users["ada@contoso.com"]["timezone"] == "Europe/Paris"


def test_an_error_inside_merged_content_points_at_where_it_is_written(tmp_path: Path) -> None:
    text = spec_text(
        box="box:\n  defaults: &base {role: boss}\n  users:\n    ada@contoso.com: {<<: *base}\n"
    )
    run = validate(tmp_path, text)
    line = len(text.splitlines()) - 2
    assert f"stack.yaml:{line}:26: box.defaults.role: 'boss'" in run.err
    assert f"stack.yaml:{line}:26: box.users['ada@contoso.com'].role: 'boss'" in run.err


def test_yaml_1_1_booleans_as_keys_stay_text(tmp_path: Path) -> None:
    run = validate(tmp_path, spec_text() + "on: true\n")
    assert ": on: unknown field 'on'" in run.err
