"""Quotes with no cue of their own: the speaker they continue (#4).

A quoted whole sentence of at least `min_quote_words` words that follows, in
the same or the next paragraph, an attribution with a speaker continues that
speaker, unless a person is named as a subject in between.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from whosaid.extract.rules.confidence import CONFIDENCE
from whosaid.extract.rules.marks import Paragraphs, QuotedSpan
from whosaid.extract.rules.quoted import clause_goes_on, count_words, is_title
from whosaid.extract.syntax import text_of
from whosaid.model import Attribution, Span

_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)]*\s*$")


def _starts_sentence(text: str, quote: QuotedSpan, floor: int) -> bool:
    before = text[floor : quote.open]
    return not before.strip() or bool(_SENTENCE_END.search(before))


def _subject_between(
    doc: Doc, start: int, end: int, quotes: list[QuotedSpan]
) -> Span | None:
    """The last person named as a subject in `[start, end)`, outside quotes.

    A person is a PERSON entity, or the surname of one named in full earlier,
    whatever the NER made of it ("Bill Bishop, a China expert, said …" then
    "Bishop was skeptical.", the second tagged ORG; real news).
    """
    surnames = {
        ent[-1].text
        for ent in doc.ents
        if ent.label_ == "PERSON" and len(ent) > 1 and ent.start_char < start
    }
    candidates = [
        (ent.root, ent.start_char, ent.end_char)
        for ent in doc.ents
        if ent.label_ == "PERSON"
    ]
    # only the words of the window, not the whole article for every quote
    window = doc.char_span(start, end, alignment_mode="expand") if end > start else None
    candidates += [
        (token, token.idx, token.idx + len(token.text))
        for token in window or ()
        if token.text in surnames
        and token.pos_ == "PROPN"
        and token.ent_type_ != "PERSON"
    ]
    found = None
    for root, first, last in sorted(candidates, key=lambda c: c[1]):
        if not start <= first < end:
            continue
        if (
            root.dep_ != "nsubj"
            or root.head.dep_ != "ROOT"
            or any(q.open < first < q.close for q in quotes)
        ):
            continue
        found = Span.of(text_of(doc), first, last)
    return found


def _in_relative_clause(doc: Doc, attribution: Attribution) -> bool:
    """Say whether an attribution's cue is a relative clause on a noun.

    '"…," wrote Hua Li, whom the paper described as an expert. "…"': the
    second quote goes on with Hua Li, not with "the paper" (real news).
    """
    cue = attribution.cue
    if cue is None:
        return False
    chars = doc.char_span(cue.start, cue.end, alignment_mode="expand")
    return chars is not None and len(chars) > 0 and chars.root.dep_ == "relcl"


def add_continuations(
    doc: Doc,
    quotes: list[QuotedSpan],
    attributed: set[int],
    found: list[Attribution],
    paragraphs: Paragraphs,
    *,
    min_words: int,
) -> list[Attribution]:
    """Give each unattributed whole-sentence quote the speaker before it.

    That is the person named as a subject since the previous attribution, if
    any ("Sanders identified … \n "The younger people …""), else the previous
    attribution's speaker (the quote continues it, `cue: null`).
    """
    text = text_of(doc)
    ordered = sorted(found, key=lambda a: (a.content.start, a.content.end))
    for k, quote in enumerate(quotes):
        inside = text[quote.start : quote.end]
        if (
            k in attributed
            or count_words(inside) < min_words
            or is_title(inside)
            or inside.endswith(",")  # '"…," Trump barked': a cue we do not know
        ):
            continue
        paragraph = paragraphs.index(quote.open)
        lo = paragraphs.bounds[paragraph][0]
        floor = (
            max(lo, quotes[k - 1].close_end) if k and quotes[k - 1].close >= lo else lo
        )
        if not _starts_sentence(text, quote, floor) or clause_goes_on(text, quote):
            continue
        previous = [
            a
            for a in ordered
            if a.content.end <= quote.open
            and (a.source is not None or a.continues is not None)
            and not _in_relative_clause(doc, a)
        ]
        window = paragraphs.bounds[max(paragraph - 1, 0)][0]
        before = max(previous, key=lambda a: a.content.end) if previous else None
        if (
            before is not None
            and paragraphs.index(before.content.start) < paragraph - 1
        ):
            before = None
        since = window if before is None else max(before.content.end, window)
        if before is not None and before.source is not None:
            since = max(since, before.source.end)
        content = Span.of(text, quote.start, quote.end)
        subject = _subject_between(doc, since, quote.open, quotes)
        if subject is not None:
            link = Attribution("direct", content, None, subject, CONFIDENCE["subject"])
        elif before is not None:
            link = Attribution(
                "direct",
                content,
                None,
                None,
                CONFIDENCE["continues"],
                continues=before.content,
            )
        else:
            continue
        ordered.append(link)
        ordered.sort(key=lambda a: (a.content.start, a.content.end))
    return ordered
