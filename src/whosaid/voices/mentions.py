"""The speaker mention as the article writes it, for source types (#15).

Extraction sometimes cuts a mention inside a hyphenated word: on the BBC set
291 of 17,241 mentions start after a hyphen ("topper" for "the
chart-topper", "home secretary" for "the ex-home secretary", "Secure" for
"security firm F-Secure"). `full_mention` puts the cut words back, with the
determiner that opens the phrase, so the source type reads "the chart-topper"
(a named singer) instead of "topper".

`core_words` drops what does not name the speaker: a floating quantifier at
the end ("the Conservatives and Lib Dems both"); `conjuncts` splits a
coordination ("Tories and Lib Dems") so each side can be typed;
`named_apposition` finds the name after a description the resolver left
unnamed ("ITV's controller of entertainment, Claudia Rosencrantz").
"""

from __future__ import annotations

import re

from whosaid.model import Quote

from .evidence import HONORIFICS, words
from .names import is_first_name

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


_CAPITALISED = re.compile(r"[A-Z][\w'\u2019.-]*")
_COMPANY_ENDINGS = words(
    "holdings inc ltd plc corp corporation co partners associates llp ag sa nv"
)
# "... for the prosecutor": one person, named by the apposition that follows.
_OF_ONE_PERSON = re.compile(
    r"\b(?:for|of|to|from|with)\s+(?:the|an?)\s+(?P<noun>[a-z]+[^s\W])$"
)


def named_apposition(mention: str, bodies: frozenset[str]) -> bool:
    """Whether a mention ends in a person's name set off by a comma.

    "The BBC's correspondent in Jakarta, Rachel Harvey", "director of the
    Victims of Crime Trust, Norman Brennan", "A spokesman for DLF Builders,
    Dr Vancheshwar": the resolver found no name, but the article gives it
    (#15). The part after the last comma must be capitalised words only,
    opening with an honorific or with the first name of its last two words
    ("New York State Comptroller Alan Hevesi"); one word alone is too often
    a place ("Richmond, Virginia"), a title ("their third album, War"). A
    name after one person described ("a spokesman for the prosecutor, New
    York State Comptroller Alan Hevesi") is that person's, not the speaker's;
    after a body ("a spokesman for the firm, Jo Brekke"), the speaker's.

    Args:
        mention: The speaker mention as written.
        bodies: Nouns that name a body, not a person ("firm", "ministry").
    """
    if "," not in mention:
        return False
    described, name = mention.rsplit(",", 1)
    one = _OF_ONE_PERSON.search(described)
    if one and one["noun"] not in bodies:
        return False
    found = name.split()
    if not 1 < len(found) <= 6 or not all(_CAPITALISED.fullmatch(w) for w in found):
        return False
    if found[-1].lower().rstrip(".") in bodies | _COMPANY_ENDINGS:
        return False  # "Brekke Holdings", "Wessex Group": a body's name
    first = found[0].lower().rstrip(".")
    if first in HONORIFICS or first in ("dr", "prof", "professor"):
        return True
    return is_first_name(found[-2])
