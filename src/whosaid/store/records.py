"""The records the read-only queries return: plain frozen dataclasses.

Each has `to_dict()` for JSON. `whosaid.store.queries` re-exports them all.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from whosaid.errors import WhosaidError

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
    min_confidence: float | None = None  # keep quotes at or above it (#17)


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
    cluster_outlets: int  # outlets that printed it (1 when unique)
    content_start: int
    content_end: int
    cue_start: int | None
    cue_end: int | None
    speaker_start: int | None
    speaker_end: int | None
    speaker_qid: str | None = None  # the speaker's Wikidata item, when linked (#14)


@dataclass(frozen=True, slots=True)
class SearchPage(_Record):
    """A page of results; pass `next_offset` back as `offset` for the next one."""

    quotes: list[QuoteRow]
    offset: int
    next_offset: int | None
    total: int | None = None  # matching quotes, when counted
    total_exact: bool = True  # False: at least `total` (the count stopped)


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
class KBLink(_Record):
    """A speaker's Wikidata item (or why it has none), as `whosaid link` left it."""

    qid: str | None
    status: str  # linked | ambiguous | unlinked
    origin: str  # auto | user
    url: str | None
    label: str | None
    description: str | None
    party: str | None
    occupation: str | None
    score: float | None
    evidence: list[str]
    candidates: list[dict[str, Any]]


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
    kb: KBLink | None = None  # the Wikidata link (#14)


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
