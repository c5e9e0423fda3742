"""The tail both engines end with: contents, speakers, kinds, confidence.

An engine finds `Attribution`s its own way (the rules alone, or the tagger
merged with the rules) and hands them to `finish_quotes`, which returns
finished `Quote`s: reported clauses without their leading "that", speakers
resolved (`whosaid.extract.speakers`), kind and cue
stance read from the cue (`whosaid.extract.kinds`), and, for an engine with a
calibration table, the confidence measured on train
(`whosaid.extract.calibration`). Nothing downstream sets these fields again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from whosaid.extract.calibration import calibrate
from whosaid.extract.kinds.classify import assign_kinds
from whosaid.extract.links import relink
from whosaid.extract.rules.confidence import UNCLOSED_FACTOR
from whosaid.extract.rules.marks import pair_quote_marks
from whosaid.extract.speakers.resolve import resolve_speakers
from whosaid.extract.syntax import text_of
from whosaid.model import Quote, Span
from whosaid.pronouns import is_pronoun_content

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from whosaid.clean import Residue
    from whosaid.model import Attribution


def finish_quotes(
    doc: Doc,
    attributions: list[Attribution],
    *,
    doc_id: str,
    engine: str,
    residue: list[Residue],
    confidence: Mapping[str, float] | None = None,
) -> list[Quote]:
    """Turn an engine's attributions into finished quotes, in the order given.

    Args:
        doc: The parsed article; needs named entities and a dependency parse.
        attributions: Spans over the doc's text, from either engine.
        doc_id: The article id written into each quote.
        engine: The engine name and version written into each quote.
        residue: Scraped regions (bylines, captions) whose names never speak.
        confidence: A calibration table (key -> confidence); None keeps the
            confidence the engine found each attribution with.
    """
    renamed = {
        a.content: _without_complementizer(doc, a.content)
        for a in attributions
        if a.type != "direct"
    }
    attributions = relink(
        [
            a if a.type == "direct" else replace(a, content=renamed[a.content])
            for a in attributions
        ],
        {old: new for old, new in renamed.items() if old != new},
    )
    # A content that is only a pronoun ("who", "him") says nothing (#13).
    attributions = [a for a in attributions if not is_pronoun_content(a.content.text)]
    quotes = resolve_speakers(doc, attributions, doc_id, engine, residue=residue)
    quotes = assign_kinds(doc, quotes)  # kind and cue_stance (#8)
    if confidence is not None:
        quotes = calibrate(quotes, confidence)
    return doubt_unclosed(text_of(doc), quotes)


def doubt_unclosed(text: str, quotes: list[Quote]) -> list[Quote]:
    """Lower the confidence of a record that holds a quote with no closing mark.

    The quote was kept, ending with its paragraph (#13), but where it really
    ends is a guess, and the record says so, whichever engine found it.
    """
    unclosed = [span for span in pair_quote_marks(text).spans if span.unclosed]
    if not unclosed:
        return quotes
    return [
        replace(q, confidence=round(q.confidence * UNCLOSED_FACTOR, 4))
        if any(q.content.start < u.close and u.start < q.content.end for u in unclosed)
        else q
        for q in quotes
    ]


def _without_complementizer(doc: Doc, content: Span) -> Span:
    """Drop a leading complementizer: "that the plan failed" -> "the plan failed".

    Only a "that" that introduces the clause: marked so by the parser, or
    misread as an object of a verb that has a subject of its own ("told
    reporters at a briefing that the talks had stalled"); never a pronoun
    subject ("said that was wrong"). Every engine reports the same words.
    """
    tokens = doc.char_span(content.start, content.end, alignment_mode="expand")
    if tokens is None or len(tokens) < 2:
        return content
    first = tokens[0]
    if first.lower_ != "that" or first.idx != content.start:
        return content
    subjects = [t for t in first.head.children if t.dep_ in ("nsubj", "nsubjpass")]
    if first.dep_ == "mark" or (subjects and first not in subjects):
        return Span.of(text_of(doc), tokens[1].idx, content.end)
    return content
