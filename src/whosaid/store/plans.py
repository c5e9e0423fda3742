"""How each quote of one article is linked, decided before any is written.

- A generic mention ("the company", "a spokesman", "officials") becomes the
  organisation its quote names (`speaker_org`: "a Microsoft spokesman" ->
  Microsoft), the one organisation of its kind quoted in the article ("the
  bank" -> Deutsche Bank), or the only organisation quoted when the headline
  names it; otherwise it stays unnamed. It is never a speaker of its own (#14).
- A bare surname or first name ("Trump", "Donald") becomes the one full name
  in the article that ends or starts with it, also when the engine took the
  surname for an organisation; failing a quoted one, the one full name the
  text writes with a known first name ("Celia Rowlson-Hall").
- An organisation written after a lower-case description ("Media group
  TimeWarner") is the organisation of that name quoted in the same article.
Each such decision (`Plan.rule`, `Plan.evidence`) is written to
`speaker_evidence` with the quote by `whosaid.store.linker`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from whosaid.model import Quote
from whosaid.store.names import (
    ANY_ORG_NOUNS,
    first_name,
    identity_key,
    is_coordination,
    is_generic,
    speaker_key,
    surname,
)
from whosaid.wordlists import first_names


@dataclass(frozen=True, slots=True)
class Mention:
    """What the linker reads of a quote: the speaker as its article resolved it."""

    name: str | None
    is_org: bool = False
    org: str | None = None

    @classmethod
    def of(cls, quote: Quote) -> Mention:
        return cls(quote.speaker_name, quote.speaker_is_org, quote.speaker_org)


@dataclass(frozen=True, slots=True)
class Plan:
    """The name a quote is linked by, and why when it is not its own."""

    name: str | None
    is_org: bool
    rule: str | None = None  # None: the quote's own name
    evidence: str | None = None


def plan_article(
    mentions: Sequence[Mention], text: str = "", title: str | None = None
) -> list[Plan]:
    """Choose, for each quote of one article, the name its speaker is found by.

    `text` is the article's: a first name alone ("Howard") is not linked to
    the one quoted person who has it ("Howard Flight") when the text also
    uses it as someone's surname ("Michael Howard"). `title` (else the
    text's first line): "the company" is the only organisation quoted only
    when the headline names it, since the company a story is about is not
    always one that speaks in it (BBC tech/390: a spammer's firm, with
    Microsoft quoted).
    """
    headline = title or text.split("\n", 1)[0]
    people: dict[str, str] = {}
    orgs: dict[str, str] = {}
    for mention in mentions:
        name = mention.name
        if not name or is_generic(name):
            continue
        key = speaker_key(name)
        if mention.is_org:
            orgs.setdefault(identity_key(key), name)
        elif " " in key:
            people.setdefault(key, name)
    # "Media group TimeWarner" and "TimeWarner" in one article: one organisation.
    shorter = {ident: _shorter_org(org, orgs) for ident, org in orgs.items()}
    orgs = {ident: org for ident, org in orgs.items() if shorter[ident] is None}
    in_headline = {
        ident: org
        for ident, org in orgs.items()
        if speaker_key(org) and f" {speaker_key(org)} " in f" {speaker_key(headline)} "
    }
    plans = []
    for mention in mentions:
        if mention.name and is_generic(mention.name):
            plans.append(_plan_generic(mention, orgs, in_headline, people))
            continue
        ident = identity_key(speaker_key(mention.name or ""))
        short = shorter.get(ident) if mention.is_org else None
        if short is not None:
            plans.append(
                Plan(
                    short,
                    is_org=True,
                    rule="name-prefix",
                    evidence=f"{mention.name!r}: a description before {short!r}, "
                    "quoted in the same article",
                )
            )
            continue
        plans.append(_plan_quote(mention, people, orgs, text))
    return plans


def _shorter_org(name: str, orgs: dict[str, str]) -> str | None:
    """The organisation `name` ends with after a lower-case description."""
    if is_coordination(name):
        return None  # "Motorola and Apple", "groups like Migration Watch"
    written, own = name.split(), identity_key(speaker_key(name))
    for start in range(1, len(written)):
        rest = identity_key(speaker_key(" ".join(written[start:])))
        if written[start - 1].islower() and rest in orgs and rest != own:
            return orgs[rest]
    return None


def _plan_generic(
    mention: Mention,
    orgs: dict[str, str],
    in_headline: dict[str, str],
    people: dict[str, str],
) -> Plan:
    """A generic mention: the organisation its quote or its article names.

    "Holt's department" names no organisation: Holt is a person quoted in
    the article, whatever the tagger made of the possessive.
    """
    name = mention.name or ""
    org = mention.org
    surnames = {surname(key) for key in people}
    if org and not is_generic(org) and speaker_key(org) not in surnames:
        return Plan(
            org,
            is_org=True,
            rule="generic-org",
            evidence=f"{name!r} of the organisation {org!r} named with the quote",
        )
    head = speaker_key(name).rsplit(" ", 1)[-1]
    if len(orgs) == 1 and len(in_headline) == 1 and head in ANY_ORG_NOUNS:
        (only,) = orgs.values()
        return Plan(
            only,
            is_org=True,
            rule="generic-org",
            evidence=f"{name!r}: {only!r} is the only organisation quoted in the "
            "article, and its headline names it",
        )
    named = [org for org in orgs.values() if head in speaker_key(org).split()]
    if len(named) == 1:
        return Plan(
            named[0],
            is_org=True,
            rule="generic-org",
            evidence=f"{name!r}: {named[0]!r} is the only {head} quoted in the article",
        )
    return Plan(None, is_org=mention.is_org, rule="generic")


def _plan_quote(
    mention: Mention, people: dict[str, str], orgs: dict[str, str], text: str
) -> Plan:
    name = mention.name
    if not name:
        return Plan(None, is_org=False)
    key = speaker_key(name)
    if " " in key or not people:
        return _plan_from_text(mention, key, text)
    for rule, part in (
        ("surname-article", surname),
        ("first-name-article", first_name),
    ):
        matches = [full for full_key, full in people.items() if part(full_key) == key]
        if rule == "first-name-article" and _is_surname_in(text, name):
            break
        if len(matches) == 1:
            flagged = " (the engine took it for an organisation)" * mention.is_org
            return Plan(
                matches[0],
                is_org=False,
                rule=rule,
                evidence=f"{name!r}{flagged}: the only person in the article "
                f"named {matches[0]!r}",
            )
    return _plan_from_text(mention, key, text)


def _plan_from_text(mention: Mention, key: str, text: str) -> Plan:
    """A surname the article writes once with a known first name: that person.

    "Rowlson-Hall" (tagged as an organisation) in an article that names
    "Celia Rowlson-Hall"; "Trump" where the text says "Donald Trump" but no
    quote does. Only for one-word names and names the engine took for an
    organisation, never for generic mentions.
    """
    name = mention.name or ""
    if (
        not text
        or (" " in key and not mention.is_org)
        or len(key.split()) > 2
        or any(word[:1].islower() for word in name.split())
    ):
        return Plan(name, is_org=mention.is_org)
    written = r"[- ]".join(re.escape(part) for part in re.split(r"[- ]", name.strip()))
    known = first_names()
    full = {
        match.group(0)
        for match in re.finditer(rf"\b([A-Z][a-z]+) {written}\b", text)
        # A known first name only: "American Joe", "Model Caprice" and
        # "Financial Mail" are capitalised words before a name, not people.
        if match.group(1).lower() in known
    }
    if len({speaker_key(f) for f in full}) != 1:
        return Plan(name, is_org=mention.is_org)
    (person,) = sorted(full)[:1]
    flagged = " (the engine took it for an organisation)" * mention.is_org
    return Plan(
        person,
        is_org=False,
        rule="surname-text",
        evidence=f"{name!r}{flagged}: the article names one person so, {person!r}",
    )


def _is_surname_in(text: str, word: str) -> bool:
    """Whether `text` writes `word` after a capitalised first name."""
    return re.search(rf"\b[A-Z][a-z]+ {re.escape(word.strip())}\b", text) is not None
