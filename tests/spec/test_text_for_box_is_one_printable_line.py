"""Text that reaches Box is one line of printable characters, within Box's lengths.

A newline, a control character or a bidirectional override in a name would reach Box (and
every listing and review that shows it) as written; a group name longer than Box takes was
only refused by Box itself, at preview, with no line to fix. All are refused by `validate`,
at the value's line and column, and values read from Entra are held to the same rules.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from components.resolve import Directory, DirectoryGroup, DirectoryUser, resolve
from components.spec import SpecError, load_spec
from tests.spec_support import DIRECTORY, ENTRA, assert_rejected, spec_text, validate, write_spec

_GROUP = "box:\n  groups:\n    - {{name: {name}, members: [{{login: ada@contoso.com}}]}}\n"


def _box_group(name: str) -> str:
    return spec_text(box=_GROUP.format(name=name))


def _user_field(field: str, value: str) -> str:
    name = "" if field == "displayName" else ", displayName: Ada"
    ada = "{userPrincipalName: ada@contoso.com, displayName: Ada Lovelace, jobTitle: Engineer}"
    written = f"{{userPrincipalName: ada@contoso.com, {field}: {value}{name}}}"
    return spec_text(directory=DIRECTORY.replace(ada, written))


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        pytest.param(
            _box_group('"Box\\nAdmins"'),
            "box.groups[0].name: 'Box\\nAdmins' contains U+000A (line feed) at character 4",
            id="newline-in-a-group-name",
        ),
        pytest.param(
            _box_group('"Box\\x01Admins"'),
            "box.groups[0].name: 'Box\\x01Admins' contains U+0001 (a control character)",
            id="control-character-in-a-group-name",
        ),
        pytest.param(
            _box_group('"Admins\\u202Enimda"'),
            "box.groups[0].name: 'Admins\\u202enimda' contains U+202E RIGHT-TO-LEFT OVERRIDE",
            id="bidirectional-override-in-a-group-name",
        ),
        pytest.param(
            _user_field("displayName", '"Ada\\tLovelace"'),
            "directory.users[0].displayName: 'Ada\\tLovelace' contains U+0009 (tab)",
            id="tab-in-a-display-name",
        ),
        pytest.param(
            _user_field("jobTitle", '"Engineer\\r\\nLead"'),
            "directory.users[0].jobTitle: 'Engineer\\r\\nLead' contains U+000D (carriage return) "
            "at character 9, U+000A (line feed) at character 10",
            id="line-break-in-a-job-title",
        ),
        pytest.param(
            spec_text(box='box:\n  defaults: {job_title: "Staff\\u2028"}\n'),
            "box.defaults.job_title: 'Staff\\u2028' contains U+2028 LINE SEPARATOR",
            id="line-separator-in-a-default",
        ),
        pytest.param(
            spec_text(
                box="box:\n  groups:\n    - name: Admins\n      description: |\n"
                "        first line\n        second line\n"
            ),
            "box.groups[0].description: 'first line\\nsecond line\\n' contains U+000A",
            id="block-scalar-description",
        ),
        pytest.param(
            spec_text(entra=ENTRA.replace("Box (test)", '"Box\\0"')),
            "entra.application.displayName: 'Box\\x00' contains U+0000 (NUL)",
            id="nul-in-the-application-name",
        ),
    ],
)
def test_line_breaks_and_control_characters_are_refused(
    tmp_path: Path, text: str, problem: str
) -> None:
    assert_rejected(validate(tmp_path, text), problem, "text sent to Box is one line")


def test_a_group_name_longer_than_box_takes_is_refused_at_its_line(tmp_path: Path) -> None:
    run = validate(tmp_path, _box_group("G" * 2000))
    assert_rejected(run, "box.groups[0].name: is longer than 255 characters", "at most 255")
    assert run.err.startswith(f"{tmp_path / 'stack.yaml'}:24:14: ")


def test_a_group_name_of_255_characters_is_valid(tmp_path: Path) -> None:
    run = validate(tmp_path, _box_group("G" * 255))
    assert run.code == 0, run.err


def test_a_provisioned_entra_group_with_a_name_too_long_for_box_is_refused(
    tmp_path: Path,
) -> None:
    long_name = "Design" + "n" * 250
    text = spec_text(provisioning="provisioning:\n  objects: users-and-groups\n")
    run = validate(tmp_path, text.replace("Design", long_name))
    assert_rejected(
        run,
        f"directory.groups[1].displayName: group {long_name[:20]!r}",
        "is provisioned to Box, whose group names have at most 255 characters",
    )


def test_an_unprovisioned_entra_group_may_have_a_long_name(tmp_path: Path) -> None:
    run = validate(tmp_path, spec_text().replace("Design", "Design" + "n" * 250))
    assert run.code == 0, run.err


def test_text_read_from_entra_is_held_to_the_same_rules(tmp_path: Path) -> None:
    long_name = "Design" + "n" * 250
    text = spec_text(
        directory="directory:\n  source: entra\n",
        provisioning="provisioning:\n  objects: users-and-groups\n",
    )
    spec = load_spec(write_spec(tmp_path, text.replace("Design", long_name)))
    directory = Directory(
        users=(
            DirectoryUser(user_principal_name="ada@contoso.com", display_name="Ada\nLovelace"),
            DirectoryUser(user_principal_name="eve@contoso.com", display_name="Eve"),
        ),
        groups=(
            DirectoryGroup(display_name="Engineering", members=("ada@contoso.com",)),
            DirectoryGroup(display_name=long_name),
        ),
    )
    with pytest.raises(SpecError) as raised:
        resolve(spec, directory)
    problems = str(raised.value)
    assert "displayName of 'ada@contoso.com', mapped to Box name: 'Ada\\nLovelace' contains" in (
        problems
    )
    assert f"group {long_name[:20]!r}" in problems
