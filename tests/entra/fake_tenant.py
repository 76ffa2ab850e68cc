"""A fake Entra tenant behind `pulumi.runtime.Mocks`: data-source invokes and resource outputs.

Tests build a `FakeTenant` with users, groups and the Box gallery template, install it as the
Pulumi mocks, run the program and read back what was registered (`resources`) and which
invokes were made (`calls`). Invokes answer as pulumi-azuread 6.11's data sources do, in
Graph's camelCase wire names; a lookup that finds nothing fails the way the provider does.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pulumi

GET_USERS = "azuread:index/getUsers:getUsers"
GET_USER = "azuread:index/getUser:getUser"
GET_GROUPS = "azuread:index/getGroups:getGroups"
GET_GROUP = "azuread:index/getGroup:getGroup"
GET_TEMPLATE = "azuread:index/getApplicationTemplate:getApplicationTemplate"
GET_APPLICATION = "azuread:index/getApplication:getApplication"
# Types of the resources the program registers.
APP = "azuread:index/applicationFromTemplate:ApplicationFromTemplate"
SP = "azuread:index/servicePrincipal:ServicePrincipal"
ASSIGNMENT = "azuread:index/appRoleAssignment:AppRoleAssignment"
JOB = "azuread:index/synchronizationJob:SynchronizationJob"
SECRET = "azuread:index/synchronizationSecret:SynchronizationSecret"
BOX_USER = "pulumi-python:dynamic/box:User"
BOX_GROUP = "pulumi-python:dynamic/box:Group"

BOX_TEMPLATE_ID = "8c0e8d5a-0000-4000-8000-00000000b0c5"
APP_OBJECT_ID = "a9be408a-0000-4000-8000-000000000001"
CLIENT_ID = "17cad0e7-0000-4000-8000-000000000002"
SP_OBJECT_ID = "a750f6cf-0000-4000-8000-000000000003"
SIGNING_THUMBPRINT = "A7D3C4626B8A84FDA868CCC67D274D402FFD0A10"
# The Box gallery app's roles as a service principal publishes them (value may be null).
BOX_APP_ROLES = (
    {"displayName": "User", "id": "8774f594-0000-4000-8000-0000000000a1", "value": None},
    {"displayName": "Co-admin", "id": "8774f594-0000-4000-8000-0000000000a2", "value": "coadmin"},
    {"displayName": "msiam_access", "id": "e7f1a7f3-0000-4000-8000-0000000000a3", "value": None},
)


def role_id(display_name: str) -> str:
    return next(str(role["id"]) for role in BOX_APP_ROLES if role["displayName"] == display_name)


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

    # -- what the program did ------------------------------------------------------------
    def of_type(self, token: str) -> list[Registered]:
        return [resource for resource in self.resources if resource.type == token]

    def named(self, name: str) -> Registered:
        return next(resource for resource in self.resources if resource.name == name)

    def call_counts(self) -> Counter[str]:
        return Counter(token for token, _ in self.calls)

    def box_users(self) -> list[str]:
        """The logins of the Box users registered (resources are named by their keys)."""
        return sorted(resource.inputs["login"] for resource in self.of_type(BOX_USER))

    def box_user(self, login: str) -> Registered:
        return next(r for r in self.of_type(BOX_USER) if r.inputs["login"] == login)

    def box_groups(self) -> dict[str, list[str]]:
        """Each registered Box group's name and its members' logins."""
        return {r.inputs["name"]: sorted(r.inputs["members"]) for r in self.of_type(BOX_GROUP)}

    def azuread_activity(self) -> list[str]:
        registered = [r.type for r in self.resources if r.type.startswith("azuread:")]
        return registered + [token for token, _ in self.calls if token.startswith("azuread:")]

    # -- pulumi.runtime.Mocks --------------------------------------------------------------
    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str, dict[str, Any]]:
        self.resources.append(Registered(args.typ, args.name, dict(args.inputs)))
        outputs = dict(args.inputs)
        if args.typ == "azuread:index/applicationFromTemplate:ApplicationFromTemplate":
            outputs.update(
                applicationObjectId=APP_OBJECT_ID,
                applicationId=f"/applications/{APP_OBJECT_ID}",
                servicePrincipalObjectId=SP_OBJECT_ID,
            )
        if args.typ == "azuread:index/servicePrincipal:ServicePrincipal":
            outputs.update(
                objectId=SP_OBJECT_ID,
                appRoles=[{**role, "allowedMemberTypes": ["User"]} for role in BOX_APP_ROLES],
                samlMetadataUrl=f"https://login.microsoftonline.com/t/fm.xml?appid={CLIENT_ID}",
            )
            return f"/servicePrincipals/{SP_OBJECT_ID}", outputs
        if args.typ.endswith("ServicePrincipalTokenSigningCertificate"):
            outputs["thumbprint"] = SIGNING_THUMBPRINT
        if args.typ == BOX_USER:
            outputs["user_id"] = f"box-{args.name}"
        return f"{args.name}-id", outputs

    def call(self, args: pulumi.runtime.MockCallArgs) -> Any:
        self.calls.append((args.token, dict(args.args)))
        handlers: dict[str, Callable[[dict[str, Any]], Any]] = {
            GET_USERS: self._get_users,
            GET_USER: self._get_user,
            GET_GROUPS: self._get_groups,
            GET_GROUP: self._get_group,
            GET_TEMPLATE: self._get_template,
            GET_APPLICATION: lambda a: {"clientId": CLIENT_ID, "objectId": a.get("objectId")},
        }
        return handlers[args.token](args.args)

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
