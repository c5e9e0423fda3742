"""Read the quote index for the web app, as dicts ready for JSON and templates.

Most questions go to the index's own read-only queries (`whosaid.store.queries`,
#5). What the pages need beyond them is here, as parameterised SQL over the
schema of `whosaid.store.migrations`: speakers filtered by name with paging,
an article's quotes as full `Quote` records (chain, resolution), outlet counts
of clusters, and counts bucketed per week or month with empty periods kept.
Every value from a request is bound as an SQL parameter.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from whosaid.model import Quote, Span
from whosaid.store import queries as store
from whosaid.store.speakers import SpeakerError
from whosaid.web.errors import BadParameterError, NotFoundError

KIND_ALL = "all"


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


def search_quotes(
    conn: sqlite3.Connection, filters: SearchFilters, *, limit: int, offset: int
) -> SearchPage:
    """Return quote cards matching `filters` (the index's own search, #5).

    Raises:
        BadParameterError: If the full-text query cannot be parsed.
    """
    try:
        page = store.search_quotes(
            conn,
            filters.q or None,
            _quote_filter(filters),
            limit=limit,
            offset=offset,
        )
    except store.QueryError as err:
        raise BadParameterError("q", str(err)) from err
    cards = [row.to_dict() for row in page.quotes]
    outlets = cluster_outlet_counts(conn, [c["cluster_id"] for c in cards])
    for card in cards:
        card["speaker"] = (
            card["speaker"] or card["speaker_name"] or card["speaker_text"]
        )
        card["also_outlets"] = max(outlets.get(card["cluster_id"], 1) - 1, 0)
    return SearchPage(cards, offset, limit, page.next_offset is not None, filters)


def _quote_filter(filters: SearchFilters) -> store.QuoteFilter:
    return store.QuoteFilter(
        speaker=filters.speaker or None,
        outlet=filters.outlet or None,
        since=filters.since.isoformat() if filters.since else None,
        until=filters.until.isoformat() if filters.until else None,
        type=filters.type,
        kind=filters.kind,
    )


def cluster_outlet_counts(
    conn: sqlite3.Connection, cluster_ids: list[int | None]
) -> dict[int, int]:
    """Return how many outlets carried each of `cluster_ids`."""
    ids = sorted({i for i in cluster_ids if i is not None})
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    rows = conn.execute(
        f"SELECT id, outlet_count FROM clusters WHERE id IN ({marks})", ids
    )
    return {int(row[0]): int(row[1]) for row in rows}


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


def list_speakers_quoted(
    conn: sqlite3.Connection, filters: SearchFilters, *, limit: int, offset: int
) -> tuple[list[dict[str, Any]], bool]:
    """Return speakers by their quotes of a kind, outlet or period (#8).

    Counts are of the matching quotes only; the index's own query does the
    counting, so paging asks it for the first `offset + limit + 1` speakers.
    """
    speakers = store.list_speakers(
        conn,
        top=offset + limit + 1,
        since=filters.since.isoformat() if filters.since else None,
        until=filters.until.isoformat() if filters.until else None,
        kind=filters.kind,
        outlet=filters.outlet or None,
    )
    page = [speaker.to_dict() for speaker in speakers[offset : offset + limit]]
    return page, len(speakers) > offset + limit


def get_speaker(conn: sqlite3.Connection, speaker_id: int) -> dict[str, Any]:
    """Return one speaker with titles, outlets, repeated quotes and counts over time.

    Raises:
        NotFoundError: If there is no such speaker.
    """
    try:
        detail = store.get_speaker(conn, f"#{speaker_id}", period="day", top=10)
    except SpeakerError as err:
        raise NotFoundError("speaker", str(speaker_id)) from err
    speaker = detail.to_dict()
    speaker.update(speaker.pop("speaker"))
    speaker["period"], speaker["timeline"] = count_by_period(
        [(count.name, count.count) for count in detail.over_time if count.name]
    )
    del speaker["over_time"]
    outlets = cluster_outlet_counts(conn, [q["cluster_id"] for q in speaker["recent"]])
    for card in speaker["recent"]:
        card["speaker"] = card["speaker"] or card["speaker_name"]
        card["also_outlets"] = max(outlets.get(card["cluster_id"], 1) - 1, 0)
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


def get_article(conn: sqlite3.Connection, doc_id: str) -> dict[str, Any]:
    """Return an article's fields, text and quotes (as `Quote`s, in order).

    Raises:
        NotFoundError: If no article has that id.
    """
    row = conn.execute(
        "SELECT id, doc_id, title, url, outlet, published, date, author, text, engine "
        "FROM articles WHERE doc_id = ?",
        (doc_id,),
    ).fetchone()
    if row is None:
        raise NotFoundError("article", doc_id)
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


def get_cluster(conn: sqlite3.Connection, cluster_id: int) -> dict[str, Any]:
    """Return a quote cluster and every article that carried it, earliest first.

    Raises:
        NotFoundError: If there is no such cluster.
    """
    try:
        detail = store.get_cluster(conn, cluster_id)
    except store.QueryError as err:
        raise NotFoundError("quote cluster", str(cluster_id)) from err
    cluster = detail.cluster.to_dict()
    cluster["appearances"] = [item.to_dict() for item in detail.appearances]
    return cluster


def list_clusters(
    conn: sqlite3.Connection, *, since: str | None, limit: int, offset: int
) -> tuple[list[dict[str, Any]], bool]:
    """Return the most-repeated quotes (carried by 2+ articles), paged."""
    clusters = store.list_clusters(conn, top=offset + limit + 1, since=since)
    page = [cluster.to_dict() for cluster in clusters[offset : offset + limit]]
    return page, len(clusters) > offset + limit


def list_articles(
    conn: sqlite3.Connection,
    *,
    outlet: str | None,
    since: str | None,
    until: str | None,
    limit: int,
    offset: int,
) -> tuple[list[dict[str, Any]], bool]:
    """Return articles newest first (undated last), without their text."""
    clauses: list[str] = []
    params: list[Any] = []
    for clause, value in (
        ("outlet = ?", outlet),
        ("date >= ?", since),
        ("date <= ?", until),
    ):
        if value:
            clauses.append(clause)
            params.append(value)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    rows = conn.execute(
        "SELECT doc_id, title, url, outlet, published, date, author, quote_count "
        f"FROM articles {where} ORDER BY date IS NULL, date DESC, id DESC "
        "LIMIT ? OFFSET ?",
        (*params, limit + 1, offset),
    ).fetchall()
    return [dict(row) for row in rows[:limit]], len(rows) > limit


def get_overview(conn: sqlite3.Connection) -> dict[str, Any]:
    """Return counts, top speakers, top outlets and quotes per week or month."""
    overview = store.overview(conn).to_dict()
    overview["top_speakers"] = [s.to_dict() for s in store.list_speakers(conn, top=10)]
    overview["top_outlets"] = [
        {"outlet": count.name, "articles": count.count}
        for count in store.list_outlets(conn, top=10)
        if count.name
    ]
    overview["repeated"], _ = list_clusters(conn, since=None, limit=5, offset=0)
    days = store.quotes_over_time(conn, period="day")
    overview["period"], overview["timeline"] = count_by_period(
        [(count.name, count.count) for count in days if count.name]
    )
    return overview
