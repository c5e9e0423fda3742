"""Read the quote index for the web app: parameterised SQL over the store schema.

The schema is `whosaid.store.migrations` (issue #5). Every value from a request
is bound as an SQL parameter; column and ordering choices come from fixed
tables in this module, never from the request. Rows come back as plain dicts
ready for JSON and for the templates.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from whosaid.model import Quote, Span

KIND_ALL = "all"

_CARD_COLUMNS = """
    q.id, q.type, q.kind, q.cue_stance, q.content, q.cue, q.speaker_text,
    q.speaker_name, q.speaker_title, q.speaker_org, q.speaker_id, q.confidence,
    q.outlet, q.date, q.cluster_id, q.resolved_by,
    a.doc_id, a.title, a.url,
    s.name AS speaker,
    coalesce(c.outlet_count, 1) AS outlet_count,
    coalesce(c.article_count, 1) AS article_count
"""
_CARD_FROM = """
    FROM quotes AS q
    JOIN articles AS a ON a.id = q.article_id
    LEFT JOIN speakers AS s ON s.id = q.speaker_id
    LEFT JOIN clusters AS c ON c.id = q.cluster_id
"""


@dataclass(frozen=True, slots=True)
class SearchFilters:
    """What a search may ask for; every field is optional."""

    q: str = ""
    speaker: str = ""
    outlet: str = ""
    since: date | None = None
    until: date | None = None
    type: str | None = None
    kind: str = "statement"  # "all" for every kind (#8)


@dataclass(frozen=True, slots=True)
class SearchPage:
    """One page of quote cards and whether there is more."""

    quotes: list[dict[str, Any]]
    offset: int
    limit: int
    has_more: bool
    filters: SearchFilters = field(default_factory=SearchFilters)


def fts_query(text: str) -> str:
    """Turn a search box entry into a safe FTS5 query.

    Words are matched as terms (all must occur), "double-quoted words" as a
    phrase, and a word ending in * as a prefix. FTS5 operators typed by the
    user are matched as plain words, so no input is an FTS5 syntax error.
    """
    parts: list[str] = []
    for match in re.finditer(r'"([^"]*)"|(\S+)', text):
        phrase, word = match.group(1), match.group(2)
        if phrase is not None:
            words = re.findall(r"\w+", phrase)
            if words:
                parts.append('"' + " ".join(words) + '"')
            continue
        prefix = word.endswith("*")
        for token in re.findall(r"\w+", word):
            parts.append(f'"{token}"')
        if prefix and parts and re.search(r"\w", word):
            parts[-1] += "*"
    return " ".join(parts)


def search_quotes(
    conn: sqlite3.Connection, filters: SearchFilters, *, limit: int, offset: int
) -> SearchPage:
    """Return quote cards matching `filters`: ranked when there is text, else newest first."""
    where: list[str] = []
    params: list[Any] = []
    match = fts_query(filters.q)
    if match:
        where.append("q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
        params.append(match)
    if filters.speaker:
        where.append(
            "(s.name = ? COLLATE NOCASE OR q.speaker_name = ? COLLATE NOCASE "
            "OR s.id = (SELECT speaker_id FROM quotes WHERE speaker_key = lower(?) "
            "AND speaker_id IS NOT NULL LIMIT 1))"
        )
        params += [filters.speaker] * 3
    if filters.outlet:
        where.append("q.outlet = ? COLLATE NOCASE")
        params.append(filters.outlet)
    if filters.since:
        where.append("q.date >= ?")
        params.append(filters.since.isoformat())
    if filters.until:
        where.append("q.date <= ?")
        params.append(filters.until.isoformat())
    if filters.type:
        where.append("q.type = ?")
        params.append(filters.type)
    if filters.kind != KIND_ALL:
        where.append("q.kind = ?")
        params.append(filters.kind)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    if match:
        order = (
            "ORDER BY (SELECT rank FROM quotes_fts WHERE quotes_fts MATCH ? "
            "AND rowid = q.id), q.date DESC, q.id"
        )
        params.append(match)
    else:
        order = "ORDER BY q.date IS NULL, q.date DESC, q.id DESC"
    sql = f"SELECT {_CARD_COLUMNS} {_CARD_FROM} {clause} {order} LIMIT ? OFFSET ?"
    rows = conn.execute(sql, (*params, limit + 1, offset)).fetchall()
    cards = [_card(row) for row in rows[:limit]]
    return SearchPage(cards, offset, limit, len(rows) > limit, filters)


def _card(row: sqlite3.Row) -> dict[str, Any]:
    card = dict(row)
    card["speaker"] = row["speaker"] or row["speaker_name"] or row["speaker_text"]
    card["also_outlets"] = max(int(row["outlet_count"]) - 1, 0)
    return card


def list_speakers(
    conn: sqlite3.Connection, *, name: str = "", limit: int, offset: int
) -> tuple[list[dict[str, Any]], bool]:
    """Return speakers by quote count, optionally those whose name contains `name`."""
    params: list[Any] = []
    clause = ""
    if name:
        clause = "WHERE name LIKE ? ESCAPE '\\' COLLATE NOCASE"
        params.append("%" + re.sub(r"([%_\\])", r"\\\1", name) + "%")
    rows = conn.execute(
        "SELECT id, name, is_org, quote_count, article_count, first_seen, last_seen "
        f"FROM speakers {clause} ORDER BY quote_count DESC, name LIMIT ? OFFSET ?",
        (*params, limit + 1, offset),
    ).fetchall()
    return [dict(row) for row in rows[:limit]], len(rows) > limit


def get_speaker(conn: sqlite3.Connection, speaker_id: int) -> dict[str, Any] | None:
    """Return one speaker with titles, outlets, repeated quotes and counts over time."""
    row = conn.execute(
        "SELECT id, name, is_org, external_id, quote_count, article_count, "
        "first_seen, last_seen FROM speakers WHERE id = ?",
        (speaker_id,),
    ).fetchone()
    if row is None:
        return None
    speaker = dict(row)
    speaker["titles"] = [
        dict(r)
        for r in conn.execute(
            "SELECT title, org, first_seen, last_seen, quotes FROM speaker_titles "
            "WHERE speaker_id = ? ORDER BY first_seen IS NULL, first_seen, quotes DESC",
            (speaker_id,),
        )
    ]
    speaker["outlets"] = [
        dict(r)
        for r in conn.execute(
            "SELECT outlet, count(*) AS quotes FROM quotes WHERE speaker_id = ? "
            "AND outlet IS NOT NULL GROUP BY outlet ORDER BY quotes DESC, outlet LIMIT 10",
            (speaker_id,),
        )
    ]
    speaker["repeated"] = [
        dict(r)
        for r in conn.execute(
            "SELECT c.id, c.text, c.article_count, c.outlet_count, c.first_date "
            "FROM clusters AS c WHERE c.id IN (SELECT cluster_id FROM quotes "
            "WHERE speaker_id = ? AND cluster_id IS NOT NULL) "
            "ORDER BY c.article_count DESC, c.first_date LIMIT 10",
            (speaker_id,),
        )
    ]
    days = conn.execute(
        "SELECT date, count(*) FROM quotes WHERE speaker_id = ? AND date IS NOT NULL "
        "GROUP BY date",
        (speaker_id,),
    ).fetchall()
    speaker["period"], speaker["timeline"] = count_by_period(
        [(r[0], r[1]) for r in days]
    )
    return speaker


def count_by_period(
    day_counts: list[tuple[str, int]],
) -> tuple[str, list[tuple[str, int]]]:
    """Bucket (ISO date, count) pairs per week (up to 26 weeks) or per month.

    Periods without quotes are included with a zero, so a chart shows gaps.
    """
    counted = sorted((date.fromisoformat(text[:10]), n) for text, n in day_counts)
    if not counted:
        return "month", []
    first, last = counted[0][0], counted[-1][0]
    buckets: dict[str, int] = {}
    if (last - first).days <= 26 * 7:
        week = first - timedelta(days=first.weekday())
        while week <= last:
            buckets[f"week of {week.isoformat()}"] = 0
            week += timedelta(days=7)
        for day, n in counted:
            buckets[f"week of {(day - timedelta(days=day.weekday())).isoformat()}"] += n
        return "week", list(buckets.items())
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        buckets[f"{year:04d}-{month:02d}"] = 0
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    for day, n in counted:
        buckets[f"{day.year:04d}-{day.month:02d}"] += n
    return "month", list(buckets.items())


def get_article(conn: sqlite3.Connection, doc_id: str) -> dict[str, Any] | None:
    """Return an article's fields, text and quotes (as `Quote`s, in order)."""
    row = conn.execute(
        "SELECT id, doc_id, title, url, outlet, published, date, author, text, engine "
        "FROM articles WHERE doc_id = ?",
        (doc_id,),
    ).fetchone()
    if row is None:
        return None
    article = dict(row)
    rows = conn.execute(
        "SELECT q.*, s.name AS speaker FROM quotes AS q "
        "LEFT JOIN speakers AS s ON s.id = q.speaker_id "
        "WHERE q.article_id = ? ORDER BY q.position",
        (row["id"],),
    ).fetchall()
    article["quotes"] = [quote_from_row(r, doc_id) for r in rows]
    article["quote_rows"] = [
        {
            "id": r["id"],
            "speaker_id": r["speaker_id"],
            "speaker": r["speaker"],
            "cluster_id": r["cluster_id"],
        }
        for r in rows
    ]
    return article


def quote_from_row(row: sqlite3.Row, doc_id: str) -> Quote:
    """Rebuild the `Quote` record of one `quotes` row."""

    def span(text_column: str, prefix: str) -> Span | None:
        start, end = row[f"{prefix}_start"], row[f"{prefix}_end"]
        text = row[text_column]
        return None if start is None or text is None else Span(start, end, text)

    chain = [Span.from_dict(item) for item in json.loads(row["chain"] or "[]")]
    return Quote(
        doc=doc_id,
        type=row["type"],
        content=Span(row["content_start"], row["content_end"], row["content"]),
        cue=span("cue", "cue"),
        speaker=span("speaker_text", "speaker"),
        speaker_name=row["speaker_name"],
        speaker_title=row["speaker_title"],
        confidence=row["confidence"],
        kind=row["kind"],
        cue_stance=row["cue_stance"],
        speaker_org=row["speaker_org"],
        speaker_is_org=bool(row["speaker_is_org"]),
        resolved_by=row["resolved_by"],
        chain=tuple(s for s in chain if s is not None),
        engine=row["engine"],
    )


def get_cluster(conn: sqlite3.Connection, cluster_id: int) -> dict[str, Any] | None:
    """Return a quote cluster and every quote in it, earliest article first."""
    row = conn.execute(
        "SELECT id, text, quote_count, article_count, outlet_count, first_quote_id, "
        "first_date, last_date FROM clusters WHERE id = ?",
        (cluster_id,),
    ).fetchone()
    if row is None:
        return None
    cluster = dict(row)
    cluster["members"] = [
        dict(r)
        for r in conn.execute(
            f"SELECT {_CARD_COLUMNS} {_CARD_FROM} WHERE q.cluster_id = ? "
            "ORDER BY q.date IS NULL, q.date, q.article_id, q.position",
            (cluster_id,),
        )
    ]
    for member in cluster["members"]:
        member["speaker"] = (
            member["speaker"] or member["speaker_name"] or member["speaker_text"]
        )
    return cluster


def get_overview(conn: sqlite3.Connection) -> dict[str, Any]:
    """Return counts, top speakers, top outlets and quotes per month."""

    def scalar(sql: str) -> int:
        return int(conn.execute(sql).fetchone()[0] or 0)

    counts = {
        "articles": scalar("SELECT count(*) FROM articles"),
        "quotes": scalar("SELECT count(*) FROM quotes"),
        "speakers": scalar("SELECT count(*) FROM speakers"),
        "outlets": scalar(
            "SELECT count(DISTINCT outlet) FROM articles WHERE outlet IS NOT NULL"
        ),
        "repeated_quotes": scalar(
            "SELECT count(*) FROM clusters WHERE article_count > 1"
        ),
    }
    by_type = dict(conn.execute("SELECT type, count(*) FROM quotes GROUP BY type"))
    by_kind = dict(conn.execute("SELECT kind, count(*) FROM quotes GROUP BY kind"))
    speakers, _ = list_speakers(conn, limit=10, offset=0)
    outlets = [
        dict(r)
        for r in conn.execute(
            "SELECT outlet, count(*) AS quotes, count(DISTINCT article_id) AS articles "
            "FROM quotes WHERE outlet IS NOT NULL GROUP BY outlet "
            "ORDER BY quotes DESC, outlet LIMIT 10"
        )
    ]
    days = conn.execute(
        "SELECT date, count(*) FROM quotes WHERE date IS NOT NULL GROUP BY date"
    ).fetchall()
    period, timeline = count_by_period([(r[0], r[1]) for r in days])
    return {
        "counts": counts,
        "by_type": by_type,
        "by_kind": by_kind,
        "top_speakers": speakers,
        "top_outlets": outlets,
        "period": period,
        "timeline": timeline,
    }
