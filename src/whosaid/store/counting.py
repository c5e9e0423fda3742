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

from whosaid.store.filters import (
    filter_tags,
    fts_parts,
    row_checks,
    text_match,
    where,
)
from whosaid.store.records import QuoteFilter

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
    parts = fts_parts(text) if text else []
    if not parts:
        clauses, params, _ = where(conn, filters)
        sql = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        found = conn.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM quotes AS q {sql} LIMIT ?)",
            (*params, COUNT_BOUND + 1),
        ).fetchone()[0]
        return _bounded(int(found), exact=True)
    tags = filter_tags(conn, filters)
    if tags is None:
        return 0, True  # a speaker name that matches nobody
    checks, params = row_checks(filters)
    return count_match(conn, text_match(parts, tags), checks, params)


def count_match(
    conn: sqlite3.Connection, match: str, checks: list[str], params: list[Any]
) -> tuple[int, bool]:
    """Count an FTS5 `match` whose rows must also pass the SQL `checks` on `q`."""
    if not checks:
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
        f"WHERE {' AND '.join(checks)} LIMIT ?)",
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
