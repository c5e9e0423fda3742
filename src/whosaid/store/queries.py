"""Read-only questions to the quote index, shared by the CLI and the web app.

Every function takes an open connection (`whosaid.store.connect(path,
readonly=True)` is enough) and returns plain frozen dataclasses
(`whosaid.store.records`); each has `to_dict()` for JSON. Dates are
`YYYY-MM-DD` strings and `since`/`until` are inclusive. These signatures are
stable; new keyword arguments may be added. Full-text search lives in
`whosaid.store.search` and is re-exported here.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from datetime import date
from typing import Any

from whosaid.store.filters import where as _where
from whosaid.store.records import (
    PERIODS,
    Appearance,
    ArticleDetail,
    ClusterDetail,
    ClusterSummary,
    Count,
    KBLink,
    Overview,
    QueryError,
    QuoteFilter,
    QuoteRow,
    SearchPage,
    SpeakerDetail,
    SpeakerSummary,
    TitleSpan,
)
from whosaid.store.search import (
    _QUOTE_COLUMNS,
    _QUOTE_JOINS,
    _quote,
    fts_query,
    iter_quotes,
    quotes_over_time,
    resolve_speaker,
    search_quotes,
    speaker_ids,
)

__all__ = [
    "PERIODS", "Appearance", "ArticleDetail", "ClusterDetail", "ClusterSummary",
    "Count", "KBLink", "Overview", "QueryError", "QuoteFilter", "QuoteRow",
    "SearchPage", "SpeakerDetail", "SpeakerSummary", "TitleSpan", "fts_query",
    "get_article", "get_cluster", "get_speaker", "iter_quotes", "kb_link",
    "list_clusters", "list_outlets", "list_speakers", "overview",
    "quotes_over_time", "resolve_speaker", "search_quotes", "speaker_ids",
]  # fmt: skip


def list_speakers(
    conn: sqlite3.Connection,
    *,
    top: int = 20,
    since: str | None = None,
    until: str | None = None,
    kind: str | None = None,
    outlet: str | None = None,
    name: str | None = None,
    offset: int = 0,
) -> list[SpeakerSummary]:
    """Return the speakers with the most quotes (in the period and kind given).

    `name` keeps speakers whose name contains it (any case; not combined with
    the quote filters); `offset` skips that many for paging.
    """
    if not (since or until or outlet or (kind and kind != "all")):
        where, params = "", []
        if name:
            where = "WHERE name LIKE ? ESCAPE '\\' COLLATE NOCASE"
            params.append("%" + re.sub(r"([%_\\])", r"\\\1", name) + "%")
        rows = conn.execute(
            "SELECT id, name, is_org, external_id, quote_count, article_count, "
            f"first_seen, last_seen FROM speakers {where} "
            "ORDER BY quote_count DESC, name LIMIT ? OFFSET ?",
            (*params, top, offset),
        ).fetchall()
    else:
        filters = QuoteFilter(since=since, until=until, kind=kind, outlet=outlet)
        clauses, params, _ = _where(conn, filters)
        rows = conn.execute(
            # Grouped in the order of index quotes_speaker_kind, then joined.
            "SELECT s.id, s.name, s.is_org, s.external_id, counts.quote_count, "
            "counts.article_count, counts.first_seen, counts.last_seen FROM "
            "(SELECT q.speaker_id, count(*) AS quote_count, "
            "count(DISTINCT q.article_id) AS article_count, min(q.date) AS first_seen, "
            "max(q.date) AS last_seen FROM quotes AS q "
            f"WHERE q.speaker_id IS NOT NULL AND {' AND '.join(clauses)} "
            "GROUP BY q.speaker_id) AS counts JOIN speakers AS s ON s.id = counts.speaker_id "
            "ORDER BY counts.quote_count DESC, s.name LIMIT ? OFFSET ?",
            (*params, top, offset),
        ).fetchall()
    return [_speaker_summary(row) for row in rows]


def _speaker_summary(row: sqlite3.Row) -> SpeakerSummary:
    return SpeakerSummary(
        int(row["id"]), row["name"], bool(row["is_org"]), row["external_id"],
        int(row["quote_count"]), int(row["article_count"]), row["first_seen"],
        row["last_seen"],
    )  # fmt: skip


def get_speaker(
    conn: sqlite3.Connection, name: str, *, period: str = "month", top: int = 10
) -> SpeakerDetail:
    """Return one speaker: names, titles over time, counts, repeated quotes.

    Args:
        name: A name, an alias or `#ID`.
        period: Buckets of `over_time`: day, week, month or year.
        top: How many repeated quotes, outlets and recent quotes.

    Raises:
        SpeakerError: If no speaker has that name.
    """
    if period not in PERIODS:
        raise QueryError(f"period must be one of {', '.join(PERIODS)}; got {period!r}")
    speaker = _speaker_summary(resolve_speaker(conn, name))
    # The counters of migration m004 (#17): a speaker with tens of thousands
    # of quotes is read from a few hundred counter rows, not from the quotes.
    days = conn.execute(
        "SELECT date, kind, n FROM speaker_days WHERE speaker_id = ?", (speaker.id,)
    ).fetchall()
    buckets: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    for day, kind, n in days:
        kinds[kind] += n
        if day:
            buckets[_bucket(day, period)] += n
    names = conn.execute(
        "SELECT name, title, org, min(nullif(date, '')), max(nullif(date, '')), "
        "sum(n) FROM speaker_names WHERE speaker_id = ? GROUP BY name, title, org",
        (speaker.id,),
    ).fetchall()
    aliases: Counter[str | None] = Counter()
    titles: dict[tuple[str | None, str | None], list[Any]] = {}
    for alias, title, org, first, last, n in names:
        aliases[alias or None] += n
        if not (title or org):
            continue
        span = titles.setdefault((title or None, org or None), [first, last, 0])
        span[0] = min(filter(None, (span[0], first)), default=None)
        span[1] = max(filter(None, (span[1], last)), default=None)
        span[2] += n
    outlets = [
        Count(row[0] or None, int(row[1]))
        for row in conn.execute(
            "SELECT outlet, n FROM speaker_outlets WHERE speaker_id = ? "
            "ORDER BY n DESC, outlet != '', outlet LIMIT ?",
            (speaker.id, top),
        )
    ]
    return SpeakerDetail(
        speaker=speaker,
        aliases=_counts(aliases),
        titles=sorted(
            (
                TitleSpan(t, o, first, last, n)
                for (t, o), (first, last, n) in titles.items()
            ),
            key=lambda span: (
                span.first_seen is None,
                span.first_seen or "",
                -span.quotes,
            ),
        ),
        over_time=[Count(key, buckets[key]) for key in sorted(buckets)],
        repeated=_speaker_repeated(conn, speaker, top),
        outlets=outlets,
        kinds=_counts(kinds),
        recent=search_quotes(
            conn, None, QuoteFilter(speaker=f"#{speaker.id}"), limit=top
        ).quotes,
        kb=kb_link(conn, speaker.id),
    )


def kb_link(conn: sqlite3.Connection, speaker_id: int) -> KBLink | None:
    """Return a speaker's Wikidata link as `whosaid link` left it, or None."""
    row = conn.execute(
        "SELECT k.* FROM speaker_kb_links AS k JOIN speakers AS s "
        "ON s.key = k.speaker_key WHERE s.id = ?",
        (speaker_id,),
    ).fetchone()
    if row is None:
        return None
    qid = row["qid"]
    return KBLink(
        qid=qid,
        status=row["status"],
        origin=row["origin"],
        url=f"https://www.wikidata.org/wiki/{qid}" if qid else None,
        label=row["label"],
        description=row["description"],
        party=row["party"],
        occupation=row["occupation"],
        score=row["score"],
        evidence=json.loads(row["evidence"] or "[]"),
        candidates=json.loads(row["candidates"] or "[]"),
    )


# Below this many quotes a speaker's clusters are read from their quotes;
# above it, the most-repeated clusters are walked until `top` include them.
_REPEATED_BY_QUOTES = 5000


def _speaker_repeated(
    conn: sqlite3.Connection, speaker: SpeakerSummary, top: int
) -> list[ClusterSummary]:
    """Return a speaker's most-repeated quotes, most articles first."""
    if speaker.quote_count <= _REPEATED_BY_QUOTES:
        sql = (
            "SELECT DISTINCT c.* FROM clusters AS c JOIN quotes AS q "
            "ON q.cluster_id = c.id WHERE q.speaker_id = ? AND c.article_count > 1 "
            "ORDER BY c.article_count DESC, c.id LIMIT ?"
        )
    else:
        sql = (
            "SELECT c.* FROM clusters AS c WHERE c.article_count > 1 AND EXISTS "
            "(SELECT 1 FROM quotes AS q WHERE q.cluster_id = c.id AND q.speaker_id = ?) "
            "ORDER BY c.article_count DESC, c.id LIMIT ?"
        )
    return [_cluster_summary(row) for row in conn.execute(sql, (speaker.id, top))]


def _counts(counter: Counter[Any]) -> list[Count]:
    """Counts, largest first, ties by name (None first, as SQL sorts NULL)."""
    items = sorted(
        counter.items(), key=lambda item: (-item[1], item[0] is not None, item[0] or "")
    )
    return [Count(name, count) for name, count in items]


def _bucket(day: str, period: str) -> str:
    """The period a YYYY-MM-DD date falls in, as `PERIODS` names it in SQL."""
    if period == "week":
        return date.fromisoformat(day).strftime("%Y-W%W")
    return {"day": day, "month": day[:7], "year": day[:4]}[period]


def get_article(conn: sqlite3.Connection, doc_id: str) -> ArticleDetail:
    """Return an article with its quotes in text order.

    Raises:
        QueryError: If no article has that id.
    """
    row = conn.execute("SELECT * FROM articles WHERE doc_id = ?", (doc_id,)).fetchone()
    if row is None:
        raise QueryError(
            f"no article with id {doc_id!r}; find ids with: whosaid search"
        )
    quotes = [
        _quote(quote)
        for quote in conn.execute(
            f"SELECT {_QUOTE_COLUMNS} FROM quotes AS q {_QUOTE_JOINS} "
            "WHERE q.article_id = ? ORDER BY q.content_start, q.position",
            (row["id"],),
        )
    ]
    return ArticleDetail(
        row["doc_id"], row["title"], row["url"], row["outlet"], row["published"],
        row["date"], row["author"], row["source"], row["engine"], row["text"], quotes,
    )  # fmt: skip


def _cluster_summary(row: sqlite3.Row) -> ClusterSummary:
    return ClusterSummary(
        int(row["id"]), row["text"], int(row["quote_count"]), int(row["article_count"]),
        int(row["outlet_count"]), row["first_date"], row["last_date"],
    )  # fmt: skip


def list_clusters(
    conn: sqlite3.Connection,
    *,
    top: int = 20,
    since: str | None = None,
    min_articles: int = 2,
) -> list[ClusterSummary]:
    """Return the most-repeated quotes: clusters printed by the most articles."""
    rows = conn.execute(
        "SELECT * FROM clusters WHERE article_count >= ? "
        + ("AND last_date >= ? " if since else "")
        + "ORDER BY article_count DESC, first_date LIMIT ?",
        (min_articles, *([since] if since else []), top),
    )
    return [_cluster_summary(row) for row in rows]


def get_cluster(
    conn: sqlite3.Connection, cluster_id: int, *, limit: int | None = None
) -> ClusterDetail:
    """Return a repeated quote with every article that printed it, earliest first.

    `limit` keeps only the earliest appearances (the counts stay complete).

    Raises:
        QueryError: If there is no such cluster.
    """
    row = conn.execute("SELECT * FROM clusters WHERE id = ?", (cluster_id,)).fetchone()
    if row is None:
        raise QueryError(f"no quote cluster #{cluster_id}")
    select = (
        "SELECT q.id, a.doc_id, a.title, a.url, q.outlet, q.date, "
        "coalesce(s.name, q.speaker_name) AS speaker, q.content FROM quotes AS q "
        "JOIN articles AS a ON a.id = q.article_id "
        "LEFT JOIN speakers AS s ON s.id = q.speaker_id WHERE q.cluster_id = ? "
    )
    # Dated first, then undated: each part walks index quotes_cluster_date
    # (m011) in order, so `limit` rows are read, not all 21,196 of a soundbite.
    rows = conn.execute(
        select + "AND q.date IS NOT NULL ORDER BY q.date, q.article_id, q.position "
        "LIMIT ?",
        (cluster_id, -1 if limit is None else limit),
    ).fetchall()
    if limit is None or len(rows) < limit:
        rows += conn.execute(
            select + "AND q.date IS NULL ORDER BY q.article_id, q.position LIMIT ?",
            (cluster_id, -1 if limit is None else limit - len(rows)),
        ).fetchall()
    appearances = [
        Appearance(
            item["id"],
            item["doc_id"],
            item["title"],
            item["url"],
            item["outlet"],
            item["date"],
            item["speaker"],
            item["content"],
            item["id"] == row["first_quote_id"],
        )  # fmt: skip
        for item in rows
    ]
    return ClusterDetail(_cluster_summary(row), appearances)


def list_outlets(conn: sqlite3.Connection, *, top: int = 50) -> list[Count]:
    """Return outlets by number of articles indexed."""
    rows = conn.execute(
        "SELECT outlet, count(*) AS n FROM articles GROUP BY outlet "
        "ORDER BY n DESC, outlet LIMIT ?",
        (top,),
    )
    return [Count(row[0], int(row[1])) for row in rows]


def overview(conn: sqlite3.Connection) -> Overview:
    """Return the index's counts: articles, quotes by type and kind, speakers..."""

    def one(sql: str) -> Any:
        return conn.execute(sql).fetchone()[0]

    def by(column: str) -> dict[str, int]:
        # The per-day counters of migration m004 (#17), not a scan of quotes.
        rows = conn.execute(
            f"SELECT {column}, sum(n) FROM quote_counts GROUP BY {column}"
        )
        return {row[0]: int(row[1]) for row in rows}

    return Overview(
        articles=one("SELECT count(*) FROM articles"),
        quotes=one("SELECT coalesce(sum(n), 0) FROM quote_counts"),
        speakers=one("SELECT count(*) FROM speakers"),
        outlets=one("SELECT count(DISTINCT outlet) FROM articles"),
        clusters=one("SELECT count(*) FROM clusters"),
        repeated_quotes=one("SELECT count(*) FROM clusters WHERE article_count > 1"),
        first_date=one("SELECT min(date) FROM articles"),
        last_date=one("SELECT max(date) FROM articles"),
        ingest_errors=one("SELECT count(*) FROM ingest_errors"),
        quotes_by_type=by("type"),
        quotes_by_kind=by("kind"),
    )
