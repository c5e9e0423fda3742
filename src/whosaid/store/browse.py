"""Lists for browsing the index: articles, repeated quotes, the home page.

The web app reads the index through these and `whosaid.store.queries` (#12);
nothing here writes. Dates are `YYYY-MM-DD` strings, `since`/`until` inclusive.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from whosaid.model import Quote, Span
from whosaid.store.records import ClusterSummary, QueryError, QuoteRow, _Record
from whosaid.store.search import _QUOTE_COLUMNS, _QUOTE_JOINS, _quote

CLUSTER_SORTS = ("spread", "recent")


@dataclass(frozen=True, slots=True)
class ArticleSummary(_Record):
    """An indexed article without its text."""

    doc_id: str
    title: str | None
    url: str | None
    outlet: str | None
    published: str | None
    date: str | None
    author: str | None
    quote_count: int


@dataclass(frozen=True, slots=True)
class RepeatedQuote(_Record):
    """A repeated quote with who printed it first."""

    cluster: ClusterSummary
    first_doc_id: str | None
    first_title: str | None
    first_outlet: str | None
    first_speaker: str | None


@dataclass(frozen=True, slots=True)
class SpeakerCount(_Record):
    id: int
    name: str
    quotes: int  # in the period asked for


@dataclass(frozen=True, slots=True)
class ClusterCount(_Record):
    id: int
    text: str
    articles: int  # in the period asked for
    outlets: int


@dataclass(frozen=True, slots=True)
class Glance(_Record):
    """What the home page shows: the newest quotes and this month's leaders."""

    first_date: str | None
    last_date: str | None
    month_since: str | None  # the 30 days up to last_date
    week_since: str | None  # the 7 days up to last_date
    latest: list[QuoteRow] = field(default_factory=list)
    top_speakers: list[SpeakerCount] = field(default_factory=list)
    repeated: list[ClusterCount] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ArticleQuotes(_Record):
    """An article with its quotes as full `Quote` records (chain, resolution)."""

    article: ArticleSummary
    text: str
    engine: str
    quotes: list[Quote]
    links: list[dict[str, int | str | None]]  # per quote: id, speaker_id, cluster_id


def list_articles(
    conn: sqlite3.Connection,
    *,
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> tuple[list[ArticleSummary], bool]:
    """Return articles newest first (undated last) and whether there are more."""
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
        # DESC puts undated (NULL) last; this order walks index articles_date.
        f"FROM articles {where} ORDER BY date DESC, id DESC "
        "LIMIT ? OFFSET ?",
        (*params, limit + 1, offset),
    ).fetchall()
    return [ArticleSummary(*row) for row in rows[:limit]], len(rows) > limit


def list_outlet_names(conn: sqlite3.Connection, *, top: int = 200) -> list[str]:
    """Return the outlets the index knows, by name."""
    rows = conn.execute(
        "SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL "
        "ORDER BY outlet LIMIT ?",
        (top,),
    )
    return [row[0] for row in rows]


def list_repeated(
    conn: sqlite3.Connection,
    *,
    sort: str = "spread",
    since: str | None = None,
    limit: int = 20,
    offset: int = 0,
) -> tuple[list[RepeatedQuote], bool]:
    """Return quotes printed by 2+ articles, with who printed each first.

    Args:
        sort: spread (most outlets, then most articles) or recent (printed
            most recently first).
        since: Only quotes still printed on or after this date.

    Raises:
        QueryError: If `sort` is unknown.
    """
    if sort not in CLUSTER_SORTS:
        raise QueryError(
            f"sort must be one of {', '.join(CLUSTER_SORTS)}; got {sort!r}"
        )
    order = (
        "c.outlet_count DESC, c.article_count DESC, c.id"
        if sort == "spread"
        else "c.last_date DESC, c.outlet_count DESC, c.id"
    )
    rows = conn.execute(
        "SELECT c.id, c.text, c.quote_count, c.article_count, c.outlet_count, "
        "c.first_date, c.last_date, a.doc_id, a.title, q.outlet, "
        "coalesce(s.name, q.speaker_name) AS speaker FROM clusters AS c "
        "LEFT JOIN quotes AS q ON q.id = c.first_quote_id "
        "LEFT JOIN articles AS a ON a.id = q.article_id "
        "LEFT JOIN speakers AS s ON s.id = q.speaker_id "
        "WHERE c.article_count > 1"
        + (" AND c.last_date >= ?" if since else "")
        + f" ORDER BY {order} LIMIT ? OFFSET ?",
        (*([since] if since else []), limit + 1, offset),
    ).fetchall()
    repeated = [
        RepeatedQuote(ClusterSummary(*row[:7]), *row[7:]) for row in rows[:limit]
    ]
    return repeated, len(rows) > limit


def at_a_glance(conn: sqlite3.Connection, *, latest: int = 12) -> Glance:
    """Return the home page's lists, with "this month" ending at the newest date.

    An index of old articles still shows its last month and week, so the
    periods end at the newest article's date, not today.
    """
    # Two statements: SQLite reads min() or max() alone from the index.
    first = conn.execute("SELECT min(date) FROM articles").fetchone()[0]
    last = conn.execute("SELECT max(date) FROM articles").fetchone()[0]
    if last is None:
        return Glance(first, last, None, None, _latest(conn, latest))
    end = date.fromisoformat(last)
    month = (end - timedelta(days=29)).isoformat()
    week = (end - timedelta(days=6)).isoformat()
    speakers = [
        SpeakerCount(*row)
        for row in conn.execute(
            "SELECT s.id, s.name, t.n FROM (SELECT speaker_id, sum(n) AS n "
            "FROM speaker_days WHERE date BETWEEN ? AND ? GROUP BY speaker_id "
            "ORDER BY n DESC LIMIT 10) AS t JOIN speakers AS s ON s.id = t.speaker_id "
            "ORDER BY t.n DESC, s.name",
            (month, last),
        )
    ]
    repeated = [
        ClusterCount(*row)
        for row in conn.execute(
            "SELECT c.id, c.text, t.articles, t.outlets FROM (SELECT cluster_id, "
            "count(DISTINCT article_id) AS articles, count(DISTINCT outlet) AS outlets "
            "FROM quotes WHERE date BETWEEN ? AND ? AND cluster_id IS NOT NULL "
            "GROUP BY cluster_id HAVING articles > 1 "
            "ORDER BY articles DESC, outlets DESC LIMIT 5) AS t "
            "JOIN clusters AS c ON c.id = t.cluster_id ORDER BY t.articles DESC, "
            "t.outlets DESC, c.id",
            (week, last),
        )
    ]
    return Glance(first, last, month, week, _latest(conn, latest), speakers, repeated)


def _latest(conn: sqlite3.Connection, count: int) -> list[QuoteRow]:
    """The newest articles' most confident statements, two per outlet at most.

    One live blog with a hundred quotes shows as one card, not as the page;
    articles with no outlet are not capped together.
    """
    cards: list[QuoteRow] = []
    per_outlet: dict[str | None, int] = {}
    articles = conn.execute(
        "SELECT id, outlet FROM articles WHERE quote_count > 0 "
        "ORDER BY date DESC, id DESC LIMIT ?",
        (count * 8,),
    ).fetchall()
    for article_id, outlet in articles:
        # Articles with no outlet are not one outlet: each stands alone.
        if outlet is not None and per_outlet.get(outlet, 0) >= 2:
            continue
        row = conn.execute(
            f"SELECT {_QUOTE_COLUMNS} FROM quotes AS q {_QUOTE_JOINS} "
            "WHERE q.article_id = ? ORDER BY q.kind != 'statement', "
            "q.confidence DESC, q.position LIMIT 1",
            (article_id,),
        ).fetchone()
        if row is None:
            continue
        cards.append(_quote(row))
        per_outlet[outlet] = per_outlet.get(outlet, 0) + 1
        if len(cards) >= count:
            break
    return cards


def get_article_quotes(conn: sqlite3.Connection, doc_id: str) -> ArticleQuotes:
    """Return an article's fields, text and quotes as `Quote`s, in order.

    Raises:
        QueryError: If no article has that id.
    """
    row = conn.execute(
        "SELECT id, doc_id, title, url, outlet, published, date, author, "
        "quote_count, text, engine FROM articles WHERE doc_id = ?",
        (doc_id,),
    ).fetchone()
    if row is None:
        raise QueryError(f"no article with id {doc_id!r}")
    rows = conn.execute(
        "SELECT q.*, s.name AS speaker FROM quotes AS q "
        "LEFT JOIN speakers AS s ON s.id = q.speaker_id "
        "WHERE q.article_id = ? ORDER BY q.position",
        (row["id"],),
    ).fetchall()
    return ArticleQuotes(
        article=ArticleSummary(*tuple(row)[1:9]),
        text=row["text"],
        engine=row["engine"],
        quotes=[quote_from_row(r, doc_id) for r in rows],
        links=[
            {
                "id": r["id"],
                "speaker_id": r["speaker_id"],
                "speaker": r["speaker"],
                "cluster_id": r["cluster_id"],
            }
            for r in rows
        ],
    )


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


def fill_periods(
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
