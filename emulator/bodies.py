"""Request bodies the emulator accepts, as strict pydantic models, and their 400 answers.

Each behaviour module parses its JSON body with `parse_body(Model)`. Fields Box does not know
are ignored, as Box ignores them; a field of the wrong type or outside its enum or length is a
400 `bad_request` whose `context_info.errors` names the field, as Box's does.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal, TypeVar

from flask import request
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from emulator.errors import BoxError, bad_request, parameter_error

# No whitespace or control character (a NUL, a bell, C1 controls) anywhere in a login.
_LOGIN_CHARACTER = r"[^@\s\x00-\x1f\x7f-\x9f]"
LOGIN_PATTERN = rf"^{_LOGIN_CHARACTER}+@{_LOGIN_CHARACTER}+\.{_LOGIN_CHARACTER}+$"
Login = Annotated[str, Field(pattern=LOGIN_PATTERN, max_length=255)]
INT64_MAX = 2**63 - 1  # `space_amount` is an int64 in Box's spec
UserName = Annotated[str, Field(min_length=1, max_length=50)]
Short = Annotated[str, Field(max_length=100)]
Medium = Annotated[str, Field(max_length=255)]
UserRole = Literal["coadmin", "user"]
UserStatus = Literal["active", "inactive", "cannot_delete_edit", "cannot_delete_edit_upload"]
AccessLevel = Literal["admins_only", "admins_and_members", "all_managed_users"]
MembershipRole = Literal["member", "admin"]


class Body(BaseModel):
    """Base of every body: strict types, unknown fields ignored."""

    model_config = ConfigDict(strict=True, extra="ignore")

    def given(self) -> dict[str, Any]:
        """The fields the client sent, with their parsed values (for partial updates)."""
        return self.model_dump(mode="json", exclude_unset=True)


class TrackingCode(Body):
    type: Literal["tracking_code"] = "tracking_code"
    name: str
    value: str


class NotificationEmail(Body):
    email: Login


class UserFields(Body):
    """The attributes a client may set on a user (POST and PUT)."""

    role: UserRole | None = None
    language: str | None = None
    is_sync_enabled: bool | None = None
    job_title: Short | None = None
    phone: Short | None = None
    address: Medium | None = None
    space_amount: Annotated[int, Field(ge=-1, le=INT64_MAX)] | None = None
    tracking_codes: list[TrackingCode] | None = None
    can_see_managed_users: bool | None = None
    timezone: str | None = None
    is_external_collab_restricted: bool | None = None
    is_exempt_from_device_limits: bool | None = None
    is_exempt_from_login_verification: bool | None = None
    status: UserStatus | None = None
    external_app_user_id: str | None = None


class UserCreate(UserFields):
    name: UserName
    login: Login | None = None
    is_platform_access_only: bool | None = None

    @model_validator(mode="after")
    def _login_unless_app_user(self) -> UserCreate:
        if self.login is None and not self.is_platform_access_only:
            raise ValueError("'login' is required unless 'is_platform_access_only' is true")
        return self


class EnterpriseRef(Body):
    id: str


class UserUpdate(UserFields):
    name: UserName | None = None
    login: Login | None = None
    enterprise: EnterpriseRef | None = None
    notify: bool | None = None
    is_password_reset_required: bool | None = None
    notification_email: NotificationEmail | None = None


class GroupFields(Body):
    provenance: Medium | None = None
    external_sync_identifier: str | None = None
    description: Medium | None = None
    invitability_level: AccessLevel | None = None
    member_viewability_level: AccessLevel | None = None


class GroupCreate(GroupFields):
    name: Annotated[str, Field(min_length=1, max_length=255)]


class GroupUpdate(GroupFields):
    name: Annotated[str, Field(min_length=1, max_length=255)] | None = None


class IdRef(Body):
    id: str


class MembershipCreate(Body):
    user: IdRef
    group: IdRef
    role: MembershipRole = "member"
    configurable_permissions: dict[str, bool] | None = None


class MembershipUpdate(Body):
    role: MembershipRole | None = None
    configurable_permissions: dict[str, bool] | None = None


class FolderCreate(Body):
    name: str  # checked by the folders behaviour: a bad name is `item_name_invalid`
    parent: IdRef


class Transfer(Body):
    owned_by: IdRef


ModelT = TypeVar("ModelT", bound=Body)


def parse_body(model: type[ModelT], code: str = "bad_request") -> ModelT:
    """The request's JSON body as `model`, or a Box 400 (`code`) naming each bad field."""
    data = _json_body()
    if not isinstance(data, dict):
        raise BoxError(400, "bad_request", "Request body must be a JSON object")
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise bad_request([_error_entry(item) for item in error.errors()], code=code) from None


def _json_body() -> object:
    raw = request.get_data()
    if not raw:  # the SDK sends no body at all when every field of an update is unset
        return {}
    try:
        return json.loads(raw)
    # Also a body nested deeper than the parser's recursion, or a number with more digits
    # than Python converts: Box answers both as a bad request, not a server error.
    except (ValueError, RecursionError):
        raise BoxError(400, "bad_request", "Request body is not valid JSON") from None


def _error_entry(item: Any) -> dict[str, str]:
    name = ".".join(str(part) for part in item["loc"]) or "body"
    if item["type"] == "missing":
        return parameter_error(name, None, "missing_parameter")
    entry = parameter_error(name, item.get("input"))
    entry["message"] = f"{entry['message']}: {item['msg']}"
    return entry
