"""Box's two paging styles: offset (every list) and marker (`GET /users` only).

Offset: `limit` defaults to 100 and is clamped to 1000 (the answer reports the limit used);
an `offset` above 10000 is rejected with 400. Marker: `usemarker=true`, then `marker` = the
previous `next_marker`; the answer has no `total_count`, `offset` or `order`, and a null
`next_marker` ends the walk. Used by the behaviour modules; records run the queries.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from emulator.errors import BoxError
from emulator.params import parse_bool, parse_int
from emulator.store import parse_object_id

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
MAX_OFFSET = 10_000
ORDER_BY_ID = [{"by": "id", "direction": "ASC"}]
_MARKER_PREFIX = "box-emulator:"


@dataclass(frozen=True)
class OffsetPage:
    """Where an offset-paged answer starts and how long it is."""

    offset: int
    limit: int


@dataclass(frozen=True)
class MarkerPage:
    """Where a marker-paged answer starts (after the id in the marker) and how long it is."""

    after_id: int
    limit: int


def parse_limit(args: Mapping[str, str]) -> int:
    limit = parse_int(args, "limit", "invalid_limit", "Limit is not a valid number")
    if limit is None:
        return DEFAULT_LIMIT
    if limit < 1:
        raise BoxError(400, "invalid_limit", "Limit is not a valid number")
    return min(limit, MAX_LIMIT)


def parse_offset_page(args: Mapping[str, str]) -> OffsetPage:
    offset = parse_int(args, "offset", "invalid_offset", "Offset is not a valid number") or 0
    if offset < 0:
        raise BoxError(400, "invalid_offset", "Offset is not a valid number")
    if offset > MAX_OFFSET:
        raise BoxError(
            400,
            "invalid_offset",
            f"Offset {offset} exceeds the maximum of {MAX_OFFSET}; use marker-based paging",
        )
    return OffsetPage(offset, parse_limit(args))


def parse_any_page(args: Mapping[str, str]) -> OffsetPage | MarkerPage:
    """The page of a list that offers both styles; using both at once is a 400."""
    if not parse_bool(args, "usemarker"):
        if args.get("marker"):
            raise BoxError(400, "bad_request", "'marker' requires 'usemarker=true'")
        return parse_offset_page(args)
    if args.get("offset"):
        raise BoxError(400, "bad_request", "Only one pagination method can be used at a time")
    return MarkerPage(decode_marker(args.get("marker")), parse_limit(args))


def offset_collection(
    entries: list[dict[str, Any]], total: int, page: OffsetPage
) -> dict[str, Any]:
    return {
        "total_count": total,
        "entries": entries,
        "offset": page.offset,
        "limit": page.limit,
        "order": ORDER_BY_ID,
    }


def marker_collection(
    entries: list[dict[str, Any]], last_id: int | None, page: MarkerPage
) -> dict[str, Any]:
    """`last_id` is the id of the last entry when more may follow, else None."""
    next_marker = encode_marker(last_id) if last_id is not None else None
    return {"entries": entries, "limit": page.limit, "next_marker": next_marker}


def encode_marker(after_id: int) -> str:
    return base64.urlsafe_b64encode(f"{_MARKER_PREFIX}{after_id}".encode()).decode().rstrip("=")


def decode_marker(marker: str | None) -> int:
    if not marker:
        return 0
    try:
        padded = marker + "=" * (-len(marker) % 4)
        text = base64.urlsafe_b64decode(padded.encode()).decode()
        after_id = parse_object_id(text.removeprefix(_MARKER_PREFIX))
        if not text.startswith(_MARKER_PREFIX) or after_id is None:
            raise ValueError(text)
        return after_id
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise BoxError(400, "invalid_marker", f"Invalid marker '{marker}'") from None
