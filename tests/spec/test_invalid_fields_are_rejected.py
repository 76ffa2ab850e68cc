"""Every field-level rule of spec v1: bad values are rejected with path, message and fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.spec_support import (
    DIRECTORY,
    ENTRA,
    assert_rejected,
    resolve_ok,
    spec_text,
    validate,
)


def _entra_with(assignment: str) -> str:
    return ENTRA + f"    - {assignment}\n"


def _box(section: str) -> str:
    return "box:\n" + section


BOX_ONLY = ENTRA.replace("  application: {displayName: Box (test)}\n", "  manage: false\n")
ENGINE_ENTRA = "provisioning:\n  engine: entra\n"


CASES = [
    # (id, spec, expected "path: message", expected fix)
    (
        "version-2",
        spec_text(version="version: 2\n"),
        "version: unsupported spec version 2",
        "write 'version: 1'",
    ),
    (
        "version-quoted",
        spec_text(version="version: '1'\n"),
        "version: expected a whole number, got '1'",
        "(without quotes)",
    ),
    ("version-bool", spec_text(version="version: true\n"), "version: expected a whole", "number"),
    (
        "version-missing",
        spec_text(version=""),
        "version: required field is missing",
        "add 'version:' to this mapping",
    ),
    (
        "entra-missing",
        spec_text(entra=""),
        "entra: required field is missing",
        "add 'entra:' to this mapping",
    ),
    (
        "unknown-top-level-field",
        spec_text() + "boxx: {}\n",
        "boxx: unknown field 'boxx'",
        "did you mean 'box'?",
    ),
    (
        "unknown-field-snake-case",
        spec_text(entra="entra:\n  application: {display_name: Box}\n"),
        "entra.application.display_name: unknown field 'display_name'",
        "did you mean 'displayName'?",
    ),
    (
        "unknown-field-no-close-match",
        spec_text(provisioning="provisioning:\n  zzz: 1\n"),
        "provisioning.zzz: unknown field 'zzz'",
        "remove it; the fields here are engine, objects, mappings",
    ),
    (
        "default-access",
        spec_text(entra=_entra_with("{user: ada@contoso.com, role: Default Access}")),
        "entra.assignments[3].role: 'Default Access' cannot be used for provisioning to Box",
        "assign a real app role such as 'User'",
    ),
    (
        "assignment-both-principals",
        spec_text(entra=_entra_with("{user: ada@contoso.com, group: Design, role: User}")),
        "entra.assignments[3]: an assignment names exactly one principal",
        "write either 'user: <UPN>' or 'group: <display name>'",
    ),
    (
        "assignment-no-principal",
        spec_text(entra=_entra_with("{role: User}")),
        "entra.assignments[3]: an assignment names exactly one principal",
        "write either",
    ),
    (
        "assignment-no-role",
        spec_text(entra=_entra_with("{user: ada@contoso.com}")),
        "entra.assignments[3].role: required field is missing",
        "add 'role:' to this mapping",
    ),
    (
        "assignment-bad-upn",
        spec_text(entra=_entra_with("{user: ada, role: User}")),
        "entra.assignments[3].user: 'ada' is not a valid user principal name",
        "write it as an address",
    ),
    (
        "managed-without-application",
        spec_text(entra="entra:\n  assignments: []\n"),
        "entra.application: entra.manage is true but there is no application",
        "or set 'manage: false'",
    ),
    (
        "manage-not-boolean",
        spec_text(entra="entra:\n  manage: 'no'\n"),
        "entra.manage: expected true or false, got 'no'",
        "(without quotes)",
    ),
    (
        "sign-on-url-not-https",
        spec_text(
            entra="entra:\n  application: {displayName: Box, signOnUrl: "
            "'http://contoso.account.box.com'}\n"
        ),
        "entra.application.signOnUrl: 'http://contoso.account.box.com' is not Box's sign-on URL",
        "write https://<your Box subdomain>.account.box.com",
    ),
    (
        "sign-on-url-another-host",
        spec_text(
            entra="entra:\n  application: {displayName: Box, signOnUrl: "
            "'https://contoso.box.com.evil.example'}\n"
        ),
        "entra.application.signOnUrl: 'https://contoso.box.com.evil.example' is not Box's "
        "sign-on URL",
        "e.g. 'https://contoso.account.box.com'",
    ),
    (
        "entra-job-threshold-zero",
        spec_text(
            provisioning="provisioning:\n  engine: entra\n"
            "  entraJob: {accidentalDeletionThreshold: 0}\n"
        ),
        "provisioning.entraJob.accidentalDeletionThreshold: 0 is below the minimum 1",
        "use a larger number",
    ),
    (
        "entra-job-threshold-quoted",
        spec_text(
            provisioning="provisioning:\n  engine: entra\n"
            "  entraJob: {accidentalDeletionThreshold: '500'}\n"
        ),
        "provisioning.entraJob.accidentalDeletionThreshold: expected a whole number, got '500'",
        "(without quotes)",
    ),
    (
        "entra-job-enabled-not-boolean",
        spec_text(provisioning="provisioning:\n  engine: entra\n  entraJob: {enabled: 'on'}\n"),
        "provisioning.entraJob.enabled: expected true or false, got 'on'",
        "(without quotes)",
    ),
    (
        "entra-job-notification-email",
        spec_text(
            provisioning="provisioning:\n  engine: entra\n  entraJob: {notificationEmail: it}\n"
        ),
        "provisioning.entraJob.notificationEmail: 'it' is not a valid email address",
        "write it as an address",
    ),
    (
        "entra-job-unknown-field",
        spec_text(
            provisioning="provisioning:\n  engine: entra\n  entraJob: {notificationEmails: []}\n"
        ),
        "provisioning.entraJob.notificationEmails: unknown field 'notificationEmails'",
        "did you mean 'notificationEmail'?",
    ),
    (
        "objects",
        spec_text(provisioning="provisioning:\n  objects: users-and-grups\n"),
        "provisioning.objects: 'users-and-grups' is not allowed here",
        "did you mean 'users-and-groups'?",
    ),
    (
        "engine",
        spec_text(provisioning="provisioning:\n  engine: pulumi\n"),
        "provisioning.engine: 'pulumi' is not allowed here",
        "use one of 'entra-box', 'entra'",
    ),
    (
        "deprovision",
        spec_text(provisioning="provisioning:\n  deprovision: remove\n"),
        "provisioning.deprovision: 'remove' is not allowed here",
        "use one of 'disable', 'transfer', 'delete'",
    ),
    (
        "max-deprovisions-negative",
        spec_text(provisioning="provisioning:\n  maxDeprovisions: -1\n"),
        "provisioning.maxDeprovisions: -1 is below the minimum 0",
        "use a larger number",
    ),
    (
        "max-deprovisions-beyond-any-tenant",
        spec_text(provisioning="provisioning:\n  maxDeprovisions: 1" + "0" * 38 + "\n"),
        "provisioning.maxDeprovisions: 1" + "0" * 38 + " is above the maximum 1000000",
        "use a smaller number",
    ),
    (
        "max-deprovisions-in-exponent-notation",
        spec_text(provisioning="provisioning:\n  maxDeprovisions: 1e38\n"),
        "provisioning.maxDeprovisions: expected a whole number, got '1e38'",
        "write a whole number here, in digits: YAML reads '1e38' as text",
    ),
    (
        "mapping-unknown-entra-attribute",
        spec_text(provisioning="provisioning:\n  mappings: {job_title: title}\n"),
        "provisioning.mappings.job_title: 'title' is not allowed here",
        "did you mean 'jobTitle'?",
    ),
    (
        "mapping-unknown-box-field",
        spec_text(provisioning="provisioning:\n  mappings: {jobtitle: jobTitle}\n"),
        "provisioning.mappings.jobtitle: unknown field 'jobtitle'",
        "did you mean 'job_title'?",
    ),
    (
        "directory-source",
        spec_text(directory="directory:\n  source: ldap\n"),
        "directory.source: 'ldap' is not allowed here",
        "use one of 'inline', 'entra'",
    ),
    (
        "entra-source-with-inline-users",
        spec_text(directory=DIRECTORY.replace("directory:\n", "directory:\n  source: entra\n")),
        "directory.users: directory.source is entra, so users are read from Entra",
        "remove directory.users, or set 'source: inline'",
    ),
    (
        "entra-source-in-a-box-only-stack",
        spec_text(entra=BOX_ONLY, directory="directory:\n  source: entra\n"),
        "directory.source: source 'entra' needs entra.manage: true: a Box-only stack does not "
        "talk to Entra",
        "set 'entra.manage: true' (with an application), or list the directory inline",
    ),
    (
        "entra-engine-in-a-box-only-stack",
        spec_text(entra=BOX_ONLY, provisioning="provisioning:\n  engine: entra\n"),
        "provisioning.engine: engine 'entra' needs entra.manage: true",
        "or use 'engine: entra-box'",
    ),
    (
        "entra-job-without-engine-entra",
        spec_text(provisioning="provisioning:\n  entraJob: {enabled: true}\n"),
        "provisioning.entraJob: entraJob configures Entra's provisioning job, which runs only "
        "with 'engine: entra'",
        "remove entraJob, or set 'engine: entra'",
    ),
    (
        "entra-job-with-engine-entra-box",
        spec_text(provisioning="provisioning:\n  engine: entra-box\n  entraJob: {}\n"),
        "provisioning.entraJob: entraJob configures Entra's provisioning job",
        "remove entraJob",
    ),
    (
        "engine-entra-with-box-defaults",
        spec_text(provisioning=ENGINE_ENTRA, box=_box("  defaults: {space_amount: 10 GB}\n")),
        "box.defaults: with engine 'entra', Entra's provisioning job writes to Box with its own "
        "attribute mappings, and nothing would apply box.defaults",
        "remove box.defaults, or use 'engine: entra-box' to have entra-box apply it",
    ),
    (
        "engine-entra-with-box-overrides",
        spec_text(provisioning=ENGINE_ENTRA, box=_box("  users:\n    ada@contoso.com: {}\n")),
        "box.users: with engine 'entra', Entra's provisioning job writes to Box with its own "
        "attribute mappings, and nothing would apply box.users overrides",
        "remove box.users",
    ),
    (
        "engine-entra-with-box-only-groups",
        spec_text(provisioning=ENGINE_ENTRA, box=_box("  groups:\n    - {name: Leads}\n")),
        "box.groups: with engine 'entra', Entra's provisioning job writes to Box with its own "
        "attribute mappings, and nothing would apply Box-only groups",
        "remove box.groups",
    ),
    (
        "account-enabled-quoted",
        spec_text(
            directory="directory:\n  users:\n    - {userPrincipalName: a@b.co, displayName: A,"
            " accountEnabled: 'false'}\n"
        ),
        "directory.users[0].accountEnabled: expected true or false, got 'false'",
        "(without quotes)",
    ),
    (
        "directory-user-unknown-attribute",
        spec_text(
            directory="directory:\n  users:\n    - {userPrincipalName: a@b.co, displayName: A,"
            " jobtitle: x}\n"
        ),
        "directory.users[0].jobtitle: unknown field 'jobtitle'",
        "did you mean 'jobTitle'?",
    ),
    (
        "user-object-id-not-a-guid",
        spec_text(
            directory="directory:\n  users:\n    - {userPrincipalName: a@b.co, displayName: A,"
            " objectId: a@b.co}\n"
        ),
        "directory.users[0].objectId: 'a@b.co' is not an Entra object id",
        "copy the Object ID from the user's or group's overview in the Entra admin center",
    ),
    (
        "user-object-id-with-a-line-break",
        spec_text(
            directory="directory:\n  users:\n    - {userPrincipalName: a@b.co, displayName: A,"
            ' objectId: "3f2504e0-4f89-41d3-9a0c-0305e82c3301\\n"}\n'
        ),
        "directory.users[0].objectId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301\\n' is not an "
        "Entra object id",
        "it is a GUID such as",
    ),
    (
        "group-object-id-truncated",
        spec_text(
            directory="directory:\n  groups:\n    - {displayName: G,"
            " objectId: 3f2504e0-4f89-41d3-9a0c-0305e82c330}\n"
        ),
        "directory.groups[0].objectId: '3f2504e0-4f89-41d3-9a0c-0305e82c330' is not an Entra "
        "object id",
        "it is a GUID such as",
    ),
    (
        "group-member-not-text",
        spec_text(directory="directory:\n  groups:\n    - {displayName: G, members: [42]}\n"),
        "directory.groups[0].members[0]: expected text, got 42",
        "(quote it: '42')",
    ),
    (
        "name-with-spaces",
        spec_text(directory="directory:\n  groups:\n    - {displayName: ' G'}\n"),
        "directory.groups[0].displayName: ' G' has leading or trailing spaces",
        "remove them",
    ),
    (
        "box-role",
        spec_text(box=_box("  defaults: {role: admin}\n")),
        "box.defaults.role: 'admin' is not allowed here",
        "did you mean 'coadmin'?",
    ),
    (
        "box-status",
        spec_text(box=_box("  users:\n    ada@contoso.com: {status: disabled}\n")),
        "box.users['ada@contoso.com'].status: 'disabled' is not allowed here",
        "'active', 'inactive', 'cannot_delete_edit', 'cannot_delete_edit_upload'",
    ),
    (
        "status-not-a-default",
        spec_text(box=_box("  defaults: {status: inactive}\n")),
        "box.defaults.status: unknown field 'status'",
        "remove it; the fields here are role, space_amount",
    ),
    (
        "space-amount-below-unlimited",
        spec_text(box=_box("  defaults: {space_amount: -2}\n")),
        "box.defaults.space_amount: -2 is below the minimum -1",
        "use a larger number",
    ),
    (
        "space-amount-beyond-int64",
        spec_text(box=_box("  defaults: {space_amount: '" + "9" * 400 + " GB'}\n")),
        "box.defaults.space_amount: this amount is more than Box can set",
        "write 'unlimited' for no limit, or a smaller size",
    ),
    (
        "space-amount-that-box-reads-as-unlimited",
        spec_text(box=_box("  defaults: {space_amount: 999999999999999}\n")),
        "box.defaults.space_amount: 999999999999999 bytes is more than Box can set "
        "(it reads 999999999999999 and above as unlimited)",
        "write 'unlimited' for no limit, or a smaller size",
    ),
    (
        "space-amount-words",
        spec_text(box=_box("  defaults: {space_amount: lots}\n")),
        "box.defaults.space_amount: 'lots' is not a storage size",
        "a size such as '50 GB'",
    ),
    (
        "space-amount-fraction",
        spec_text(box=_box("  defaults: {space_amount: 1.5}\n")),
        "box.defaults.space_amount: expected a whole number, got 1.5",
        "write a whole number here",
    ),
    (
        "language-locale",
        spec_text(box=_box("  defaults: {language: en-GB}\n")),
        "box.defaults.language: 'en-GB' is not a Box language code",
        "write 'gb', Box's code for English (UK)",
    ),
    (
        "language-unknown",
        spec_text(box=_box("  defaults: {language: klingon}\n")),
        "box.defaults.language: 'klingon' is not a Box language code",
        "use one of Box's codes: bn, da, de, en",
    ),
    (
        "timezone",
        spec_text(box=_box("  defaults: {timezone: CET+1}\n")),
        "box.defaults.timezone: 'CET+1' is not an IANA time zone name",
        "e.g. 'Europe/Paris'",
    ),
    (
        "name-too-long",
        spec_text(box=_box("  users:\n    ada@contoso.com: {name: " + "x" * 51 + "}\n")),
        "box.users['ada@contoso.com'].name: is longer than 50 characters",
        "shorten it to at most 50",
    ),
    (
        "override-key-not-a-login",
        spec_text(box=_box("  users:\n    Ada Lovelace: {role: user}\n")),
        "box.users['Ada Lovelace']: 'Ada Lovelace' is not a valid Box login",
        "write it as an address",
    ),
    (
        "membership-role",
        spec_text(
            box=_box(
                "  groups:\n    - {name: G, members: [{login: ada@contoso.com, role: owner}]}\n"
            )
        ),
        "box.groups[0].members[0].role: 'owner' is not allowed here",
        "use one of 'member', 'admin'",
    ),
    (
        "group-description-too-long",
        spec_text(box=_box("  groups:\n    - {name: G, description: " + "d" * 256 + "}\n")),
        "box.groups[0].description: is longer than 255 characters",
        "shorten it to at most 255",
    ),
    (
        "section-is-a-list",
        spec_text(box="box: []\n"),
        "box: expected a mapping, got a list",
        "write a mapping here",
    ),
    (
        "section-is-empty",
        spec_text(entra="entra:\n"),
        "entra: has no value",
        "write a mapping here, or remove the key",
    ),
]


@pytest.mark.parametrize(
    ("text", "problem", "fix"), [pytest.param(*case[1:], id=case[0]) for case in CASES]
)
def test_a_bad_field_is_rejected_with_its_path_and_a_fix(
    tmp_path: Path, text: str, problem: str, fix: str
) -> None:
    assert_rejected(validate(tmp_path, text), problem, fix)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            spec_text(
                provisioning=ENGINE_ENTRA + "  entraJob: {enabled: true}\n",
                box="box: {defaults: {}, users: {}, groups: []}\n",
            ),
            id="engine-entra-with-entra-job-and-an-empty-box-section",
        ),
        pytest.param(
            spec_text(entra=BOX_ONLY, provisioning="provisioning:\n  engine: entra-box\n"),
            id="box-only-with-an-inline-directory",
        ),
        pytest.param(
            spec_text(directory="directory:\n  source: entra\n", provisioning=ENGINE_ENTRA),
            id="entra-directory-and-engine-with-entra-managed",
        ),
    ],
)
def test_sections_that_fit_together_are_valid(tmp_path: Path, text: str) -> None:
    run = validate(tmp_path, text)
    assert run.code == 0, run.err


@pytest.mark.parametrize(
    "role",
    [
        "Default Access",
        "default access",
        "DEFAULT ACCESS",
        "DefaultAccess",
        "msiam_access",
        "00000000-0000-0000-0000-000000000000",
    ],
)
def test_every_spelling_of_the_default_access_role_is_rejected(tmp_path: Path, role: str) -> None:
    run = validate(
        tmp_path, spec_text(entra=_entra_with(f"{{user: ada@contoso.com, role: '{role}'}}"))
    )
    assert run.code == 1
    assert f"entra.assignments[3].role: '{role}' cannot be used for provisioning to Box" in run.err


@pytest.mark.parametrize(
    ("value", "amount"),
    [
        ("0", 0),
        ("-1", -1),
        ("unlimited", -1),
        ("1024", 1024),
        ("'10 GB'", 10 * 1024**3),
        ("1.5TB", int(1.5 * 1024**4)),
        ("500 MiB", 500 * 1024**2),
        ("999999999999998", 999_999_999_999_998),
    ],
)
def test_space_amount_accepts_bytes_and_sizes(tmp_path: Path, value: str, amount: int) -> None:
    state = resolve_ok(tmp_path, spec_text(box=_box(f"  defaults: {{space_amount: {value}}}\n")))
    assert {user["space_amount"] for user in state["box"]["users"]} == {amount}
