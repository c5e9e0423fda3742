"""What a search's text and `QuoteFilter` become: FTS5 queries, tag terms, SQL.

Shared by search, export, counts and totals; `whosaid.store.search` re-exports
the public names.
"""

from __future__ import annotations

import re
import sqlite3
from typing import Any

from whosaid.store.matching import match_speaker
from whosaid.store.records import QuoteFilter

_OPERATORS = ("AND", "OR", "NOT")


def fts_parts(text: str) -> list[str]:
    """Split user text into FTS5 query parts: "phrases", "prefix"*, operators.

    AND, OR and NOT in capitals stay operators; anything else is quoted, so
    punctuation never raises a syntax error.
    """
    parts = []
    for token in re.findall(r'"[^"]*"?|\S+', text):
        if token in _OPERATORS:
            parts.append(token)
        elif token.startswith('"'):
            inner = token.strip('"').replace('"', "")
            if inner.strip():
                parts.append(f'"{inner}"')
        elif token.endswith("*") and token.rstrip("*"):
            parts.append(f'"{token.rstrip("*").replace(chr(34), "")}"*')
        else:
            parts.append(f'"{token.replace(chr(34), "")}"')
    while parts and parts[-1] in _OPERATORS:
        parts.pop()
    while parts and parts[0] in _OPERATORS:
        parts.pop(0)
    return parts


def fts_query(text: str) -> str:
    """Turn user text into an FTS5 query: words AND-ed, "phrases", prefix*."""
    return " ".join(fts_parts(text))


def speaker_ids(conn: sqlite3.Connection, name: str) -> list[int]:
    """Return the speakers a `--speaker` value means (see `match_speaker`)."""
    return match_speaker(conn, name).ids


def where(
    conn: sqlite3.Connection, filters: QuoteFilter | None
) -> tuple[list[str], list[Any], list[str]]:
    """Build SQL conditions on `q` (quotes) and FTS tag terms for the filters.

    The SQL conditions are exact and complete. The tag terms (migration m002)
    are the selective ones only (speaker, outlet, a one-month range): the
    export's ranking, FTS5's bm25(), counts the rows of every term it is given.
    """
    filters = filters or QuoteFilter()
    clauses: list[str] = []
    params: list[Any] = []
    tags: list[str] = []
    if filters.speaker:
        ids = speaker_ids(conn, filters.speaker)
        clauses.append(f"q.speaker_id IN ({','.join('?' * len(ids))})" if ids else "0")
        params += ids
        if ids:
            tags.append("(" + " OR ".join(f"s{speaker_id}" for speaker_id in ids) + ")")
    for column, value, tag in (
        ("outlet", filters.outlet, "o"),
        ("type", filters.type, "t"),
        ("kind", None if filters.kind == "all" else filters.kind, "k"),
        ("cue_stance", filters.stance, "x"),
    ):
        if value:
            clauses.append(f"q.{column} = ?")
            params.append(value)
            if tag == "o":
                tags.append(f"o{value.encode().hex()}")
    checks, values = row_checks(filters)
    clauses += checks
    params += values
    if filters.since and filters.until:
        months = _months(filters.since, filters.until)
        if len(months) == 1:
            tags.append(f"m{months[0]}")
    return clauses, params, tags


def filter_tags(
    conn: sqlite3.Connection, filters: QuoteFilter, *, broad: bool = True
) -> list[str] | None:
    """FTS tag terms (migration m002) for the filters the tags hold (#17).

    Speaker, outlet, and the months of a date range of at most 36 months; with
    `broad`, also kind, type and stance, which most quotes share: a count
    intersects their posting lists inside FTS5, while a search, which reads
    its window's rows anyway, checks them there (`row_checks`). Returns None
    when the speaker filter matches nobody.
    """
    tags: list[str] = []
    if filters.speaker:
        ids = speaker_ids(conn, filters.speaker)
        if not ids:
            return None
        tags.append("(" + " OR ".join(f"s{speaker_id}" for speaker_id in ids) + ")")
    if filters.outlet:
        tags.append(f"o{filters.outlet.encode().hex()}")
    if broad:
        for prefix, value in _broad(filters):
            tags.append(f'"{prefix}{value}"')
    if filters.since and filters.until:
        months = _months(filters.since, filters.until)
        if 0 < len(months) <= 36:
            tags.append("(" + " OR ".join(f"m{month}" for month in months) + ")")
    return tags


def _broad(filters: QuoteFilter) -> list[tuple[str, str]]:
    """(tag prefix, value) of the kind, type and stance filters that are set."""
    return [
        (prefix, value)
        for prefix, value in (
            ("k", None if filters.kind == "all" else filters.kind),
            ("t", filters.type),
            ("x", filters.stance),
        )
        if value
    ]


_BROAD_COLUMNS = {"k": "kind", "t": "type", "x": "cue_stance"}


def row_checks(
    filters: QuoteFilter, *, broad: bool = False
) -> tuple[list[str], list[Any]]:
    """SQL conditions the tags do not hold: exact dates, minimum confidence.

    With `broad`, also kind, type and stance (see `filter_tags`).
    """
    clauses: list[str] = []
    params: list[Any] = []
    if broad:
        for prefix, value in _broad(filters):
            clauses.append(f"q.{_BROAD_COLUMNS[prefix]} = ?")
            params.append(value)
    for clause, bound in (
        ("q.date >= ?", filters.since),
        ("q.date <= ?", filters.until),
        ("q.confidence >= ?", filters.min_confidence),
    ):
        if bound is not None:
            clauses.append(clause)
            params.append(bound)
    return clauses, params


def text_match(parts: list[str], tags: list[str]) -> str:
    """Combine user text (content column only) with filter tags (tags column)."""
    match = f"content : ({' '.join(parts)})"
    return match + (f" AND tags : ({' AND '.join(tags)})" if tags else "")


def _months(since: str, until: str) -> list[str]:
    year, month = int(since[:4]), int(since[5:7])
    last = (int(until[:4]), int(until[5:7]))
    months: list[str] = []
    while (year, month) <= last and len(months) <= 36:
        months.append(f"{year}{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months
