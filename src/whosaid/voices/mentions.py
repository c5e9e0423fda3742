"""The speaker mention as the article writes it, for source types (#15).

Extraction sometimes cuts a mention inside a hyphenated word: on the BBC set
291 of 17,241 mentions start after a hyphen ("topper" for "the
chart-topper", "home secretary" for "the ex-home secretary", "Secure" for
"security firm F-Secure"). `full_mention` puts the cut words back, with the
determiner that opens the phrase, so the source type reads "the chart-topper"
(a named singer) instead of "topper".

`core_words` drops what does not name the speaker: a floating quantifier at
the end ("the Conservatives and Lib Dems both"); `conjuncts` splits a
coordination ("Tories and Lib Dems") so each side can be typed.
"""

from __future__ import annotations

import re

from whosaid.model import Quote

from .evidence import words

# Words that end a mention without being its head: "the Tories both said".
FLOATING = words("both all alike also too themselves together each")
_DETERMINER = r"(?:[Tt]he|[Aa]n?|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)"
# Up to two capitalised words or numbers between the determiner and the cut
# word ("The Tory co-chairman", "the 31-year-old chart-topper"), never
# across a sentence.
_OPENING = re.compile(
    rf"\b({_DETERMINER})\s+((?:(?:[A-Z][\w'\u2019&]*|[\w-]*\d[\w-]*)\s+){{0,2}})$"
)
_NOT_INSIDE = words("Mr Mrs Ms Miss Dr Sir Lord Lady Dame")
_HYPHENATED = re.compile(r"[\w'\u2019.&]+-$")


def full_mention(quote: Quote, text: str | None) -> str:
    """The mention, extended over a hyphen it was cut at: "the chart-topper".

    Args:
        quote: The quote; its speaker span's offsets index `text`.
        text: The article's text; without it the mention is returned as is.
    """
    span = quote.speaker
    if span is None:
        return ""
    mention = span.text.strip()
    if not text or span.start <= 0 or span.start > len(text):
        return mention
    if text[span.start - 1] != "-" or text[span.start : span.end] != span.text:
        return mention
    start = span.start
    while True:  # "ex-Reds", "two-year-old": every hyphenated part
        found = _HYPHENATED.search(text, max(0, start - 40), start)
        if found is None:
            break
        start = found.start()
    line_start = text.rfind("\n", 0, start) + 1
    before = _OPENING.search(text[max(line_start, start - 60) : start])
    if before and not (set(before.group(2).split()) & _NOT_INSIDE):
        start -= len(before.group(0))
    return text[start : span.start] + mention


def core_words(found: list[str]) -> list[str]:
    """The words without a floating quantifier at the end ("... both")."""
    while len(found) > 1 and found[-1].lower() in FLOATING:
        found = found[:-1]
    return found


_AND = re.compile(r"\s+(?:and|&)\s+")


def conjuncts(mention: str) -> list[str]:
    """The parts of a coordination: "Tories and Lib Dems" -> two; else one."""
    return [part for part in _AND.split(mention) if part.strip()]
