"""Hand-built articles and quotes for the store tests: fast and deterministic."""

from __future__ import annotations

from dataclasses import dataclass

from whosaid.model import Article, Quote, Result, Span


@dataclass(frozen=True)
class Said:
    """One quote to write into a test article."""

    speaker: str | None
    words: str
    title: str | None = None
    kind: str = "statement"
    type: str = "direct"
    stance: str = "neutral"
    is_org: bool = False


def make_result(
    doc_id: str,
    said: list[Said],
    *,
    outlet: str | None = "Daily Planet",
    published: str | None = "2026-03-01",
    engine: str = "test:1",
    filler: str = "",
) -> Result:
    """Write an article whose text holds each quote, with exact spans."""
    text, quotes = filler, []
    for item in said:
        text += " " if text else ""
        start = len(text)
        text += f"\u201c{item.words},\u201d "
        content = Span.of(text, start, len(text) - 1)
        mention = item.speaker or "someone"
        cue_start = len(text)
        text += "said "
        cue = Span.of(text, cue_start, cue_start + 4)
        speaker_start = len(text)
        text += f"{mention}."
        speaker = Span.of(text, speaker_start, speaker_start + len(mention))
        quotes.append(
            Quote(
                doc=doc_id,
                type=item.type,  # type: ignore[arg-type]  # test data is well-formed
                content=content,
                cue=cue,
                speaker=speaker,
                speaker_name=item.speaker,
                speaker_title=item.title,
                confidence=0.9,
                kind=item.kind,  # type: ignore[arg-type]  # test data is well-formed
                cue_stance=item.stance,  # type: ignore[arg-type]  # test data
                speaker_is_org=item.is_org,
                engine=engine,
            )
        )
    article = Article(
        id=doc_id, text=text, outlet=outlet, published=published, source=f"{doc_id}.txt"
    )
    return Result(article, quotes)
