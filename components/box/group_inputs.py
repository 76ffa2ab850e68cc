"""The inputs of a `box:Group` resource: what `check` validates and the component sends.

A group's memberships are part of the group: `members` maps login to role (so `pulumi
preview --diff` shows membership changes by login) and, with one `box:User` per person,
`member_ids` maps the same logins to Box user ids, taken from those resources' outputs. In
the shard model `member_ids` is left out: the group finds the ids of the members it adds
when it applies (`group.py`), so it records no shard it would otherwise depend on.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints, model_validator

from components.box.user_inputs import Login
from components.desired import MembershipRole

# Box's managed group fields; the description is optional (unset: no longer managed).
GROUP_FIELDS: tuple[str, ...] = ("name", "description")
MEMBERSHIP_FIELDS: tuple[str, ...] = ("members", "member_ids")
# `adopts`: the id of the existing group a new resource takes over, found by `check`, and
# `adopts_from` its description and members (login: role) as the preview saw them.
OUTPUT_FIELDS: tuple[str, ...] = (
    "group_id",
    "adopted",
    "membership_ids",
    "adopts",
    "adopts_from",
)

FIXES: dict[str, str] = {
    "name": "Box group names are 1 to 255 characters and unique in the enterprise",
    "description": "Box allows at most 255 characters",
    "members": "map each member's login to member or admin",
    "member_ids": "give every member the user id of their box:User resource (BoxTenant "
    "does this for users listed in box.users)",
}


class BoxGroupInputs(BaseModel):
    """One Box group as the spec wants it, with its complete membership."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=255)]
    description: Annotated[str, StringConstraints(max_length=255)] | None = None
    members: dict[Login, MembershipRole] = {}
    member_ids: dict[Login, Annotated[str, StringConstraints(min_length=1)]] = {}

    @model_validator(mode="after")
    def _every_member_has_an_id(self) -> BoxGroupInputs:
        if not self.member_ids:
            return self  # members by login only: ids are found when applied
        missing = sorted(self.members.keys() - self.member_ids.keys())
        extra = sorted(self.member_ids.keys() - self.members.keys())
        if missing:
            raise ValueError(f"no user id for member(s) {', '.join(missing)}")
        if extra:
            raise ValueError(f"user id(s) given for non-member(s) {', '.join(extra)}")
        return self
