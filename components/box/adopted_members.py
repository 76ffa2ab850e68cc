"""What the preview saw of the members of a Box group a new group resource adopts.

`BoxGroupProvider.check` records, in the adopting resource's `adopts_from`, the group's
description and only the members whose Box role differs from the spec's
(`members_differing`: login -> Box role, or `NOT_A_MEMBER` for a wanted member Box does not
have). `create` refuses the adoption if Box changed since, and the PR summary lists who the
adoption adds and removes; both rebuild the members as seen with `seen_members`. Recorded
in full, the members of 5,000 adopted groups were a tenth of a 100,000-person checkpoint,
and the record stays in the inputs while nothing changes (`adoption.adoption_kept`). An
earlier version recorded every member (`members`), which reads the same. Pure.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

DIFFERING = "members_differing"
NOT_A_MEMBER = "(not a member)"


def differing_members(seen: Mapping[str, str], wanted: Mapping[str, str]) -> dict[str, str]:
    """Each login whose role in Box (`seen`) is not the spec's (`wanted`), with Box's role."""
    return {
        login: seen.get(login, NOT_A_MEMBER)
        for login in sorted(seen.keys() | wanted.keys())
        if seen.get(login) != wanted.get(login)
    }


def seen_members(adopts_from: Mapping[str, Any], wanted: Mapping[str, str]) -> dict[str, str]:
    """The group's members in Box as the preview saw them (login -> role)."""
    recorded = adopts_from.get("members")
    if isinstance(recorded, Mapping):
        return dict(recorded)  # recorded in full by an earlier version
    differing = adopts_from.get(DIFFERING)
    differing = differing if isinstance(differing, Mapping) else {}
    seen = {login: role for login, role in wanted.items() if login not in differing}
    seen.update({login: role for login, role in differing.items() if role != NOT_A_MEMBER})
    return dict(sorted(seen.items()))
