"""The desired state: what Box and Entra must look like once a spec is applied.

This is the contract between the pure resolution (`components.resolve`, spec -> desired
state) and everything that acts on it: the Box dynamic providers, the Entra component,
the policy pack and the `resolve` command's JSON. Values here are plain, already
normalised data (logins lower-case, lists sorted) so that consumers never re-derive them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

BoxUserStatus = Literal["active", "inactive", "cannot_delete_edit", "cannot_delete_edit_upload"]
BoxUserRole = Literal["user", "coadmin"]
MembershipRole = Literal["member", "admin"]
DeprovisionMode = Literal["disable", "transfer", "delete"]
ProvisioningObjects = Literal["users", "users-and-groups"]
ProvisioningEngine = Literal["entra-box", "entra"]
GroupOrigin = Literal["entra", "box"]
PrincipalType = Literal["user", "group"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class DesiredBoxUser(_Frozen):
    """One managed Box user, with every Box field the spec determines."""

    login: str
    name: str
    # The user's identity in the stack, which names its Pulumi resource: the Entra object id
    # (lower-case) when the directory gives one, else the spec's `id`, else the login. A
    # resource's name is its identity, so a stable key keeps a login change an in-place
    # update of the same Box account; keyed by the login, a change needs `previousLogins`
    # (see `aliases`). Defaults to the login for desired state built by hand.
    key: str = Field(default_factory=lambda data: data["login"])
    # Logins the spec says this person had before (`previousLogins`), lower-case: the same
    # Box account, renamed; the departures roster matches the old entry by them.
    previous_logins: tuple[str, ...] = ()
    # Names the user's resource may have had in the stack before (old logins, the login
    # before a key existed, the spec id before an object id): each is a Pulumi alias, so the
    # resource moves to its key in place. Sorted; never the key itself.
    aliases: tuple[str, ...] = ()
    status: BoxUserStatus = "active"
    role: BoxUserRole = "user"
    # True when `role` was set for this login explicitly (a `box.users` override or a
    # mapping), False when it came from `box.defaults`; the co-admin policy needs to know.
    role_explicit: bool = False
    language: str | None = None
    timezone: str | None = None
    space_amount: int | None = None
    job_title: str | None = None
    phone: str | None = None
    address: str | None = None
    is_sync_enabled: bool | None = None
    can_see_managed_users: bool | None = None
    is_external_collab_restricted: bool | None = None
    is_exempt_from_device_limits: bool | None = None
    is_exempt_from_login_verification: bool | None = None
    # How this person came into scope: `user:<upn>` for a direct assignment and
    # `group:<display name>` per assigned group they are a direct member of. Sorted.
    assigned_via: tuple[str, ...] = ()


class DesiredMembership(_Frozen):
    """One member of a Box group."""

    login: str
    role: MembershipRole = "member"


class DesiredBoxGroup(_Frozen):
    """One managed Box group with its complete membership, sorted by login."""

    name: str
    # The group's identity in the stack (see `DesiredBoxUser.key`): the Entra object id
    # (lower-case) for a provisioned group when known, else a Box-only group's spec `id`, else
    # the name. Defaults to the name.
    key: str = Field(default_factory=lambda data: data["name"])
    # Names the spec says this group had before (`previousNames`): the same Box group.
    previous_names: tuple[str, ...] = ()
    # Former names of the group's resource in the stack (see `DesiredBoxUser.aliases`).
    aliases: tuple[str, ...] = ()
    origin: GroupOrigin
    description: str | None = None
    members: tuple[DesiredMembership, ...] = ()


class DesiredAssignment(_Frozen):
    """One app role assignment of the Box enterprise app in Entra."""

    principal_type: PrincipalType
    # A UPN (lower-case) for users, a display name for groups.
    principal: str
    role: str


class DesiredApplication(_Frozen):
    """The Box enterprise application as Entra should hold it."""

    display_name: str
    gallery_template: str = "Box"
    owners: tuple[str, ...] = ()
    notification_emails: tuple[str, ...] = ()


class DesiredEntra(_Frozen):
    """The Entra side; `manage` False means a Box-only stack."""

    manage: bool
    application: DesiredApplication | None = None
    assignments: tuple[DesiredAssignment, ...] = ()


class DesiredProvisioning(_Frozen):
    """How Box is reconciled and how people leave it."""

    engine: ProvisioningEngine = "entra-box"
    paused: bool = False
    objects: ProvisioningObjects = "users"
    deprovision: DeprovisionMode = "disable"
    custodian: str | None = None
    max_deprovisions: int


class DesiredBox(_Frozen):
    users: tuple[DesiredBoxUser, ...] = ()
    groups: tuple[DesiredBoxGroup, ...] = ()


class DesiredState(_Frozen):
    """Everything a spec resolves to; the `resolve` command prints exactly this as JSON."""

    box: DesiredBox
    entra: DesiredEntra
    provisioning: DesiredProvisioning
