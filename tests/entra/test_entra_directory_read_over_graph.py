"""`directory.source: entra` with Graph credentials: paged member reads, the mapped fields only.

The same directory as the data-source read (`test_entra_directory_read.py`), now from a fake
Graph over HTTP (`tests.entra.fake_graph`) fed from the same `FakeTenant`; the request log
shows what the read costs.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from components.entra.directory_reader import EntraDirectoryRead, read_entra_directory
from components.entra.lookups import EntraLookups
from tests.entra.fake_graph import FakeGraph, running_fake_graph, serve_tenant
from tests.entra.fake_tenant import GET_GROUP, GET_USER, GET_USERS, FakeTenant
from tests.entra.harness import run_program


@pytest.fixture
def tenant() -> FakeTenant:
    tenant = FakeTenant()
    ada = tenant.add_user("Ada@contoso.com", "Ada", mail="ada@contoso.com", job_title="Engineer")
    bob = tenant.add_user("bob@contoso.com", "Bob", account_enabled=False)
    cy = tenant.add_user("cy@contoso.com", "Cy", job_title="Contractor")
    nested = tenant.add_group("Contractors", [cy])
    engineering = tenant.add_group("Engineering", [ada, bob])
    engineering.member_ids.append(nested.object_id)
    tenant.add_group("Design", [ada])
    tenant.add_group("Interns")
    return tenant


@pytest.fixture
def graph(tenant: FakeTenant) -> Iterator[FakeGraph]:
    with running_fake_graph() as fake:
        serve_tenant(fake, tenant)
        yield fake


def _read(
    tenant: FakeTenant,
    graph: FakeGraph,
    users: list[str],
    groups: list[str],
    attributes: set[str] | None = None,
) -> EntraDirectoryRead:
    result: list[EntraDirectoryRead] = []

    def program() -> None:
        lookups = EntraLookups()
        result.append(read_entra_directory(users, groups, attributes or set(), lookups))

    run_program(tenant, program, config=graph.config())
    return result[0]


def test_members_are_direct_users_and_other_members_are_counted(
    tenant: FakeTenant, graph: FakeGraph
) -> None:
    read = _read(tenant, graph, ["ada@contoso.com"], ["Engineering", "Design"])
    assert [(u.user_principal_name, u.account_enabled) for u in read.directory.users] == [
        ("ada@contoso.com", True),
        ("bob@contoso.com", False),
    ]
    assert {g.display_name: g.members for g in read.directory.groups} == {
        "Design": ("ada@contoso.com",),
        "Engineering": ("ada@contoso.com", "bob@contoso.com"),
    }
    assert read.other_member_counts == {"Design": 0, "Engineering": 1}
    assert {u.user_principal_name: u.object_id for u in read.directory.users} == {
        "ada@contoso.com": "user-0001",
        "bob@contoso.com": "user-0002",
    }
    # No per-member data-source reads at all.
    assert tenant.call_counts()[GET_GROUP] == 0
    assert [a for t, a in tenant.calls if t == GET_USERS and "objectIds" in a] == []


def test_members_are_read_with_exactly_the_mapped_attributes_selected(
    tenant: FakeTenant, graph: FakeGraph
) -> None:
    read = _read(tenant, graph, [], ["Engineering"], {"jobTitle"})
    assert {u.user_principal_name: u.attributes for u in read.directory.users} == {
        "ada@contoso.com": {"jobTitle": "Engineer"},
        "bob@contoso.com": {},
    }
    (request,) = graph.calls("GET", "/members")
    assert (
        "$select=id,userPrincipalName,displayName,accountEnabled,jobTitle&$top=999" in (request[1])
    )
    assert tenant.call_counts()[GET_USER] == 0


def test_a_directly_assigned_user_is_read_once_for_attributes_get_users_lacks(
    tenant: FakeTenant, graph: FakeGraph
) -> None:
    read = _read(tenant, graph, ["cy@contoso.com"], [], {"jobTitle"})
    (cy,) = read.directory.users
    assert cy.attributes == {"jobTitle": "Contractor"}
    assert len(graph.calls("GET", "/users/")) == 1


def test_a_group_without_user_members_is_still_reported(
    tenant: FakeTenant, graph: FakeGraph
) -> None:
    read = _read(tenant, graph, [], ["Interns", "Contractors"])
    assert read.empty_groups == ("Interns",)


def test_ten_thousand_members_cost_a_few_dozen_requests_not_one_per_member(
    graph: FakeGraph,
) -> None:
    tenant = FakeTenant()
    for group in range(20):
        people = [tenant.add_user(f"p{group}-{n}@contoso.com", f"P {n}") for n in range(500)]
        tenant.add_group(f"Team {group:02d}", people)
    serve_tenant(graph, tenant)
    read = _read(tenant, graph, [], [f"Team {g:02d}" for g in range(20)], {"mail"})
    assert len(read.directory.users) == 10_000
    member_pages = graph.calls("GET", "/members")
    assert len(member_pages) == 20  # one page of up to 999 per group
    assert len(tenant.calls) == 20  # one get_groups per group name, nothing per member
