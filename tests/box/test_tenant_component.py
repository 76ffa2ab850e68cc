"""BoxTenant under pulumi.runtime.Mocks: which resources it registers, typed and parented."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import pulumi
import pytest
from pulumi.runtime import MockCallArgs, MockResourceArgs, Mocks

from components.box import BoxTenant, user_resource_name
from components.desired import (
    DesiredBox,
    DesiredBoxGroup,
    DesiredBoxUser,
    DesiredMembership,
)
from tests.support.stack_plan import RegistrationLog

F = TypeVar("F", bound=Callable[..., Any])
# pulumi.runtime.test runs a test's returned Output to completion; it has no type hints.
pulumi_test: Callable[[F], F] = pulumi.runtime.test


class RecordingMocks(Mocks):
    def __init__(self) -> None:
        self.resources: list[MockResourceArgs] = []

    def new_resource(self, args: MockResourceArgs) -> tuple[str | None, dict[str, Any]]:
        self.resources.append(args)
        outputs = dict(args.inputs)
        if args.typ.endswith("box:User"):
            outputs["user_id"] = f"id-{args.name}"
        return f"id-{args.name}", outputs

    def call(self, args: MockCallArgs) -> tuple[dict[str, Any], list[tuple[str, str]] | None]:
        return {}, None


MOCKS = RecordingMocks()


@pytest.fixture(autouse=True)
def mocked_engine() -> None:
    # Per test: other tests reconfigure the runtime as a dynamic provider process does.
    MOCKS.resources.clear()
    pulumi.runtime.set_mocks(MOCKS, project="entra-box", stack="test", preview=False)


ANN = DesiredBoxUser(login="ann@contoso.com", name="Ann", role="coadmin")
BOB = DesiredBoxUser(login="bob@contoso.com", name="Bob", job_title="Engineer")
BOB_ID = "3f2504e0-4f89-41d3-9a0c-0305e82c3301"
SALES = DesiredBoxGroup(
    name="Sales",
    origin="entra",
    members=(
        DesiredMembership(login="ann@contoso.com", role="admin"),
        DesiredMembership(login="bob@contoso.com"),
    ),
)


def registered(typ: str) -> dict[str, MockResourceArgs]:
    return {r.name: r for r in MOCKS.resources if r.typ == typ}


@pulumi_test
def test_one_user_resource_per_user_and_one_group_per_group_under_the_tenant() -> Any:
    tenant = BoxTenant("box", DesiredBox(users=(ANN, BOB), groups=(SALES,)))

    def check(_: Any) -> None:
        users = registered("pulumi-python:dynamic/box:User")
        groups = registered("pulumi-python:dynamic/box:Group")
        assert sorted(users) == ["ann@contoso.com", "bob@contoso.com"]
        assert sorted(groups) == ["Sales"]
        assert registered("entra-box:box:Tenant")["box"].custom is False
        assert all(child.custom for child in [*users.values(), *groups.values()])

    return pulumi.Output.all(tenant.urn, *tenant.group_ids.values()).apply(check)


@pulumi_test
def test_children_are_parented_to_the_tenant() -> Any:
    tenant = BoxTenant("parented", DesiredBox(users=(ANN,)))
    user = tenant.users["ann@contoso.com"]

    def check(urns: list[str]) -> None:
        tenant_urn, user_urn = urns
        assert "entra-box:box:Tenant$pulumi-python:dynamic/box:User::ann@contoso.com" in user_urn
        assert tenant_urn.endswith("entra-box:box:Tenant::parented")

    return pulumi.Output.all(tenant.urn, user.urn).apply(check)


@pulumi_test
def test_user_inputs_carry_box_fields_and_no_deprovision_policy() -> Any:
    tenant = BoxTenant("inputs", DesiredBox(users=(BOB,)))

    def check(_: Any) -> None:
        inputs = registered("pulumi-python:dynamic/box:User")["bob@contoso.com"].inputs
        assert inputs["login"] == "bob@contoso.com"
        assert inputs["job_title"] == "Engineer"
        # How people leave is the departures resource's alone, never recorded per user.
        assert "deprovision" not in inputs
        assert "custodian" not in inputs
        assert "language" not in inputs

    return tenant.users["bob@contoso.com"].user_id.apply(check)


@pulumi_test
def test_group_memberships_are_keyed_by_login_with_ids_from_the_user_resources() -> Any:
    tenant = BoxTenant("groups", DesiredBox(users=(ANN, BOB), groups=(SALES,)))

    def check(_: Any) -> None:
        inputs = registered("pulumi-python:dynamic/box:Group")["Sales"].inputs
        assert inputs["members"] == {"ann@contoso.com": "admin", "bob@contoso.com": "member"}
        assert inputs["member_ids"] == {
            "ann@contoso.com": "id-ann@contoso.com",
            "bob@contoso.com": "id-bob@contoso.com",
        }

    return tenant.group_ids["Sales"].apply(check)


def test_a_group_member_who_is_not_a_box_user_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match=r"member\(s\) bob@contoso.com who are not Box users"):
        BoxTenant("broken", DesiredBox(users=(ANN,), groups=(SALES,)))


@pytest.mark.parametrize(
    ("user", "name"),
    [
        (BOB, "bob@contoso.com"),
        (BOB.model_copy(update={"key": BOB_ID}), BOB_ID),
    ],
    ids=["keyed-by-login", "keyed-by-object-id"],
)
def test_user_resources_are_named_by_their_key(user: DesiredBoxUser, name: str) -> None:
    assert user_resource_name(user) == name


@pulumi_test
def test_a_user_keyed_by_object_id_is_registered_under_it_with_its_login_as_alias() -> Any:
    log = RegistrationLog()
    log.install()
    keyed = BOB.model_copy(update={"key": BOB_ID})
    tenant = BoxTenant("aliased", DesiredBox(users=(keyed, ANN)))

    def check(_: Any) -> None:
        aliases = {r.name: r.alias_urns for r in log.of_type("pulumi-python:dynamic/box:User")}
        assert aliases["ann@contoso.com"] == ()
        (alias,) = aliases["3f2504e0-4f89-41d3-9a0c-0305e82c3301"]
        assert alias.endswith(
            "entra-box:box:Tenant$pulumi-python:dynamic/box:User::bob@contoso.com"
        )

    return pulumi.Output.all(*tenant.user_ids.values()).apply(check)
