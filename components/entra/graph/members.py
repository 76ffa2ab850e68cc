"""Paged reads of groups' direct members and users' attributes, with only the fields needed.

Called through `program_reads.GraphDirectory` by `components.entra.lookups` for
`directory.source: entra`. One `GET /groups/{id}/members?$select=...&$top=999` page serves
up to 999 members with exactly the mapped attributes (Graph v1.0, "List group members":
user members carry the selected properties, other members only `id` and `@odata.type`), so
10,000 people in 20 groups cost about 20 requests, where pulumi-azuread's data sources send
one request per member.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import quote

from components.entra.graph.client import GraphClient

PAGE_SIZE: Final = 999
USER_TYPE: Final = "#microsoft.graph.user"
# Always read: what a directory user is made of.
CORE_FIELDS: Final = ("id", "userPrincipalName", "displayName", "accountEnabled")


@dataclass(frozen=True)
class GroupMembers:
    """A group's direct user members (Graph's fields) and how many members are not users."""

    users: tuple[dict[str, Any], ...]
    other_count: int


def select(attributes: Iterable[str]) -> str:
    return ",".join(dict.fromkeys([*CORE_FIELDS, *sorted(attributes)]))


def group_members(graph: GraphClient, group_id: str, attributes: Iterable[str]) -> GroupMembers:
    """The group's direct members, paged; users with `attributes` selected."""
    path = f"/groups/{quote(group_id)}/members?$select={select(attributes)}&$top={PAGE_SIZE}"
    users: list[dict[str, Any]] = []
    others = 0
    for page in graph.pages(path):
        for member in page:
            if member.get("@odata.type") == USER_TYPE:
                users.append(member)
            else:
                others += 1
    return GroupMembers(tuple(users), others)


def user(graph: GraphClient, object_id: str, attributes: Iterable[str]) -> dict[str, Any]:
    """One user with `attributes` selected (for directly assigned users)."""
    answer: dict[str, Any] = graph.call(
        "GET", f"/users/{quote(object_id)}?$select={select(attributes)}"
    )
    return answer
