"""The inputs of a `box:User` resource: what `check` validates and the component sends.

`component.py` builds them from `components.desired` with `BoxUserInputs.from_desired`;
`BoxUserProvider.check` validates what the engine passes back (plain dicts) with the same
model. Keys are Box's own field names only: the facts of the spec the policy pack reads
(`assigned_via`, `role_explicit`) are recorded once per stack on the tenant component's
outputs (`spec_facts.py`), so that a change to them lists no update of any user. How
people leave is not here: only the departures resource deprovisions, with the policy of
the spec in force (`components/box/departures.py`).
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
)

from components.box.field_rules import quota, quota_bytes
from components.desired import BoxUserRole, BoxUserStatus, DesiredBoxUser

# Box fields the spec always decides.
CORE_FIELDS: tuple[str, ...] = ("login", "name", "status", "role")
# Box fields the spec may leave unset; what removing one does is `field_rules.py`'s rule.
OPTIONAL_FIELDS: tuple[str, ...] = (
    "language",
    "timezone",
    "space_amount",
    "job_title",
    "phone",
    "address",
    "is_sync_enabled",
    "can_see_managed_users",
    "is_external_collab_restricted",
    "is_exempt_from_device_limits",
    "is_exempt_from_login_verification",
)
BOX_FIELDS: tuple[str, ...] = CORE_FIELDS + OPTIONAL_FIELDS
# Facts of the spec that earlier versions recorded with each user for the policy pack; now
# on the tenant's outputs (`spec_facts.py`). Still in older states: never compared, dropped.
FORMER_SPEC_FACTS: tuple[str, ...] = ("role_explicit", "assigned_via")
# Computed by the provider; never inputs. `adopts` is the id of the existing Box account a
# new resource takes over, found (read-only) by `check` so that the preview shows it, and
# `adopts_from` that account's values of the fields the spec sets, as the preview saw them.
# `deleted_in_box`: a refresh found the account deleted in Box (by an admin, by hand).
DELETED_IN_BOX = "deleted_in_box"
OUTPUT_FIELDS: tuple[str, ...] = ("user_id", "adopted", "adopts", "adopts_from", DELETED_IN_BOX)
# Recorded by earlier versions, which kept the deprovision policy and the spec facts with
# each user; ignored, and dropped from the state at the user's next update or refresh.
LEGACY_FIELDS: tuple[str, ...] = ("deprovision", "custodian", *FORMER_SPEC_FACTS)

FIXES: dict[str, str] = {
    "login": "use the person's primary email address, e.g. bob@contoso.com",
    "name": "Box display names are 1 to 50 characters",
    "status": "use active, inactive, cannot_delete_edit or cannot_delete_edit_upload",
    "role": "use user or coadmin (Box has one admin, who is not managed here)",
    "space_amount": "use a number of bytes, -1 or 'unlimited', or a size such as '50 GB'",
    "job_title": "Box allows at most 100 characters",
    "phone": "Box allows at most 100 characters",
    "address": "Box allows at most 255 characters",
}

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _lower(value: Any) -> Any:
    return value.strip().lower() if isinstance(value, str) else value


def _email(value: str) -> str:
    if not _EMAIL.match(value):
        raise ValueError(f"{value!r} is not an email address")
    return value


def _bytes(value: Any) -> Any:
    whole = quota_bytes(value)
    return value if whole is None else whole


Login = Annotated[str, BeforeValidator(_lower), AfterValidator(_email)]
# Bytes on the model (what Box takes); recorded in the resource's inputs as the spec writes
# it (`50 GB`, `unlimited`), so that `pulumi preview --diff` shows `"10 GB" => "50 GB"`.
Quota = Annotated[
    int, BeforeValidator(_bytes), Field(ge=-1), PlainSerializer(quota, return_type=str)
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class BoxUserInputs(BaseModel):
    """One Box user as the spec wants it, and how it leaves."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    login: Login
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]
    status: BoxUserStatus = "active"
    role: BoxUserRole = "user"
    language: Text | None = None
    timezone: Text | None = None
    space_amount: Quota | None = None
    job_title: Annotated[str, StringConstraints(max_length=100)] | None = None
    phone: Annotated[str, StringConstraints(max_length=100)] | None = None
    address: Annotated[str, StringConstraints(max_length=255)] | None = None
    is_sync_enabled: bool | None = None
    can_see_managed_users: bool | None = None
    is_external_collab_restricted: bool | None = None
    is_exempt_from_device_limits: bool | None = None
    is_exempt_from_login_verification: bool | None = None

    @classmethod
    def from_desired(cls, user: DesiredBoxUser) -> BoxUserInputs:
        """The inputs for one desired user."""
        return cls(**user.model_dump(include=set(BOX_FIELDS)))

    def box_fields(self) -> dict[str, Any]:
        """The Box fields the spec manages: core fields always, optional ones when set."""
        values = {**self.model_dump(include=set(BOX_FIELDS)), "space_amount": self.space_amount}
        return {key: value for key, value in values.items() if value is not None}
