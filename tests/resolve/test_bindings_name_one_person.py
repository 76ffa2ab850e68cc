"""Bindings (custodian, `box.users` keys, Box-only group members) name exactly one person.

With `mappings: {login: mail}`, Ada's mail is `bob@contoso.com`, which is also Bob's UPN:
`bob@contoso.com` used to bind to Ada, the person whose login it is, while a reviewer reads
Bob. A binding names a Box login; when the string is also someone else's UPN or mail it is
an error naming both, and `login:` or `upn:` says which person is meant.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.spec_support import (
    assert_rejected,
    groups_by_name,
    resolve_ok,
    spec_text,
    users_by_login,
    validate,
)

ENTRA = """
entra:
  application: {displayName: Box (test)}
  assignments:
    - {group: Staff, role: User}
"""

DIRECTORY = """
directory:
  users:
    - {userPrincipalName: ada@contoso.com, displayName: Ada, mail: bob@contoso.com}
    - {userPrincipalName: bob@contoso.com, displayName: Bob, mail: robert@contoso.com}
    - {userPrincipalName: eve@contoso.com, displayName: Eve, mail: eve@contoso.com}
  groups:
    - {displayName: Staff, members: [ada@contoso.com, bob@contoso.com, eve@contoso.com]}
"""

BY_MAIL = "provisioning:\n  mappings: {login: mail}\n"
TRANSFER = "  deprovision: transfer\n"


def _spec(*, provisioning: str = "", box: str = "") -> str:
    return spec_text(entra=ENTRA, directory=DIRECTORY, provisioning=BY_MAIL + provisioning, box=box)


def _override(key: str) -> str:
    return f"box:\n  users:\n    '{key}': {{role: coadmin}}\n"


def _member(login: str) -> str:
    return f"box:\n  groups:\n    - {{name: Admins, members: [{{login: '{login}'}}]}}\n"


AMBIGUOUS = (
    "'bob@contoso.com' is the Box login of 'ada@contoso.com' and also the UPN of "
    "'bob@contoso.com' (whose Box login is 'robert@contoso.com')"
)
WHICH = (
    "bindings name Box logins; say which person you mean: 'login:bob@contoso.com' for "
    "'ada@contoso.com', or 'upn:bob@contoso.com' for 'bob@contoso.com'"
)


@pytest.mark.parametrize(
    ("text", "path"),
    [
        pytest.param(
            _spec(box=_override("bob@contoso.com")), "box.users['bob@contoso.com']", id="override"
        ),
        pytest.param(
            _spec(provisioning=TRANSFER + "  custodian: bob@contoso.com\n"),
            "provisioning.custodian",
            id="custodian",
        ),
        pytest.param(
            _spec(box=_member("bob@contoso.com")), "box.groups[0].members[0].login", id="member"
        ),
    ],
)
def test_a_login_that_is_another_persons_upn_is_ambiguous(
    tmp_path: Path, text: str, path: str
) -> None:
    assert_rejected(validate(tmp_path, text), f"{path}: {AMBIGUOUS}", WHICH)


def test_upn_prefix_binds_to_the_person_with_that_upn(tmp_path: Path) -> None:
    users = users_by_login(resolve_ok(tmp_path, _spec(box=_override("upn:bob@contoso.com"))))
    assert (users["robert@contoso.com"]["role"], users["bob@contoso.com"]["role"]) == (
        "coadmin",
        "user",
    )


def test_login_prefix_binds_to_the_person_whose_login_it_is(tmp_path: Path) -> None:
    users = users_by_login(resolve_ok(tmp_path, _spec(box=_override("login:bob@contoso.com"))))
    assert (users["bob@contoso.com"]["role"], users["robert@contoso.com"]["role"]) == (
        "coadmin",
        "user",
    )


def test_a_custodian_named_by_upn_resolves_to_their_login(tmp_path: Path) -> None:
    text = _spec(provisioning=TRANSFER + "  custodian: upn:bob@contoso.com\n")
    assert resolve_ok(tmp_path, text)["provisioning"]["custodian"] == "robert@contoso.com"


def test_a_member_named_by_upn_is_the_person_with_that_upn(tmp_path: Path) -> None:
    groups = groups_by_name(resolve_ok(tmp_path, _spec(box=_member("upn:bob@contoso.com"))))
    assert [member["login"] for member in groups["Admins"]["members"]] == ["robert@contoso.com"]


def test_a_login_nobody_else_is_named_by_binds_plainly(tmp_path: Path) -> None:
    users = users_by_login(resolve_ok(tmp_path, _spec(box=_override("robert@contoso.com"))))
    assert users["robert@contoso.com"]["role"] == "coadmin"


def test_the_same_persons_login_and_mail_are_not_ambiguous(tmp_path: Path) -> None:
    users = users_by_login(resolve_ok(tmp_path, _spec(box=_override("eve@contoso.com"))))
    assert users["eve@contoso.com"]["role"] == "coadmin"


def test_a_upn_that_is_nobodys_login_says_whose_it_is(tmp_path: Path) -> None:
    assert_rejected(
        validate(tmp_path, _spec(box=_override("ada@contoso.com"))),
        "box.users['ada@contoso.com']: 'ada@contoso.com' is not a Box user in scope",
        "it is the UPN of 'ada@contoso.com', whose Box login is 'bob@contoso.com', and "
        "bindings name Box logins: write 'bob@contoso.com', or 'upn:ada@contoso.com'",
    )


def test_a_upn_binding_must_name_someone_in_the_directory(tmp_path: Path) -> None:
    assert_rejected(
        validate(tmp_path, _spec(box=_override("upn:bobby@contoso.com"))),
        "box.users['upn:bobby@contoso.com']: 'upn:bobby@contoso.com': no user "
        "'bobby@contoso.com' in the directory",
        "did you mean 'bob@contoso.com'?",
    )


def test_two_bindings_of_one_person_are_refused(tmp_path: Path) -> None:
    box = "box:\n  users:\n    robert@contoso.com: {}\n    upn:bob@contoso.com: {}\n"
    assert_rejected(
        validate(tmp_path, _spec(box=box)),
        "'upn:bob@contoso.com' and 'robert@contoso.com' name the same Box user "
        "('robert@contoso.com')",
        "merge the two entries",
    )


def test_with_the_default_mapping_another_persons_mail_is_ambiguous_too(
    tmp_path: Path,
) -> None:
    # Logins are UPNs; Bob's mail is Eve's UPN.
    directory = DIRECTORY.replace("robert@contoso.com", "eve@contoso.com", 1)
    text = spec_text(entra=ENTRA, directory=directory, box=_override("eve@contoso.com"))
    assert_rejected(
        validate(tmp_path, text),
        "'eve@contoso.com' is the Box login of 'eve@contoso.com' and also the mail of "
        "'bob@contoso.com' (whose Box login is 'bob@contoso.com')",
        "'login:eve@contoso.com' for 'eve@contoso.com', or 'upn:bob@contoso.com'",
    )


@pytest.mark.parametrize(
    ("binding", "problem"),
    [
        ("upn:bob", "'bob' is not a valid user principal name"),
        ("login:b\u200bob@contoso.com", "U+200B ZERO WIDTH SPACE"),
        ("mail:bob@contoso.com", "'mail:bob@contoso.com' has ':' before the '@'"),
    ],
)
def test_a_prefixed_binding_is_checked_as_the_address_it_names(
    tmp_path: Path, binding: str, problem: str
) -> None:
    run = validate(tmp_path, _spec(provisioning=TRANSFER + f"  custodian: '{binding}'\n"))
    assert run.code == 1
    assert "provisioning.custodian: " in run.err
    assert problem in run.err
