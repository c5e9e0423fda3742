"""Find attributions in a parsed article: the span-finding stage of the rules.

`find_attributions(doc)` pairs quotation marks (`marks`), attributes each
quoted span to the cue and speaker written next to it (`direct`, with the
scare-quote policy in `quoted`), finds reported speech from the parse
(`indirect`, untangled by `nesting`), and links quotes with no cue of their
own to the speaker they continue (`continuations`). It returns `Attribution`s
(character spans, no resolved names): the same thing a trained tagger
produces, so both engines hand them to the shared tail (`whosaid.extract.finish`).
`RulesFinder` holds the options and lexicon both engines find with.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from whosaid import settings
from whosaid.clean import Residue, find_residue, in_residue
from whosaid.extract.cues import DEFAULT_LEXICON, CueLexicon, load_lexicon
from whosaid.extract.rules.confidence import (
    CONFIDENCE,
    MIXED_BONUS,
    NOT_SPEECH_FACTOR,
)
from whosaid.extract.rules.continuations import add_continuations
from whosaid.extract.rules.direct import TokenIndex, match_direct
from whosaid.extract.rules.fragments import add_fragments
from whosaid.extract.rules.indirect import IndirectMatch, match_indirect
from whosaid.extract.rules.marks import Paragraphs, QuotedSpan, pair_quote_marks
from whosaid.extract.rules.nesting import (
    cut_before_cues,
    drop_duplicated_fragments,
    drop_nested_reports,
    untangle,
)
from whosaid.extract.rules.quoted import direct_attribution
from whosaid.extract.syntax import text_of
from whosaid.model import Attribution, QuoteType, Span

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class RuleOptions:
    """What the rules consider a quote."""

    min_quote_words: int = 3
    lexicon: str = DEFAULT_LEXICON


@dataclass(frozen=True, slots=True)
class RulesFinder:
    """The rules' span finder with its options and lexicon, loaded once.

    The rules engine runs it alone; the model engine runs it next to its
    tagger and merges the two (`whosaid.extract.tagger.merge`).
    """

    options: RuleOptions
    lexicon: CueLexicon

    @classmethod
    def from_settings(cls, options: RuleOptions | None = None) -> RulesFinder:
        """Build the finder with `options`, else the `min_quote_words` setting."""
        options = options or RuleOptions(
            min_quote_words=int(settings.get("min_quote_words"))
        )
        return cls(options, load_lexicon(options.lexicon))

    def find(
        self, doc: Doc, *, residue: list[Residue]
    ) -> tuple[list[Attribution], dict[str, int]]:
        """Return the attributions of `doc`, and counts of what was skipped."""
        return find_attributions(
            doc, options=self.options, lexicon=self.lexicon, residue=residue
        )


def _indirect_attribution(
    text: str, match: IndirectMatch, quotes: list[QuotedSpan], claimed: set[int]
) -> tuple[Attribution | None, list[QuotedSpan]]:
    """Make an indirect or mixed attribution; return the quotes it contains.

    `claimed` holds the positions (in `quotes`) of quotes already attributed
    as direct quotes.
    """
    content = _with_whole_quotes(text, match.content, quotes)
    inner = [
        q for q in quotes if content.start <= q.open and q.close_end <= content.end
    ]
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
        and match.frame in ("ccomp", "reverse", "as-report")
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
    """Cut a dateline or other residue off the front of a speaker mention.

    Residue inside the mention cuts everything before it too: a footnote
    number glued into one token ("offshore.3Mr Holt" -> "Mr Holt", #13).
    """
    if source is None:
        return None
    start = source.start
    for region in residue:
        if region.start <= start < region.end or start < region.start < source.end:
            start = max(start, region.end)
    while start < source.end and text[start].isspace():
        start += 1
    if start >= source.end:
        return None
    return source if start == source.start else Span.of(text, start, source.end)


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
    paragraphs = Paragraphs(text)
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
        attribution = direct_attribution(
            text, match, options.min_quote_words, sentence_start
        )
        if attribution is not None:
            found.append(attribution)
            attributed.add(k)
            direct_cues.add(match.cue_token)

    # One flag per character, not a scan of every quote per token (#19).
    inside_quotes = bytearray(len(text))
    for q in quotes:
        inside_quotes[q.start : q.end] = b"\x01" * (q.end - q.start)
    direct_cue_tokens = [doc[i] for i in sorted(direct_cues)]
    reports: list[tuple[Attribution, str, bool]] = []
    for token in doc:
        if inside_quotes[token.idx] or in_residue(residue, token.idx, token.idx + 1):
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
    found = add_fragments(doc, quotes, attributed, found)
    found = add_continuations(
        doc, quotes, attributed, found, paragraphs, min_words=options.min_quote_words
    )
    return found, skipped


def _floor_before(text: str, paragraphs: Paragraphs, char: int) -> int:
    """Where to stop looking back for a cue: the paragraph start, or the one
    before when that paragraph ends with a colon ("He said:" then the quote)."""
    number = paragraphs.index(char)
    lo = paragraphs.bounds[number][0]
    if number and text[paragraphs.bounds[number - 1][0] : lo].rstrip().endswith(":"):
        return paragraphs.bounds[number - 1][0]
    return lo


def _within_paragraph(
    text: str, content: Span, cue_at: int, paragraphs: Paragraphs
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
