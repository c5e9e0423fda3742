"""Count the quotes a search matches: exactly up to a bound, then "more" (#17).

A page shows "1,234 quotes" or "more than 1,000 quotes"; counting every match
of a common word on millions of quotes would cost more than the page. With a
text query every filter the full-text index can answer (speaker, outlet,
kind, type, stance, and the months of a date range) becomes a term of the
match, so the count is an intersection of posting lists inside FTS5; only the
exact date bounds and the minimum confidence are checked on the rows, and at
most `COUNT_SCAN` of them.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from whosaid.store.records import QuoteFilter
from whosaid.store.search import _months, _where, fts_query, speaker_ids

COUNT_BOUND = 1000
# A count that must look at rows (exact dates, minimum confidence) looks at
# this many of the newest matches at most; stopping there, it is a lower bound.
COUNT_SCAN = 5000


def count_quotes(
    conn: sqlite3.Connection, text: str | None, filters: QuoteFilter | None
) -> tuple[int, bool]:
    """Return (count, exact): exact up to `COUNT_BOUND`, else a lower bound.

    `(COUNT_BOUND, False)` means more than `COUNT_BOUND`; `(n, False)` with a
    smaller n means at least n (the scan stopped at `COUNT_SCAN`).
    """
    filters = filters or QuoteFilter()
    if not (text and fts_query(text)):
        clauses, params, _ = _where(conn, filters)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        found = conn.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM quotes AS q {where} LIMIT ?)",
            (*params, COUNT_BOUND + 1),
        ).fetchone()[0]
        return _bounded(int(found), exact=True)
    tags = _tags(conn, filters)
    if tags is None:
        return 0, True  # a speaker name that matches nobody
    match = f"content : ({fts_query(text)})"
    if tags:
        match += f" AND tags : ({' AND '.join(tags)})"
    clauses, params = _row_checks(filters)
    if not clauses:
        found = conn.execute(
            "SELECT count(*) FROM (SELECT rowid FROM quotes_fts "
            "WHERE quotes_fts MATCH ? LIMIT ?)",
            (match, COUNT_BOUND + 1),
        ).fetchone()[0]
        return _bounded(int(found), exact=True)
    # Stop as soon as the bound is passed; below it, the scan looked at every
    # one of the newest COUNT_SCAN matches, and is exact if there are fewer.
    newest = (
        "(SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ? "
        "ORDER BY rowid DESC LIMIT ?) AS f"
    )
    found = conn.execute(
        f"SELECT count(*) FROM (SELECT 1 FROM {newest} "
        "JOIN quotes AS q NOT INDEXED ON q.id = f.rowid "
        f"WHERE {' AND '.join(clauses)} LIMIT ?)",
        (match, COUNT_SCAN, *params, COUNT_BOUND + 1),
    ).fetchone()[0]
    if found > COUNT_BOUND:
        return COUNT_BOUND, False
    scanned = conn.execute(
        f"SELECT count(*) FROM {newest}", (match, COUNT_SCAN)
    ).fetchone()[0]
    return int(found), scanned < COUNT_SCAN


def _bounded(found: int, *, exact: bool) -> tuple[int, bool]:
    return (COUNT_BOUND, False) if found > COUNT_BOUND else (found, exact)


def _tags(conn: sqlite3.Connection, filters: QuoteFilter) -> list[str] | None:
    """FTS terms of the tags column (migration m002) for every filter they hold.

    Returns None when the speaker filter matches no speaker.
    """
    tags: list[str] = []
    if filters.speaker:
        ids = speaker_ids(conn, filters.speaker)
        if not ids:
            return None
        tags.append("(" + " OR ".join(f"s{speaker_id}" for speaker_id in ids) + ")")
    if filters.outlet:
        tags.append(f"o{filters.outlet.encode().hex()}")
    for prefix, value in (
        ("k", None if filters.kind == "all" else filters.kind),
        ("t", filters.type),
        ("x", filters.stance),
    ):
        if value:
            tags.append(f'"{prefix}{value}"')
    if filters.since and filters.until:
        months = _months(filters.since, filters.until)
        if 0 < len(months) <= 36:
            tags.append("(" + " OR ".join(f"m{month}" for month in months) + ")")
    return tags


def _row_checks(filters: QuoteFilter) -> tuple[list[str], list[Any]]:
    """SQL conditions the tags cannot hold: exact dates, minimum confidence."""
    clauses: list[str] = []
    params: list[Any] = []
    for clause, value in (
        ("q.date >= ?", filters.since),
        ("q.date <= ?", filters.until),
        ("q.confidence >= ?", filters.min_confidence),
    ):
        if value is not None:
            clauses.append(clause)
            params.append(value)
    return clauses, params
