"""Source type of a quote: person, organisation, anonymous, document (#15).

Decided from extraction output alone (the mention as written, the resolved
name, `speaker_is_org`), so it works at ingest and on an existing index:

- `document`: the mention's head noun is a text, not an author: "a report by
  the IFS", "the ruling", "a statement from the ministry";
- `organisation`: the resolver marked the speaker an organisation;
- `person`: a resolved name, "he"/"she" the resolver could not follow, a
  definite office that names one known person ("the prime minister"), or a
  lone capitalised word it could not place ("Silk");
- `anonymous`: people described without a name: "a senior official", "a
  spokesman", "the spokesman", "analysts", "sources close to the minister";
- `unknown`: no speaker mention, or one that says nothing ("who", "you").

Not covered: a named author of a document ("Smith's report") counts as a
person; an unnamed collective ("critics", "experts") counts as anonymous.
"""

from __future__ import annotations

import re

from whosaid.model import Quote

from .evidence import words

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
    lawsuit petition proposal proposals briefing text documentary
    """
)
# Collective nouns that speak for an organisation: "the watchdog said".
ORG_NOUNS = words(
    """
    ministry department agency government company office police army campaign
    committee council court party commission administration embassy firm bank
    group union board institute university authority authorities service
    organisation organization network newspaper paper magazine team club league
    federation parliament congress senate cabinet regime military foundation panel
    watchdog regulator airline broadcaster channel station side squad charity
    association body firm's industry studio label retailer insurer operator
    developer publisher maker manufacturer carrier exchange fund makers
    developers publishers manufacturers reinsurer insurers press media studios
    broadcasters unions
    """
)
# Parties and other collectives named by a plural proper noun (#15, BBC).
_ORG_NAMES = words(
    "tories conservatives labour democrats republicans greens nationalists "
    "unionists dems"
)
# Offices that name one known person when definite: "the prime minister".
_OFFICES = words(
    """
    minister secretary chancellor president premier leader chairman chairwoman
    chair executive boss manager coach captain governor mayor judge director
    founder king queen pope archbishop ambassador commissioner speaker governor
    striker defender midfielder winger goalkeeper player star singer actor actress
    rapper band frontman champion american briton scot frenchman welshman
    irishman englishman australian
    """
)
_PERSON_PRONOUNS = words("he she him her i")
_HONORIFIC = re.compile(r"(?:Mr|Mrs|Ms|Miss|Sir|Dame|Lord|Lady|Baroness|Dr)\.?\s", re.I)
_ORG_PRONOUNS = words("it they them we")
_UNRESOLVED = words("who which that you whom whose one")
_GROUPS_NAMED_BEFORE = words("pair couple duo trio brothers sisters")
_QUANTIFIERS = words("many some most few several all both each everyone anyone")
_HEAD_CUT = re.compile(
    r"\s(?:by|from|of|for|in|on|at|to|with|published|issued|released|"
    r"which|that|who)\b|[,;:(]",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z][\w'\u2019-]*")


def head_noun(mention: str) -> str:
    """The last word before the first preposition or comma, as written.

    "a report by the Institute" -> "report"; "the BBC's analysis" -> "analysis".
    """
    found = _head_words(mention)
    return found[-1] if found else ""


def _head_words(mention: str) -> list[str]:
    return list(_WORD.findall(_HEAD_CUT.split(mention, maxsplit=1)[0]))


def source_type(quote: Quote) -> str:
    """Return the quote's source type, one of `SOURCE_TYPES`."""
    mention = quote.speaker.text.strip() if quote.speaker else ""
    head = head_noun(mention) if mention else ""
    if head in DOCUMENT_NOUNS:  # lower case: "Jupiter Research" is a firm
        return "document"
    name = quote.speaker_name or ""
    if _HONORIFIC.match(mention) or _HONORIFIC.match(name):
        return "person"  # "Mr Kilroy-Silk" even when resolution said organisation
    if quote.speaker_is_org:
        return "organisation"
    if name:
        return _named_type(name, mention)
    if not head:
        return "unknown"
    return _unnamed_type(mention)


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
    apposition = mention.split(",", 1)[1] if "," in mention else ""
    if _WORD.findall(apposition) and head_noun(apposition).lower() in ORG_NOUNS:
        return "organisation"  # "Munich Re, the world's largest reinsurer company"
    return "person"


def _unnamed_type(mention: str) -> str:
    """The source type of a mention speaker resolution found no name for."""
    found = _head_words(mention)
    head, first = found[-1], found[0].lower()
    lower = head.lower()
    if len(found) == 1:
        if lower in _PERSON_PRONOUNS:
            return "person"  # a "he" resolution could not follow still names someone
        if lower in _ORG_PRONOUNS:
            return "organisation"
        if lower in _UNRESOLVED:
            return "unknown"
    if lower in _ORG_NAMES or lower in ORG_NOUNS:
        return "organisation"
    if first == "the" and (lower in _OFFICES or lower in _GROUPS_NAMED_BEFORE):
        return "person"  # "the prime minister", "the pair": people named earlier
    if head[:1].isupper() and len(found) > 1:
        # A proper noun after "the" is a body ("The US"); without it, a name
        # the resolver could not place ("Boss Graeme Souness").
        return "organisation" if first == "the" else "person"
    if len(found) == 1 and head[:1].isupper() and not lower.endswith("s"):
        return "person" if lower not in _QUANTIFIERS else "anonymous"  # "Silk"
    return "anonymous"  # "analysts", "a spokesman", "the spokesman", "Critics"
