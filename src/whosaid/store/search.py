"""Full-text search and the quote filters shared by search, export and counts.

`whosaid.store.queries` re-exports the public names.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import fields

from whosaid.store import counting
from whosaid.store.filters import (
    filter_tags,
    fts_parts,
    fts_query,
    row_checks,
    speaker_ids,
    text_match,
)
from whosaid.store.filters import where as _where
from whosaid.store.matching import resolve_one
from whosaid.store.records import (
    PERIODS,
    Count,
    QueryError,
    QuoteFilter,
    QuoteRow,
    SearchPage,
)
from whosaid.store.window import rank_window

__all__ = [
    "SORTS", "fts_query", "iter_quotes", "quotes_over_time", "resolve_speaker",
    "search_quotes", "speaker_ids",
]  # fmt: skip

_QUOTE_COLUMNS = """
    q.id, q.content, q.type, q.kind, q.cue_stance, q.cue, s.name AS speaker,
    q.speaker_id, q.speaker_name, q.speaker_text, q.speaker_title, q.speaker_org,
    q.confidence, a.doc_id, a.title, a.url, q.outlet, q.date, q.cluster_id,
    coalesce(c.article_count, 1) AS cluster_articles,
    coalesce(c.outlet_count, 1) AS cluster_outlets, q.content_start,
    q.content_end, q.cue_start, q.cue_end, q.speaker_start, q.speaker_end,
    s.external_id AS speaker_qid
"""
_QUOTE_JOINS = """
    JOIN articles AS a ON a.id = q.article_id
    LEFT JOIN speakers AS s ON s.id = q.speaker_id
    LEFT JOIN clusters AS c ON c.id = q.cluster_id
"""
_QUOTE_FIELDS = [f.name for f in fields(QuoteRow)]


def _quote(row: sqlite3.Row) -> QuoteRow:
    return QuoteRow(**{name: row[name] for name in _QUOTE_FIELDS})


def resolve_speaker(conn: sqlite3.Connection, name: str) -> sqlite3.Row:
    """Return the one speaker `name` means: name, alias, else most quotes on a word.

    Raises:
        SpeakerError: If none matches, or the best two on a word tie.
    """
    return resolve_one(conn, name)[0]


SORTS = ("relevance", "date", "confidence")
_ORDER = {
    "date": "q.date DESC, q.id DESC",
    "confidence": "q.confidence DESC, q.id DESC",
}


def search_quotes(
    conn: sqlite3.Connection,
    text: str | None = None,
    filters: QuoteFilter | None = None,
    *,
    limit: int = 20,
    offset: int = 0,
    sort: str | None = None,
    count: bool = False,
) -> SearchPage:
    """Find quotes: full-text `text` ranked by BM25, else newest first.

    When a query matches more than `whosaid.store.window.RANK_WINDOW` (1,000)
    quotes, the order (relevance, date or confidence) is taken over the most
    recently indexed matches (widened as filters require), so a common word
    stays fast on millions of quotes.

    Args:
        text: Words (all must match), "a phrase", prefix* queries, AND/OR/NOT.
        filters: Speaker, outlet, dates, type, kind, stance, minimum confidence.
        limit: Quotes per page.
        offset: Quotes to skip (the previous page's `next_offset`).
        sort: relevance (the default with `text`), date (newest first, the
            default without) or confidence (highest first).
        count: Also count the matches, exactly up to
            `whosaid.store.counting.COUNT_BOUND` (1,000).

    Raises:
        QueryError: If FTS5 cannot parse the query or `sort` is unknown.
    """
    if sort is not None and sort not in SORTS:
        raise QueryError(f"sort must be one of {', '.join(SORTS)}; got {sort!r}")
    total: int | None = None
    exact = True
    try:
        if text and fts_query(text):
            rows, counted = _text_search(
                conn, text, filters, limit=limit, offset=offset, sort=sort, count=count
            )
            if counted:
                total, exact = counted
        else:
            clauses, params, _ = _where(conn, filters)
            where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
            order = _ORDER["confidence" if sort == "confidence" else "date"]
            rows = conn.execute(
                f"SELECT {_QUOTE_COLUMNS} FROM quotes AS q {_QUOTE_JOINS} {where} "
                f"ORDER BY {order} LIMIT ? OFFSET ?",
                (*params, limit + 1, offset),
            ).fetchall()
            if count:
                total, exact = counting.count_quotes(conn, text, filters)
    except sqlite3.OperationalError as err:
        raise QueryError(f"cannot search for {text!r}: {err}") from err
    quotes = [_quote(row) for row in rows[:limit]]
    next_offset = offset + limit if len(rows) > limit else None
    return SearchPage(quotes, offset, next_offset, total, exact)


def _text_search(
    conn: sqlite3.Connection,
    text: str,
    filters: QuoteFilter | None,
    *,
    limit: int,
    offset: int,
    sort: str | None,
    count: bool,
) -> tuple[list[sqlite3.Row], tuple[int, bool] | None]:
    """A page of a text search, its rows in order, and its total when `count`."""
    filters = filters or QuoteFilter()
    parts = fts_parts(text)
    tags = filter_tags(conn, filters, broad=False)
    if tags is None:  # a speaker name that matches nobody
        return [], (0, True)
    checks, params = row_checks(filters, broad=True)
    match = text_match(parts, tags)
    ids, seen = rank_window(
        conn, match, parts, tags, checks, params, need=offset + limit + 1, sort=sort
    )
    total = None
    if count:
        total = seen.total(conn) or counting.count_quotes(conn, text, filters)
    page = ids[offset:]
    if not page:
        return [], total
    found = {
        int(row["id"]): row
        for row in conn.execute(
            f"SELECT {_QUOTE_COLUMNS} FROM quotes AS q {_QUOTE_JOINS} "
            f"WHERE q.id IN ({','.join('?' * len(page))})",
            page,
        )
    }
    return [found[quote_id] for quote_id in page if quote_id in found], total


def iter_quotes(
    conn: sqlite3.Connection,
    text: str | None = None,
    filters: QuoteFilter | None = None,
    *,
    sort: str | None = None,
    limit: int | None = None,
) -> Iterator[QuoteRow]:
    """Yield every matching quote (for export); memory stays flat.

    Without `sort` the order is the index's (oldest indexed first); with it,
    as `search_quotes` orders a page, except that relevance is exact here.
    `limit` stops after that many quotes.

    Raises:
        QueryError: If `sort` is unknown.
    """
    if sort is not None and sort not in SORTS:
        raise QueryError(f"sort must be one of {', '.join(SORTS)}; got {sort!r}")
    clauses, params, tags = _where(conn, filters)
    source, order = "quotes AS q", "q.id"
    if sort in _ORDER:
        order = _ORDER[sort]
    if text and fts_query(text):
        source = (
            "(SELECT rowid, rank FROM quotes_fts WHERE quotes_fts MATCH ?) AS f "
            "JOIN quotes AS q ON q.id = f.rowid"
        )
        params.insert(0, text_match(fts_parts(text), tags))
        if sort == "relevance":
            order = "f.rank, q.id DESC"
    elif sort == "relevance":
        order = _ORDER["date"]
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    cursor = conn.execute(
        f"SELECT {_QUOTE_COLUMNS} FROM {source} {_QUOTE_JOINS} {where} "
        f"ORDER BY {order} LIMIT ?",
        (*params, -1 if limit is None else limit),
    )
    for row in cursor:
        yield _quote(row)


def quotes_over_time(
    conn: sqlite3.Connection,
    text: str | None = None,
    filters: QuoteFilter | None = None,
    *,
    period: str = "month",
) -> list[Count]:
    """Count matching dated quotes per day, week (`2026-W09`), month or year."""
    if period not in PERIODS:
        raise QueryError(f"period must be one of {', '.join(PERIODS)}; got {period!r}")
    filters = filters or QuoteFilter()
    if not (text and fts_query(text)) and _counted(filters):
        return _counted_over_time(conn, filters, period)
    clauses, params, tags = _where(conn, filters)
    if text and fts_query(text):
        clauses.append(
            "q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)"
        )
        params.append(text_match(fts_parts(text), tags))
    clauses.append("q.date IS NOT NULL")
    bucket = PERIODS[period].replace("date", "q.date")
    rows = conn.execute(
        f"SELECT {bucket} AS p, count(*) FROM quotes AS q WHERE {' AND '.join(clauses)} "
        "GROUP BY p ORDER BY p",
        params,
    )
    return [Count(row[0], int(row[1])) for row in rows]


def _counted(filters: QuoteFilter) -> bool:
    """Whether the day counters (migration m004) answer these filters alone."""
    return (
        not (filters.speaker or filters.outlet or filters.stance)
        and filters.min_confidence is None
    )


def _counted_over_time(
    conn: sqlite3.Connection, filters: QuoteFilter, period: str
) -> list[Count]:
    """`quotes_over_time` from the per-day counters, not a scan of quotes (#17)."""
    clauses, params = ["date != ''"], []
    for column, value in (
        ("kind", None if filters.kind == "all" else filters.kind),
        ("type", filters.type),
    ):
        if value:
            clauses.append(f"{column} = ?")
            params.append(value)
    if filters.since:
        clauses.append("date >= ?")
        params.append(filters.since)
    if filters.until:
        clauses.append("date <= ?")
        params.append(filters.until)
    rows = conn.execute(
        f"SELECT {PERIODS[period]} AS p, sum(n) FROM quote_counts "
        f"WHERE {' AND '.join(clauses)} GROUP BY p ORDER BY p",
        params,
    )
    return [Count(row[0], int(row[1])) for row in rows]
