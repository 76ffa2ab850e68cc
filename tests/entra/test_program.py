"""The real `__main__.py` under Pulumi mocks: the Entra app, its role assignments, Box's users.

Assertions are on what the program registers (pulumi-azuread resources and the Box dynamic
resources `box:User` / `box:Group`) and on the data-source invokes it makes.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pulumi
import pytest

from components.entra.errors import PrincipalsNotFoundError, UnknownAppRoleError
from tests.entra.fake_graph import FakeGraph, running_fake_graph
from tests.entra.fake_tenant import (
    APP,
    ASSIGNMENT,
    BOX_GROUP,
    CLIENT_ID,
    GET_USER,
    GET_USERS,
    JOB,
    PROVISIONING_SETTINGS,
    SECRET,
    SIGNING_THUMBPRINT,
    SP,
    SP_OBJECT_ID,
    FakeTenant,
    role_id,
)
from tests.entra.harness import run_main

HELD_SP = "5e1d0000-0000-4000-8000-0000000005e1"


@pytest.fixture
def graph() -> Iterator[FakeGraph]:
    with running_fake_graph() as fake:
        yield fake


def _hold_box_app(tenant: FakeTenant, graph: FakeGraph) -> None:
    """The Box app as an earlier `up` of this stack left it (marked, with Box's identifier)."""
    tenant.add_app(
        "Box (dev)",
        identifier_uris=["box.net"],
        sp_object_id=HELD_SP,
        sp_tags=["WindowsAzureActiveDirectoryIntegratedApp", "entra-box:stack=entra-box/test"],
    )
    graph.state.add_service_principal(HELD_SP)


def _contoso_like_dev_yaml() -> FakeTenant:
    """The people and groups `stacks/dev.yaml` lists inline, as Entra would hold them."""
    tenant = FakeTenant()
    ada = tenant.add_user("ada.lovelace@contoso.com", "Ada Lovelace")
    alan = tenant.add_user("alan.turing@contoso.com", "Alan Turing")
    margaret = tenant.add_user("margaret.hamilton@contoso.com", "Margaret Hamilton")
    katherine = tenant.add_user("katherine.johnson@contoso.com", "Katherine Johnson")
    tenant.add_user("grace.hopper@contoso.com", "Grace Hopper")
    tenant.add_user("it.admin@contoso.com", "IT Admin")
    tenant.add_group("Engineering", [ada, alan, margaret])
    tenant.add_group("Design", [katherine, ada])
    return tenant


def _dev_spec(tmp_path: Path, *edits: tuple[str, str]) -> dict[str, str]:
    """`stacks/dev.yaml` as committed, with `edits` applied (each `(old, new)` must match)."""
    text = (Path(__file__).parents[2] / "stacks" / "dev.yaml").read_text()
    for old, new in edits:
        assert old in text
        text = text.replace(old, new, 1)
    return _write_spec(tmp_path, text)


def _dev_spec_for_engine_entra(tmp_path: Path, provisioning: str) -> dict[str, str]:
    """`stacks/dev.yaml` with `provisioning` opening its section, and without its box section,
    which nothing would apply with `engine: entra`."""
    dev = (Path(__file__).parents[2] / "stacks" / "dev.yaml").read_text()
    box_section = dev[dev.index("\nbox:\n") :]
    return _dev_spec(tmp_path, ("provisioning:\n", provisioning), (box_section, "\n"))


def _write_spec(tmp_path: Path, body: str) -> dict[str, str]:
    path = tmp_path / "spec.yaml"
    path.write_text(textwrap.dedent(body).lstrip())
    return {"entra-box:spec": str(path)}


def _assignments(tenant: FakeTenant) -> dict[str, tuple[str, str]]:
    return {
        r.name: (r.inputs["principalObjectId"], r.inputs["appRoleId"])
        for r in tenant.of_type(ASSIGNMENT)
    }


def _object_id(tenant: FakeTenant, name: str) -> str:
    users = {user.upn: user.object_id for user in tenant.users.values()}
    groups = {group.display_name: group.object_id for group in tenant.groups}
    return {**users, **groups}[name]


# -- directory.source: inline -------------------------------------------------------------
def test_the_dev_stack_registers_one_app_one_saml_service_principal_and_its_assignments(
    tmp_path: Path,
) -> None:
    tenant = _contoso_like_dev_yaml()
    tenant.hold_box_app()
    outputs = run_main(tenant, config=_dev_spec(tmp_path))
    assert len(tenant.of_type(APP)) == 1
    (sp,) = tenant.of_type(SP)
    assert sp.inputs["preferredSingleSignOnMode"] == "saml"
    assert sp.inputs["appRoleAssignmentRequired"] is True
    assert sp.inputs["notificationEmailAddresses"] == ["box-provisioning@contoso.com"]
    assert sp.inputs["owners"] == [_object_id(tenant, "it.admin@contoso.com")]
    user_role = role_id("User")
    assert _assignments(tenant) == {
        "assignment-group-design": (_object_id(tenant, "Design"), user_role),
        "assignment-group-engineering": (_object_id(tenant, "Engineering"), user_role),
        "assignment-user-grace.hopper@contoso.com": (
            _object_id(tenant, "grace.hopper@contoso.com"),
            user_role,
        ),
        "assignment-user-it.admin@contoso.com": (
            _object_id(tenant, "it.admin@contoso.com"),
            user_role,
        ),
    }
    assert {r.inputs["resourceObjectId"] for r in tenant.of_type(ASSIGNMENT)} == {SP_OBJECT_ID}
    assert outputs["provisioningEngine"] == "entra-box"
    assert "kept paused" in outputs["entraProvisioningJob"]
    assert outputs["samlSigningThumbprint"] == SIGNING_THUMBPRINT
    assert outputs["entraClientId"] == CLIENT_ID


def test_the_dev_stack_gives_box_exactly_the_in_scope_people_and_groups(tmp_path: Path) -> None:
    tenant = _contoso_like_dev_yaml()
    run_main(tenant, config=_dev_spec(tmp_path))
    assert tenant.box_users() == [
        "ada.lovelace@contoso.com",
        "alan.turing@contoso.com",
        "grace.hopper@contoso.com",
        "it.admin@contoso.com",
        "katherine.johnson@contoso.com",
        "margaret.hamilton@contoso.com",
    ]
    assert tenant.box_groups() == {
        "Design": ["ada.lovelace@contoso.com", "katherine.johnson@contoso.com"],
        "Engineering": [
            "ada.lovelace@contoso.com",
            "alan.turing@contoso.com",
            "margaret.hamilton@contoso.com",
        ],
    }


def test_a_box_only_stack_touches_no_azuread_resource_or_invoke() -> None:
    tenant = FakeTenant()
    outputs = run_main(tenant, stack="demo")
    assert tenant.azuread_activity() == []
    assert len(tenant.box_users()) == 10  # everyone demo.yaml assigns
    assert sorted(tenant.box_groups()) == ["Leadership", "Operations", "Sales"]
    assert "entraProvisioningJob" not in outputs


# -- directory.source: entra ----------------------------------------------------------------
ENTRA_SOURCED = """
    version: 1
    entra:
      application:
        displayName: Box
        owners: [it.admin@contoso.com]
        notificationEmails: [box@contoso.com]
      assignments:
        - {group: Engineering, role: User}
        - {group: Interns, role: User}
        - {user: grace.hopper@contoso.com, role: Co-admin}
    provisioning:
      objects: users-and-groups
      mappings: {MAPPINGS}
    directory:
      source: entra
"""


def _entra_tenant(engineers: int = 3) -> FakeTenant:
    tenant = FakeTenant()
    members = [
        tenant.add_user(f"engineer{n:03d}@contoso.com", f"Engineer {n}", job_title="Engineer")
        for n in range(engineers)
    ]
    members[0].account_enabled = False
    tenant.add_user("grace.hopper@contoso.com", "Grace Hopper", job_title="Advisor")
    tenant.add_user("it.admin@contoso.com", "IT Admin")
    tenant.add_user("outsider@contoso.com", "Not Assigned")
    contractor = tenant.add_user("contractor@contoso.com", "Nested Only")
    nested = tenant.add_group("Platform", [contractor])
    engineering = tenant.add_group("Engineering", members)
    engineering.member_ids.append(nested.object_id)
    tenant.add_group("Interns")
    return tenant


def _entra_spec(tmp_path: Path, mappings: str = "{}") -> dict[str, str]:
    return _write_spec(tmp_path, ENTRA_SOURCED.replace("{MAPPINGS}", mappings))


def test_an_entra_directory_gives_box_the_direct_members_and_direct_assignees_only(
    tmp_path: Path,
) -> None:
    tenant = _entra_tenant()
    outputs = run_main(tenant, config=_entra_spec(tmp_path))
    statuses = {r.inputs["login"]: r.inputs["status"] for r in tenant.box_user_entries()}
    assert statuses == {
        "engineer000@contoso.com": "inactive",
        "engineer001@contoso.com": "active",
        "engineer002@contoso.com": "active",
        "grace.hopper@contoso.com": "active",
    }
    assert tenant.box_groups()["Engineering"] == tenant.box_users()[:3]
    assert outputs["entraEmptyGroups"] == ["Interns"]


def test_an_entra_directory_names_box_users_and_groups_by_their_entra_object_ids(
    tmp_path: Path,
) -> None:
    tenant = _entra_tenant()
    run_main(tenant, config=_entra_spec(tmp_path))
    users = {r.inputs["login"]: r.name for r in tenant.box_user_entries()}
    groups = {r.inputs["name"]: r.name for r in tenant.of_type(BOX_GROUP)}
    assert users == {login: _object_id(tenant, login) for login in tenant.box_users()}
    assert groups == {name: _object_id(tenant, name) for name in ("Engineering", "Interns")}


def test_an_entra_directory_assigns_roles_to_the_groups_and_users_found(tmp_path: Path) -> None:
    tenant = _entra_tenant()
    tenant.hold_box_app()
    run_main(tenant, config=_entra_spec(tmp_path))
    assert _assignments(tenant) == {
        "assignment-group-engineering": (_object_id(tenant, "Engineering"), role_id("User")),
        "assignment-group-interns": (_object_id(tenant, "Interns"), role_id("User")),
        "assignment-user-grace.hopper@contoso.com": (
            _object_id(tenant, "grace.hopper@contoso.com"),
            role_id("Co-admin"),
        ),
    }


def test_a_large_group_costs_one_member_lookup_not_one_per_member(tmp_path: Path) -> None:
    tenant = _entra_tenant(engineers=400)
    run_main(tenant, config=_entra_spec(tmp_path))
    member_lookups = [a for token, a in tenant.calls if token == GET_USERS and a.get("objectIds")]
    assert len(member_lookups) == 1
    assert len(member_lookups[0]["objectIds"]) == 401  # 400 users and the nested group
    assert tenant.call_counts()[GET_USER] == 0
    assert len(tenant.box_users()) == 401


def test_mapping_an_attribute_get_users_lacks_reads_each_in_scope_user(tmp_path: Path) -> None:
    tenant = _entra_tenant()
    run_main(tenant, config=_entra_spec(tmp_path, "{job_title: jobTitle}"))
    assert tenant.call_counts()[GET_USER] == 4
    assert tenant.box_user("grace.hopper@contoso.com").inputs["job_title"] == "Advisor"


# -- provisioning.engine: entra --------------------------------------------------------------
def test_engine_entra_registers_the_job_from_the_apps_own_template_and_no_box_resources(
    tmp_path: Path, graph: FakeGraph
) -> None:
    tenant = _contoso_like_dev_yaml()
    _hold_box_app(tenant, graph)
    tenant.sync_templates = ["box.factory-tag.v2"]
    config = _dev_spec_for_engine_entra(tmp_path, "provisioning:\n  engine: entra\n")
    outputs = run_main(tenant, config={**config, **graph.config()})
    (job,) = tenant.of_type(JOB)
    # Read from the service principal's own templates, never a guessed id.
    assert job.inputs["templateId"] == "box.factory-tag.v2"
    assert graph.calls("GET", f"/servicePrincipals/{HELD_SP}/synchronization/templates")
    assert job.inputs["enabled"] is False  # until provisioning.entraJob.enabled
    assert tenant.of_type(SECRET) == []
    (settings,) = tenant.of_type(PROVISIONING_SETTINGS)
    credentials = settings.inputs["settings"]
    assert credentials["SyncAll"] == "false"
    assert json.loads(credentials["SyncNotificationSettings"])["DeleteThresholdValue"] == 500
    assert tenant.box_users() == []
    assert tenant.box_groups() == {}
    assert outputs["boxManagedUsers"] == 0
    assert "nobody writes to Box" in outputs["entraProvisioningJob"]


def test_engine_entra_applies_the_entra_job_settings_of_the_spec(
    tmp_path: Path, graph: FakeGraph
) -> None:
    tenant = _contoso_like_dev_yaml()
    _hold_box_app(tenant, graph)
    entra_job = (
        "provisioning:\n  engine: entra\n  entraJob:\n    enabled: true\n"
        "    notificationEmail: it@contoso.com\n    accidentalDeletionThreshold: null\n"
        "    skipOutOfScopeDeletions: true\n"
    )
    config = _dev_spec_for_engine_entra(tmp_path, entra_job)
    outputs = run_main(tenant, config={**config, **graph.config()})
    (job,) = tenant.of_type(JOB)
    assert job.inputs["enabled"] is True
    (settings,) = tenant.of_type(PROVISIONING_SETTINGS)
    credentials = settings.inputs["settings"]
    assert json.loads(credentials["SyncNotificationSettings"]) == {
        "Enabled": True,
        "Recipients": "it@contoso.com",
        "DeleteThresholdEnabled": False,
    }
    assert credentials["SkipOutOfScopeDeletions"] == "true"
    assert "Entra's provisioning service writes to Box" in outputs["entraProvisioningJob"]


def test_engine_entra_without_synchronization_permission_fails_the_preview_naming_it(
    tmp_path: Path, graph: FakeGraph
) -> None:
    tenant = _contoso_like_dev_yaml()
    _hold_box_app(tenant, graph)
    graph.state.forbidden.append("/synchronization")
    config = _dev_spec_for_engine_entra(tmp_path, "provisioning:\n  engine: entra\n")
    with pytest.raises(pulumi.RunError, match=r"403.*Synchronization\.ReadWrite\.All"):
        run_main(tenant, config={**config, **graph.config()}, preview=True)
    # Failed at once: one refused request, no retries, and nothing registered in Entra.
    assert len(graph.calls("GET", "/synchronization/templates")) == 1
    assert tenant.of_type(APP) == []


def test_the_sign_on_url_of_the_spec_is_the_service_principals_login_url(tmp_path: Path) -> None:
    tenant = _contoso_like_dev_yaml()
    edit = (
        "displayName: Box (dev)\n",
        "displayName: Box (dev)\n    signOnUrl: https://contoso.account.box.com\n",
    )
    run_main(tenant, config=_dev_spec(tmp_path, edit))
    (sp,) = tenant.of_type(SP)
    assert sp.inputs["loginUrl"] == "https://contoso.account.box.com"


# -- errors -------------------------------------------------------------------------------
def test_people_and_groups_missing_from_entra_are_one_error_and_nothing_is_registered() -> None:
    tenant = _contoso_like_dev_yaml()
    tenant.users = {k: u for k, u in tenant.users.items() if u.upn != "grace.hopper@contoso.com"}
    tenant.groups = [g for g in tenant.groups if g.display_name != "Design"]
    with pytest.raises(PrincipalsNotFoundError) as raised:
        run_main(tenant, stack="dev")
    assert "'grace.hopper@contoso.com' matches no Entra user" in str(raised.value)
    assert "group 'Design' could not be resolved" in str(raised.value)
    # Only the deprovision guard, registered first so that everything else can wait for it.
    assert [r.type for r in tenant.resources] == ["pulumi-python:dynamic/box:Departures"]


def test_an_assigned_group_name_held_by_two_entra_groups_is_an_error(tmp_path: Path) -> None:
    tenant = _entra_tenant()
    tenant.add_group("Engineering")
    with pytest.raises(PrincipalsNotFoundError, match="'Engineering' matches 2 Entra groups"):
        run_main(tenant, config=_entra_spec(tmp_path))
    assert tenant.of_type(APP) == []


def test_a_role_the_box_app_lacks_is_an_error_listing_its_roles(tmp_path: Path) -> None:
    tenant = _entra_tenant()
    tenant.hold_box_app()
    config = _write_spec(
        tmp_path, ENTRA_SOURCED.replace("Co-admin", "Admin").replace("{MAPPINGS}", "{}")
    )
    with pytest.raises(UnknownAppRoleError, match=r"'Admin'.*'Co-admin', 'User', 'msiam_access'"):
        run_main(tenant, config=config)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (("source: entra", "source: entra\nentra_typo: 1"), "entra_typo"),
        (("entra:\n", "entra:\n  manage: false\n"), "a Box-only stack does not talk to Entra"),
        (
            ("provisioning:\n", "provisioning:\n  entraJob: {enabled: true}\n"),
            "entraJob configures Entra's provisioning job, which runs only with 'engine: entra'",
        ),
    ],
    ids=["unknown-field", "entra-directory-in-a-box-only-stack", "entra-job-with-entra-box"],
)
def test_a_bad_spec_stops_the_run_with_a_located_message(
    tmp_path: Path, edit: tuple[str, str], message: str
) -> None:
    tenant = _entra_tenant()
    body = textwrap.dedent(ENTRA_SOURCED).replace("{MAPPINGS}", "{}").replace(*edit)
    with pytest.raises(pulumi.RunError, match=message) as raised:
        run_main(tenant, config=_write_spec(tmp_path, body))
    assert str(raised.value).startswith(f"{tmp_path / 'spec.yaml'}:")
    assert tenant.azuread_activity() == []
