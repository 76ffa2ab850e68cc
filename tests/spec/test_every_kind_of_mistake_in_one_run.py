"""One run reports a file's structural mistakes and the cross-references of its valid parts.

Issue 15.6: a spec with both kinds of mistakes used to be reported in two rounds (fix the
structure, run again, meet the unknown group). Now cross-references are checked on
whatever is valid, in the same run, and a reference to a part that was itself invalid is
not reported twice.
"""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

from tests.spec_support import validate

BOTH_KINDS = dedent(
    """\
    version: 1
    entra:
      application: {displayName: Box}
      assignments:
        - {group: Engineerng, role: User}
        - {user: ada@contoso.com, role: User}
        - {group: Engineering, role: User}
    provisioning:
      objects: groups
    directory:
      users:
        - {userPrincipalName: ada@contoso.com, displayName: Ada, accountEnabled: yes please}
        - {userPrincipalName: bob@contoso.com, displayName: Bob}
        - {userPrincipalName: 'not an address', displayName: Nobody}
      groups:
        - {displayName: Engineering, members: [ada@contoso.com, carol@contoso.com]}
        - {displayName: Typos, members: ['not an address']}
    box:
      defaults: {role: admin}
      users:
        bob@contoso.com: {role: coadmin}
      groups:
        - {name: Leads, members: [{login: ada@contoso.com, role: boss}]}
    """
)


def test_structural_and_cross_reference_mistakes_are_reported_together_in_file_order(
    tmp_path: Path,
) -> None:
    run = validate(tmp_path, BOTH_KINDS)

    assert run.code == 1
    assert "Traceback" not in run.err
    assert [line.split(": ", 2)[1] for line in run.error_lines] == [
        "entra.assignments[0].group",
        "provisioning.objects",
        "directory.users[0].accountEnabled",
        "directory.users[2].userPrincipalName",
        "directory.groups[0].members[1]",
        "box.defaults.role",
        "box.users['bob@contoso.com']",
        "box.groups[0].members[0].role",
    ]
    assert "no group 'Engineerng' in the directory; did you mean 'Engineering'?" in run.err
    assert "'carol@contoso.com', which is neither a user nor a group" in run.err


def test_a_file_whose_sections_contradict_each_other_reports_only_that(tmp_path: Path) -> None:
    text = BOTH_KINDS.replace("directory:\n  users:", "directory:\n  source: entra\n  users:")

    run = validate(tmp_path, text)

    assert run.code == 1
    assert "no group 'Engineerng'" not in run.err


def test_a_value_yaml_left_half_built_is_reported_without_a_salvaged_rest() -> None:
    # Found by tests/reliability's YAML soup: a broken document can leave a lazily built
    # `!!set` (a generator) in the data, which cannot be copied for salvaging.
    from pydantic import ValidationError

    from components.spec.model import Spec
    from components.spec.salvage import salvage

    empty: tuple[object, ...] = ()
    data: dict[str, object] = {":": (item for item in empty)}
    try:
        Spec.model_validate(data)
    except ValidationError as error:
        saved = salvage(data, error)
    assert saved.spec is None
