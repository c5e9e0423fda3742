"""Full-text search and the quote filters shared by search, export and counts.

`whosaid.store.queries` re-exports the public names.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from dataclasses import fields
from typing import Any

from whosaid.store.matching import match_speaker, resolve_one
from whosaid.store.records import (
    PERIODS,
    Count,
    QueryError,
    QuoteFilter,
    QuoteRow,
    SearchPage,
)

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


def fts_query(text: str) -> str:
    """Turn user text into an FTS5 query: words AND-ed, "phrases", prefix*.

    AND, OR and NOT in capitals stay operators; anything else is quoted, so
    punctuation never raises a syntax error.
    """
    parts = []
    for token in re.findall(r'"[^"]*"?|\S+', text):
        if token in ("AND", "OR", "NOT"):
            parts.append(token)
        elif token.startswith('"'):
            inner = token.strip('"').replace('"', "")
            if inner.strip():
                parts.append(f'"{inner}"')
        elif token.endswith("*") and token.rstrip("*"):
            parts.append(f'"{token.rstrip("*").replace(chr(34), "")}"*')
        else:
            parts.append(f'"{token.replace(chr(34), "")}"')
    while parts and parts[-1] in ("AND", "OR", "NOT"):
        parts.pop()
    while parts and parts[0] in ("AND", "OR", "NOT"):
        parts.pop(0)
    return " ".join(parts)


def speaker_ids(conn: sqlite3.Connection, name: str) -> list[int]:
    """Return the speakers a `--speaker` value means (see `match_speaker`)."""
    return match_speaker(conn, name).ids


def resolve_speaker(conn: sqlite3.Connection, name: str) -> sqlite3.Row:
    """Return the one speaker `name` means: name, alias, else most quotes on a word.

    Raises:
        SpeakerError: If none matches, or the best two on a word tie.
    """
    return resolve_one(conn, name)[0]


def _where(
    conn: sqlite3.Connection, filters: QuoteFilter | None
) -> tuple[list[str], list[Any], list[str]]:
    """Build SQL conditions on `q` (quotes) and FTS tag terms for the filters.

    The tag terms (see migration m002) narrow a full-text match to the
    filtered quotes inside FTS5; the SQL conditions stay exact.
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
            # Kind, type and stance each cover a large share of all quotes:
            # as FTS terms they would cost more than the SQL filter saves.
            if tag == "o":
                tags.append(f"o{value.encode().hex()}")
    if filters.since:
        clauses.append("q.date >= ?")
        params.append(filters.since)
    if filters.until:
        clauses.append("q.date <= ?")
        params.append(filters.until)
    if filters.min_confidence is not None:
        clauses.append("q.confidence >= ?")
        params.append(filters.min_confidence)
    if filters.since and filters.until:
        # One month is selective enough to pay for intersecting its postings;
        # wider ranges are cheaper as SQL filters over the ranked window.
        months = _months(filters.since, filters.until)
        if len(months) == 1:
            tags.append(f"m{months[0]}")
    return clauses, params, tags


def _months(since: str, until: str) -> list[str]:
    year, month = int(since[:4]), int(since[5:7])
    last = (int(until[:4]), int(until[5:7]))
    months: list[str] = []
    while (year, month) <= last and len(months) <= 36:
        months.append(f"{year}{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _match(text: str, tags: list[str]) -> str:
    """Combine user text (content column only) with filter tags (tags column)."""
    match = f"content : ({fts_query(text)})"
    return match + (f" AND tags : ({' AND '.join(tags)})" if tags else "")


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

    When a query matches more than `RANK_WINDOW` quotes, the order (relevance,
    date or confidence) is taken over the most recently indexed matches
    (widened as filters require), so a common word stays fast on millions of
    quotes.

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
    clauses, params, tags = _where(conn, filters)
    total: int | None = None
    exact = True
    try:
        if text and fts_query(text):
            match = _match(text, tags)
            rows, seen = _ranked(
                conn, match, clauses, params, limit=limit, offset=offset, sort=sort
            )
            if count:
                # The ranking windows reached the oldest match: it counted them.
                total, exact = seen if seen[1] else _count(conn, text, filters)
        else:
            where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
            order = _ORDER["confidence" if sort == "confidence" else "date"]
            rows = conn.execute(
                f"SELECT {_QUOTE_COLUMNS} FROM quotes AS q {_QUOTE_JOINS} {where} "
                f"ORDER BY {order} LIMIT ? OFFSET ?",
                (*params, limit + 1, offset),
            ).fetchall()
            if count:
                total, exact = _count(conn, text, filters)
    except sqlite3.OperationalError as err:
        raise QueryError(f"cannot search for {text!r}: {err}") from err
    quotes = [_quote(row) for row in rows[:limit]]
    next_offset = offset + limit if len(rows) > limit else None
    return SearchPage(quotes, offset, next_offset, total, exact)


def _count(
    conn: sqlite3.Connection, text: str | None, filters: QuoteFilter | None
) -> tuple[int, bool]:
    # Imported here: counting builds on this module's filters.
    from whosaid.store.counting import count_quotes

    return count_quotes(conn, text, filters)


# Ranking every match of a very common word costs time in proportion to the
# corpus. Ranked search therefore ranks the RANK_WINDOW most recently indexed
# matches (filters are already inside the match, see `_where`) and widens the
# window only when the exact SQL filters leave too few.
RANK_WINDOW = 2000


def _ranked(
    conn: sqlite3.Connection,
    match: str,
    clauses: list[str],
    params: list[Any],
    *,
    limit: int,
    offset: int,
    sort: str | None = None,
) -> tuple[list[sqlite3.Row], tuple[int, bool]]:
    """Order matches newest-first in growing windows; one pass over the postings.

    Returns:
        The page's rows, and (matches kept, whether that is every match): the
        count is exact when the windows reached the oldest match.
    """
    need = offset + limit + 1
    ranked: list[tuple[Any, int]] = []
    window, older_than = RANK_WINDOW, None
    while True:
        rows = conn.execute(
            "SELECT rowid, rank FROM quotes_fts WHERE quotes_fts MATCH ?"
            + (" AND rowid < ?" if older_than is not None else "")
            + " ORDER BY rowid DESC LIMIT ?",
            (match, *([older_than] if older_than is not None else []), window),
        ).fetchall()
        keys: dict[int, Any] = {int(row[0]): float(row[1]) for row in rows}
        if (clauses or sort in _ORDER) and keys:
            keys = _sort_keys(conn, keys, clauses, params, sort)
        ranked += [(key, quote_id) for quote_id, key in keys.items()]
        exhausted = len(rows) < window
        if exhausted or len(ranked) >= need:
            break
        older_than, window = int(rows[-1][0]), window * 8
    ranked.sort()
    seen = (len(ranked), exhausted)
    ids = [quote_id for _, quote_id in ranked[offset:need]]
    if not ids:
        return [], seen
    found = {
        int(row["id"]): row
        for row in conn.execute(
            f"SELECT {_QUOTE_COLUMNS} FROM quotes AS q {_QUOTE_JOINS} "
            f"WHERE q.id IN ({','.join('?' * len(ids))})",
            ids,
        )
    }
    return [found[quote_id] for quote_id in ids if quote_id in found], seen


def _sort_keys(
    conn: sqlite3.Connection,
    ranks: dict[int, float],
    clauses: list[str],
    params: list[Any],
    sort: str | None,
) -> dict[int, Any]:
    """Keep the ids that pass the SQL filters, keyed for `sort` (ascending)."""
    ids = list(ranks)
    kept: dict[int, Any] = {}
    where = "".join(f" AND {clause}" for clause in clauses)
    for start in range(0, len(ids), 5000):
        chunk = ids[start : start + 5000]
        for quote_id, day, confidence in conn.execute(
            # NOT INDEXED: look each id up by rowid; a date or outlet index
            # would scan a large share of the table instead.
            "SELECT q.id, q.date, q.confidence FROM quotes AS q NOT INDEXED "
            f"WHERE q.id IN ({','.join('?' * len(chunk))}){where}",
            (*chunk, *params),
        ):
            if sort == "date":
                # Newest first, undated last; ids break ties (newest first).
                kept[quote_id] = (day is None, _negate(day or ""), -quote_id)
            elif sort == "confidence":
                kept[quote_id] = (-confidence, -quote_id)
            else:
                kept[quote_id] = ranks[quote_id]
    return kept


def _negate(day: str) -> tuple[int, ...]:
    """A key that sorts YYYY-MM-DD dates newest first."""
    return tuple(-ord(char) for char in day)


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
        params.insert(0, _match(text, tags))
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
        params.append(_match(text, tags))
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
