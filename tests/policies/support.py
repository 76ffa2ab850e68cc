"""Resources as the policy engine hands them to a policy, and a collecting `report_violation`.

Props go through pulumi_policy's own `unknown_checking_proxy`, as in the analyzer, so an
unknown value (`UNKNOWN`, the sentinel of a value not known during a preview) raises
exactly where it would in a real preview. Validators are called directly: importing the
pack's `__main__` would start its gRPC server and block.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pulumi_policy import (
    PolicyCustomTimeouts,
    PolicyResource,
    PolicyResourceOptions,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
)
from pulumi_policy.proxy import UNKNOWN_STRING_VALUE, unknown_checking_proxy

from policies.reading import (
    APP_ROLE_ASSIGNMENT,
    BOX_DEPARTURES,
    BOX_ENTERPRISE_APP,
    BOX_TENANT,
    BOX_USER,
    SERVICE_PRINCIPAL,
    SPEC_FACTS,
    SPEC_FACTS_DEFAULTS,
)

UNKNOWN = UNKNOWN_STRING_VALUE
PROJECT = "entra-box"
DEFAULT_STACK = "prod"


@dataclass
class Violations:
    """What a validator reported: messages, and the URN each named (None: the stack)."""

    reported: list[tuple[str, str | None]] = field(default_factory=list)

    def __call__(self, message: str, urn: str | None = None) -> None:
        self.reported.append((message, urn))

    @property
    def messages(self) -> list[str]:
        return [message for message, _ in self.reported]

    @property
    def urns(self) -> list[str | None]:
        return [urn for _, urn in self.reported]

    def __bool__(self) -> bool:
        return bool(self.reported)


def urn(resource_type: str, name: str, stack: str = DEFAULT_STACK) -> str:
    return f"urn:pulumi:{stack}::{PROJECT}::{resource_type}::{name}"


def _options() -> PolicyResourceOptions:
    return PolicyResourceOptions(False, [], None, [], PolicyCustomTimeouts(0, 0, 0), [], None)


def resource(
    resource_type: str, name: str, props: Mapping[str, Any], stack: str = DEFAULT_STACK
) -> PolicyResource:
    """A resource as the analyzer hands it to a policy.

    Keys whose value is None are left out, as the engine never sends a None input.
    """
    kept = {key: value for key, value in props.items() if value is not None}
    proxied = unknown_checking_proxy(kept)
    return PolicyResource(
        resource_type,
        proxied,
        urn(resource_type, name, stack),
        name,
        _options(),
        None,
        None,
        [],
        {},
    )


def box_user(login: str, stack: str = DEFAULT_STACK, **props: Any) -> PolicyResource:
    """A `box:User` as an older program registered it, its spec facts with it (the policies
    still read them there when the stack's tenant records none); `props` override (None
    removes a key)."""
    values = {
        "login": login,
        "name": login.split("@")[0].title(),
        "status": "active",
        "role": "user",
        "role_explicit": False,
        "assigned_via": [f"user:{login}"],
        "user_id": UNKNOWN,
        "adopted": UNKNOWN,
        **props,
    }
    return resource(BOX_USER, login, values, stack)


def box_tenant(
    facts: Mapping[str, Any],
    stack: str = DEFAULT_STACK,
    defaults: Mapping[str, Any] | None = None,
) -> PolicyResource:
    """The Box tenant component with the `spec_facts` output it registers (by stable key),
    and with `defaults`, the `spec_facts_defaults` that say what a left-out fact is."""
    return resource(BOX_TENANT, "box", {SPEC_FACTS: facts, SPEC_FACTS_DEFAULTS: defaults}, stack)


def departures(stack: str = DEFAULT_STACK, **props: Any) -> PolicyResource:
    """The stack's `box:Departures` as the program registers it; `props` override."""
    values = {"users": {}, "groups": {}, "assigned": {}, "limit": 5, "deprovision": "disable"}
    return resource(BOX_DEPARTURES, "departures", {**values, **props}, stack)


def service_principal(**props: Any) -> PolicyResource:
    """The Box app's service principal as BoxEnterpriseApp registers it; `props` override."""
    values = {
        "clientId": "17cad0e7-0000-4000-8000-000000000002",
        "useExisting": True,
        "appRoleAssignmentRequired": True,
        "preferredSingleSignOnMode": "saml",
        "notificationEmailAddresses": ["box-provisioning@contoso.com"],
        **props,
    }
    return resource(SERVICE_PRINCIPAL, "box-app-service-principal", values)


def app_role_assignment(name: str, **props: Any) -> PolicyResource:
    values = {
        "appRoleId": "8774f594-0000-4000-8000-0000000000a1",
        "principalObjectId": "user-0001",
        "resourceObjectId": "a750f6cf-0000-4000-8000-000000000003",
        **props,
    }
    return resource(APP_ROLE_ASSIGNMENT, name, values)


def enterprise_app() -> PolicyResource:
    return resource(BOX_ENTERPRISE_APP, "box-enterprise-app", {})


Validator = Callable[[Any, Any], Any]


def check_stack(
    validate: Validator,
    resources: Iterable[PolicyResource],
    config: Mapping[str, Any] | None = None,
) -> Violations:
    """Run a stack validator as the analyzer does; return what it reported."""
    violations = Violations()
    validate(StackValidationArgs(list(resources), dict(config or {})), violations)
    return violations


def check_resource(
    validate: Validator, subject: PolicyResource, config: Mapping[str, Any] | None = None
) -> Violations:
    """Run a resource validator as the analyzer does; return what it reported."""
    violations = Violations()
    args = ResourceValidationArgs(
        subject.resource_type,
        subject.props,
        subject.urn,
        subject.name,
        subject.opts,
        None,
        dict(config or {}),
    )
    validate(args, violations)
    return violations


def check_policy(
    policy: ResourceValidationPolicy | StackValidationPolicy,
    resources: Iterable[PolicyResource],
    config: Mapping[str, Any] | None = None,
) -> Violations:
    """Run a pack policy (its wrapped validator) on a stack: each resource, or all at once."""
    if isinstance(policy, StackValidationPolicy):
        return check_stack(policy.validate, resources, config)
    found = Violations()
    for subject in resources:
        found.reported += check_resource(policy.validate, subject, config).reported
    return found
