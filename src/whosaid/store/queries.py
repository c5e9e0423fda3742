"""Read-only questions to the quote index, shared by the CLI and the web app.

Every function takes an open connection (`whosaid.store.connect(path,
readonly=True)` is enough) and returns plain frozen dataclasses; each has
`to_dict()` for JSON. Dates are `YYYY-MM-DD` strings and `since`/`until` are
inclusive. These signatures are stable; new keyword arguments may be added.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from typing import Any

from whosaid.errors import WhosaidError
from whosaid.store.speakers import SpeakerError, find_speaker, speaker_key

PERIODS = {
    "day": "date",
    "week": "strftime('%Y-W%W', date)",
    "month": "substr(date, 1, 7)",
    "year": "substr(date, 1, 4)",
}


class QueryError(WhosaidError):
    """A search or filter the index cannot answer."""


class _Record:
    def to_dict(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload, no-any-return]  # every subclass is a dataclass


@dataclass(frozen=True, slots=True)
class QuoteFilter:
    """Filters shared by search, export, counts over time and speaker lists.

    `speaker` is a name, an alias, a surname ("Reed": every speaker whose name
    has that word) or `#ID`. `kind` None or "all" keeps every kind.
    """

    speaker: str | None = None
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    type: str | None = None
    kind: str | None = None
    stance: str | None = None


@dataclass(frozen=True, slots=True)
class QuoteRow(_Record):
    """One indexed quote with its article and speaker."""

    id: int
    content: str
    type: str
    kind: str
    cue_stance: str
    cue: str | None
    speaker: str | None  # canonical name of the cross-article speaker
    speaker_id: int | None
    speaker_name: str | None  # as resolved in the article
    speaker_text: str | None  # the mention next to the quote
    speaker_title: str | None
    speaker_org: str | None
    confidence: float
    doc_id: str
    title: str | None
    url: str | None
    outlet: str | None
    date: str | None
    cluster_id: int | None
    cluster_articles: int  # articles that printed this quote (1 when unique)
    content_start: int
    content_end: int
    cue_start: int | None
    cue_end: int | None
    speaker_start: int | None
    speaker_end: int | None


@dataclass(frozen=True, slots=True)
class SearchPage(_Record):
    """A page of results; pass `next_offset` back as `offset` for the next one."""

    quotes: list[QuoteRow]
    offset: int
    next_offset: int | None


@dataclass(frozen=True, slots=True)
class SpeakerSummary(_Record):
    id: int
    name: str
    is_org: bool
    external_id: str | None
    quote_count: int
    article_count: int
    first_seen: str | None
    last_seen: str | None


@dataclass(frozen=True, slots=True)
class TitleSpan(_Record):
    """A title/organisation a speaker was given, and when."""

    title: str | None
    org: str | None
    first_seen: str | None
    last_seen: str | None
    quotes: int


@dataclass(frozen=True, slots=True)
class Count(_Record):
    name: str | None
    count: int


@dataclass(frozen=True, slots=True)
class ClusterSummary(_Record):
    id: int
    text: str
    quote_count: int
    article_count: int
    outlet_count: int
    first_date: str | None
    last_date: str | None


@dataclass(frozen=True, slots=True)
class SpeakerDetail(_Record):
    speaker: SpeakerSummary
    aliases: list[Count]  # names as resolved in articles, with quote counts
    titles: list[TitleSpan]  # earliest first
    over_time: list[Count]  # quotes per period ("2026-03" for months)
    repeated: list[ClusterSummary]  # their most-repeated quotes
    outlets: list[Count]
    kinds: list[Count]
    recent: list[QuoteRow]


@dataclass(frozen=True, slots=True)
class ArticleDetail(_Record):
    doc_id: str
    title: str | None
    url: str | None
    outlet: str | None
    published: str | None
    date: str | None
    author: str | None
    source: str | None
    engine: str
    text: str
    quotes: list[QuoteRow]  # in text order


@dataclass(frozen=True, slots=True)
class Appearance(_Record):
    quote_id: int
    doc_id: str
    title: str | None
    url: str | None
    outlet: str | None
    date: str | None
    speaker: str | None
    content: str
    earliest: bool


@dataclass(frozen=True, slots=True)
class ClusterDetail(_Record):
    cluster: ClusterSummary
    appearances: list[Appearance]  # earliest first; undated last


@dataclass(frozen=True, slots=True)
class Overview(_Record):
    articles: int
    quotes: int
    speakers: int
    outlets: int
    clusters: int
    repeated_quotes: int  # clusters printed by more than one article
    first_date: str | None
    last_date: str | None
    ingest_errors: int
    quotes_by_type: dict[str, int] = field(default_factory=dict)
    quotes_by_kind: dict[str, int] = field(default_factory=dict)


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
    """Return the speakers a `--speaker` value means: exact name, else name word."""
    try:
        return [int(find_speaker(conn, name)["id"])]
    except SpeakerError:
        pass
    key = speaker_key(name)
    if not key:
        return []
    rows = conn.execute(
        "SELECT id FROM speakers WHERE key LIKE ? OR key LIKE ? OR key LIKE ? "
        "ORDER BY quote_count DESC LIMIT 200",
        (f"% {key}", f"{key} %", f"% {key} %"),
    )
    return [int(row[0]) for row in rows]


def resolve_speaker(conn: sqlite3.Connection, name: str) -> sqlite3.Row:
    """Return the one speaker `name` means: exact name or alias, else one name word.

    Raises:
        SpeakerError: If none matches, or a surname matches several speakers.
    """
    try:
        return find_speaker(conn, name)
    except SpeakerError:
        ids = speaker_ids(conn, name)
        if len(ids) != 1:
            raise
    return find_speaker(conn, f"#{ids[0]}")


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


def list_speakers(
    conn: sqlite3.Connection,
    *,
    top: int = 20,
    since: str | None = None,
    until: str | None = None,
    kind: str | None = None,
    outlet: str | None = None,
) -> list[SpeakerSummary]:
    """Return the speakers with the most quotes (in the period and kind given)."""
    if not (since or until or outlet or (kind and kind != "all")):
        rows = conn.execute(
            "SELECT id, name, is_org, external_id, quote_count, article_count, "
            "first_seen, last_seen FROM speakers ORDER BY quote_count DESC, name "
            "LIMIT ?",
            (top,),
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
            "ORDER BY counts.quote_count DESC, s.name LIMIT ?",
            (*params, top),
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
    # One pass over the speaker's quotes; the counts are made here rather than
    # by one GROUP BY query each (a speaker may have tens of thousands).
    rows = conn.execute(
        "SELECT speaker_name, speaker_title, speaker_org, date, outlet, kind "
        "FROM quotes WHERE speaker_id = ?",
        (speaker.id,),
    ).fetchall()
    titles: dict[tuple[str | None, str | None], list[Any]] = {}
    buckets: Counter[str] = Counter()
    for _, title, org, day, _, _ in rows:
        if day:
            buckets[_bucket(day, period)] += 1
        if title is None and org is None:
            continue
        span = titles.setdefault((title, org), [None, None, 0])
        span[0] = day if span[0] is None or (day and day < span[0]) else span[0]
        span[1] = day if span[1] is None or (day and day > span[1]) else span[1]
        span[2] += 1
    repeated = [
        _cluster_summary(row)
        for row in conn.execute(
            "SELECT DISTINCT c.* FROM clusters AS c JOIN quotes AS q ON q.cluster_id = c.id "
            "WHERE q.speaker_id = ? AND c.article_count > 1 "
            "ORDER BY c.article_count DESC, c.id LIMIT ?",
            (speaker.id, top),
        )
    ]
    return SpeakerDetail(
        speaker=speaker,
        aliases=_counts(Counter(row[0] for row in rows)),
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
        repeated=repeated,
        outlets=_counts(Counter(row[4] for row in rows))[:top],
        kinds=_counts(Counter(row[5] for row in rows)),
        recent=search_quotes(
            conn, None, QuoteFilter(speaker=f"#{speaker.id}"), limit=top
        ).quotes,
    )


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
        for item in conn.execute(
            "SELECT q.id, a.doc_id, a.title, a.url, q.outlet, q.date, "
            "coalesce(s.name, q.speaker_name) AS speaker, q.content FROM quotes AS q "
            "JOIN articles AS a ON a.id = q.article_id "
            "LEFT JOIN speakers AS s ON s.id = q.speaker_id WHERE q.cluster_id = ? "
            "ORDER BY q.date IS NULL, q.date, q.article_id, q.position LIMIT ?",
            (cluster_id, -1 if limit is None else limit),
        )
    ]
    return ClusterDetail(_cluster_summary(row), appearances)


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
        rows = conn.execute(f"SELECT {column}, count(*) FROM quotes GROUP BY {column}")
        return {row[0]: int(row[1]) for row in rows}

    return Overview(
        articles=one("SELECT count(*) FROM articles"),
        quotes=one("SELECT count(*) FROM quotes"),
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
