"""Link the tagger's spans into attributions (the "model" engine, #4).

The tagger labels SOURCE, CUE and CONTENT spans; `link_spans` links each
content to the nearest cue around it and each cue to the nearest source, and
lets a direct quote with neither continue the last speaker. `orphan_cues`
lists the cues no content was linked to (the merge uses them).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from whosaid.extract.tagger.parse import TAGS_KEY, sentence_index
from whosaid.model import Attribution, QuoteType, Span

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

SOURCE, CUE, CONTENT = "SOURCE", "CUE", "CONTENT"
OPEN_MARKS = '"“«„'
CLOSE_MARKS = '"”»“'
# A cue this many sentences away from its content is not looked at.
MAX_SENTENCE_GAP = 1
# Crossing a sentence boundary costs as much as this many tokens of distance.
SENTENCE_COST = 30
# A cue with no source in its sentence looks this many sentences further.
SOURCE_SENTENCE_GAP = 1
# A direct quote with no cue continues a speaker at most this many sentences back.
CONTINUE_SENTENCES = 3
# A linked attribution's confidence until the engine calibrates its quote.
PROVISIONAL_CONFIDENCE = 0.5


@dataclass(frozen=True, slots=True)
class TaggedSpans:
    """The recognizer's spans of one doc, by label, in text order."""

    sources: tuple[SpacySpan, ...]
    cues: tuple[SpacySpan, ...]
    contents: tuple[SpacySpan, ...]


def tagged_spans(doc: Doc) -> TaggedSpans:
    """Split the tags by label: `doc.spans[TAGS_KEY]` once parsed, else `doc.ents`."""
    by_label: dict[str, list[SpacySpan]] = {SOURCE: [], CUE: [], CONTENT: []}
    for ent in doc.spans.get(TAGS_KEY, doc.ents):
        by_label.setdefault(ent.label_, []).append(ent)
    return TaggedSpans(
        tuple(by_label[SOURCE]), tuple(by_label[CUE]), tuple(by_label[CONTENT])
    )


def _gap(a: SpacySpan, b: SpacySpan) -> int:
    """Tokens between two non-overlapping spans (0 when adjacent)."""
    return max(a.start - b.end, b.start - a.end, 0)


def _cost(a: SpacySpan, b: SpacySpan, sent_of: Sequence[int]) -> int:
    crossed = min(
        abs(sent_of[x] - sent_of[y])
        for x in (a.start, a.end - 1)
        for y in (b.start, b.end - 1)
    )
    return _gap(a, b) + SENTENCE_COST * crossed


def _nearest(
    target: SpacySpan,
    candidates: Sequence[SpacySpan],
    sent_of: Sequence[int],
    *,
    max_gap: int,
) -> SpacySpan | None:
    """The candidate closest to `target`, at most `max_gap` sentences away."""
    best, best_cost = None, None
    first, last = sent_of[target.start], sent_of[target.end - 1]
    for candidate in candidates:
        sent = sent_of[candidate.start]
        if sent < first - max_gap or sent > last + max_gap:
            continue
        cost = _cost(target, candidate, sent_of)
        if best_cost is None or cost < best_cost:
            best, best_cost = candidate, cost
    return best


def _source_of(
    anchor: SpacySpan, sources: Sequence[SpacySpan], sent_of: Sequence[int]
) -> SpacySpan | None:
    """The source nearest `anchor` in its sentence, else in the sentences around."""
    for max_gap in range(SOURCE_SENTENCE_GAP + 1):
        source = _nearest(anchor, sources, sent_of, max_gap=max_gap)
        if source is not None:
            return source
    return None


def quote_type(text: str) -> QuoteType:
    """Direct when the whole span is one quotation, mixed when it holds marks."""
    piece = text.rstrip(",.;: ")
    if len(piece) >= 2 and piece[0] in OPEN_MARKS and piece[-1] in CLOSE_MARKS:
        inner = piece[1:-1]
        if '"' not in inner and "”" not in inner and "“" not in inner:
            return "direct"
    if any(mark in text for mark in OPEN_MARKS + CLOSE_MARKS):
        return "mixed"
    return "indirect"


def content_span(text: str, span: SpacySpan, kind: QuoteType) -> Span:
    """The content as whosaid reports it: a direct quote without its marks."""
    start, end = span.start_char, span.end_char
    if kind == "direct":
        while end > start and text[end - 1] in ",.;: ":
            end -= 1
        start, end = start + 1, end - 1
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
    return Span.of(text, start, end)


def _span(text: str, span: SpacySpan | None) -> Span | None:
    # `text` is `doc.text`, read once per doc: spaCy rebuilds it on each access.
    return Span.of(text, span.start_char, span.end_char) if span is not None else None


def _source_span(text: str, span: SpacySpan | None) -> Span | None:
    # A source run over a paragraph break has picked up a byline ("Reuters").
    source = _span(text, span)
    return trim_to_paragraph(text, source) if source is not None else None


def orphan_cues(
    doc: Doc, tagged: TaggedSpans, linked: Sequence[Attribution]
) -> list[Span]:
    """The tagged cues that no linked attribution uses."""
    text = doc.text
    used = {(a.cue.start, a.cue.end) for a in linked if a.cue is not None}
    return [
        Span.of(text, cue.start_char, cue.end_char)
        for cue in tagged.cues
        if (cue.start_char, cue.end_char) not in used
    ]


def link_spans(doc: Doc, tagged: TaggedSpans) -> list[Attribution]:
    """Link each tagged content to a cue and a source.

    The cue is the nearest tagged cue in the content's sentences or the one
    before or after (crossing a sentence costs `SENTENCE_COST` tokens). The
    source is the tagged source nearest that cue in the cue's sentence; a
    content with no cue takes the nearest source in its own sentences. A
    direct content with neither continues the last speaker when one spoke
    within `CONTINUE_SENTENCES` sentences; other contents are returned with no
    cue and no source.
    """
    sent_of, text = sentence_index(doc), doc.text
    attributions: list[Attribution] = []
    speaking: tuple[Span, int] | None = None  # (content, sentence) of the last speaker
    for content in tagged.contents:
        cue = _nearest(content, tagged.cues, sent_of, max_gap=MAX_SENTENCE_GAP)
        source = _source_of(cue or content, tagged.sources, sent_of)
        kind = quote_type(content.text)
        continues = None
        # A quote paragraph with no cue continues the last speaker (#4).
        if (
            cue is None
            and source is None
            and kind == "direct"
            and speaking
            and sent_of[content.start] - speaking[1] <= CONTINUE_SENTENCES
        ):
            continues = speaking[0]
        found = content_span(text, content, kind)
        if source is not None or continues is not None:
            speaking = (found, sent_of[content.end - 1])
        attributions.append(
            Attribution(
                type=kind,
                content=found,
                cue=_span(text, cue),
                source=_source_span(text, source),
                # Provisional: ModelEngine sets every quote's confidence from
                # the table measured on train (`whosaid.extract.calibration`).
                confidence=PROVISIONAL_CONFIDENCE,
                continues=continues,
            )
        )
    return attributions


def trim_to_paragraph(text: str, span: Span) -> Span:
    """Cut a tagged source at its last paragraph break ("Reuters\\n\\nUnion leader X")."""
    cut = span.text.rfind("\n\n")
    if cut < 0:
        return span
    return Span.of(text, span.start + cut + 2, span.end)
