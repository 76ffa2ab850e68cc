"""One resolution for both directory sources: inline in the spec, or read from Entra."""

from __future__ import annotations

from pathlib import Path

import pytest

from components.resolve import Directory, DirectoryGroup, DirectoryUser, inline_directory, resolve
from components.spec import Spec, SpecError, load_spec
from tests.spec_support import ENTRA, run_cli, spec_text, write_spec

ENTRA_SOURCE = "directory:\n  source: entra\n"

# What the Entra component would read for the shared example's directory.
FROM_ENTRA = Directory(
    users=(
        DirectoryUser(
            user_principal_name="ada@contoso.com",
            display_name="Ada Lovelace",
            attributes={"jobTitle": "Engineer"},
        ),
        DirectoryUser(
            user_principal_name="bob@contoso.com",
            display_name="Bob Kahn",
            attributes={"mail": "robert@contoso.com"},
        ),
        DirectoryUser(
            user_principal_name="cy@contoso.com", display_name="Cy Young", account_enabled=False
        ),
        DirectoryUser(user_principal_name="dee@contoso.com", display_name="Dee Unassigned"),
        DirectoryUser(user_principal_name="eve@contoso.com", display_name="Eve Direct"),
        DirectoryUser(user_principal_name="fay@contoso.com", display_name="Fay Nested"),
    ),
    groups=(
        DirectoryGroup(
            display_name="Engineering", members=("ada@contoso.com", "bob@contoso.com", "Platform")
        ),
        DirectoryGroup(display_name="Design", members=("bob@contoso.com", "cy@contoso.com")),
        DirectoryGroup(display_name="Platform", members=("fay@contoso.com",)),
    ),
)


def test_the_inline_directory_is_what_the_spec_lists(tmp_path: Path) -> None:
    spec = load_spec(write_spec(tmp_path, spec_text()))
    assert inline_directory(spec) == FROM_ENTRA


def test_inline_object_ids_are_the_directory_entries_own_not_attributes(tmp_path: Path) -> None:
    eve_id, design_id = (
        "3f2504e0-4f89-41d3-9a0c-0305e82c3301",
        "9a6e5c1d-0b7f-4e2a-8c3d-5f4e3d2c1b0a",
    )
    text = spec_text().replace("Eve Direct}", f"Eve Direct, objectId: {eve_id}}}")
    text = text.replace("{displayName: Design,", f"{{displayName: Design, objectId: {design_id},")
    directory = inline_directory(load_spec(write_spec(tmp_path, text)))
    eve = next(user for user in directory.users if user.display_name == "Eve Direct")
    design = next(group for group in directory.groups if group.display_name == "Design")
    assert (eve.object_id, eve.attributes, design.object_id) == (eve_id, {}, design_id)


def test_a_directory_from_entra_resolves_exactly_as_the_same_directory_inline(
    tmp_path: Path,
) -> None:
    inline = load_spec(write_spec(tmp_path, spec_text(), "inline.yaml"))
    live = load_spec(write_spec(tmp_path, spec_text(directory=ENTRA_SOURCE), "live.yaml"))
    assert resolve(live, FROM_ENTRA) == resolve(inline, inline_directory(inline))


def test_an_entra_sourced_spec_has_no_inline_directory(tmp_path: Path) -> None:
    spec = load_spec(write_spec(tmp_path, spec_text(directory=ENTRA_SOURCE)))
    with pytest.raises(SpecError) as raised:
        inline_directory(spec)
    assert "directory.source: the directory is read from Entra at deploy time" in str(raised.value)


def test_problems_with_entra_data_point_at_the_directory_source_and_name_the_user(
    tmp_path: Path,
) -> None:
    path = write_spec(
        tmp_path,
        spec_text(
            directory=ENTRA_SOURCE, provisioning="provisioning:\n  mappings: {login: mail}\n"
        ),
    )
    with pytest.raises(SpecError) as raised:
        resolve(load_spec(path), FROM_ENTRA)
    lines = str(raised.value).splitlines()
    source_line = path.read_text().splitlines().index("  source: entra") + 1
    assert lines[0] == (
        f"{path}:{source_line}:11: directory.source: user 'ada@contoso.com' has no mail, which "
        "provisioning.mappings.login maps to the Box login; give the user a mail, or map login "
        "to an attribute every user has"
    )


def test_validate_checks_only_the_structure_of_an_entra_sourced_spec(tmp_path: Path) -> None:
    path = write_spec(tmp_path, spec_text(directory=ENTRA_SOURCE))
    run = run_cli("validate", str(path))
    assert run.code == 0
    assert run.out == (
        f"{path}: valid structure; users and groups are read from Entra at deploy time, so run "
        "'pulumi preview' to check them\n"
    )


BOX_ONLY = ENTRA.replace("  application: {displayName: Box (test)}\n", "  manage: false\n")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        pytest.param(
            spec_text(directory=ENTRA_SOURCE),
            "directory.source: the directory is read from Entra at deploy time, so the spec "
            "alone cannot be resolved; run 'pulumi preview'",
            id="entra-sourced",
        ),
        pytest.param(
            spec_text(entra=BOX_ONLY, directory=ENTRA_SOURCE),
            "directory.source: source 'entra' needs entra.manage: true",
            id="entra-sourced-box-only-stack",
        ),
        pytest.param(
            spec_text(
                provisioning="provisioning:\n  engine: entra\n",
                box="box:\n  users:\n    ada@contoso.com: {role: coadmin}\n",
            ),
            "box.users: with engine 'entra', Entra's provisioning job writes to Box",
            id="engine-entra-with-box-overrides",
        ),
    ],
)
def test_resolve_refuses_with_a_reason_and_prints_no_state(
    tmp_path: Path, text: str, reason: str
) -> None:
    run = run_cli("resolve", str(write_spec(tmp_path, text)))
    assert (run.code, run.out) == (1, "")
    assert reason in run.err


def test_a_spec_built_in_code_reports_errors_without_a_file(tmp_path: Path) -> None:
    spec = load_spec(write_spec(tmp_path, spec_text(entra=ENTRA)))
    unlocated = Spec.model_validate(spec.model_dump(by_alias=True))
    with pytest.raises(SpecError) as raised:
        resolve(unlocated, Directory())
    assert (
        str(raised.value)
        .splitlines()[0]
        .startswith("<spec>: entra.assignments[0].group: no group 'Engineering' in the directory")
    )
