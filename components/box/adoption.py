"""Which existing Box account or group a new resource takes over, found read-only.

Called by the user and group providers' `check` for a resource the stack does not hold
yet, so that `pulumi preview` already says "adopts the existing account" (a re-key, a
leaver who returns, an account made by hand) instead of "new Box user", and `create`
adopts it without first trying to create a duplicate. A few are looked up one call each;
past `LOOKUPS_BEFORE_LISTING` through one connection (many arrivals: an initial sync), the
shared listing answers instead, about one call per 1000 users or groups.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from box_sdk_gen.schemas.group_full import GroupFull
from box_sdk_gen.schemas.user_full import UserFull

from components.box import group_api, user_api
from components.box.connection import BoxConnection

LOOKUPS_BEFORE_LISTING = 3


def existing_account(box: BoxConnection, login: str) -> UserFull | None:
    """The Box user whose login is exactly `login` (any kind, any enterprise), or None."""
    if box.user_lookups.take() <= LOOKUPS_BEFORE_LISTING:
        return user_api.find_user(box.client, login)
    # The listing holds this enterprise's users only; a login held outside it is found by
    # `create`'s conflict path, which explains why it cannot be adopted.
    return box.users_before.first(user_api.lowercase_login, login.lower())


def existing_group(box: BoxConnection, name: str) -> GroupFull | None:
    """The Box group named `name` (ignoring case; an exact-case match wins), or None."""
    if box.group_lookups.take() <= LOOKUPS_BEFORE_LISTING:
        return group_api.find_group(box.client, name)
    matches = box.groups_before.grouped_by(group_api.lowercase_name).get(name.lower(), ())
    exact = [group for group in matches if group.name == name]
    best = exact or matches
    return best[0] if best else None


# What `check` records for a new resource that takes an existing account or group over:
# its Box id, and what the preview saw of it where that differs from the spec.
ADOPTION_FIELDS = ("adopts", "adopts_from")
_PROVIDER_KEY = "__provider"


def adoption_kept(olds: Mapping[str, Any], checked: dict[str, Any]) -> dict[str, Any]:
    """The checked inputs with the adoption the old inputs record, when nothing else changed.

    Why: the engine records a resource's new inputs whenever they differ from the old ones,
    even when there is nothing to do, and then rewrites the whole checkpoint for it. Without
    this, the first `up` after a stack adopted 10,000 people (its move to user shards, or
    an initial sync into an existing Box) would rewrite a 10 MB checkpoint once per
    resource. Once anything else changes, the adoption is let go with the update.
    """
    if not olds.get("adopts"):
        return checked
    rest = {k: v for k, v in olds.items() if k not in (*ADOPTION_FIELDS, _PROVIDER_KEY)}
    if rest != checked:
        return checked
    return {**checked, **{key: olds[key] for key in ADOPTION_FIELDS if key in olds}}
