"""The spec, version 1: pydantic models of `stacks/<stack>.yaml`.

Built by `components.spec.load.load_spec` from YAML; read by resolution
(`components.resolve`), the Entra component and the `schema` command. Field names are
the YAML names (camelCase where Entra names the thing, Box's snake_case for Box user
fields). Everything is strict: YAML `"1"` is not the number 1, `"yes"` is not true, and an
unknown field is an error, never ignored. Rules between sections (e.g. `directory.source:
entra` needs `entra.manage: true`) are in `components.spec.section_rules`. Checks that need
the directory (who exists, who is in scope, which logins collide) belong to resolution.

Identity and renames (docs/writing-specs-keys.md). Each Box user and Box group is one
resource in the stack, named by its key: the Entra `objectId` when the directory gives one
(always, with `source: entra`), else the spec's own `id` (inline users, Box-only groups),
else the Box login (users) or the name (groups). A resource's name is its identity, so with
an `objectId` or an `id` a changed login or group name is an in-place update of the same Box
account or group. Without one, the key *is* the login or name, and a rename says what it
was: `previousLogins` (inline users) or `previousNames` (groups) let the resource
take its new name through an alias of the old one, and the departures roster treat the old
and new login as one person, so the account, its content and the group's id are kept.
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
    Login,
    MembershipRole,
    ObjectId,
    OneLine,
    SpaceAmount,
    SpecVersion,
    StableId,
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

    display_name: Text = Field(
        alias="displayName", description="The Box app's name in the Entra admin center."
    )
    gallery_template: Text = Field(
        "Box", alias="galleryTemplate", description="The Entra gallery app's name."
    )
    owners: list[Upn] = Field(default_factory=list, description="UPNs of the app's owners.")
    notification_emails: list[EmailAddress] = Field(
        default_factory=list,
        alias="notificationEmails",
        description="Who Entra tells of certificate expiry and errors (a team mailbox is best).",
    )
    sign_on_url: BoxSignOnUrl | None = Field(
        None,
        alias="signOnUrl",
        description="Box's sign-on URL, https://<subdomain>.account.box.com, where sign-in "
        "from Box starts.",
    )


class Assignment(SpecModel):
    """One app role assignment: `{user: UPN, role: R}` or `{group: DISPLAY_NAME, role: R}`."""

    user: Upn | None = Field(None, description="The UPN of the user assigned; or 'group'.")
    group: Text | None = Field(
        None,
        description="The display name of the group assigned (its direct user members are in "
        "scope); or 'user'.",
    )
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

    manage: bool = Field(
        True,
        description="True: entra-box manages the Box app in Entra (pulumi-azuread); false: a "
        "Box-only stack that needs no Entra credentials.",
    )
    application: Application | None = Field(
        None, description="The Box enterprise app in Entra; required when 'manage' is true."
    )
    assignments: list[Assignment] = Field(
        default_factory=list,
        description="Who is assigned to the Box app, with which app role; only they are in "
        "scope for Box.",
    )

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

    login: EntraUserAttribute = Field(
        "userPrincipalName", description="The Entra attribute that gives the Box login."
    )
    name: EntraUserAttribute = Field(
        "displayName", description="The Entra attribute that gives the Box user's name."
    )
    role: EntraUserAttribute | None = Field(
        None, description="The Entra attribute that gives the Box role (user or coadmin)."
    )
    job_title: EntraUserAttribute | None = Field(
        None, description="The Entra attribute that gives the Box job title."
    )
    phone: EntraUserAttribute | None = Field(
        None, description="The Entra attribute that gives the Box phone number."
    )
    address: EntraUserAttribute | None = Field(
        None, description="The Entra attribute that gives the Box address."
    )
    language: EntraUserAttribute | None = Field(
        None, description="The Entra attribute that gives the Box language code."
    )
    timezone: EntraUserAttribute | None = Field(
        None, description="The Entra attribute that gives the Box timezone (IANA name)."
    )


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
    objects: ProvisioningObjects = Field(
        "users",
        description="users: only users reach Box; users-and-groups: each assigned group also "
        "becomes a Box group of its direct user members.",
    )
    mappings: Mappings = Field(
        default_factory=Mappings,
        description="Which Entra attribute each Box user field is taken from.",
    )
    deprovision: DeprovisionMode = Field(
        "disable",
        description="How people leave Box: disable (content kept), transfer (content moved "
        "to the custodian first) or delete (content deleted).",
    )
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

    user_principal_name: Upn = Field(
        alias="userPrincipalName", description="The user's UPN; the Box login by default."
    )
    display_name: Text = Field(
        alias="displayName", description="The user's name; the Box name by default."
    )
    account_enabled: bool = Field(
        True,
        alias="accountEnabled",
        description="False: the account is disabled in Entra, and the Box user is inactive.",
    )
    object_id: ObjectId | None = Field(
        None,
        alias="objectId",
        description="The user's Entra object id. Keys their Box account in the stack, so a "
        "UPN change renames the account instead of replacing it.",
    )
    id: StableId | None = Field(
        None,
        description="A stable key of your own (e.g. an employee number) for a user without "
        "an objectId: keys their Box account in the stack, so a login change updates the "
        "same account in place. Never change it once deployed.",
    )
    previous_logins: list[Login] = Field(
        default_factory=list,
        alias="previousLogins",
        description="Box logins this person had before (a login change): their account, "
        "content and group memberships are kept and renamed, never replaced.",
    )
    given_name: OneLine | None = Field(
        None,
        alias="givenName",
        description="First name, as Entra has it; for provisioning.mappings.",
    )
    surname: OneLine | None = Field(
        None, description="Last name, as Entra has it; for provisioning.mappings."
    )
    mail: EmailAddress | None = Field(
        None, description="Email address, as Entra has it; for provisioning.mappings."
    )
    mail_nickname: OneLine | None = Field(
        None,
        alias="mailNickname",
        description="Mail alias, as Entra has it; for provisioning.mappings.",
    )
    job_title: OneLine | None = Field(
        None, alias="jobTitle", description="Job title, as Entra has it; for provisioning.mappings."
    )
    department: OneLine | None = Field(
        None, description="Department, as Entra has it; for provisioning.mappings."
    )
    company_name: OneLine | None = Field(
        None,
        alias="companyName",
        description="Company name, as Entra has it; for provisioning.mappings.",
    )
    employee_id: OneLine | None = Field(
        None,
        alias="employeeId",
        description="Employee id, as Entra has it; for provisioning.mappings.",
    )
    employee_type: OneLine | None = Field(
        None,
        alias="employeeType",
        description="Employee type, as Entra has it; for provisioning.mappings.",
    )
    office_location: OneLine | None = Field(
        None,
        alias="officeLocation",
        description="Office location, as Entra has it; for provisioning.mappings.",
    )
    street_address: OneLine | None = Field(
        None,
        alias="streetAddress",
        description="Street address, as Entra has it; for provisioning.mappings.",
    )
    city: OneLine | None = Field(
        None, description="City, as Entra has it; for provisioning.mappings."
    )
    state: OneLine | None = Field(
        None, description="State or province, as Entra has it; for provisioning.mappings."
    )
    postal_code: OneLine | None = Field(
        None,
        alias="postalCode",
        description="Postal code, as Entra has it; for provisioning.mappings.",
    )
    country: OneLine | None = Field(
        None, description="Country or region, as Entra has it; for provisioning.mappings."
    )
    usage_location: OneLine | None = Field(
        None,
        alias="usageLocation",
        description="Usage location (a two-letter country code), as Entra has it; for "
        "provisioning.mappings.",
    )
    preferred_language: OneLine | None = Field(
        None,
        alias="preferredLanguage",
        description="Preferred language, as Entra has it; for provisioning.mappings.",
    )
    mobile_phone: OneLine | None = Field(
        None,
        alias="mobilePhone",
        description="Mobile phone, as Entra has it; for provisioning.mappings.",
    )
    fax_number: OneLine | None = Field(
        None,
        alias="faxNumber",
        description="Fax number, as Entra has it; for provisioning.mappings.",
    )


class InlineGroup(SpecModel):
    """An Entra group as the inline directory states it."""

    display_name: Text = Field(
        alias="displayName",
        description="The group's name in Entra; the Box group's name with users-and-groups.",
    )
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
    previous_names: list[BoxGroupName] = Field(
        default_factory=list,
        alias="previousNames",
        description="Display names this group had before, for a group without an objectId "
        "that is provisioned to Box: its Box group is renamed in place, never replaced.",
    )


class DirectorySection(SpecModel):
    """Where users and groups come from: listed here, or read live from Entra."""

    source: Literal["inline", "entra"] = Field(
        "inline",
        description="inline: the users and groups below; entra: read live from Entra on every "
        "preview and update.",
    )
    users: list[InlineUser] | None = Field(
        None, description="The Entra users, with an inline source."
    )
    groups: list[InlineGroup] | None = Field(
        None, description="The Entra groups, with an inline source."
    )

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

    role: BoxUserRole | None = Field(
        None,
        description="Box role: user or coadmin. Make co-admins under box.users, not by default.",
    )
    space_amount: SpaceAmount | None = Field(
        None, description="Storage quota: bytes, a size such as '10 GB', or 'unlimited'."
    )
    language: BoxLanguage | None = Field(None, description="Box language code, e.g. 'gb'.")
    timezone: BoxTimezone | None = Field(None, description="IANA timezone, e.g. 'Europe/London'.")
    job_title: BoxJobTitle | None = Field(None, description="Job title (at most 100 characters).")
    phone: BoxPhone | None = Field(None, description="Phone number (at most 100 characters).")
    address: BoxAddress | None = Field(None, description="Address (at most 255 characters).")
    is_sync_enabled: bool | None = Field(None, description="Box Sync allowed for the user.")
    can_see_managed_users: bool | None = Field(
        None, description="The user can see the enterprise's other managed users."
    )
    is_external_collab_restricted: bool | None = Field(
        None, description="The user may collaborate only within the enterprise."
    )
    is_exempt_from_device_limits: bool | None = Field(
        None, description="The user is exempt from the enterprise's device limits."
    )
    is_exempt_from_login_verification: bool | None = Field(
        None, description="The user is exempt from two-step login verification."
    )


class BoxUserOverride(BoxUserDefaults):
    """One login's Box user fields, applied over mappings and defaults."""

    name: BoxName | None = Field(
        None, description="Box name (at most 50 characters), over the mapped one."
    )
    status: BoxUserStatus | None = Field(
        None,
        description="Box status: active, inactive, cannot_delete_edit or "
        "cannot_delete_edit_upload; inactive is a deprovision.",
    )


class BoxGroupMember(SpecModel):
    """One member of a Box-only group, by Box login."""

    login: Binding
    role: MembershipRole = Field("member", description="member, or admin of the group.")


class BoxGroup(SpecModel):
    """A Box-only group: it exists in Box, not in Entra; members must be in scope."""

    name: BoxGroupName = Field(description="The Box group's name (unique in Box).")
    id: StableId | None = Field(
        None,
        description="A stable key of your own: keys the group in the stack, so renaming it "
        "updates the same Box group in place. Never change it once deployed.",
    )
    previous_names: list[BoxGroupName] = Field(
        default_factory=list,
        alias="previousNames",
        description="Names this group had before (a rename): the Box group keeps its id, "
        "members and folder collaborations, and is renamed in place.",
    )
    description: GroupDescription | None = Field(
        None, description="The Box group's description (at most 255 characters)."
    )
    members: list[BoxGroupMember] = Field(
        default_factory=list, description="Members, each a Box login of an in-scope user."
    )


class BoxSection(SpecModel):
    """The Box side: defaults, per-login overrides and Box-only groups."""

    defaults: BoxUserDefaults = Field(
        default_factory=BoxUserDefaults,
        description="Box user fields for every managed user the mappings leave unset.",
    )
    users: dict[Binding, BoxUserOverride] = Field(
        default_factory=dict,
        description="Per-login Box user fields, over mappings and defaults; keys are Box "
        "logins of in-scope users.",
    )
    groups: list[BoxGroup] = Field(
        default_factory=list,
        description="Box-only groups: they exist in Box, not in Entra.",
    )


class Spec(SpecModel):
    """An entra-box spec, version 1: one environment's Entra app and Box users and groups."""

    version: SpecVersion = Field(description="The spec's version; always 1.")
    entra: EntraSection = Field(description="The Entra side: the Box app and who is assigned.")
    provisioning: ProvisioningSection = Field(
        default_factory=ProvisioningSection,
        description="Who writes to Box, how Entra attributes map to Box, how people leave.",
    )
    directory: DirectorySection = Field(
        description="Where users and groups come from: listed inline, or read live from Entra."
    )
    box: BoxSection = Field(
        default_factory=BoxSection,
        description="Box user defaults, per-login overrides and Box-only groups.",
    )
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
