"""Cross-reference rules: unknown people and groups, collisions, scope, the custodian."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.spec_support import DIRECTORY, ENTRA, assert_rejected, spec_text, validate

GROUPS = "provisioning:\n  objects: users-and-groups\n"
ADA_ID = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"


def _entra(*assignments: str) -> str:
    return ENTRA + "".join(f"    - {assignment}\n" for assignment in assignments)


def _directory(*users: str, groups: str = "") -> str:
    text = DIRECTORY.replace(
        "  groups:\n", "".join(f"    - {user}\n" for user in users) + "  groups:\n"
    )
    return text + groups


CASES = [
    (
        "assignment-unknown-user",
        spec_text(entra=_entra("{user: eva@contoso.com, role: User}")),
        "entra.assignments[3].user: no user 'eva@contoso.com' in the directory",
        "did you mean 'eve@contoso.com'?",
    ),
    (
        "assignment-unknown-group",
        spec_text(entra=_entra("{group: Desing, role: User}")),
        "entra.assignments[3].group: no group 'Desing' in the directory",
        "did you mean 'Design'?",
    ),
    (
        "assignment-unknown-with-nothing-close",
        spec_text(entra=_entra("{group: Zzyzx, role: User}")),
        "entra.assignments[3].group: no group 'Zzyzx' in the directory",
        "add the group to the directory, or fix the name",
    ),
    (
        "assignment-twice",
        spec_text(entra=_entra("{user: EVE@contoso.com, role: user}")),
        "entra.assignments[3]: 'eve@contoso.com' is assigned role 'user' twice "
        "(also entra.assignments[2])",
        "remove one of the two assignments",
    ),
    (
        "group-member-unknown",
        spec_text(directory=DIRECTORY + "    - {displayName: Ops, members: [ada@contoso.co]}\n"),
        "directory.groups[3].members[0]: group 'Ops' has member 'ada@contoso.co', which is "
        "neither a user nor a group in the directory",
        "did you mean 'ada@contoso.com'?",
    ),
    (
        "group-member-twice",
        spec_text(
            directory=DIRECTORY
            + "    - {displayName: Ops, members: [ada@contoso.com, ADA@contoso.com]}\n"
        ),
        "directory.groups[3].members[1]: 'ADA@contoso.com' is listed twice in group 'Ops'",
        "remove one",
    ),
    (
        "directory-user-twice",
        spec_text(directory=_directory("{userPrincipalName: Ada@contoso.com, displayName: A2}")),
        "directory.users[6].userPrincipalName: user 'Ada@contoso.com' is listed twice "
        "(also as 'ada@contoso.com')",
        "UPNs are unique regardless of case",
    ),
    (
        "object-id-twice",
        spec_text(
            directory=DIRECTORY.replace(
                "jobTitle: Engineer}", f"jobTitle: Engineer, objectId: {ADA_ID.upper()}}}"
            ).replace("Eve Direct}", f"Eve Direct, objectId: {ADA_ID}}}")
        ),
        f"directory.users[4].objectId: user 'eve@contoso.com' has objectId {ADA_ID!r}, which "
        "user 'ada@contoso.com' has too",
        "Entra object ids are unique; copy the right one from the Entra admin center",
    ),
    (
        "object-id-of-a-user-and-a-group",
        spec_text(
            directory=DIRECTORY.replace(
                "jobTitle: Engineer}", f"jobTitle: Engineer, objectId: {ADA_ID}}}"
            ).replace("{displayName: Design,", f"{{displayName: Design, objectId: {ADA_ID},")
        ),
        f"directory.groups[1].objectId: group 'Design' has objectId {ADA_ID!r}, which user "
        "'ada@contoso.com' has too",
        "Entra object ids are unique",
    ),
    (
        "directory-group-twice",
        spec_text(directory=DIRECTORY + "    - {displayName: design}\n"),
        "directory.groups[3].displayName: two groups are named 'design'",
        "rename one of them",
    ),
    (
        "login-collision",
        spec_text(
            provisioning="provisioning:\n  mappings: {login: mail}\n",
            directory=_directory(
                "{userPrincipalName: a@contoso.com, displayName: A, mail: x@contoso.com}",
                "{userPrincipalName: b@contoso.com, displayName: B, mail: X@Contoso.com}",
            ),
            entra=_entra("{user: a@contoso.com, role: User}", "{user: b@contoso.com, role: User}"),
        ).replace("{user: eve@contoso.com, role: User}", "{user: a@contoso.com, role: Reader}"),
        "directory.users[7]: 'b@contoso.com' and 'a@contoso.com' would both have the Box "
        "login 'x@contoso.com'",
        "Box logins are unique regardless of case",
    ),
    (
        "mapped-login-attribute-missing",
        spec_text(provisioning="provisioning:\n  mappings: {login: mail}\n"),
        "directory.users[0]: user 'ada@contoso.com' has no mail, which "
        "provisioning.mappings.login maps to the Box login",
        "give the user a mail, or map login to an attribute every user has",
    ),
    (
        "mapped-name-attribute-missing",
        spec_text(provisioning="provisioning:\n  mappings: {name: givenName}\n"),
        "directory.users[0]: user 'ada@contoso.com' has no givenName, which "
        "provisioning.mappings.name maps to the Box name",
        "or set a name in box.users for this login",
    ),
    (
        "mapped-value-invalid",
        spec_text(provisioning="provisioning:\n  mappings: {role: jobTitle}\n"),
        "directory.users[0].jobTitle: jobTitle of 'ada@contoso.com', mapped to Box role: "
        "'Engineer' is not allowed here",
        "or set role for this login in box.users",
    ),
    (
        "mapped-name-too-long",
        spec_text(
            directory=DIRECTORY.replace("Eve Direct", "Eve " + "Direct " * 8),
        ),
        "directory.users[4].displayName: displayName of 'eve@contoso.com', mapped to Box "
        "name: is longer than 50 characters",
        "or set name for this login in box.users",
    ),
    (
        "override-not-in-scope",
        spec_text(box="box:\n  users:\n    dee@contoso.com: {role: coadmin}\n"),
        "box.users['dee@contoso.com']: 'dee@contoso.com' is not a Box user in scope, so this "
        "override applies to nobody",
        "they are in the directory but not assigned; assign them in entra.assignments, "
        "directly or through a group, or remove this entry",
    ),
    (
        "override-misspelt",
        spec_text(box="box:\n  users:\n    ava@contoso.com: {role: coadmin}\n"),
        "box.users['ava@contoso.com']: 'ava@contoso.com' is not a Box user in scope",
        "did you mean 'ada@contoso.com'? If not, assign them in entra.assignments",
    ),
    (
        "override-keys-differ-only-in-case",
        spec_text(box="box:\n  users:\n    ada@contoso.com: {}\n    ADA@contoso.com: {}\n"),
        "box.users['ADA@contoso.com']: 'ADA@contoso.com' and 'ada@contoso.com' name the same "
        "Box user ('ada@contoso.com')",
        "merge the two entries",
    ),
    (
        "box-group-member-not-in-scope",
        spec_text(box="box:\n  groups:\n    - {name: X, members: [{login: dee@contoso.com}]}\n"),
        "box.groups[0].members[0].login: 'dee@contoso.com' is not a Box user in scope, and "
        "Box-only groups may hold only those",
        "they are in the directory but not assigned; assign them in entra.assignments, "
        "directly or through a group, or remove them from this group",
    ),
    (
        "box-group-member-twice",
        spec_text(
            box="box:\n  groups:\n    - name: X\n      members: [{login: ada@contoso.com}, "
            "{login: Ada@contoso.com, role: admin}]\n"
        ),
        "box.groups[0].members[1].login: 'Ada@contoso.com' is listed twice in group 'X'",
        "remove one",
    ),
    (
        "box-group-collides-with-provisioned-group",
        spec_text(provisioning=GROUPS, box="box:\n  groups:\n    - {name: design}\n"),
        "box.groups[0].name: the name 'Design' is already a Box group provisioned from Entra",
        "rename this Box-only group, or stop assigning the Entra group",
    ),
    (
        "box-groups-share-a-name",
        spec_text(box="box:\n  groups:\n    - {name: Leads}\n    - {name: LEADS}\n"),
        "box.groups[1].name: another Box-only group is already named 'Leads'",
        "rename or merge one",
    ),
    (
        "transfer-without-custodian",
        spec_text(provisioning="provisioning:\n  deprovision: transfer\n"),
        "provisioning.deprovision: 'transfer' moves a leaver's content to a custodian, but "
        "none is set",
        "add 'custodian: <login>' of an active Box user in scope",
    ),
    (
        "custodian-not-in-scope",
        spec_text(
            provisioning="provisioning:\n  deprovision: transfer\n  custodian: dee@contoso.com\n"
        ),
        "provisioning.custodian: the custodian 'dee@contoso.com' is not a Box user in scope, "
        "so cannot receive content",
        "or name another custodian",
    ),
    (
        "custodian-inactive",
        spec_text(
            provisioning="provisioning:\n  deprovision: transfer\n  custodian: CY@contoso.com\n"
        ),
        "provisioning.custodian: the custodian 'cy@contoso.com' will be inactive in Box and "
        "cannot receive content",
        "name an active user, or enable this account",
    ),
]


@pytest.mark.parametrize(
    ("text", "problem", "fix"), [pytest.param(*case[1:], id=case[0]) for case in CASES]
)
def test_a_broken_reference_is_rejected_with_its_path_and_a_fix(
    tmp_path: Path, text: str, problem: str, fix: str
) -> None:
    assert_rejected(validate(tmp_path, text), problem, fix)


def test_a_transfer_to_an_active_custodian_in_scope_is_valid(tmp_path: Path) -> None:
    provisioning = "provisioning:\n  deprovision: transfer\n  custodian: Eve@Contoso.com\n"
    run = validate(tmp_path, spec_text(provisioning=provisioning))
    assert run.code == 0, run.err


def test_a_cross_reference_error_is_located_in_the_file(tmp_path: Path) -> None:
    text = spec_text(entra=_entra("{user: eva@contoso.com, role: User}"))
    line = next(n for n, text_line in enumerate(text.splitlines(), 1) if "eva@" in text_line)
    run = validate(tmp_path, text)
    assert run.error_lines[0].startswith(f"{tmp_path / 'stack.yaml'}:{line}:14: ")
