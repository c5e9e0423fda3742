"""Gender evidence the article itself gives for a named person (#15).

Three kinds of text evidence, in the order the issue ranks them:

- `pronoun`: a quote whose speaker mention is "he"/"she" and which speaker
  resolution followed to this person (the Quote keeps the mention as written
  and the name it resolved to);
- `honorific`: "Ms Hewitt", "Sir Alex Ferguson", "Lord Coe" in the text, or in
  the mention next to a quote;
- `role`: a gendered role noun in the speaker's title or next to the name:
  "chairwoman", "spokesman", "actress Nicole Kidman", "Jane Smith, his wife".

`decide()` weighs one article's items: a clear majority decides, a conflict
stays unknown. First-name statistics (`whosaid.voices.names`) are used only
when the text says nothing. Organisations and unnamed sources get no gender.
Not covered: "they" for one person, gender-neutral honorifics (Mx, Dr) and
pronouns the resolver did not attach to a quote.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from whosaid.model import Quote
from whosaid.wordlists import HONORIFIC_KINDS, honorifics

FEMALE, MALE, UNKNOWN = "female", "male", "unknown"


def words(text: str) -> frozenset[str]:
    """A word list written as one whitespace-separated string."""
    return frozenset(text.split())


GENDERS = (FEMALE, MALE, UNKNOWN)
# Evidence kinds, strongest first; "user" is a `speakers set-gender` decision.
EVIDENCE_KINDS = ("user", "pronoun", "honorific", "role", "name")

PRONOUNS = {"he": MALE, "him": MALE, "she": FEMALE, "her": FEMALE}
# Every gendered honorific of the one list (#12), royal and peerage included
# ("Prince Charles", "Baroness Scotland"); the regex adds the full stop.
HONORIFICS = {
    word: {"f": FEMALE, "m": MALE}[gender]
    for word, gender in honorifics(*HONORIFIC_KINDS).items()
    if gender != "-" and not word.endswith(".")
}
_FEMALE_ROLES = words("""
chairwoman spokeswoman businesswoman congresswoman councilwoman policewoman
sportswoman stateswoman frontwoman anchorwoman camerawoman newswoman saleswoman
craftswoman servicewoman markswoman alderwoman forewoman horsewoman
countrywoman actress waitress headmistress heiress duchess princess queen
empress countess baroness widow mother daughter sister wife grandmother aunt
niece girlfriend woman mum granddaughter stepmother bride nun hostess
stewardess songstress comedienne ballerina landlady fiancee housewife
""")
_MALE_ROLES = words("""
chairman spokesman businessman congressman councilman policeman sportsman
statesman frontman anchorman cameraman newsman salesman craftsman serviceman
marksman alderman foreman horseman countryman waiter headmaster duke prince
king emperor baron widower father son brother husband grandfather uncle nephew
boyfriend man dad grandson stepfather groom monk landlord fiance
""")
ROLE_GENDERS = {word: FEMALE for word in _FEMALE_ROLES} | {
    word: MALE for word in _MALE_ROLES
}
_ROLE_ALT = "|".join(sorted(ROLE_GENDERS, key=len, reverse=True))
_HONORIFIC_ALT = "|".join(sorted(HONORIFICS, key=len, reverse=True))
# Words that end an apposition before a role noun could belong to the name:
# "Jane Smith, whose husband ..." describes someone else.
_APPOSITION_STOP = words(
    "whose who whom which that of and or but said says told with to for at in on "
    "by from as than after before while"
)
_WORD = re.compile(r"[A-Za-z][\w'\u2019-]*")
_POSSESSIVE = re.compile(r"(?:'s|\u2019s|'|\u2019)$")


@dataclass(frozen=True, slots=True)
class Evidence:
    """One item of evidence: which gender, of what kind, as written."""

    gender: str
    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class Decision:
    """A gender and the evidence that decided it (None when unknown)."""

    gender: str
    evidence: str | None = None
    text: str | None = None


UNKNOWN_DECISION = Decision(UNKNOWN)


def name_parts(name: str) -> tuple[str, str] | None:
    """Return (first name, surname) of a full name, or None for one word.

    Leading honorifics are dropped: "Mr Tony Blair" -> ("Tony", "Blair").
    """
    parts = [w.strip(".,") for w in name.split()]
    while parts and parts[0].lower().rstrip(".") in HONORIFICS:
        parts.pop(0)
    parts = [w for w in parts if w]
    if len(parts) < 2:
        return None
    return parts[0], parts[-1]


def quote_evidence(quote: Quote) -> list[Evidence]:
    """Evidence for a quote's own speaker from its mention and title.

    Organisation speakers and quotes without a resolved name give none.
    """
    if quote.speaker_is_org or not quote.speaker_name:
        return []
    found: list[Evidence] = []
    mention = quote.speaker.text.strip() if quote.speaker else ""
    pronoun = PRONOUNS.get(mention.lower())
    if pronoun is not None and quote.resolved_by == "pronoun":
        found.append(Evidence(pronoun, "pronoun", mention))
    for text in (mention, quote.speaker_name):
        first = text.split()[0].lower().rstrip(".") if text.split() else ""
        if first in HONORIFICS and len(text.split()) > 1:
            found.append(Evidence(HONORIFICS[first], "honorific", text))
            break
    for word in _WORD.findall(quote.speaker_title or ""):
        role = ROLE_GENDERS.get(word.lower())
        if role is not None:
            found.append(Evidence(role, "role", quote.speaker_title or word))
            break
    return found


_CAPS = r"[A-Z][\w.'\u2019-]*"
_NAME_RUN = rf"((?:{_CAPS}\s+){{0,3}}{_CAPS})"
# Each is compiled once and run once per article (a per-person pattern cost a
# compile per person: 40 ms an article on the BBC set).
_HONORIFIC_RE = re.compile(
    rf"\b({'|'.join(word.capitalize() for word in HONORIFICS)})\.?\s+{_NAME_RUN}"
)
_ROLE_BEFORE_RE = re.compile(rf"\b({_ROLE_ALT})\s+{_NAME_RUN}")
_APPOSITION_RE = re.compile(rf"{_NAME_RUN},\s+([^,.;:\n]{{1,60}})")


@dataclass(frozen=True, slots=True)
class _Found:
    gender: str
    kind: str
    text: str
    names: tuple[str, ...]  # the capitalised words it applies to, possessives cut


class ArticleEvidence:
    """Honorifics and role nouns next to names in one article, found once.

    `for_person` then picks the items that name a given person.
    """

    def __init__(self, text: str) -> None:
        self.items: list[_Found] = []
        for match in _HONORIFIC_RE.finditer(text):
            gender = HONORIFICS[match.group(1).lower()]
            self._add(gender, "honorific", match.group(0), match.group(2))
        for match in _ROLE_BEFORE_RE.finditer(text):
            gender = ROLE_GENDERS[match.group(1)]
            self._add(gender, "role", match.group(0), match.group(2), full=True)
        for match in _APPOSITION_RE.finditer(text):
            role = _apposition_role(match.group(2))
            if role is not None:
                text_ = match.group(0)
                self._add(ROLE_GENDERS[role], "role", text_, match.group(1), full=True)

    def _add(
        self, gender: str, kind: str, text: str, run: str, *, full: bool = False
    ) -> None:
        names = tuple(_POSSESSIVE.sub("", word).strip(".") for word in run.split())
        # A role noun needs the full name: "wife Cherie Booth", not "wife Booth".
        self.items.append(_Found(gender, kind, text, names if full else ("", *names)))

    def for_person(self, name: str, *, surname_shared: bool) -> list[Evidence]:
        """Evidence for `name`; with a shared surname, only the full name counts."""
        parts = name_parts(name)
        if parts is None:
            return []
        first, surname = parts
        found = []
        for item in self.items:
            names = item.names
            if surname not in names:
                continue
            at = names.index(surname)
            has_first = at > 0 and first in names[:at]
            needs_first = surname_shared or names[0] != ""
            if has_first or not needs_first:
                found.append(Evidence(item.gender, item.kind, item.text))
        return found


def text_evidence(text: str, name: str, *, surname_shared: bool) -> list[Evidence]:
    """Evidence for the person `name` from the article `text`.

    Honorifics before the surname ("Ms Hewitt", "Sir Alex Ferguson") and role
    nouns right before the full name or in an apposition after it. When
    another person in the article shares the surname (`surname_shared`), only
    the full name counts. For many people in one text, build one
    `ArticleEvidence` and ask it for each.
    """
    return ArticleEvidence(text).for_person(name, surname_shared=surname_shared)


def _apposition_role(text: str) -> str | None:
    """The gendered role noun an apposition gives its name: "his wife" -> wife."""
    tokens = [w.lower() for w in _WORD.findall(text)]
    for word in tokens[:4]:
        if word in ROLE_GENDERS:
            return str(word)
        if word in _APPOSITION_STOP or word.endswith("ing"):
            return None  # "speaking with his wife" is about someone else
    return None


def decide(items: Iterable[Evidence]) -> Decision:
    """Weigh one article's text evidence for one person.

    A gender wins when its items are at least three times the other's; the
    kind recorded is the strongest kind among the winning items (pronoun,
    honorific, role). A closer split is a conflict: unknown.
    """
    items = list(items)
    female = [e for e in items if e.gender == FEMALE]
    male = [e for e in items if e.gender == MALE]
    if not female and not male:
        return UNKNOWN_DECISION
    if len(female) >= 3 * len(male):
        winners, gender = female, FEMALE
    elif len(male) >= 3 * len(female):
        winners, gender = male, MALE
    else:
        return Decision(UNKNOWN, "conflict", None)
    best = min(winners, key=lambda e: EVIDENCE_KINDS.index(e.kind))
    return Decision(gender, best.kind, best.text)
