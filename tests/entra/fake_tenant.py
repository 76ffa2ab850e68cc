"""A fake Entra tenant behind `pulumi.runtime.Mocks`: data-source invokes and resource outputs.

Tests build a `FakeTenant` with users, groups, the Box gallery template and (optionally) an
existing Box app, install it as the Pulumi mocks, run the program and read back what was
registered (`resources`) and which invokes were made (`calls`). As strict as the provider:

- every azuread input and invoke argument is checked against pulumi-azuread's schema
  (`tests.entra.schema_check`); a problem fails the registration, as the provider would;
- a resource returns its inputs plus only what the provider computes (a gallery app's
  service principal has an empty `samlMetadataUrl`); outputs outside the schema fail;
- the Box app's roles are configurable (`app_roles`, e.g. `MSIAM_ONLY`), an assignment of a
  role the app lacks fails, and a job's template id must be one the app publishes;
- adoption effects: `use_existing` PATCHes the tags it is given (none sent: the tags Entra
  set are gone, `service_principal_tags` shows it);
- a lookup that finds nothing fails the way the provider does.
Invokes answer in Graph's camelCase wire names.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pulumi

from tests.entra import schema_check

GET_USERS = "azuread:index/getUsers:getUsers"
GET_USER = "azuread:index/getUser:getUser"
GET_GROUPS = "azuread:index/getGroups:getGroups"
GET_GROUP = "azuread:index/getGroup:getGroup"
GET_TEMPLATE = "azuread:index/getApplicationTemplate:getApplicationTemplate"
GET_APPLICATION = "azuread:index/getApplication:getApplication"
GET_CLIENT_CONFIG = "azuread:index/getClientConfig:getClientConfig"
GET_SERVICE_PRINCIPAL = "azuread:index/getServicePrincipal:getServicePrincipal"
# Types of the resources the program registers.
APP = "azuread:index/applicationFromTemplate:ApplicationFromTemplate"
SP = "azuread:index/servicePrincipal:ServicePrincipal"
ASSIGNMENT = "azuread:index/appRoleAssignment:AppRoleAssignment"
JOB = "azuread:index/synchronizationJob:SynchronizationJob"
SECRET = "azuread:index/synchronizationSecret:SynchronizationSecret"
IDENTIFIER = "azuread:index/applicationIdentifierUri:ApplicationIdentifierUri"
ACTIVE_SIGNING_KEY = "pulumi-python:dynamic/entra:ActiveSigningKey"
JOBS_PAUSED = "pulumi-python:dynamic/entra:EntraJobsPaused"
PROVISIONING_SETTINGS = "pulumi-python:dynamic/entra:ProvisioningSettings"
SP_READY = "pulumi-python:dynamic/entra:ServicePrincipalReady"
BOX_USER = "pulumi-python:dynamic/box:User"
BOX_USER_SHARD = "pulumi-python:dynamic/box:UserShard"
BOX_GROUP = "pulumi-python:dynamic/box:Group"

BOX_TEMPLATE_ID = "8c0e8d5a-0000-4000-8000-00000000b0c5"
APP_OBJECT_ID = "a9be408a-0000-4000-8000-000000000001"
CLIENT_ID = "17cad0e7-0000-4000-8000-000000000002"
SP_OBJECT_ID = "a750f6cf-0000-4000-8000-000000000003"
SIGNING_THUMBPRINT = "A7D3C4626B8A84FDA868CCC67D274D402FFD0A10"
TENANT_ID = "72f988bf-0000-4000-8000-0000000000aa"
DEPLOYER_OBJECT_ID = "d3910e5a-0000-4000-8000-0000000000dd"


def _role(display_name: str, role_id: str, value: str | None) -> dict[str, Any]:
    return {
        "allowedMemberTypes": ["User"],
        "description": display_name,
        "displayName": display_name,
        "enabled": True,
        "id": role_id,
        "value": value,
    }


# The Box gallery app's roles as a service principal publishes them (value may be null).
BOX_APP_ROLES = (
    _role("User", "8774f594-0000-4000-8000-0000000000a1", None),
    _role("Co-admin", "8774f594-0000-4000-8000-0000000000a2", "coadmin"),
    _role("msiam_access", "e7f1a7f3-0000-4000-8000-0000000000a3", None),
)
# What some gallery apps publish: only the legacy default role.
MSIAM_ONLY = (BOX_APP_ROLES[2],)
# The tags Entra gives a service principal instantiated from a gallery template.
INSTANTIATED_TAGS = (
    "WindowsAzureActiveDirectoryGalleryApplicationNonPrimaryV1",
    "WindowsAzureActiveDirectoryIntegratedApp",
)


def role_id(display_name: str) -> str:
    return next(str(role["id"]) for role in BOX_APP_ROLES if role["displayName"] == display_name)


class SchemaViolationError(AssertionError):
    """The program gave pulumi-azuread something the real provider would refuse."""


@dataclass
class FakeApp:
    """An application already in the tenant (made by hand, or by an interrupted run)."""

    object_id: str
    client_id: str
    display_name: str
    identifier_uris: list[str] = field(default_factory=list)
    web_redirect_uris: list[str] = field(default_factory=list)
    sp_object_id: str | None = None
    sp_tags: list[str] = field(default_factory=lambda: list(INSTANTIATED_TAGS))


@dataclass
class FakeUser:
    upn: str
    display_name: str
    object_id: str
    account_enabled: bool = True
    mail: str = ""
    job_title: str = ""


@dataclass
class FakeGroup:
    display_name: str
    object_id: str
    member_ids: list[str] = field(default_factory=list)


@dataclass
class Registered:
    type: str
    name: str
    inputs: dict[str, Any]


class FakeTenant(pulumi.runtime.Mocks):
    """Users, groups and the gallery, answering pulumi-azuread's invokes."""

    def __init__(self) -> None:
        self.users: dict[str, FakeUser] = {}
        self.groups: list[FakeGroup] = []
        self.templates = {"Box": BOX_TEMPLATE_ID}
        self.app_roles: tuple[dict[str, Any], ...] = BOX_APP_ROLES
        self.apps: list[FakeApp] = []
        # The synchronization templates the Box app publishes (Graph's ids).
        self.sync_templates = ["box.factory-tag.v2"]
        self.service_principal_tags: list[str] = []
        self.resources: list[Registered] = []
        self.calls: list[tuple[str, dict[str, Any]]] = []

    # -- building the tenant -------------------------------------------------------------
    def add_user(self, upn: str, display_name: str, **extra: Any) -> FakeUser:
        user = FakeUser(upn, display_name, f"user-{len(self.users) + 1:04d}", **extra)
        self.users[user.object_id] = user
        return user

    def add_group(self, display_name: str, members: list[FakeUser] | None = None) -> FakeGroup:
        group = FakeGroup(display_name, f"group-{len(self.groups) + 1:04d}")
        group.member_ids = [user.object_id for user in members or ()]
        self.groups.append(group)
        return group

    def add_app(self, display_name: str, **extra: Any) -> FakeApp:
        n = len(self.apps) + 1
        app = FakeApp(
            f"0bbe0000-0000-4000-8000-{n:012d}",
            f"c1e0000{n}-0000-4000-8000-0000000000c1",
            display_name,
            **extra,
        )
        self.apps.append(app)
        return app

    def hold_box_app(self, stack: str = "test") -> FakeApp:
        """The Box app as an earlier `up` of `stack` left it: Box's identifier, the marker."""
        return self.add_app(
            "Box (held)",
            identifier_uris=["box.net"],
            sp_object_id=SP_OBJECT_ID,
            sp_tags=[*INSTANTIATED_TAGS, f"entra-box:stack=entra-box/{stack}"],
        )

    # -- what the program did ------------------------------------------------------------
    def of_type(self, token: str) -> list[Registered]:
        return [resource for resource in self.resources if resource.type == token]

    def named(self, name: str) -> Registered:
        return next(resource for resource in self.resources if resource.name == name)

    def call_counts(self) -> Counter[str]:
        return Counter(token for token, _ in self.calls)

    def box_user_entries(self) -> list[Registered]:
        """Each Box user registered, in either user model, as a `box:User` named by its key.

        A `box:User` resource as it is; each entry of a `box:UserShard` (keyed by the same
        stable key) as one `box:User`-shaped registration.
        """
        users = self.of_type(BOX_USER)
        for shard in self.of_type(BOX_USER_SHARD):
            entries = shard.inputs["users"].items()
            users += [Registered(BOX_USER, key, dict(entry)) for key, entry in entries]
        return users

    def box_users(self) -> list[str]:
        """The logins of the Box users registered (resources are named by their keys)."""
        return sorted(resource.inputs["login"] for resource in self.box_user_entries())

    def box_user(self, login: str) -> Registered:
        return next(r for r in self.box_user_entries() if r.inputs["login"] == login)

    def box_groups(self) -> dict[str, list[str]]:
        """Each registered Box group's name and its members' logins."""
        return {r.inputs["name"]: sorted(r.inputs["members"]) for r in self.of_type(BOX_GROUP)}

    def azuread_activity(self) -> list[str]:
        registered = [r.type for r in self.resources if r.type.startswith("azuread:")]
        return registered + [token for token, _ in self.calls if token.startswith("azuread:")]

    # -- pulumi.runtime.Mocks --------------------------------------------------------------
    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str, dict[str, Any]]:
        inputs = dict(args.inputs)
        if args.typ.startswith("azuread:"):
            _refuse(schema_check.resource_input_problems(args.typ, inputs))
        self.resources.append(Registered(args.typ, args.name, inputs))
        resource_id, computed = self._computed(args.typ, args.name, inputs)
        outputs = {**inputs, **computed}
        if args.typ.startswith("azuread:"):
            _refuse(schema_check.resource_output_problems(args.typ, outputs))
        return resource_id, outputs

    def _computed(self, typ: str, name: str, inputs: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        """The id and the outputs the provider computes, nothing more."""
        if typ == APP:
            return (
                f"/applicationTemplates/{inputs['templateId']}/instantiate/{APP_OBJECT_ID}/{SP_OBJECT_ID}",
                {
                    "applicationObjectId": APP_OBJECT_ID,
                    "applicationId": f"/applications/{APP_OBJECT_ID}",
                    "servicePrincipalId": f"/servicePrincipals/{SP_OBJECT_ID}",
                    "servicePrincipalObjectId": SP_OBJECT_ID,
                },
            )
        if typ == SP:
            return f"/servicePrincipals/{SP_OBJECT_ID}", self._service_principal(inputs)
        if typ.endswith("ServicePrincipalTokenSigningCertificate"):
            return f"{name}-id", {"thumbprint": SIGNING_THUMBPRINT, "keyId": "k-1"}
        if typ == ASSIGNMENT and not any(r["id"] == inputs["appRoleId"] for r in self.app_roles):
            raise SchemaViolationError(
                f"AppRoleAssignment {name}: the app has no role {inputs['appRoleId']}"
            )
        if typ == JOB and inputs["templateId"] not in self.sync_templates:
            raise SchemaViolationError(
                f"SynchronizationJob: the app publishes no template {inputs['templateId']!r}"
            )
        if typ.startswith("pulumi-python:dynamic/entra:"):
            # The Graph providers use the service principal's object id as their id.
            return str(inputs["servicePrincipalObjectId"]), {}
        if typ == BOX_USER:
            return f"{name}-id", {"user_id": f"box-{name}"}
        return f"{name}-id", {}

    def _service_principal(self, inputs: dict[str, Any]) -> dict[str, Any]:
        # `use_existing` adopts the template's service principal and PATCHes the tags it is
        # given: none given, the tags Entra set are replaced by an empty list.
        self.service_principal_tags = list(inputs.get("tags") or [])
        return {
            "objectId": SP_OBJECT_ID,
            "appRoles": [dict(role) for role in self.app_roles],
            # The provider reads the beta `samlMetadataUrl`, empty for gallery apps.
            "samlMetadataUrl": "",
            "tags": self.service_principal_tags,
            # Read back: the owners sent, else the one Entra set (the deploying identity).
            "owners": list(inputs.get("owners") or [DEPLOYER_OBJECT_ID]),
        }

    def call(self, args: pulumi.runtime.MockCallArgs) -> Any:
        arguments = dict(args.args)
        self.calls.append((args.token, arguments))
        _refuse(schema_check.function_input_problems(args.token, arguments))
        handlers: dict[str, Callable[[dict[str, Any]], Any]] = {
            GET_USERS: self._get_users,
            GET_USER: self._get_user,
            GET_GROUPS: self._get_groups,
            GET_GROUP: self._get_group,
            GET_TEMPLATE: self._get_template,
            GET_APPLICATION: self._get_application,
            GET_CLIENT_CONFIG: lambda _: {
                "clientId": "deployer-client",
                "objectId": DEPLOYER_OBJECT_ID,
                "tenantId": TENANT_ID,
            },
            GET_SERVICE_PRINCIPAL: self._get_service_principal,
        }
        answer = handlers[args.token](arguments)
        if isinstance(answer, dict):
            _refuse(schema_check.function_output_problems(args.token, answer))
        return answer

    def _get_application(self, args: dict[str, Any]) -> Any:
        if args.get("objectId") == APP_OBJECT_ID:
            return {"clientId": CLIENT_ID, "objectId": APP_OBJECT_ID}
        matches = [app for app in self.apps if _app_matches(app, args)]
        if not matches:
            return {}, [
                ("", f"Application not found: no applications found matching filter {args}")
            ]
        if len(matches) > 1:
            return {}, [("", "Multiple applications found")]
        app = matches[0]
        return {
            "objectId": app.object_id,
            "clientId": app.client_id,
            "displayName": app.display_name,
            "identifierUris": list(app.identifier_uris),
            "webs": [{"redirectUris": list(app.web_redirect_uris)}],
        }

    def _get_service_principal(self, args: dict[str, Any]) -> Any:
        app = next(
            (
                a
                for a in self.apps
                if a.client_id == args.get("clientId")
                or (a.sp_object_id and a.sp_object_id == args.get("objectId"))
            ),
            None,
        )
        if app is None and args.get("objectId") == SP_OBJECT_ID:  # just instantiated
            return {"objectId": SP_OBJECT_ID, "tags": list(INSTANTIATED_TAGS)}
        if app is None or app.sp_object_id is None:
            return {}, [
                ("", "Service principal not found: no service principals found matching filter")
            ]
        return {
            "objectId": app.sp_object_id,
            "clientId": app.client_id,
            "tags": list(app.sp_tags),
            "appRoles": [dict(role) for role in self.app_roles],
        }

    @staticmethod
    def _user_fields(user: FakeUser) -> dict[str, Any]:
        return {
            "objectId": user.object_id,
            "userPrincipalName": user.upn,
            "displayName": user.display_name,
            "accountEnabled": user.account_enabled,
            "mail": user.mail,
            "mailNickname": "",
            "employeeId": "",
            "usageLocation": "",
            "onpremisesImmutableId": "",
            "onpremisesSamAccountName": "",
            "onpremisesUserPrincipalName": "",
        }

    def _get_users(self, args: dict[str, Any]) -> Any:
        by_upn = {user.upn.lower(): user for user in self.users.values()}
        if args.get("userPrincipalNames"):
            found = [by_upn[u.lower()] for u in args["userPrincipalNames"] if u.lower() in by_upn]
        else:
            found = [self.users[i] for i in args.get("objectIds", ()) if i in self.users]
        return {"users": [self._user_fields(user) for user in found]}

    def _get_user(self, args: dict[str, Any]) -> Any:
        user = self.users[args["objectId"]]
        return {**self._user_fields(user), "jobTitle": user.job_title, "department": ""}

    def _get_groups(self, args: dict[str, Any]) -> Any:
        prefix = args["displayNamePrefix"].casefold()
        found = [g for g in self.groups if g.display_name.casefold().startswith(prefix)]
        if not found:
            return {}, [("displayNamePrefix", f"No groups found with prefix {prefix!r}")]
        return {
            "objectIds": [group.object_id for group in found],
            "displayNames": [group.display_name for group in found],
        }

    def _get_group(self, args: dict[str, Any]) -> Any:
        group = next(g for g in self.groups if g.object_id == args["objectId"])
        return {"objectId": group.object_id, "members": list(group.member_ids)}

    def _get_template(self, args: dict[str, Any]) -> Any:
        name = args["displayName"]
        if name not in self.templates:
            return {}, [("displayName", f"No application templates found matching {name!r}")]
        return {
            "templateId": self.templates[name],
            "displayName": name,
            "supportedSingleSignOnModes": ["saml"],
            "supportedProvisioningTypes": ["sync"],
        }


def _app_matches(app: FakeApp, args: dict[str, Any]) -> bool:
    if args.get("identifierUri"):
        return args["identifierUri"] in app.identifier_uris
    if args.get("displayName"):
        return app.display_name.casefold() == str(args["displayName"]).casefold()
    return app.object_id == args.get("objectId")


def _refuse(problems: list[str]) -> None:
    if problems:
        raise SchemaViolationError("; ".join(problems))
