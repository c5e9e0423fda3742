"""Source type of a quote: person, organisation, anonymous, document (#15).

Decided from extraction output and the article's text (the mention, read
whole where extraction cut it at a hyphen: `mentions.full_mention`; the
resolved name, `speaker_is_org`), so it works at ingest and on an existing
index:

- `document`: the mention's head noun is a text, not an author: "a report by
  the IFS", "the ruling", "a statement from the ministry";
- `organisation`: the resolver marked the speaker an organisation, or a
  one-word name the article calls a firm ("anti-virus firm Sophos");
- `person`: a resolved name, "he"/"she", a definite office or epithet for
  someone the article named ("the prime minister", "the chart-topper"), or a
  lone capitalised word it could not place ("Silk");
- `anonymous`: people described without a name: "a senior official", "a
  spokesman", "the spokesman" (also when extraction names whom they speak
  for: "a BBC spokeswoman" is the BBC's, rules v10), "analysts", "sources
  close to the minister", "69% of those questioned", "Many Labour MPs", "many discussion groups",
  and "they" (see `_plural_pronoun`);
- `unknown`: no speaker mention, or one that names nobody ("who", "you",
  "nobody").

Unnamed plural bodies, names opening with one, offices described by their
case, and a person's role and name inside a resolver's "organisation" are
read in `collectives` (round 2, seed 19's error classes).

Not covered: a named author of a document ("Smith's report") counts as a
person; an unnamed collective ("critics", "experts") counts as anonymous.
"""

from __future__ import annotations

import re

from whosaid.model import Quote
from whosaid.wordlists import PEOPLE_WORDS, party_names, word_list

from .collectives import (
    body_named_by_plural,
    described_office,
    person_after_body,
    person_in_body_name,
    unnamed_bodies,
)
from .evidence import words
from .mentions import conjuncts, core_words, full_mention, named_apposition
from .names import is_first_name

SOURCE_TYPES = ("person", "organisation", "anonymous", "document", "unknown")

DOCUMENT_NOUNS = words(
    """
    report reports study studies survey surveys statement statements ruling rulings
    judgment judgement verdict document documents letter letters memo memorandum
    filing filings review analysis poll polls research findings figures data
    guidance guidelines bill law website note notes email emails post tweet tweets
    message release communique minutes transcript book article editorial blog
    leaflet manifesto assessment audit forecast forecasts estimate estimates index
    census dossier charter treaty declaration resolution indictment complaint
    lawsuit petition proposal proposals briefing text documentary numbers
    statistics records files archives
    """
)
# Collective nouns that speak for an organisation: "the watchdog said".
ORG_NOUNS = words(
    """
    ministry department agency government company office police army campaign
    committee council court party commission administration embassy firm bank
    group union board institute university authority authorities service
    organisation organization network newspaper paper magazine team club league
    federation parliament congress senate cabinet regime military foundation
    watchdog regulator airline broadcaster channel station side squad charity
    association body firm's industry studio label retailer insurer operator
    developer publisher maker manufacturer carrier exchange fund makers
    developers publishers manufacturers reinsurer insurers press media studios
    broadcasters unions bourse jury think-tank thinktank tank giant
    """
)
# Parties and other collectives named by a plural proper noun (#15, BBC).
_ORG_NAMES = words(
    "tories conservatives labour democrats republicans greens nationalists "
    "unionists dems"
)
_BODIES = ORG_NOUNS | _ORG_NAMES
# Offices that name one known person when definite: "the prime minister".
_OFFICES = words(
    """
    minister secretary chancellor president premier leader chairman chairwoman
    chair executive boss manager coach captain governor mayor judge director
    founder king queen pope archbishop ambassador commissioner speaker governor
    striker defender midfielder winger goalkeeper player star singer actor actress
    rapper band frontman champion american briton scot frenchman welshman
    irishman englishman australian
    comedian comic magnate tycoon presenter host athlete runner author writer
    novelist musician artist winner veteran guitarist drummer youngster
    teenager topper businessman entrepreneur medallist spaniard dutchman
    german italian brazilian argentine swede dane swiss russian canadian
    kenyan mp mep msp mla qc
    """
)
_PERSON_PRONOUNS = words("he she him her i we")
# The outlet's own journalists: "our correspondent" (named in the article or byline).
_OWN_STAFF = words("correspondent reporter editor")
_POSSESSIVE = re.compile(r"[A-Z][\w.-]*['\u2019]s$")
_HONORIFIC = re.compile(r"(?:Mr|Mrs|Ms|Miss|Sir|Dame|Lord|Lady|Baroness|Dr)\.?\s", re.I)
_ORG_PRONOUNS = words("it")
_HONORIFIC_OWNER = re.compile(
    r"(?:Mr|Mrs|Ms|Miss|Sir|Dame|Lord|Lady|Baroness|Dr)\.?\s+[A-Z][\w-]*(?:'s|\u2019s)\s"
)
# Roles only a person holds: "Maeve Sherlock, chief executive of the Refugee
# Council" is a person even when resolution took the council's side (#15).
_PERSON_ROLES = words(
    """
    executive director spokesman spokeswoman spokesperson analyst economist
    lawyer official officer head founder editor correspondent professor
    researcher manager chairman chairwoman chair secretary minister president
    """
)
_PLURAL_PRONOUNS = words("they them")
# Sentence-initial words that a document noun may follow and still be the
# subject: "Reports say", "The report said" (but "Jupiter Research" is a firm).
_DETERMINERS = words("the a an this that these those its their his her new latest")
_DOCUMENT_OF = re.compile(
    r"\b(?:" + "|".join(sorted(DOCUMENT_NOUNS)) + r")\s+(?:by|from)\b", re.IGNORECASE
)
# A body's text, its owner's name cut by "of": "the Bank of Mexico's figures".
_OWNED_TEXT = re.compile(
    r"['\u2019]s\s+(?:(?!of\b|for\b|in\b|on\b)[a-z-]+\s+){0,2}(?:"
    + "|".join(sorted(DOCUMENT_NOUNS))
    + r")$"
)
# An inspection of documents is a document: "an informal trawl of CPS records".
_LOOK_OF = re.compile(
    r"\b(?:trawl|search|examination|look|check|breakdown|analysis|review|study)"
    r"[\"'\u201d\u2019]?\s+of\s+(?:[\w'-]+\s+){0,3}(?:"
    + "|".join(sorted(DOCUMENT_NOUNS))
    + r")\b",
    re.IGNORECASE,
)
# Quantifiers that make a resolver's "organisation" unnamed bodies.
_SOME = words("many some several most few other various numerous")
_FIGURE = re.compile(r"\s*(?:\d|[Hh]alf\b|[A-Za-z]+-thirds?\b)|.*%")
_DOTTED = re.compile(r"^[A-Z][\w-]*\.[a-z]{2,}$")
_UNRESOLVED = words("who which that you whom whose one no-one nobody someone anyone")
_GROUPS_NAMED_BEFORE = words("pair couple duo trio brothers sisters")
_QUANTIFIERS = words("many some most few several all both each everyone anyone")
_HEAD_CUT = re.compile(
    r"\s(?:by|from|of|for|in|on|at|to|with|published|issued|released|compiled|"
    r"collected|gathered|conducted|commissioned|filed|"
    r"which|that|who)\b|[,;:(]",
    re.IGNORECASE,
)
_SPOKESPEOPLE = word_list(PEOPLE_WORDS, "spokesperson")
_COURT = re.compile(r"\b(?:judges?|court)\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z][\w'\u2019-]*")


def head_noun(mention: str) -> str:
    """The last word before the first preposition or comma, as written.

    "a report by the Institute" -> "report"; "the BBC's analysis" -> "analysis".
    """
    found = _head_words(mention)
    return found[-1] if found else ""


def _head_words(mention: str) -> list[str]:
    return list(_WORD.findall(_HEAD_CUT.split(mention, maxsplit=1)[0]))


def source_type(quote: Quote, text: str | None = None) -> str:
    """Return the quote's source type, one of `SOURCE_TYPES`.

    Args:
        quote: The quote, as extraction (or the index) has it.
        text: Its article's text, when known: a one-word name the article
            calls a firm ("anti-virus firm Sophos") is an organisation.
    """
    mention = full_mention(quote, text)
    if _is_document(mention, text) and not _HONORIFIC_OWNER.match(mention):
        return "document"  # but "Mr Crosby's statement" is Mr Crosby's
    if head_noun(mention).lower() in _SPOKESPEOPLE and (
        quote.resolved_by == "spokesperson"
        or (quote.resolved_by == "title" and quote.speaker_is_org)
    ):
        # "a BBC spokeswoman", "the spokesman": a person not named, whoever
        # extraction says they speak for (rules v10)
        return "anonymous"
    name = quote.speaker_name or ""
    if mention.lower() in ("he", "she"):
        return "person"  # whatever it was resolved to ("Bill, which")
    if _HONORIFIC.match(mention) or _HONORIFIC.match(name):
        return "person"  # "Mr Kilroy-Silk" even when resolution said organisation
    if quote.speaker_is_org:
        name_words = _WORD.findall(name)
        if person_in_body_name(name) or person_after_body(name, _BODIES):
            return "person"  # "France captain Fabien Pelous", "the Lib Dems David Laws"
        if name_words and (
            name_words[0].lower() in _SOME
            or unnamed_bodies(core_words(_head_words(name)), ORG_NOUNS)
        ):
            # "Many discussion groups", "Human rights groups": bodies without
            # a name, also when "they" or "it" (#15)
            return "anonymous"
    if mention.lower() in _PLURAL_PRONOUNS and quote.speaker_is_org:
        return _plural_pronoun(name)
    if quote.speaker_is_org:
        named = mention.lower() not in _ORG_PRONOUNS | _UNRESOLVED
        if _person_apposition(mention, name) or (
            named and text and _full_name_in(text, name)
        ):
            return "person"  # "Eriksson", whom the article calls Sven-Goran Eriksson
        return "organisation"
    if name:
        found = _named_type(name, mention)
        if found == "person" and (
            (text and named_as_organisation(text, name))
            or _organisation_title(name, quote.speaker_title)
        ):
            return "organisation"
        return found
    if named_apposition(mention, ORG_NOUNS):
        return "person"  # "ITV's controller of entertainment, Claudia Rosencrantz"
    if mention.lower() in _UNRESOLVED and quote.speaker_title:
        return _described(quote.speaker_title)  # "a sheriff who says"
    if person_in_body_name(mention):
        return "person"  # "director of rugby Nigel Melville", left unnamed (#15)
    if mention.lower().endswith(("-old", " old")) or mention.lower() == "old":
        return "person"  # "the 28-year-old": a person the article named
    if _FIGURE.match(mention):
        return "anonymous"  # "69% of those questioned", "two-thirds of firms"
    if not head_noun(mention):
        return "unknown"
    parts = conjuncts(mention)
    if len(parts) > 1:  # "the Conservatives and Lib Dems both", "Tories and Lib Dems"
        types = {_unnamed_type(part, text) for part in parts if head_noun(part)}
        if types == {"organisation"}:
            return "organisation"
    return _unnamed_type(mention, text)


def _is_document(mention: str, text: str | None) -> bool:
    """A report, ruling... as the subject: "the report", "Reports", "analysis by"."""
    found = _head_words(mention)
    if not found:
        return False
    head = found[-1]
    if head in DOCUMENT_NOUNS:  # lower case: "Jupiter Research" is a firm
        return True
    if (
        head.lower() in DOCUMENT_NOUNS
        and all(word.lower() in _DETERMINERS for word in found[:-1])
        and not (text and _first_name_before(text, head))
    ):
        return (
            True  # capitalised by the sentence ("Reports say"), not referee Graham Poll
        )
    if _LOOK_OF.search(mention):
        return True  # "an informal trawl of CPS records"
    if "," not in mention and _OWNED_TEXT.search(mention):
        # "the Bank of Mexico's figures" (seed 21); not "Mr Mueller, ... in a
        # message on the group's website"
        return True
    return bool(_DOCUMENT_OF.search(mention))  # "... traffic analysis by the firm"


def _person_apposition(mention: str, name: str) -> bool:
    """A named mention whose apposition is a person's role ("X, chief executive of")."""
    if not name or name.lower().startswith("the ") or "," not in mention:
        return False
    apposition = mention.split(",", 1)[1]
    return head_noun(apposition).lower() in _PERSON_ROLES


def _full_name_in(text: str, name: str) -> bool:
    """A one-word name the article writes after a first name: "Sven-Goran
    Eriksson" (a first name in gender-guesser's dictionary, whatever the
    `name_gender` setting: `names.is_first_name`)."""
    if " " in name.strip() or not name[:1].isupper() or name.isupper():
        return False
    if name.lower() in ORG_NOUNS | _ORG_NAMES:
        return False  # "Metropolitan Police"
    for found in re.finditer(rf"\b([A-Z][\w'-]*) +{re.escape(name)}\b", text):
        first = found.group(1)
        if first in _NOT_FIRST_NAMES or first.isupper() or first.lower() in _SOME:
            continue  # "But Yukos", "MG Rover", "Some Citigroup"
        if not first.replace("-", " ").istitle():
            continue  # "Houston-based Continental"
        if all(is_first_name(part) for part in first.split("-")):
            return True
    return False


def _organisation_title(name: str, title: str | None) -> bool:
    """A one-word name whose "title" is a kind of body: "gaming group Wembley"."""
    if not title or " " in name.strip():
        return False
    return head_noun(title).lower() in ORG_NOUNS | _INTRODUCERS - _PERSON_ROLES


def _plural_people(head: str, text: str | None) -> bool:
    """A plural of people written with a capital: "MPs", "GPs", or a common
    noun capitalised by the sentence ("Ministers") that the article also writes
    in lower case; not a party ("Tories", "Republicans")."""
    if not head.endswith("s") or head.lower() in _ORG_NAMES or len(head) < 3:
        return False
    if head[:-1].isupper():
        return True
    return bool(
        text
        and head[:1].isupper()
        and head[1:].islower()
        and re.search(rf"\b{re.escape(head.lower())}\b", text)
    )


def _plural_pronoun(name: str) -> str:
    """ "they" that speaker resolution followed to an organisation (#15).

    On the BBC set a "they" resolved to a body with a singular name ("the
    board", "the committee", "the government") was, when read, mostly the
    fans, supporters or campaigners of the sentence before: anonymous. A
    plural name ("the Conservatives", "police", "Labour") keeps the body.
    """
    head = (_WORD.findall(name) or [""])[-1].lower()
    if head in _ORG_NAMES or head.endswith("s") or head in ("police", "labour"):
        return "organisation"
    if name in party_names().values():
        return "organisation"  # "Conservative Party", as rules v13 names "the Tories"
    return "anonymous"


def _described(title: str) -> str:
    """A relative pronoun with only a title: "a sheriff who says" is anonymous,
    "the Tory leader, who argues" names the leader (a known office)."""
    head = head_noun(title).lower()
    return "person" if head in _OFFICES else "anonymous"


def _named_type(name: str, mention: str) -> str:
    """A resolved name: a person, unless it reads as an organisation's name."""
    found = _WORD.findall(name)
    if (
        name.lower().startswith("the ")
        or mention.lower().startswith(f"the {name}".lower())
        or (len(found) == 1 and found[0].isupper() and len(found[0]) > 1)
    ):
        return "organisation"  # "The Observer", "IAAF"
    if len(found) == 1 and found[0].lower() in _ORG_NAMES:
        return "organisation"  # "Labour"
    if len(found) == 1 and found[0].lower() in _SOME | _QUANTIFIERS:
        return "anonymous"  # "Several of Ireland's biggest companies" (#15)
    if body_named_by_plural(name, ORG_NOUNS):
        return "organisation"  # "Universities Scotland" (#15)
    if _body_apposition(mention):
        return "organisation"  # "Munich Re, the world's largest reinsurer company"
    return "person"


def _body_apposition(mention: str) -> bool:
    """A mention whose apposition calls it a body: "X, the world's biggest airline"."""
    apposition = mention.split(",", 1)[1] if "," in mention else ""
    return (
        bool(_WORD.findall(apposition)) and head_noun(apposition).lower() in ORG_NOUNS
    )


def _unnamed_type(mention: str, text: str | None = None) -> str:
    """The source type of a mention speaker resolution found no name for."""
    found = core_words(_head_words(mention))
    head, first = found[-1], found[0].lower()
    lower = head.lower()
    role = lower.rsplit("-", 1)[-1]  # "chart-topper": a topper
    if _DOTTED.match(mention):
        return "organisation"  # "Amazon.com", "Dot.life"
    if len(found) == 1:
        if lower in _PERSON_PRONOUNS:
            # A "he" resolution could not follow still names someone; an
            # unresolved "we" is a named speaker going on for their side (#15).
            return "person"
        if lower in _PLURAL_PRONOUNS:
            return "anonymous"  # "they say": critics, players, researchers
        if lower in _ORG_PRONOUNS:
            return "organisation"
        if lower in _UNRESOLVED:
            return "unknown"
    if lower == "panel":
        # A panel of judges is a court; of experts or critics, unnamed (#15).
        return "organisation" if _COURT.search(mention) else "anonymous"
    if unnamed_bodies(found, ORG_NOUNS):
        return "anonymous"  # "Security firms", "developers" (#15)
    if lower in _ORG_NAMES or lower in ORG_NOUNS or role in ORG_NOUNS:
        return "organisation"
    if described_office(mention):
        return "anonymous"  # "the judge in the case" (#15)
    if first == "the" and (role in _OFFICES or lower in _GROUPS_NAMED_BEFORE):
        # "the prime minister", "the pair", "the chart-topper", "the
        # 55-year-old Frenchman": people the article named before (#15).
        return "person"
    if role in _OFFICES | _OWN_STAFF and (
        first == "our" or _POSSESSIVE.match(found[0])
    ):
        # "Russia's president", "our correspondent": one known person (seed 21)
        return "person"
    if _plural_people(head, text) and (first != "the" or head[:-1].isupper()):
        return "anonymous"  # "Many Labour MPs", "Ministers"
    if body_named_by_plural(" ".join(found), ORG_NOUNS):
        return "organisation"  # "Universities Scotland" (#15)
    if head[:1].isupper() and len(found) > 1:
        # A proper noun after "the" is a body ("The US"); without it, a name
        # the resolver could not place ("Boss Graeme Souness").
        return "organisation" if first == "the" else "person"
    if len(found) == 1 and head.isupper() and len(head) > 1 and lower not in _OFFICES:
        return "organisation"  # "VEB", "INSEE": an acronym, not "QC"
    if len(found) == 1 and head[:1].isupper() and not lower.endswith("s"):
        if lower in _QUANTIFIERS:
            return "anonymous"
        if (text and named_as_organisation(text, head)) or _body_apposition(mention):
            # "security firm F-Secure ... F-Secure said"; "American, the
            # world's biggest airline by some measures, said" (#15)
            return "organisation"
        return "person"  # "Silk"
    return "anonymous"  # "analysts", "a spokesman", "the spokesman", "Critics"


# Nouns that introduce a firm's or body's name: "anti-virus firm Sophos",
# "oil giant Yukos", "analysts Forrester" (#15, one-word names on the BBC set).
_INTRODUCERS = ORG_NOUNS | words(
    """
    giant firm maker engine site provider outfit operator chain company bank
    producer supplier website consultancy analysts conglomerate brand
    """
)
_SUFFIXES = "Inc|Ltd|plc|PLC|Corp|Corporation|Group|Holdings|AG|SA|NV"
_SPEECH = "said|says|say|added|announced|claimed|confirmed|insisted|warned|stated"
_ROLES_AFTER = "spokesman|spokeswoman|spokesperson|chief|boss|chairman|chairwoman"
_HONORIFICS_BEFORE = (
    r"(?:Mr|Mrs|Ms|Miss|Sir|Dame|Lord|Lady|Baroness|Dr|Prof|Professor|Judge)\.?"
)
# Family words before a name: "daughter Emily" is a person (#15).
_KIN = words(
    "daughter son wife husband mother father brother sister girlfriend boyfriend"
)
# Capitalised words before a name that are not a first name.
_NOT_FIRST_NAMES = words(
    """
    But And Although However The A An If When While As At In On For From With
    By Of To After Before Since Group Shares Both Yet So Now Then Meanwhile
    Can Could Would Should Shall Might Must Do Does Did Is Are Was Were Has Have Had
    """
)


def named_as_organisation(text: str, name: str) -> bool:
    """Whether the article calls a one-word name a firm and never a person.

    Firm: an introducing noun before it ("firm Sophos", "giant Orange"), a
    company suffix ("Multiplex Group"), "shares in X", "X's shares", "X, the
    ... company", "X spokesman". Person: an honorific or a first name before it
    ("Lord Falconer", "Alan Parker").
    """
    if " " in name.strip() or not name[:1].isupper():
        return False
    n = re.escape(name)
    introducers = "|".join(sorted(_INTRODUCERS))
    firm = re.search(
        rf"\b(?:{introducers})\s+(?:[A-Z][\w&.-]*\s+){{0,2}}{n}\b"
        rf"|\b{n}\s+(?:{_SUFFIXES}|{_ROLES_AFTER})\b"
        rf"|\b[Ss]hares in {n}\b|\b{n}'s shares\b"
        rf"|\b{n},\s+(?:the|a|an)\s+(?:[\w-]+\s+){{0,4}}(?:{introducers})\b"
        rf"|\b{n},\s+which\b"  # "Euronext, which runs the Paris bourse" (#15)
        # "Euronext has said it will bid": a name that speaks of itself as "it"
        rf"|\b{n}\s+(?:has\s+|had\s+)?(?:{_SPEECH})\s+(?:that\s+)?its?\b",
        text,
    )
    if firm is None or re.search(rf"\b{n},\s+who\b", text):
        return False  # "Parry, who": a person
    return not _first_name_before(text, name)


def _first_name_before(text: str, name: str) -> bool:
    """Whether the article names a person so: "Lord Falconer", "Graham Poll",
    "daughter Emily", "singer Jamelia"."""
    roles = "|".join(sorted(_KIN | (_OFFICES - {"band"})))
    if re.search(rf"\b(?:{roles})\s+{re.escape(name)}\b", text):
        return True
    for found in re.finditer(rf"\b([A-Z][\w'-]*)(\.?)\s+{re.escape(name)}\b", text):
        before, stop = found.groups()
        if re.fullmatch(_HONORIFICS_BEFORE, before):
            return True
        if "-" in before and not before.replace("-", " ").istitle():
            continue  # "Paris-based Euronext", not "Jean-Pierre Garnier"
        if (
            not stop
            and before not in _NOT_FIRST_NAMES
            and (before.lower() not in _INTRODUCERS)
        ):
            return True  # "Graham Poll"; not "Hultman. Wembley", "But Yukos"
    return False
