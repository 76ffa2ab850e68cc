"""Reading the directory from Entra: direct members only, batched, empty groups made visible."""

from __future__ import annotations

import logging

import pytest

from components.entra.directory_reader import EntraDirectoryRead, read_entra_directory
from components.entra.errors import PrincipalsNotFoundError
from components.entra.lookups import EntraLookups
from tests.entra.fake_tenant import GET_GROUP, GET_USER, GET_USERS, FakeTenant
from tests.entra.harness import run_program


def _read(
    tenant: FakeTenant, users: list[str], groups: list[str], attributes: set[str] | None = None
) -> EntraDirectoryRead:
    result: list[EntraDirectoryRead] = []

    def program() -> None:
        lookups = EntraLookups(batch_size=2)
        result.append(read_entra_directory(users, groups, attributes or set(), lookups))

    run_program(tenant, program)
    return result[0]


@pytest.fixture
def tenant() -> FakeTenant:
    tenant = FakeTenant()
    ada = tenant.add_user("Ada@contoso.com", "Ada", mail="ada@contoso.com", job_title="Engineer")
    bob = tenant.add_user("bob@contoso.com", "Bob", account_enabled=False)
    cy = tenant.add_user("cy@contoso.com", "Cy")
    nested = tenant.add_group("Contractors", [cy])
    engineering = tenant.add_group("Engineering", [ada, bob])
    engineering.member_ids.append(nested.object_id)
    tenant.add_group("Design", [ada])
    tenant.add_group("Interns")
    return tenant


def test_members_are_direct_and_each_person_appears_once(tenant: FakeTenant) -> None:
    read = _read(tenant, ["ada@contoso.com"], ["Engineering", "Design"])
    assert [u.user_principal_name for u in read.directory.users] == [
        "ada@contoso.com",
        "bob@contoso.com",
    ]
    assert {g.display_name: g.members for g in read.directory.groups} == {
        "Design": ("ada@contoso.com",),
        "Engineering": ("ada@contoso.com", "bob@contoso.com"),
    }
    assert read.other_member_counts == {"Design": 0, "Engineering": 1}
    assert [u.account_enabled for u in read.directory.users] == [True, False]


def test_users_and_groups_carry_their_object_ids(tenant: FakeTenant) -> None:
    read = _read(tenant, ["ada@contoso.com"], ["Engineering"])
    assert {u.user_principal_name: u.object_id for u in read.directory.users} == {
        "ada@contoso.com": "user-0001",
        "bob@contoso.com": "user-0002",
    }
    assert {g.display_name: g.object_id for g in read.directory.groups} == {
        "Engineering": "group-0002"
    }


def test_members_are_looked_up_in_batches_and_known_people_are_not_looked_up_again(
    tenant: FakeTenant,
) -> None:
    _read(tenant, ["ada@contoso.com"], ["Engineering", "Design"])
    lookups = [args for token, args in tenant.calls if token == GET_USERS]
    member_batches = [args["objectIds"] for args in lookups if "objectIds" in args]
    # ada came from the UPN lookup; bob and the nested group fill one batch of two.
    assert member_batches == [["user-0002", "group-0001"]]
    assert tenant.call_counts()[GET_GROUP] == 2
    assert tenant.call_counts()[GET_USER] == 0


def test_only_the_mapped_attributes_are_kept(tenant: FakeTenant) -> None:
    read = _read(tenant, ["ada@contoso.com"], [], {"mail"})
    (ada,) = read.directory.users
    assert ada.attributes == {"mail": "ada@contoso.com"}


def test_an_attribute_outside_get_users_is_read_per_user_with_a_warning(
    tenant: FakeTenant, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        read = _read(tenant, [], ["Engineering"], {"jobTitle"})
    assert {u.user_principal_name: u.attributes for u in read.directory.users} == {
        "ada@contoso.com": {"jobTitle": "Engineer"},
        "bob@contoso.com": {},
    }
    assert tenant.call_counts()[GET_USER] == 2
    assert "jobTitle, which pulumi-azuread's get_users does not return" in caplog.text


def test_a_group_without_user_members_is_reported_and_logged(
    tenant: FakeTenant, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        read = _read(tenant, [], ["Interns", "Contractors", "Design"])
    assert read.empty_groups == ("Interns",)
    assert read.user_member_counts == {"Contractors": 1, "Design": 1, "Interns": 0}
    assert "'Interns' is assigned to Box but has no direct user members" in caplog.text


def test_unknown_people_and_groups_are_reported_together(tenant: FakeTenant) -> None:
    tenant.add_group("Design")
    with pytest.raises(PrincipalsNotFoundError) as raised:
        _read(tenant, ["ghost@contoso.com"], ["Design", "Nobody"])
    lines = str(raised.value).splitlines()[1:]
    assert len(lines) == 3
    assert "user 'ghost@contoso.com' matches no Entra user" in lines[0]
    assert "group 'Design' matches 2 Entra groups" in lines[1]
    assert "group 'Nobody' could not be resolved" in lines[2]
