"""Unnamed bodies, named bodies and described offices, for source types (#15).

Seed 19's errors and the whole BBC index (read, `docs/voices.md`) showed
three mentions that `sources` typed by their nouns alone:

- a bare plural of bodies is no named organisation: "Security firms",
  "Human rights groups", "Unions", "developers" are unnamed sources, typed
  anonymous as "Many discussion groups" already was; "Both companies" (named
  before) and "authorities" (the state) keep the organisation;
- a capitalised name that opens with a plural of bodies is a body, not a
  person: "Universities Scotland";
- a definite office described by its case or by an indefinite body is no
  one the article named: "the judge in the case", "the chief executive of a
  leading European car maker";
- a resolver's "organisation" that ends in a person's role and a full name is
  that person: "Cebit organiser Gabriele Dorries", "France captain Fabien
  Pelous".

Seeds 18-20 re-scored on an index of the evening's extraction added two
(`person_after_body`, and the role "director of rugby" before a name, also
in a mention the resolver left unnamed).
"""

from __future__ import annotations

import re

from .evidence import words
from .names import is_first_name

# Plural bodies that name the state or a known side, not unnamed sources.
_KEEP = words("authorities")
# Openings that point back to bodies the article named.
_NAMED_BEFORE = words("the both its their his her our these those")
_ROLE_BEFORE_NAME = re.compile(
    r"\b(?:spokesman|spokeswoman|spokesperson|chairman|chairwoman|chief|boss|"
    r"captain|organiser|organizer|director|executive|president|secretary|"
    r"minister|leader|head|founder|editor|manager|coach|analyst|economist)"
    # "director of rugby Nigel Melville", not "head of the Brekke Trust"
    r"(?:\s+of\s+(?!the\b|an?\b)[a-z]+)?"
    r"\s+[A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+)+$"
)
# A common noun and a preposition before the role: the speaker is someone
# that person describes ("A close associate of former Yukos boss ..."), not a
# body's name ("Commission for Racial Equality chairman Trevor Phillips").
_DESCRIBED_BY = re.compile(
    r"^(?:[Aa]n?|[Tt]he)\s+(?:[a-z][\w-]*\s+)+(?:of|for|to|with|from|by|at)\s"
)
# "For the Lib Dems David Laws said": a body's name, then a person's full name.
_BODY_THEN_NAME = re.compile(
    r"(?P<body>[\w'\u2019-]+)\s+(?P<first>[A-Z][a-z]+)\s+[A-Z][\w'\u2019-]+$"
)
# "the judge in the case", "the chief executive of a leading car maker",
# "the boss of the organisation that cleared them": described, not named.
_DESCRIBED_OFFICE = re.compile(
    r"^the\s+[\w\s-]+?\s+(?:in\s+the\s+(?:case|trial|hearing|inquiry|inquest)\b"
    r"|of\s+an?\s|of\s+the\s+\w+\s+(?:that|which|who)\b)",
    re.IGNORECASE,
)


def singular(word: str) -> str:
    """A plural noun's singular, by its ending ("universities" -> "university")."""
    lower = word.lower()
    if lower.endswith("ies") and len(lower) > 4:
        return lower[:-3] + "y"
    if lower.endswith(("ches", "shes", "sses")):
        return lower[:-2]
    if lower.endswith("s") and not lower.endswith("ss"):
        return lower[:-1]
    return lower


def plural_of(word: str, nouns: frozenset[str]) -> bool:
    """Whether `word` is the plural of one of `nouns`: "groups", "Unions"."""
    lower = word.lower()
    return lower.endswith("s") and lower != singular(lower) and singular(lower) in nouns


def unnamed_bodies(found: list[str], nouns: frozenset[str]) -> bool:
    """A bare plural of bodies: "Security firms", "Unions", "developers".

    Args:
        found: The mention's words up to its head.
        nouns: The nouns that name a body ("firm", "group", "union").
    """
    if not found:
        return False
    head, first = found[-1], found[0].lower()
    if first in _NAMED_BEFORE or first.endswith(("'s", "\u2019s")):
        return False  # "the unions", "Both firms", "Its makers": named before
    if head.lower() in _KEEP or not (head.islower() or len(found) == 1):
        return False  # "Delta Airlines", "Asahi Breweries": a name
    lower = head.lower()
    plural = lower.endswith("s") and not lower.endswith("ss")  # not "press"
    if not (plural_of(head, nouns) or (lower in nouns and plural)):
        return False
    # Every word before the head is a modifier, not a name: "Human rights
    # groups", "European firms"; a capitalised run is fine ("Security", by
    # the sentence; "Muslim"), an acronym is a name ("BT engineers").
    return not any(word.isupper() and len(word) > 1 for word in found[:-1])


def body_named_by_plural(name: str, nouns: frozenset[str]) -> bool:
    """A capitalised name that opens with a plural of bodies: "Universities
    Scotland"; never a person's name ("Charles Kennedy": "charle" is no body)."""
    found = name.split()
    return len(found) > 1 and found[0][:1].isupper() and plural_of(found[0], nouns)


def person_in_body_name(name: str) -> bool:
    """A resolver's organisation, or a mention it left unnamed, that ends in
    a role and a full name: "France captain Fabien Pelous", "Gloucester
    director of rugby Nigel Melville"; not someone described by them ("A
    close associate of former Yukos boss Mikhail Khodorkovsky")."""
    found = _ROLE_BEFORE_NAME.search(name)
    return found is not None and not _DESCRIBED_BY.search(name[: found.start()])


def person_after_body(name: str, bodies: frozenset[str]) -> bool:
    """A resolver's organisation that is a body's name, then a full name:
    "the Lib Dems David Laws" (the party's speaker).

    The word before the name must name a body ("Dems", "party") or own it
    ("Wessex's"), and the name must open with a first name, so a firm named
    after a person ("JP Morgan Chase") stays a firm.
    """
    found = _BODY_THEN_NAME.search(name)
    if found is None or not is_first_name(found["first"]):
        return False
    body = found["body"]
    return body.lower() in bodies or body.endswith(("'s", "\u2019s"))


def described_office(mention: str) -> bool:
    """A definite office described by its case or an unnamed body."""
    return bool(_DESCRIBED_OFFICE.match(mention.strip()))
