"""The spec, version 1: pydantic models of `stacks/<stack>.yaml`.

Built by `components.spec.load.load_spec` from YAML; read by resolution
(`components.resolve`), the Entra component and the `schema` command. Field names are
the YAML names (camelCase where Entra names the thing, Box's snake_case for Box user
fields). Everything is strict: YAML `"1"` is not the number 1, `"yes"` is not true, and an
unknown field is an error, never ignored. Rules between sections (e.g. `directory.source:
entra` needs `entra.manage: true`) are in `components.spec.section_rules`. Checks that need
the directory (who exists, who is in scope, which logins collide) belong to resolution.

Identity and renames. Each Box user and provisioned Box group is one resource in the
stack, named by its key: the Entra `objectId` when the directory gives one (always, with
`source: entra`), else the Box login (users) or the name (groups). A resource's name is
its identity, so with an `objectId` a changed UPN or group name is an in-place update of
the same Box account or group. Without one, the key *is* the login: changing the UPN would
create a new, empty Box account and deprovision the old one, content and all. To rename
someone safely in an inline directory: first add their `objectId` and deploy (the resource
takes its new name through an alias of the old one: no change in Box), then change the UPN
and deploy again. Doing both in one edit is the unsafe case.
"""

from __future__ import annotations

from typing import Any, Literal, Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ModelWrapValidatorHandler,
    PrivateAttr,
    model_validator,
)
from pydantic.fields import ComputedFieldInfo, FieldInfo

from components.desired import DeprovisionMode, ProvisioningEngine, ProvisioningObjects
from components.spec.addresses import allowing
from components.spec.section_rules import section_problems
from components.spec.source_map import SourceMap
from components.spec.types import (
    Address,
    AppRole,
    Binding,
    BoxAddress,
    BoxGroupName,
    BoxJobTitle,
    BoxLanguage,
    BoxName,
    BoxPhone,
    BoxSignOnUrl,
    BoxTimezone,
    BoxUserRole,
    BoxUserStatus,
    EmailAddress,
    EntraUserAttribute,
    GroupDescription,
    MembershipRole,
    ObjectId,
    OneLine,
    SpaceAmount,
    SpecVersion,
    Text,
    Upn,
    spec_error,
    spec_errors,
)

# Far beyond any Box tenant; a huge number reached the deprovision guard as a float (Pulumi
# carries numbers as doubles) and failed there as "a bug in entra-box".
MAX_DEPROVISIONS_LIMIT = 1_000_000


def _title(name: str, field: FieldInfo | ComputedFieldInfo) -> str:
    # Editors show the title; the YAML name is what a person types.
    return field.alias or name


class SpecModel(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, strict=True, field_title_generator=_title
    )


class Application(SpecModel):
    """The Box enterprise application in Entra."""

    display_name: Text = Field(alias="displayName")
    gallery_template: Text = Field(
        "Box", alias="galleryTemplate", description="The Entra gallery app's name."
    )
    owners: list[Upn] = Field(default_factory=list, description="UPNs of the app's owners.")
    notification_emails: list[EmailAddress] = Field(
        default_factory=list, alias="notificationEmails"
    )
    sign_on_url: BoxSignOnUrl | None = Field(
        None,
        alias="signOnUrl",
        description="Box's sign-on URL, https://<subdomain>.account.box.com, where sign-in "
        "from Box starts.",
    )


class Assignment(SpecModel):
    """One app role assignment: `{user: UPN, role: R}` or `{group: DISPLAY_NAME, role: R}`."""

    user: Upn | None = None
    group: Text | None = None
    role: AppRole = Field(description="The app role, e.g. 'User'; never 'Default Access'.")

    @model_validator(mode="after")
    def _one_principal(self) -> Self:
        if (self.user is None) == (self.group is None):
            raise spec_error(
                "an assignment names exactly one principal",
                "write either 'user: <UPN>' or 'group: <display name>'",
            )
        return self


class EntraSection(SpecModel):
    """The Entra side; `manage: false` makes a Box-only stack."""

    manage: bool = True
    application: Application | None = None
    assignments: list[Assignment] = Field(default_factory=list)

    @model_validator(mode="after")
    def _application_when_managed(self) -> Self:
        if self.manage and self.application is None:
            raise spec_error(
                "entra.manage is true but there is no application",
                "add 'application: {displayName: ...}', or set 'manage: false'",
                at="application",
            )
        return self


class Mappings(SpecModel):
    """Box user field -> the Entra user attribute it is taken from."""

    login: EntraUserAttribute = "userPrincipalName"
    name: EntraUserAttribute = "displayName"
    role: EntraUserAttribute | None = None
    job_title: EntraUserAttribute | None = None
    phone: EntraUserAttribute | None = None
    address: EntraUserAttribute | None = None
    language: EntraUserAttribute | None = None
    timezone: EntraUserAttribute | None = None


class EntraJob(SpecModel):
    """Entra's own provisioning job (`engine: entra`), as its admin center page sets it."""

    enabled: bool = Field(
        False, description="Provisioning on; only after the one-time Box authorization."
    )
    notification_email: EmailAddress | None = Field(
        None, alias="notificationEmail", description="Receives the job's failure emails."
    )
    accidental_deletion_threshold: int | None = Field(
        500,
        alias="accidentalDeletionThreshold",
        ge=1,
        description="Deletions in one cycle that stop the job (Entra's default is 500); "
        "null turns the guard off.",
    )
    skip_out_of_scope_deletions: bool = Field(
        False,
        alias="skipOutOfScopeDeletions",
        description="True: users who leave the scope are not disabled in Box.",
    )


class ProvisioningSection(SpecModel):
    """How Box is reconciled and how people leave it.

    `maxDeprovisions` caps how many Box users one deployment may deprovision (disable,
    transfer or delete). Unset, it is 5% of the managed users, at least 1 and at most 10,
    so that a mistaken unassignment of a big group cannot empty a small or a large
    tenant; set it explicitly for a planned large departure (0 forbids any).
    """

    engine: ProvisioningEngine = Field(
        "entra-box", description="entra-box reconciles Box itself; entra leaves it to Entra."
    )
    objects: ProvisioningObjects = "users"
    mappings: Mappings = Field(default_factory=Mappings)
    deprovision: DeprovisionMode = "disable"
    custodian: Binding | None = Field(
        None, description="The Box user who receives content when 'transfer'."
    )
    max_deprovisions: int | None = Field(
        None,
        alias="maxDeprovisions",
        ge=0,
        le=MAX_DEPROVISIONS_LIMIT,
        description="Most Box users one deployment may deprovision; 0 forbids any.",
    )
    entra_job: EntraJob | None = Field(
        None, alias="entraJob", description="Entra's provisioning job; only with engine: entra."
    )
    allow_unicode_logins: list[Address] = Field(
        default_factory=list,
        alias="allowUnicodeLogins",
        description="Addresses (logins, UPNs, mail) that may hold letters looking like ASCII "
        "ones or mix scripts, as Entra and Box really have them; compared regardless of case. "
        "Invisible characters, full-width forms and trailing dots are never allowed.",
    )
    paused: bool = Field(
        False,
        description="True: every run writes nothing to Box (no one is created, changed or "
        "deprovisioned) while the stack keeps its resources; changes made meanwhile are "
        "carried out when it is set back to false. Entra's 'Provisioning Status: Off'.",
    )


class InlineUser(SpecModel):
    """An Entra user as the inline directory states it."""

    user_principal_name: Upn = Field(alias="userPrincipalName")
    display_name: Text = Field(alias="displayName")
    account_enabled: bool = Field(True, alias="accountEnabled")
    object_id: ObjectId | None = Field(
        None,
        alias="objectId",
        description="The user's Entra object id. Keys their Box account in the stack, so a "
        "UPN change renames the account instead of replacing it.",
    )
    given_name: OneLine | None = Field(None, alias="givenName")
    surname: OneLine | None = None
    mail: EmailAddress | None = None
    mail_nickname: OneLine | None = Field(None, alias="mailNickname")
    job_title: OneLine | None = Field(None, alias="jobTitle")
    department: OneLine | None = None
    company_name: OneLine | None = Field(None, alias="companyName")
    employee_id: OneLine | None = Field(None, alias="employeeId")
    employee_type: OneLine | None = Field(None, alias="employeeType")
    office_location: OneLine | None = Field(None, alias="officeLocation")
    street_address: OneLine | None = Field(None, alias="streetAddress")
    city: OneLine | None = None
    state: OneLine | None = None
    postal_code: OneLine | None = Field(None, alias="postalCode")
    country: OneLine | None = None
    usage_location: OneLine | None = Field(None, alias="usageLocation")
    preferred_language: OneLine | None = Field(None, alias="preferredLanguage")
    mobile_phone: OneLine | None = Field(None, alias="mobilePhone")
    fax_number: OneLine | None = Field(None, alias="faxNumber")


class InlineGroup(SpecModel):
    """An Entra group as the inline directory states it."""

    display_name: Text = Field(alias="displayName")
    object_id: ObjectId | None = Field(
        None,
        alias="objectId",
        description="The group's Entra object id. Keys its Box group in the stack, so a "
        "rename updates the Box group instead of replacing it.",
    )
    members: list[Text] = Field(
        default_factory=list,
        description="Direct members: UPNs of users or display names of other groups.",
    )


class DirectorySection(SpecModel):
    """Where users and groups come from: listed here, or read live from Entra."""

    source: Literal["inline", "entra"] = "inline"
    users: list[InlineUser] | None = None
    groups: list[InlineGroup] | None = None

    @model_validator(mode="after")
    def _inline_only_when_inline(self) -> Self:
        if self.source == "entra":
            for listed in ("users", "groups"):
                if getattr(self, listed) is not None:
                    raise spec_error(
                        f"directory.source is entra, so {listed} are read from Entra",
                        f"remove directory.{listed}, or set 'source: inline'",
                        at=listed,
                    )
        return self


class BoxUserDefaults(SpecModel):
    """Box user fields applied to every managed user the mappings leave unset."""

    role: BoxUserRole | None = None
    space_amount: SpaceAmount | None = None
    language: BoxLanguage | None = None
    timezone: BoxTimezone | None = None
    job_title: BoxJobTitle | None = None
    phone: BoxPhone | None = None
    address: BoxAddress | None = None
    is_sync_enabled: bool | None = None
    can_see_managed_users: bool | None = None
    is_external_collab_restricted: bool | None = None
    is_exempt_from_device_limits: bool | None = None
    is_exempt_from_login_verification: bool | None = None


class BoxUserOverride(BoxUserDefaults):
    """One login's Box user fields, applied over mappings and defaults."""

    name: BoxName | None = None
    status: BoxUserStatus | None = None


class BoxGroupMember(SpecModel):
    login: Binding
    role: MembershipRole = "member"


class BoxGroup(SpecModel):
    """A Box-only group: it exists in Box, not in Entra; members must be in scope."""

    name: BoxGroupName
    description: GroupDescription | None = None
    members: list[BoxGroupMember] = Field(default_factory=list)


class BoxSection(SpecModel):
    """The Box side: defaults, per-login overrides and Box-only groups."""

    defaults: BoxUserDefaults = Field(default_factory=BoxUserDefaults)
    users: dict[Binding, BoxUserOverride] = Field(default_factory=dict)
    groups: list[BoxGroup] = Field(default_factory=list)


class Spec(SpecModel):
    """An entra-box spec, version 1: one environment's Entra app and Box users and groups."""

    version: SpecVersion
    entra: EntraSection
    provisioning: ProvisioningSection = Field(default_factory=ProvisioningSection)
    directory: DirectorySection
    box: BoxSection = Field(default_factory=BoxSection)
    _source: SourceMap | None = PrivateAttr(default=None)

    @model_validator(mode="wrap")
    @classmethod
    def _with_allowed_addresses(cls, data: Any, handler: ModelWrapValidatorHandler[Self]) -> Self:
        # An address's validator sees only the address: the allow list is read first.
        with allowing(_allowed_addresses(data)):
            return handler(data)

    @model_validator(mode="after")
    def _sections_agree(self) -> Self:
        problems = section_problems(self)
        if problems:
            raise spec_errors(problems)
        return self

    @property
    def source(self) -> SourceMap | None:
        """Where the spec came from, for error locations; None when built in code."""
        return self._source


def _allowed_addresses(data: object) -> list[str]:
    """`provisioning.allowUnicodeLogins` of a spec not validated yet (its text entries)."""
    if isinstance(data, Spec):
        return data.provisioning.allow_unicode_logins
    provisioning = data.get("provisioning") if isinstance(data, dict) else None
    listed = provisioning.get("allowUnicodeLogins") if isinstance(provisioning, dict) else None
    return [entry for entry in listed if isinstance(entry, str)] if isinstance(listed, list) else []
