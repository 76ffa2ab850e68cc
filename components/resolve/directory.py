"""The directory resolution reads: Entra users and groups, however they were obtained.

`resolve(spec, directory)` takes a `Directory` so that one resolution serves both
sources: `inline_directory(spec)` builds it from the spec's `directory.users/groups`
(`source: inline`); the Entra component builds it from Entra's data at deploy time
(`source: entra`). Plain, frozen data: no lookups, no I/O.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from components.spec import Spec, SpecError, SpecIssue

# Inline user fields that `DirectoryUser` carries as its own fields, not in `attributes`.
_USER_FIELDS = {
    "userPrincipalName",
    "displayName",
    "accountEnabled",
    "objectId",
    "id",
    "previousLogins",
}


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class DirectoryUser(_Frozen):
    """An Entra user: its UPN, display name, whether it can sign in, other attributes."""

    user_principal_name: str
    display_name: str
    account_enabled: bool = True
    # The Entra object id, when known; it keys the user's Box account (see `DesiredBoxUser`).
    object_id: str | None = None
    # An inline directory's own stable key (`id`) and former logins (`previousLogins`).
    spec_id: str | None = None
    previous_logins: tuple[str, ...] = ()
    # Other Entra user attributes by their Graph names (mail, jobTitle, mobilePhone...).
    attributes: dict[str, str] = Field(default_factory=dict)

    def attribute(self, name: str) -> str | None:
        """The value of the Entra attribute `name`, None when the user has none."""
        if name == "userPrincipalName":
            return self.user_principal_name
        if name == "displayName":
            return self.display_name
        return self.attributes.get(name)


class DirectoryGroup(_Frozen):
    """An Entra group and its *direct* members: user UPNs or other groups' display names."""

    display_name: str
    members: tuple[str, ...] = ()
    # The Entra object id, when known; it keys the provisioned Box group.
    object_id: str | None = None
    # An inline directory's former names of the group (`previousNames`).
    previous_names: tuple[str, ...] = ()


class Directory(_Frozen):
    """Every Entra user and group resolution may need to look up."""

    users: tuple[DirectoryUser, ...] = ()
    groups: tuple[DirectoryGroup, ...] = ()


def inline_directory(spec: Spec) -> Directory:
    """The directory a `source: inline` spec lists; raises `SpecError` for `source: entra`."""
    section = spec.directory
    if section.source != "inline":
        raise SpecError([_no_inline_directory(spec)])
    users = tuple(
        DirectoryUser(
            user_principal_name=user.user_principal_name,
            display_name=user.display_name,
            account_enabled=user.account_enabled,
            object_id=user.object_id,
            spec_id=user.id,
            previous_logins=tuple(user.previous_logins),
            attributes={
                name: value
                for name, value in user.model_dump(by_alias=True, exclude_none=True).items()
                if name not in _USER_FIELDS
            },
        )
        for user in section.users or ()
    )
    groups = tuple(
        DirectoryGroup(
            display_name=group.display_name,
            members=tuple(group.members),
            object_id=group.object_id,
            previous_names=tuple(group.previous_names),
        )
        for group in section.groups or ()
    )
    return Directory(users=users, groups=groups)


def _no_inline_directory(spec: Spec) -> SpecIssue:
    path = ("directory", "source")
    location = spec.source.locate(path) if spec.source else None
    return SpecIssue(
        path,
        "the directory is read from Entra at deploy time, so the spec alone cannot be resolved",
        "run 'pulumi preview' to resolve it against Entra, or use 'source: inline'",
        location,
    )
