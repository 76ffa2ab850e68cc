"""Addresses that look like another one are refused, naming each character by code point.

`ann@` with a Cyrillic `a` (U+0430), `a@` after a zero-width space, a full-width `a`
(U+FF41) and `a@contoso.com.` with a trailing dot all read like a real person's address in
a review, and all used to be created in Box. Invisible characters, compatibility forms and
trailing dots are never allowed; letters of another script that look like ASCII, and mixed
scripts, are allowed only for addresses listed in `provisioning.allowUnicodeLogins`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from components.resolve import Directory, DirectoryUser, resolve
from components.spec import SpecError, load_spec
from tests.spec_support import (
    DIRECTORY,
    assert_rejected,
    resolve_ok,
    spec_text,
    users_by_login,
    validate,
    write_spec,
)

CYRILLIC_A = "\u0430"
EVE_ONLY = """
entra:
  application: {displayName: Box (test)}
  assignments:
    - {user: eve@contoso.com, role: User}
"""


def _eve_as(upn: str, allow: tuple[str, ...] = ()) -> str:
    """The shared example with Eve's UPN (assigned directly) written as `upn`."""
    entra = (
        "entra:\n  application: {displayName: Box (test)}\n"
        f'  assignments:\n    - {{user: "{upn}", role: User}}\n'
    )
    directory = DIRECTORY.replace(
        "{userPrincipalName: eve@contoso.com", f'{{userPrincipalName: "{upn}"'
    )
    allowed = ", ".join(f'"{address}"' for address in allow)
    provisioning = f"provisioning:\n  allowUnicodeLogins: [{allowed}]\n" if allow else ""
    return spec_text(entra=entra, directory=directory, provisioning=provisioning)


@pytest.mark.parametrize(
    ("upn", "problem", "fix"),
    [
        pytest.param(
            f"{CYRILLIC_A}nn@contoso.com",
            f"'{CYRILLIC_A}nn@contoso.com' contains U+0430 CYRILLIC SMALL LETTER A "
            "(looks like 'a')",
            "write 'ann@contoso.com' if that is the address meant; if this really is the "
            "address, list it under provisioning.allowUnicodeLogins",
            id="cyrillic-letter",
        ),
        pytest.param(
            "a\u200b@contoso.com",
            "'a\\u200b@contoso.com' contains U+200B ZERO WIDTH SPACE at character 2",
            "retype the address",
            id="zero-width-space",
        ),
        pytest.param(
            "\uff41@contoso.com",
            "'\uff41@contoso.com' contains U+FF41 FULLWIDTH LATIN SMALL LETTER A at character 1",
            "write 'a@contoso.com' (its NFKC form)",
            id="full-width-letter",
        ),
        pytest.param(
            "a@contoso.com.",
            "'a@contoso.com.' ends with a dot, which makes it another login in Box",
            "write 'a@contoso.com'",
            id="trailing-dot",
        ),
        pytest.param(
            "dmitry.\u0438\u0432@contoso.com",
            "'dmitry.\u0438\u0432@contoso.com' mixes scripts in 'dmitry.\u0438\u0432': "
            "Cyrillic and Latin",
            "list it under provisioning.allowUnicodeLogins",
            id="mixed-scripts",
        ),
        pytest.param(
            "a@contoso.c\u043em",
            "'a@contoso.c\u043em' contains U+043E CYRILLIC SMALL LETTER O (looks like 'o')",
            "write 'a@contoso.com'",
            id="lookalike-in-the-domain",
        ),
        pytest.param(
            "a@contoso_corp.com",
            "'a@contoso_corp.com' has an invalid domain: Codepoint U+005F",
            "write the domain as it is registered",
            id="domain-not-idna",
        ),
        pytest.param(
            "a" * 65 + "@contoso.com",
            "'" + "a" * 40 + "'... has 65 characters before the '@'",
            "an address has at most 64 there (RFC 5321)",
            id="local-part-too-long",
        ),
    ],
)
def test_a_lookalike_upn_is_refused_where_it_is_written(
    tmp_path: Path, upn: str, problem: str, fix: str
) -> None:
    run = validate(tmp_path, _eve_as(upn))
    assert_rejected(run, f"entra.assignments[0].user: {problem}", fix)
    assert_rejected(run, f"directory.users[4].userPrincipalName: {problem}", fix)


@pytest.mark.parametrize(
    "upn", ["müller@contoso.com", "王芳@contoso.com", "ana@münchen.de", "zoë.o'neil@contoso.com"]
)
def test_non_ascii_letters_that_look_like_nothing_else_need_no_entry(
    tmp_path: Path, upn: str
) -> None:
    state = resolve_ok(tmp_path, _eve_as(upn))
    assert upn.lower() in users_by_login(state)


def test_an_allow_entry_accepts_a_lookalike_address_as_written(tmp_path: Path) -> None:
    upn = f"{CYRILLIC_A}nn@contoso.com"
    state = resolve_ok(tmp_path, _eve_as(upn, allow=(upn.upper(),)))
    assert upn in users_by_login(state)


@pytest.mark.parametrize(
    ("upn", "problem"),
    [
        ("a\u200b@contoso.com", "U+200B ZERO WIDTH SPACE"),
        ("\uff41@contoso.com", "U+FF41 FULLWIDTH LATIN SMALL LETTER A"),
        ("a@contoso.com.", "ends with a dot"),
    ],
)
def test_an_allow_entry_never_accepts_invisible_compatibility_or_dotted_forms(
    tmp_path: Path, upn: str, problem: str
) -> None:
    run = validate(tmp_path, _eve_as(upn, allow=(upn,)))
    assert run.code == 1
    assert f"provisioning.allowUnicodeLogins[0]: {upn!r}" in run.err
    assert problem in run.err


LOOKALIKE = f"{CYRILLIC_A}da@contoso.com"


@pytest.mark.parametrize(
    ("provisioning", "box", "path"),
    [
        pytest.param(
            f'provisioning:\n  deprovision: transfer\n  custodian: "{LOOKALIKE}"\n',
            "",
            "provisioning.custodian",
            id="custodian",
        ),
        pytest.param(
            "",
            f'box:\n  users:\n    "{LOOKALIKE}": {{role: coadmin}}\n',
            "box.users",
            id="override",
        ),
        pytest.param(
            "",
            f'box:\n  groups:\n    - name: Admins\n      members: [{{login: "{LOOKALIKE}"}}]\n',
            "box.groups[0].members[0].login",
            id="group-member",
        ),
        pytest.param(
            "provisioning:\n  mappings: {login: mail}\n",
            "",
            "directory.users[1].mail",
            id="mail-mapped-to-the-login",
        ),
    ],
)
def test_every_field_that_names_a_login_is_held_to_the_same_rule(
    tmp_path: Path, provisioning: str, box: str, path: str
) -> None:
    text = spec_text(provisioning=provisioning, box=box).replace("robert@contoso.com", LOOKALIKE)
    run = validate(tmp_path, text)
    assert run.code == 1
    assert "U+0430 CYRILLIC SMALL LETTER A (looks like 'a')" in run.err
    assert f": {path}" in run.err


def test_a_lookalike_login_read_from_entra_is_refused_unless_allowed(tmp_path: Path) -> None:
    text = spec_text(
        entra=EVE_ONLY,
        directory="directory:\n  source: entra\n",
        provisioning="provisioning:\n  mappings: {login: mail}\n",
    )
    directory = Directory(
        users=(
            DirectoryUser(
                user_principal_name="eve@contoso.com",
                display_name="Eve",
                attributes={"mail": LOOKALIKE},
            ),
        )
    )
    spec = load_spec(write_spec(tmp_path, text, "refused.yaml"))
    with pytest.raises(SpecError) as raised:
        resolve(spec, directory)
    assert "mail of 'eve@contoso.com', mapped to Box login" in str(raised.value)
    assert "U+0430 CYRILLIC SMALL LETTER A" in str(raised.value)
    allowed = text.replace("  mappings:", f'  allowUnicodeLogins: ["{LOOKALIKE}"]\n  mappings:')
    spec = load_spec(write_spec(tmp_path, allowed, "allowed.yaml"))
    assert [user.login for user in resolve(spec, directory).box.users] == [LOOKALIKE]
