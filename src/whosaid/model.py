"""The records passed between whosaid's stages: Article, Span, Attribution, Quote.

The flow is read -> clean -> parse -> find spans -> attribute -> resolve speakers
-> store -> serve. `read` yields `Article`s; an engine turns a parsed article into
`Attribution`s (linked content/cue/source spans); the resolver turns those into
`Quote`s with a resolved speaker. Every offset is a Python `str` index into
`Article.text` exactly as read, so `text[span.start:span.end] == span.text`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

QuoteType = Literal["direct", "indirect", "mixed"]
QUOTE_TYPES: tuple[str, ...] = ("direct", "indirect", "mixed")

# What an attribution reports (#8): what was said, or a state of mind.
QuoteKind = Literal["statement", "belief", "intention", "evaluation", "other"]
QUOTE_KINDS: tuple[str, ...] = (
    "statement",
    "belief",
    "intention",
    "evaluation",
    "other",
)

# The stance the cue lends the content (#8).
CueStance = Literal["neutral", "assertive", "distancing", "conceding"]
CUE_STANCES: tuple[str, ...] = ("neutral", "assertive", "distancing", "conceding")


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of an article's text: `text == article.text[start:end]`."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """Cut the span `[start, end)` out of `text`."""
        return cls(start, end, text[start:end])

    def overlaps(self, other: Span) -> bool:
        """Say whether the two spans share a character."""
        return self.start < other.end and other.start < self.end

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Span | None:
        if data is None:
            return None
        return cls(int(data["start"]), int(data["end"]), str(data["text"]))


@dataclass(frozen=True, slots=True)
class Article:
    """One input document. `text` is what every offset points into."""

    id: str
    text: str
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    author: str | None = None
    source: str | None = None  # where it was read from: a path, "-", a WARC record
    encoding: str | None = None  # how its bytes were decoded, when read from bytes


@dataclass(frozen=True, slots=True)
class Attribution:
    """Linked spans an engine found, before the speaker is resolved.

    `source` is the speaker mention as written next to the content ("She",
    "Reed", "the Treasury Department"), or None when the engine found none.
    """

    type: QuoteType
    content: Span
    cue: Span | None
    source: Span | None
    confidence: float
    # For a direct quote without its own source: the content span of the
    # attribution whose speaker it continues (`whosaid.extract.links`; #12).
    continues: Span | None = None


@dataclass(frozen=True, slots=True)
class Speaker:
    """A speaker resolved within one article."""

    name: str | None  # full name or organisation: "Maria Okafor", "the Treasury"
    title: str | None = None  # role as written: "spokeswoman"
    org: str | None = None  # organisation the person speaks for, when written
    is_org: bool = False
    # How the mention next to the quote was resolved: "name" (it is the name),
    # "surname", "pronoun", "title", "previous" (continues an earlier quote).
    resolved_by: str | None = None
    chain: tuple[Span, ...] = ()  # mentions followed to reach `name`


@dataclass(frozen=True, slots=True)
class Quote:
    """One attributed statement: the record whosaid emits.

    `to_record()` gives the stable JSON shape of the engine issue (#2); fields
    may be added to it, never changed.
    """

    doc: str
    type: QuoteType
    content: Span
    cue: Span | None
    speaker: Span | None
    speaker_name: str | None
    speaker_title: str | None
    confidence: float
    kind: QuoteKind = "statement"
    cue_stance: CueStance = "neutral"
    speaker_org: str | None = None
    speaker_is_org: bool = False
    resolved_by: str | None = None
    chain: tuple[Span, ...] = field(default=())
    engine: str = ""

    def to_record(self) -> dict[str, Any]:
        """Return the JSON-ready record for this quote."""
        return {
            "doc": self.doc,
            "type": self.type,
            "content": self.content.to_dict(),
            "cue": self.cue.to_dict() if self.cue else None,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "speaker_name": self.speaker_name,
            "speaker_title": self.speaker_title,
            "confidence": round(self.confidence, 4),
            "kind": self.kind,
            "cue_stance": self.cue_stance,
            "speaker_org": self.speaker_org,
            "speaker_is_org": self.speaker_is_org,
            "resolved_by": self.resolved_by,
            "chain": [span.to_dict() for span in self.chain],
            "engine": self.engine,
        }

    @classmethod
    def from_record(cls, data: dict[str, Any]) -> Quote:
        """Rebuild a quote from `to_record()` output (or a hand-written gold line)."""
        content = Span.from_dict(data["content"])
        if content is None:
            raise ValueError("a quote record needs a content span")
        return cls(
            doc=str(data["doc"]),
            type=data.get("type", "direct"),
            content=content,
            cue=Span.from_dict(data.get("cue")),
            speaker=Span.from_dict(data.get("speaker")),
            speaker_name=data.get("speaker_name"),
            speaker_title=data.get("speaker_title"),
            confidence=float(data.get("confidence", 1.0)),
            kind=data.get("kind", "statement"),
            cue_stance=data.get("cue_stance", "neutral"),
            speaker_org=data.get("speaker_org"),
            speaker_is_org=bool(data.get("speaker_is_org", False)),
            resolved_by=data.get("resolved_by"),
            chain=tuple(
                span for span in map(Span.from_dict, data.get("chain") or []) if span
            ),
            engine=data.get("engine", ""),
        )


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not be processed, with a one-line reason."""

    source: str  # the file, "file.jsonl:12", a WARC record id
    reason: str
    # What went wrong, for `whosaid errors --kind` and the hint after a run
    # (#16): "encoding", "unreadable", "malformed", "language", ...
    kind: str = "error"
    # A detail counted in the summary: the language of a skipped article.
    detail: str | None = None

    def __str__(self) -> str:
        detail = f" ({self.detail})" if self.detail else ""
        return f"{self.source}: {self.reason}{detail}"


@dataclass(frozen=True, slots=True)
class Result:
    """What extraction made of one article.

    `skipped` counts what the engine saw and deliberately left out, by reason
    ("unbalanced quotes": 2); it is reported in the run's summary line.
    `people` lists the people mentioned (`whosaid.voices.people`).
    """

    article: Article
    quotes: list[Quote]
    skipped: dict[str, int] = field(default_factory=dict)
    # The people the article mentions (PERSON entities as full names) and how
    # often, for "people mentioned vs quoted" (#15); empty when not extracted.
    people: dict[str, int] = field(default_factory=dict)
