"""The web app's view of the index: store answers as dicts, store errors as 4xx.

Every question goes to the index's own read-only queries
(`whosaid.store.queries`, `whosaid.store.browse`; #12): no SQL here. This
module only turns their records into dicts for templates and JSON and their
errors into the web's (400 for a bad query, 404 for a missing id).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from whosaid.store import browse
from whosaid.store import queries as store
from whosaid.store.matching import Candidate, match_speaker
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
    stance: str | None = None
    min_confidence: float | None = None
    sort: str | None = None  # relevance (with q), date or confidence (#17)


@dataclass(frozen=True, slots=True)
class SearchPage:
    """One page of quote cards, whether there is more, and the total."""

    quotes: list[dict[str, Any]]
    offset: int
    limit: int
    has_more: bool
    filters: SearchFilters = field(default_factory=SearchFilters)
    total: int | None = None
    total_exact: bool = True


def quote_filter(filters: SearchFilters) -> store.QuoteFilter:
    """Return the store's filter for `filters` (search, export)."""
    return store.QuoteFilter(
        speaker=filters.speaker or None,
        outlet=filters.outlet or None,
        since=filters.since.isoformat() if filters.since else None,
        until=filters.until.isoformat() if filters.until else None,
        type=filters.type,
        kind=filters.kind,
        stance=filters.stance,
        min_confidence=filters.min_confidence,
    )


def card(row: store.QuoteRow) -> dict[str, Any]:
    """Return a quote as a card: the store's row plus display fields."""
    values = row.to_dict()
    values["speaker"] = (
        values["speaker"] or values["speaker_name"] or values["speaker_text"]
    )
    values["also_outlets"] = max(values["cluster_outlets"] - 1, 0)
    return values


def search_quotes(
    conn: sqlite3.Connection,
    filters: SearchFilters,
    *,
    limit: int,
    offset: int,
    count: bool = True,
) -> SearchPage:
    """Return quote cards matching `filters`, with their total (#17).

    Raises:
        BadParameterError: If the full-text query cannot be parsed.
    """
    try:
        page = store.search_quotes(
            conn,
            filters.q or None,
            quote_filter(filters),
            limit=limit,
            offset=offset,
            sort=filters.sort,
            count=count,
        )
    except store.QueryError as err:
        raise BadParameterError("q", str(err)) from err
    return SearchPage(
        [card(row) for row in page.quotes],
        offset,
        limit,
        page.next_offset is not None,
        filters,
        page.total,
        page.total_exact,
    )


def speaker_hint(conn: sqlite3.Connection, name: str | None) -> dict[str, Any]:
    """Whom a speaker name was taken to mean, and whom else it may mean (#14).

    The API's "did you mean", as the CLI prints it and the search page shows
    it: `speaker_chosen` is the speaker the filter uses (None when no speaker
    has that name), `did_you_mean` the other candidates, most quoted first.
    """
    if not name or not name.strip():
        return {"speaker_chosen": None, "did_you_mean": []}
    match = match_speaker(conn, name)
    return {
        "speaker_chosen": _candidate(match.chosen) if match.chosen else None,
        "did_you_mean": [_candidate(other) for other in match.others[:10]],
    }


def _candidate(candidate: Candidate) -> dict[str, Any]:
    return {
        "id": candidate.id,
        "name": candidate.name,
        "quotes": candidate.quote_count,
    }


def list_speakers(
    conn: sqlite3.Connection, *, name: str = "", limit: int, offset: int
) -> tuple[list[dict[str, Any]], bool]:
    """Return speakers by quote count, optionally those whose name contains `name`."""
    speakers = store.list_speakers(conn, name=name, top=limit + 1, offset=offset)
    return [s.to_dict() for s in speakers[:limit]], len(speakers) > limit


def list_speakers_quoted(
    conn: sqlite3.Connection, filters: SearchFilters, *, limit: int, offset: int
) -> tuple[list[dict[str, Any]], bool]:
    """Return speakers by their quotes of a kind, outlet or period (#8)."""
    speakers = store.list_speakers(
        conn,
        top=limit + 1,
        offset=offset,
        since=filters.since.isoformat() if filters.since else None,
        until=filters.until.isoformat() if filters.until else None,
        kind=filters.kind,
        outlet=filters.outlet or None,
    )
    return [s.to_dict() for s in speakers[:limit]], len(speakers) > limit


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
    speaker["period"], speaker["timeline"] = browse.fill_periods(
        [(count.name, count.count) for count in detail.over_time if count.name]
    )
    del speaker["over_time"]
    speaker["recent"] = [card(row) for row in detail.recent]
    return speaker


def get_article(conn: sqlite3.Connection, doc_id: str) -> dict[str, Any]:
    """Return an article's fields, text and quotes (as `Quote`s, in order).

    Raises:
        NotFoundError: If no article has that id.
    """
    try:
        found = browse.get_article_quotes(conn, doc_id)
    except store.QueryError as err:
        raise NotFoundError("article", doc_id) from err
    article = found.article.to_dict()
    article.update(
        text=found.text,
        engine=found.engine,
        quotes=found.quotes,
        quote_rows=found.links,
    )
    return article


def get_cluster(
    conn: sqlite3.Connection, cluster_id: int, *, limit: int | None = None
) -> dict[str, Any]:
    """Return a quote cluster and the articles that carried it, earliest first.

    `limit` keeps the earliest appearances only (the counts stay complete).

    Raises:
        NotFoundError: If there is no such cluster.
    """
    try:
        detail = store.get_cluster(conn, cluster_id, limit=limit)
    except store.QueryError as err:
        raise NotFoundError("quote cluster", str(cluster_id)) from err
    cluster = detail.cluster.to_dict()
    cluster["appearances"] = [item.to_dict() for item in detail.appearances]
    return cluster


def list_clusters(
    conn: sqlite3.Connection,
    *,
    since: str | None,
    limit: int,
    offset: int,
    sort: str = "spread",
) -> tuple[list[dict[str, Any]], bool]:
    """Return repeated quotes (carried by 2+ articles) with who printed them first.

    Raises:
        BadParameterError: If `sort` is unknown.
    """
    try:
        repeated, has_more = browse.list_repeated(
            conn, sort=sort, since=since, limit=limit, offset=offset
        )
    except store.QueryError as err:
        raise BadParameterError("sort", str(err)) from err
    rows = []
    for item in repeated:
        row = item.cluster.to_dict()
        row.update(
            first_doc_id=item.first_doc_id,
            first_title=item.first_title,
            first_outlet=item.first_outlet,
            first_speaker=item.first_speaker,
        )
        rows.append(row)
    return rows, has_more


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
    articles, has_more = browse.list_articles(
        conn, outlet=outlet, since=since, until=until, limit=limit, offset=offset
    )
    return [article.to_dict() for article in articles], has_more


def get_glance(conn: sqlite3.Connection) -> dict[str, Any]:
    """Return the home page's lists: latest quotes, this month's speakers..."""
    glance = browse.at_a_glance(conn)
    values = glance.to_dict()
    values["latest"] = [card(row) for row in glance.latest]
    return values


def get_overview(conn: sqlite3.Connection) -> dict[str, Any]:
    """Return counts, top speakers, top outlets and quotes per week or month."""
    overview = store.overview(conn).to_dict()
    overview["top_speakers"] = [s.to_dict() for s in store.list_speakers(conn, top=10)]
    overview["top_outlets"] = [
        {"outlet": count.name, "articles": count.count}
        for count in store.list_outlets(conn, top=10)
        if count.name
    ]
    overview["repeated"] = [
        cluster.to_dict() for cluster in store.list_clusters(conn, top=5)
    ]
    days = store.quotes_over_time(conn, period="day")
    overview["period"], overview["timeline"] = browse.fill_periods(
        [(count.name, count.count) for count in days if count.name]
    )
    return overview
