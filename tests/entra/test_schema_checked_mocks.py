"""The Entra mocks refuse what pulumi-azuread 6.11.1 would refuse, so tests cannot pass on it."""

from __future__ import annotations

import re

import pulumi
import pulumi_azuread as azuread
import pytest

from tests.entra import schema_check
from tests.entra.fake_tenant import FakeTenant, SchemaViolationError
from tests.entra.harness import run_program

SP = "azuread:index/servicePrincipal:ServicePrincipal"


@pytest.mark.parametrize(
    ("inputs", "problem"),
    [
        ({"clientId": "c", "displayName": "x"}, "displayName: not an input"),
        ({"useExisting": True}, "clientId: required, missing"),
        ({"clientId": "c", "owners": "o"}, "owners: expected array"),
        ({"clientId": "c", "tags": [1]}, r"tags\[0\]: expected string"),
        ({"clientId": "c", "preferredSingleSignOnMode": "SAML"}, "is not one of"),
    ],
    ids=["unknown", "required", "type", "item-type", "provider-enum"],
)
def test_service_principal_inputs_the_provider_refuses_are_reported(
    inputs: dict[str, object], problem: str
) -> None:
    problems = schema_check.resource_input_problems(SP, inputs)
    assert any(re.search(problem, p) for p in problems), problems


def test_valid_service_principal_inputs_pass() -> None:
    inputs = {"clientId": "c", "useExisting": True, "tags": ["a"], "owners": ["o"]}
    assert schema_check.resource_input_problems(SP, inputs) == []


def test_an_output_the_resource_does_not_have_is_reported() -> None:
    assert schema_check.resource_output_problems(SP, {"objectId": "o", "thumbprint": "t"}) == [
        f"{SP}: the mock returns 'thumbprint', which is no output"
    ]


def test_a_resource_registered_with_a_bad_input_fails_the_run() -> None:
    def program() -> None:
        azuread.ApplicationRedirectUris(
            "x", application_id="/applications/a", type="web", redirect_uris=["https://x"]
        )

    with pytest.raises(Exception, match="'web' is not one of"):
        run_program(FakeTenant(), program)


def test_an_invoke_with_an_argument_the_function_lacks_fails_the_run() -> None:
    def program() -> None:
        pulumi.export("x", azuread.get_users(user_principal_names=["a@b.c"]).users)
        azuread.get_application_template(display_name="Box")

    run_program(FakeTenant(), program)  # valid: passes
    problems = schema_check.function_input_problems(
        "azuread:index/getServicePrincipal:getServicePrincipal", {"appId": "x"}
    )
    assert problems == [
        "azuread:index/getServicePrincipal:getServicePrincipal.appId: not an input of this type"
    ]


def test_an_assignment_of_a_role_the_app_lacks_fails_as_the_provider_would() -> None:
    tenant = FakeTenant()

    def program() -> None:
        azuread.AppRoleAssignment(
            "a", app_role_id="no-such-role", principal_object_id="p", resource_object_id="r"
        )

    with pytest.raises(SchemaViolationError, match="the app has no role no-such-role"):
        run_program(tenant, program)


def test_a_job_from_a_template_the_app_does_not_publish_fails() -> None:
    def program() -> None:
        azuread.SynchronizationJob("j", service_principal_id="/sp/x", template_id="BoxOutDelta")

    with pytest.raises(SchemaViolationError, match="publishes no template 'BoxOutDelta'"):
        run_program(FakeTenant(), program)
