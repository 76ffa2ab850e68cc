"""Box calls about groups: list, find by exact name, fetch, create, update.

Used by `group.py` (the provider) and by `connection.py` for the shared group listing.
Groups come back as plain dicts of the managed fields (`group_values`), keyed like the
resource's inputs. Errors leave through `errors.box_call`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from box_sdk_gen.client import BoxClient
from box_sdk_gen.schemas.group_full import GroupFull

from components.box.errors import BoxNotFoundError, box_call

PAGE_SIZE = 1000
GROUP_FIELDS: tuple[str, ...] = ("name", "description")
QUERY_FIELDS: list[str] = ["id", *GROUP_FIELDS, "group_type"]


def group_values(group: GroupFull) -> dict[str, Any]:
    """The managed fields of a Box group as plain values."""
    return {"name": group.name, "description": group.description}


def lowercase_name(group: GroupFull) -> str:
    """The key a listing's groups are looked up by (a name matches ignoring case)."""
    return (group.name or "").lower()


def list_groups(client: BoxClient) -> dict[str, GroupFull]:
    """Every group of the enterprise by id, 1000 per call."""
    with box_call("groups", "list"):
        return {group.id: group for group in _pages(client, None)}


def find_group(client: BoxClient, name: str) -> GroupFull | None:
    """The group named exactly `name`, ignoring case; an exact-case match wins."""
    # filter_term is a prefix match: "Sales" also finds "Sales EMEA".
    with box_call(f"group {name!r}", "look up"):
        matches = [g for g in _pages(client, name) if (g.name or "").lower() == name.lower()]
    exact = [group for group in matches if group.name == name]
    best = exact or matches
    return best[0] if best else None


def fetch_group(client: BoxClient, group_id: str) -> GroupFull | None:
    """One group by id, or None once Box no longer has it."""
    try:
        with box_call(f"group id {group_id}", "read"):
            return client.groups.get_group_by_id(group_id, fields=QUERY_FIELDS)
    except BoxNotFoundError:
        return None


def create_group(client: BoxClient, fields: Mapping[str, Any]) -> GroupFull:
    """POST /groups; raises BoxConflictError when the name is taken."""
    return client.groups.create_group(
        fields["name"], description=fields.get("description"), fields=QUERY_FIELDS
    )


def update_group(client: BoxClient, group_id: str, changes: Mapping[str, Any]) -> GroupFull:
    """PUT /groups/{id} with only the changed fields."""
    return client.groups.update_group_by_id(
        group_id,
        name=changes.get("name"),
        description=changes.get("description"),
        fields=QUERY_FIELDS,
    )


def delete_group(client: BoxClient, group_id: str) -> None:
    client.groups.delete_group_by_id(group_id)


def _pages(client: BoxClient, filter_term: str | None) -> Iterator[GroupFull]:
    offset = 0
    while True:
        page = client.groups.get_groups(
            filter_term=filter_term, fields=QUERY_FIELDS, limit=PAGE_SIZE, offset=offset
        )
        entries = page.entries or []
        yield from entries
        offset += len(entries)
        if not entries or offset >= (page.total_count or 0):
            return
