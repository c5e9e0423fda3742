"""The scare-quote policy (#2): which quoted spans next to a cue are quotes.

A short quoted span or a title ("called it 'fake news'", "the film "The Long
Road Home"") must be set off by a comma or colon, or end its sentence with its
own punctuation, to count; otherwise it is a scare quote or a title. Words
before the quote in its sentence make it a mixed quote.
"""

from __future__ import annotations

import re

from whosaid.extract.rules.confidence import CONFIDENCE
from whosaid.extract.rules.direct import DirectMatch
from whosaid.extract.rules.marks import QuotedSpan
from whosaid.model import Attribution, Span

_WORD = re.compile(r"\w+")
_POSSESSOR = re.compile(r"\w['’]s?\s*$")
_SENTENCE_BREAK = re.compile(r"[.!?…][\"'”’)]*\s+|\n")


def count_words(text: str) -> int:
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
    if is_title(inside):
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


def clause_goes_on(text: str, quote: QuotedSpan) -> bool:
    """Say whether the sentence carries on after the quote: `said "x" in y`."""
    if text[quote.start : quote.end][-1:] in (",", ".", "!", "?", ";", ":"):
        return False
    after = text[quote.close_end : quote.close_end + 40].lstrip(" \t")
    if after.startswith(("and ", "but ", "or ", "as ", "while ")):
        return False  # a new clause: 'praised Frey as "…" but thinks …'
    return bool(after) and (
        after[0].isalnum() and not after.startswith(("he ", "she "))
    )


def is_title(inside: str) -> bool:
    if inside.rstrip("”’\"'")[-1:] in ("!", "?"):
        return False  # an exclamation or a question, not a title
    words = [w for w in inside.split() if w[:1].isalpha()]
    small = {"a", "an", "the", "of", "and", "in", "on", "to", "for", "at", "by"}
    return bool(words) and all(w[0].isupper() or w.lower() in small for w in words)


def direct_attribution(
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
        if count_words(inside) < min_words:
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
    if match.position == "before" and clause_goes_on(text, quote):
        return None  # a quoted fragment of a reported clause: a mixed quote
    if (count_words(inside) < min_words or is_title(inside)) and not _is_formal(
        text, quote, match
    ):
        return None
    if count_words(inside) < min_words and _names_it(text, match):
        return None  # "called it 'fake news.'": naming, not quoting (#2)
    confidence = CONFIDENCE[f"direct:{match.position}"]
    content = Span.of(text, quote.start, quote.end)
    return Attribution("direct", content, match.cue, match.source, confidence)
