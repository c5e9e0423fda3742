"""Request parameters shared by pages and API: filters, paging, cursors."""

from __future__ import annotations

import base64
import binascii
import json
from datetime import date
from typing import Annotated

from fastapi import Path

from whosaid.model import CUE_STANCES, QUOTE_KINDS, QUOTE_TYPES
from whosaid.store.search import SORTS
from whosaid.web.errors import BadParameterError
from whosaid.web.queries import KIND_ALL, SearchFilters

MAX_QUERY_CHARS = 500
MAX_CURSOR_OFFSET = 2**53
# A speaker or cluster id in a URL: a positive SQLite rowid.
RowId = Annotated[int, Path(ge=1, le=2**62)]


def search_filters(
    *,
    q: str | None = None,
    speaker: str | None = None,
    outlet: str | None = None,
    since: date | None = None,
    until: date | None = None,
    type: str | None = None,
    kind: str | None = None,
    stance: str | None = None,
    min_confidence: float | None = None,
    sort: str | None = None,
) -> SearchFilters:
    """Check search parameters and return them as filters.

    An empty `type` or `stance` means any; an empty `kind` means statements
    only (#8); `kind=all` means every kind. An empty `sort` means relevance
    with a query, newest first without.
    """
    for name, value in (("q", q), ("speaker", speaker), ("outlet", outlet)):
        if value and len(value) > MAX_QUERY_CHARS:
            raise BadParameterError(
                name, f"is {len(value):,} characters; at most {MAX_QUERY_CHARS} allowed"
            )
    if type and type not in QUOTE_TYPES:
        raise BadParameterError(
            "type", f"must be one of {', '.join(QUOTE_TYPES)}; got {type!r}"
        )
    for name, value, allowed in (
        ("stance", stance, CUE_STANCES),
        ("sort", sort, SORTS),
    ):
        if value and value not in allowed:
            raise BadParameterError(
                name, f"must be one of {', '.join(allowed)}; got {value!r}"
            )
    if min_confidence is not None and not 0 <= min_confidence <= 1:
        raise BadParameterError(
            "min_confidence", f"must be between 0 and 1; got {min_confidence}"
        )
    kinds = (*QUOTE_KINDS, KIND_ALL)
    if kind and kind not in kinds:
        raise BadParameterError(
            "kind", f"must be one of {', '.join(kinds)}; got {kind!r}"
        )
    if since and until and since > until:
        raise BadParameterError(
            "since", f"{since.isoformat()} is after until {until.isoformat()}"
        )
    return SearchFilters(
        q=(q or "").strip(),
        speaker=(speaker or "").strip(),
        outlet=(outlet or "").strip(),
        since=since,
        until=until,
        type=type or None,
        kind=kind or "statement",
        stance=stance or None,
        min_confidence=min_confidence or None,
        sort=sort or None,
    )


def parse_confidence(value: str | None) -> float | None:
    """Read a minimum confidence form value (0 to 1); empty means none."""
    if not value or not value.strip():
        return None
    try:
        return float(value)
    except ValueError as err:
        raise BadParameterError(
            "min_confidence", f"must be a number from 0 to 1; got {value!r}"
        ) from err


def parse_date(name: str, value: str | None) -> date | None:
    """Read a YYYY-MM-DD form value; an empty field means no date."""
    if not value or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError as err:
        raise BadParameterError(
            name, f"must be a date as YYYY-MM-DD; got {value!r}"
        ) from err


def encode_cursor(offset: int) -> str:
    """Return the opaque cursor for the page starting at `offset`."""
    raw = json.dumps({"o": offset}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    """Return the offset in a cursor from `encode_cursor`; None means the start."""
    if not cursor:
        return 0
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        offset = json.loads(raw)["o"]
    except (binascii.Error, ValueError, KeyError, TypeError) as err:
        raise BadParameterError(
            "cursor", "is not a cursor this server issued; use next_cursor as given"
        ) from err
    # bool is an int; past 2**53 SQLite's 64-bit OFFSET (offset + limit) can
    # overflow, and no index holds that many rows (#19).
    if isinstance(offset, bool) or not isinstance(offset, int):
        raise BadParameterError("cursor", "is not a cursor this server issued")
    if not 0 <= offset <= MAX_CURSOR_OFFSET:
        raise BadParameterError("cursor", "is not a cursor this server issued")
    return offset
