"""Find attributions in a parsed article: the span-finding stage of the rules.

`find_attributions(doc)` pairs quotation marks, attributes each quoted span to
the cue and speaker written next to it, finds reported speech from the parse,
and links quotes with no cue of their own to the speaker they continue. It
returns `Attribution`s (character spans, no resolved names): the same thing a
trained tagger produces, so both feed `whosaid.extract.resolve`.

The scare-quote rule (#2): a quoted span is a quote only when it is attributed.
It is attributed when a cue sits next to it (`"…," Reed said`; `Reed said: "…"`),
when it lies in the reported clause of a cue (a mixed quote), or when it is a
whole sentence of at least `min_quote_words` words that follows, in the same
or the next paragraph, an attribution with a speaker (it continues that
speaker). A short quoted span or a title ("called it 'fake news'", "the film
"The Long Road Home"") must be set off by a comma or colon, or end its sentence
with its own punctuation, to count; otherwise it is a scare quote or a title.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from whosaid.clean import Residue, find_residue, in_residue
from whosaid.extract.cues import CueLexicon, load_lexicon
from whosaid.extract.direct import DirectMatch, TokenIndex, match_direct
from whosaid.extract.indirect import IndirectMatch, match_indirect
from whosaid.extract.marks import QuotedSpan, pair_quote_marks, split_paragraphs
from whosaid.extract.nesting import (
    cut_before_cues,
    drop_duplicated_fragments,
    drop_nested_reports,
    untangle,
)
from whosaid.extract.syntax import text_of
from whosaid.model import Attribution, QuoteType, Span

_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)]*\s*$")
_WORD = re.compile(r"\w+")
_POSSESSOR = re.compile(r"\w['’]s?\s*$")
_SENTENCE_BREAK = re.compile(r"[.!?…][\"'”’)]*\s+|\n")

# Base confidence by how an attribution was found; tuned on PolNeAR train.
CONFIDENCE = {
    "direct:after": 0.95,
    "direct:before": 0.92,
    "direct:colon": 0.6,
    "direct:lead-in": 0.55,  # mixed: words of the clause before the quote
    "direct:lead": 0.75,  # mixed: 'said Paris "will not…"' found from the quote
    "continues": 0.9,
    "subject": 0.6,
    "ccomp": 0.8,
    "reverse": 0.7,
    "according": 0.75,
    "xcomp": 0.55,
    "prep": 0.55,
    "as": 0.6,
    "dobj": 0.45,
}
# Measured on PolNeAR: a clause reported by a cue of thinking or wanting is
# annotated far less consistently than one reported by a cue of saying.
NOT_SPEECH_FACTOR = 0.55
MIXED_BONUS = 0.05


@dataclass(frozen=True, slots=True)
class RuleOptions:
    """What the rules consider a quote."""

    min_quote_words: int = 3
    lexicon: str = "cues.en.v1.tsv"


class _Paragraphs:
    def __init__(self, text: str) -> None:
        self.bounds = split_paragraphs(text) or [(0, len(text))]
        self._starts = [start for start, _ in self.bounds]

    def index(self, char: int) -> int:
        return max(bisect.bisect_right(self._starts, char) - 1, 0)


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _is_formal(text: str, quote: QuotedSpan, match: DirectMatch) -> bool:
    """Say whether a short or title-like quote is set off as a quotation."""
    inside = text[quote.start : quote.end]
    if _POSSESSOR.search(text, max(quote.open - 4, 0), quote.open):
        return False  # 'Fox News’s "Sunday Morning Futures,"': a title
    if match.position == "after":
        after = text[quote.close_end : quote.close_end + 2].lstrip()
        return inside[-1:] in ",?!—-…" or after[:1] in ",—-"
    before = text[max(quote.open - 3, 0) : quote.open].rstrip()
    if _is_title(inside):
        return before[-1:] in ":,"
    return before[-1:] in ":," or inside[-1:] in ".?!…"


_NAMING_WORDS = frozenset({"it", "them", "him", "her", "this", "that", "as"})


def _names_it(text: str, match: DirectMatch) -> bool:
    """Say whether a cue names its object with the quote: `called it "…"`.

    True when a pronoun object or "as" stands between the cue and the quote
    with no comma or colon to set the quote off.
    """
    if match.position != "before" or match.cue.end > match.quote.open:
        return False
    gap = text[match.cue.end : match.quote.open]
    words = {w.lower() for w in _WORD.findall(gap)}
    return bool(words & _NAMING_WORDS) and gap.rstrip()[-1:] not in (":", ",")


def _clause_goes_on(text: str, quote: QuotedSpan) -> bool:
    """Say whether the sentence carries on after the quote: `said "x" in y`."""
    if text[quote.start : quote.end][-1:] in (",", ".", "!", "?", ";", ":"):
        return False
    after = text[quote.close_end : quote.close_end + 40].lstrip(" \t")
    if after.startswith(("and ", "but ", "or ", "as ", "while ")):
        return False  # a new clause: 'praised Frey as "…" but thinks …'
    return bool(after) and (
        after[0].isalnum() and not after.startswith(("he ", "she "))
    )


def _is_title(inside: str) -> bool:
    if inside.rstrip("”’\"'")[-1:] in ("!", "?"):
        return False  # an exclamation or a question, not a title
    words = [w for w in inside.split() if w[:1].isalpha()]
    small = {"a", "an", "the", "of", "and", "in", "on", "to", "for", "at", "by"}
    return bool(words) and all(w[0].isupper() or w.lower() in small for w in words)


def _direct_attribution(
    text: str, match: DirectMatch, min_words: int, sentence_start: int
) -> Attribution | None:
    """Make a direct attribution, or a mixed one when words precede the quote.

    `The country "has made dramatic changes," McConnell said` reports a clause
    of which only part is quoted: a mixed quote from `sentence_start`.
    """
    quote = match.quote
    inside = text[quote.start : quote.end]
    prefix = text[sentence_start : quote.open]
    if ends := list(_SENTENCE_BREAK.finditer(prefix)):
        sentence_start += ends[-1].end()
        prefix = text[sentence_start : quote.open]
    if match.source is None:
        return None
    if match.lead is not None:
        if _words(inside) < min_words:
            return None  # 'called it "fake news"': a scare quote (#2)
        content = Span.of(text, match.lead, quote.close_end)
        confidence = CONFIDENCE["direct:lead"]
        return Attribution("mixed", content, match.cue, match.source, confidence)
    if (
        match.position == "after"
        and _WORD.search(prefix)
        and prefix.rstrip()[-1:] != ":"
    ):
        content = Span.of(
            text, sentence_start + len(prefix) - len(prefix.lstrip()), quote.close_end
        )
        confidence = CONFIDENCE["direct:lead-in"]
        return Attribution("mixed", content, match.cue, match.source, confidence)
    if match.position == "before" and _clause_goes_on(text, quote):
        return None  # a quoted fragment of a reported clause: a mixed quote
    if (_words(inside) < min_words or _is_title(inside)) and not _is_formal(
        text, quote, match
    ):
        return None
    if _words(inside) < min_words and _names_it(text, match):
        return None  # "called it 'fake news.'": naming, not quoting (#2)
    confidence = CONFIDENCE[f"direct:{match.position}"]
    content = Span.of(text, quote.start, quote.end)
    return Attribution("direct", content, match.cue, match.source, confidence)


def _indirect_attribution(
    text: str, match: IndirectMatch, quotes: list[QuotedSpan], claimed: set[int]
) -> tuple[Attribution | None, list[QuotedSpan]]:
    """Make an indirect or mixed attribution; return the quotes it contains.

    `claimed` holds the positions (in `quotes`) of quotes already attributed
    as direct quotes.
    """
    content = _with_whole_quotes(text, match.content, quotes)
    inner = [q for q in quotes if content.start <= q.open and q.close < content.end]
    outside = text[content.start : content.end]
    for quote in reversed(inner):
        a, b = quote.open - content.start, quote.close_end - content.start
        outside = outside[:a] + " " + outside[b:]
    remaining = [w for w in _WORD.findall(outside) if w.lower() != "that"]
    if inner and not remaining and all(quotes.index(q) in claimed for q in inner):
        return None, inner  # only a quotation, already a direct quote
    if (
        len(inner) == 1
        and not _WORD.search(outside)
        and match.frame in ("ccomp", "reverse")
    ):
        # The whole clause is one quotation the direct finder missed (a parse
        # it could not read, '“…,” harbour master Lena Park said'): a direct
        # quote, its content inside the marks (#2). 'added that “…”' stays mixed.
        quote = inner[0]
        position = "after" if match.cue.start >= quote.close_end else "before"
        direct = Span.of(text, quote.start, quote.end)
        confidence = CONFIDENCE[f"direct:{position}"]
        return Attribution("direct", direct, match.cue, match.source, confidence), inner
    kind: QuoteType = "mixed" if inner else "indirect"
    confidence = CONFIDENCE.get(match.frame, 0.5) + (MIXED_BONUS if inner else 0.0)
    if match.cue_class != "speech":
        confidence *= NOT_SPEECH_FACTOR
    return Attribution(kind, content, match.cue, match.source, confidence), inner


def _with_whole_quotes(text: str, content: Span, quotes: list[QuotedSpan]) -> Span:
    """Extend a content span to the closing mark of a quote it leaves open."""
    start, end = content.start, content.end
    for quote in quotes:
        if start <= quote.open < end < quote.close_end and not text[
            end : quote.close
        ].strip(" .,!?"):
            end = quote.close_end
        if (
            quote.open < start
            and end <= quote.close
            and not (text[quote.start : start] + text[end : quote.close]).strip(" .,!?")
        ):
            start, end = quote.open, quote.close_end  # the clause is the quote
        if (
            start < quote.close < end
            and quote.open < start
            and not text[quote.start : start].strip()
        ):
            start = quote.open
    return (
        Span.of(text, start, end)
        if (start, end) != (content.start, content.end)
        else content
    )


def _trim_residue(
    source: Span | None, residue: list[Residue], text: str
) -> Span | None:
    """Cut a dateline or other residue off the front of a speaker mention."""
    if source is None:
        return None
    start = source.start
    for region in residue:
        if region.start <= start < region.end:
            start = region.end
    while start < source.end and text[start].isspace():
        start += 1
    if start >= source.end:
        return None
    return source if start == source.start else Span.of(text, start, source.end)


def _starts_sentence(text: str, quote: QuotedSpan, floor: int) -> bool:
    before = text[floor : quote.open]
    return not before.strip() or bool(_SENTENCE_END.search(before))


def find_attributions(
    doc: Doc,
    *,
    options: RuleOptions | None = None,
    lexicon: CueLexicon | None = None,
    residue: list[Residue] | None = None,
) -> tuple[list[Attribution], dict[str, int]]:
    """Find the attributions of a parsed article, in document order.

    Args:
        doc: Needs a dependency parse, tags and lemmas.
        residue: Regions to ignore; found with `whosaid.clean` when None.

    Returns:
        The attributions, and counts of what was skipped by reason.
    """
    options = options or RuleOptions()
    lexicon = lexicon or load_lexicon(options.lexicon)
    text = text_of(doc)
    residue = find_residue(text) if residue is None else residue
    marks = pair_quote_marks(text)
    skipped = {"unbalanced quotes": marks.unbalanced} if marks.unbalanced else {}
    quotes = [q for q in marks.spans if not in_residue(residue, q.open, q.close_end)]
    paragraphs = _Paragraphs(text)
    index = TokenIndex(doc)

    found: list[Attribution] = []
    attributed: set[int] = set()
    direct_cues: set[int] = set()
    for k, quote in enumerate(quotes):
        lo, _ = paragraphs.bounds[paragraphs.index(quote.open)]
        _, hi = paragraphs.bounds[paragraphs.index(quote.close)]
        floor = _floor_before(text, paragraphs, quote.open)
        floor = max(floor, quotes[k - 1].close_end) if k else floor
        limit = min(hi, quotes[k + 1].open) if k + 1 < len(quotes) else hi
        match = match_direct(
            doc, quote, index=index, lexicon=lexicon, floor=floor, limit=limit
        )
        if match is None:
            continue
        match = replace(match, source=_trim_residue(match.source, residue, text))
        sentence_start = max(floor, index.at(quote.open).sent.start_char)
        for region in residue:
            if region.start <= sentence_start < region.end:
                sentence_start = region.end  # "WASHINGTON (AP) — “We won,” …"
        attribution = _direct_attribution(
            text, match, options.min_quote_words, sentence_start
        )
        if attribution is not None:
            found.append(attribution)
            attributed.add(k)
            direct_cues.add(match.cue_token)

    inside_quotes = [(q.start, q.end) for q in quotes]
    direct_cue_tokens = [doc[i] for i in sorted(direct_cues)]
    reports: list[tuple[Attribution, str, bool]] = []
    for token in doc:
        if any(a <= token.idx < b for a, b in inside_quotes) or in_residue(
            residue, token.idx, token.idx + 1
        ):
            continue
        indirect = match_indirect(doc, token, lexicon)
        if indirect is None:
            continue
        source = _trim_residue(indirect.source, residue, text)
        content = _trim_residue(
            _within_paragraph(text, indirect.content, token.idx, paragraphs),
            residue,
            text,
        )
        content = cut_before_cues(doc, content, token, direct_cue_tokens)
        if source is None or content is None:
            continue
        spans = untangle(text, content, indirect.cue, source)
        if spans is None:
            continue
        indirect = replace(indirect, content=spans[0], source=spans[1])
        attribution, inner = _indirect_attribution(text, indirect, quotes, attributed)
        if attribution is None:
            continue
        if token.i in direct_cues:
            continue
        for quote in inner:
            attributed.add(quotes.index(quote))
        forward = indirect.frame == "ccomp" and indirect.cue.end <= content.start
        reports.append((attribution, indirect.cue_class, forward))

    found = drop_duplicated_fragments(found + drop_nested_reports(reports))
    found = _add_continuations(doc, quotes, attributed, found, paragraphs, options)
    return found, skipped


def _floor_before(text: str, paragraphs: _Paragraphs, char: int) -> int:
    """Where to stop looking back for a cue: the paragraph start, or the one
    before when that paragraph ends with a colon ("He said:" then the quote)."""
    number = paragraphs.index(char)
    lo = paragraphs.bounds[number][0]
    if number and text[paragraphs.bounds[number - 1][0] : lo].rstrip().endswith(":"):
        return paragraphs.bounds[number - 1][0]
    return lo


def _within_paragraph(
    text: str, content: Span, cue_at: int, paragraphs: _Paragraphs
) -> Span | None:
    """Clip a content span to the paragraph of its cue."""
    lo, hi = paragraphs.bounds[paragraphs.index(cue_at)]
    start, end = max(content.start, lo), min(content.end, hi)
    if start >= end:
        return None
    part = text[start:end]
    start += len(part) - len(part.lstrip())
    end -= len(part) - len(part.rstrip())
    return Span.of(text, start, end) if start < end else None


def _subject_between(
    doc: Doc, start: int, end: int, quotes: list[QuotedSpan]
) -> Span | None:
    """The last person named as a subject in `[start, end)`, outside quotes."""
    found = None
    for ent in doc.ents:
        if ent.label_ != "PERSON" or not start <= ent.start_char < end:
            continue
        if (
            ent.root.dep_ != "nsubj"
            or ent.root.head.dep_ != "ROOT"
            or any(q.open < ent.start_char < q.close for q in quotes)
        ):
            continue
        found = Span.of(text_of(doc), ent.start_char, ent.end_char)
    return found


def _add_continuations(
    doc: Doc,
    quotes: list[QuotedSpan],
    attributed: set[int],
    found: list[Attribution],
    paragraphs: _Paragraphs,
    options: RuleOptions,
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
            or _words(inside) < options.min_quote_words
            or _is_title(inside)
            or inside.endswith(",")  # '"…," Trump barked': a cue we do not know
        ):
            continue
        paragraph = paragraphs.index(quote.open)
        lo = paragraphs.bounds[paragraph][0]
        floor = (
            max(lo, quotes[k - 1].close_end) if k and quotes[k - 1].close >= lo else lo
        )
        if not _starts_sentence(text, quote, floor) or _clause_goes_on(text, quote):
            continue
        previous = [
            a
            for a in ordered
            if a.content.end <= quote.open
            and (a.source is not None or a.continues is not None)
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
                continues=id(before),
            )
        else:
            continue
        ordered.append(link)
        ordered.sort(key=lambda a: (a.content.start, a.content.end))
    positions = {id(a): i for i, a in enumerate(ordered)}
    return [
        replace(a, continues=positions[a.continues]) if a.continues is not None else a
        for a in ordered
    ]
