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
    coalesce(c.article_count, 1) AS cluster_articles, q.content_start,
    q.content_end, q.cue_start, q.cue_end, q.speaker_start, q.speaker_end
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


def search_quotes(
    conn: sqlite3.Connection,
    text: str | None = None,
    filters: QuoteFilter | None = None,
    *,
    limit: int = 20,
    offset: int = 0,
) -> SearchPage:
    """Find quotes: full-text `text` ranked by BM25, else newest first.

    When a query matches more than `RANK_WINDOW` quotes, the ranking is taken
    over the most recently indexed matches (widened as filters require), so a
    common word stays fast on millions of quotes.

    Args:
        text: Words (all must match), "a phrase", prefix* queries, AND/OR/NOT.
        filters: Speaker, outlet, dates, type, kind, stance.
        limit: Quotes per page.
        offset: Quotes to skip (the previous page's `next_offset`).

    Raises:
        QueryError: If FTS5 cannot parse the query.
    """
    clauses, params, tags = _where(conn, filters)
    try:
        if text and fts_query(text):
            match = _match(text, tags)
            rows = _ranked(conn, match, clauses, params, limit=limit, offset=offset)
        else:
            where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
            rows = conn.execute(
                f"SELECT {_QUOTE_COLUMNS} FROM quotes AS q {_QUOTE_JOINS} {where} "
                "ORDER BY q.date DESC, q.id DESC LIMIT ? OFFSET ?",
                (*params, limit + 1, offset),
            ).fetchall()
    except sqlite3.OperationalError as err:
        raise QueryError(f"cannot search for {text!r}: {err}") from err
    quotes = [_quote(row) for row in rows[:limit]]
    return SearchPage(quotes, offset, offset + limit if len(rows) > limit else None)


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
) -> list[sqlite3.Row]:
    """Rank matches newest-first in growing windows; one pass over the postings."""
    need = offset + limit + 1
    ranked: list[tuple[float, int]] = []
    window, older_than = RANK_WINDOW, None
    while True:
        rows = conn.execute(
            "SELECT rowid, rank FROM quotes_fts WHERE quotes_fts MATCH ?"
            + (" AND rowid < ?" if older_than is not None else "")
            + " ORDER BY rowid DESC LIMIT ?",
            (match, *([older_than] if older_than is not None else []), window),
        ).fetchall()
        ranks = {int(row[0]): float(row[1]) for row in rows}
        if clauses and ranks:
            ranks = _filter_ids(conn, ranks, clauses, params)
        ranked += [(rank, quote_id) for quote_id, rank in ranks.items()]
        if len(rows) < window or len(ranked) >= need:
            break
        older_than, window = int(rows[-1][0]), window * 8
    ranked.sort()
    ids = [quote_id for _, quote_id in ranked[offset:need]]
    if not ids:
        return []
    found = {
        int(row["id"]): row
        for row in conn.execute(
            f"SELECT {_QUOTE_COLUMNS} FROM quotes AS q {_QUOTE_JOINS} "
            f"WHERE q.id IN ({','.join('?' * len(ids))})",
            ids,
        )
    }
    return [found[quote_id] for quote_id in ids if quote_id in found]


def _filter_ids(
    conn: sqlite3.Connection,
    ranks: dict[int, float],
    clauses: list[str],
    params: list[Any],
) -> dict[int, float]:
    """Keep the quote ids that pass the SQL filters (in chunks of bound values)."""
    ids, kept = list(ranks), {}
    for start in range(0, len(ids), 5000):
        chunk = ids[start : start + 5000]
        for row in conn.execute(
            # NOT INDEXED: look each id up by rowid; a date or outlet index
            # would scan a large share of the table instead.
            f"SELECT q.id FROM quotes AS q NOT INDEXED "
            f"WHERE q.id IN ({','.join('?' * len(chunk))})"
            f" AND {' AND '.join(clauses)}",
            (*chunk, *params),
        ):
            kept[int(row[0])] = ranks[int(row[0])]
    return kept


def iter_quotes(
    conn: sqlite3.Connection,
    text: str | None = None,
    filters: QuoteFilter | None = None,
) -> Iterator[QuoteRow]:
    """Yield every matching quote (for export), in index order; memory stays flat."""
    clauses, params, tags = _where(conn, filters)
    if text and fts_query(text):
        clauses.append(
            "q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)"
        )
        params.append(_match(text, tags))
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    cursor = conn.execute(
        f"SELECT {_QUOTE_COLUMNS} FROM quotes AS q {_QUOTE_JOINS} {where} ORDER BY q.id",
        params,
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
