"""Speaker names as the index compares them: keys, identity keys, generic mentions.

A name has three normalised forms:
- `speaker_key`: accents and case folded; punctuation, a leading "the",
  leading honorifics ("Mr.", "Dr."), post-nominals ("QC", "MP"), middle
  initials and a possessive dropped: "Mr. Donald J. Trump's" -> "donald
  trump", "the BBC" -> "bbc". "Jr."/"Sr." stay: they tell people apart. It is what a
  person or a user types to find a speaker, so its words stay apart.
- `identity_key`: the key without spaces, hyphens or apostrophes, so spacing
  variants of one name are one speaker: "Time Warner" = "TimeWarner" (#14).
- `surname` / `first_name`: the last and first word of a person's key, for
  the bare-name links of `whosaid.store.surnames`.

`is_generic` says whether a mention is a description rather than a name ("the
company", "officials", "a spokesman"): such mentions are never speakers across
articles (#14).

Not covered: nicknames ("Tom"/"Thomas") and transliterations need an alias file
or `speakers merge`; two people whose names differ only by a middle initial
("George W. Bush", "George H. W. Bush") become one speaker until split.
"""

from __future__ import annotations

import re
import unicodedata

from whosaid.wordlists import first_names, honorifics


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


HONORIFICS = frozenset(honorifics())  # the one list, whosaid/data (#12)
# Post-nominals only: "Jr."/"Sr."/"II" tell a father from a son (Donald Trump
# Jr. is not Donald Trump), so they stay part of the name.
SUFFIXES = _word_set("qc kc mp mep msp obe mbe cbe kbe dbe phd md esq")
_DETERMINERS = _word_set(
    "the a an another one two three some several many its his her their our "
    "this that these those other any each"
)
# Head nouns of descriptions that name no one in particular (#14); a mention
# made only of these (and determiners/adjectives in lower case) is generic.
GENERIC_NOUNS = _word_set(
    """
    company companies firm firms group groups council councils government
    governments ministry department agency office administration authority
    authorities board committee commission court police army military union
    party bank club team league federation association organisation
    organization regulator watchdog spokesman spokeswoman spokesperson
    spokespeople spokesmen spokeswomen official officials source sources
    analyst analysts expert experts observer observers critic critics
    witness witnesses resident residents people person man woman men women
    statement report reports survey study researchers research scientists
    insider insiders executive executives director directors manager
    managers boss bosses chairman chairwoman chief leader leaders minister
    ministers lawyer lawyers aide aides adviser advisers advisor advisors
    campaigner campaigners activist activists protester protesters fan fans
    player players coach officer officers worker workers staff employee
    employees member members delegate delegates economist economists
    investor investors trader traders dealer dealers consumer consumers
    customer customers user users voter voters parent parents student
    students teacher teachers doctor doctors nurse nurses patient patients
    industry sector market markets country countries nation city state
    states paper newspaper magazine website network station channel label
    studio studios airline carrier maker makers retailer retailers
    producer producers operator operators giant rival rivals partner
    partners owner owners buyer buyers seller sellers bidder bidders mps
    commissioner judge inspector detective governor president chancellor
    secretary mayor ambassador prosecutor coroner sheriff general captain
    skipper striker keeper goalkeeper referee umpire
    peers ministers councillors officers detectives police business
    businesses chain manufacturer manufacturers organisers organizers
    """
)


# Generic heads that fit any organisation: "the company" in an article that
# quotes one organisation is that organisation (#14). "the government" or "the
# council" must be named as such ("Leeds City Council").
ANY_ORG_NOUNS = _word_set(
    "company firm group carrier airline maker retailer giant operator business "
    "label studio network chain manufacturer"
)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in text if not unicodedata.combining(char))
    return text.casefold().replace("\u2019", "'")


def _words(name: str) -> list[str]:
    """Folded words of a name, punctuation and possessives dropped."""
    words = []
    for raw in _fold(name).split():
        word = "".join(char for char in raw if char.isalnum() or char in "'-")
        word = word.strip("'-")
        if word.endswith("'s") and len(word) > 3:
            word = word[:-2]
        if word:
            words.append(word)
    return words


def speaker_key(name: str) -> str:
    """Normalise a name: fold accents and case; drop punctuation, honorifics,
    suffixes and middle initials."""
    words = _words(name)
    while len(words) > 1 and (words[0] in HONORIFICS or words[0] == "the"):
        words.pop(0)
    while len(words) > 2 and words[-1] in SUFFIXES:
        words.pop()
    if len(words) > 2:
        # "donald j trump" -> "donald trump"; a leading initial ("j edgar
        # hoover") or a last one stays: it may be all the name there is.
        words = [words[0], *(w for w in words[1:-1] if len(w) > 1), words[-1]]
    return " ".join(words)


def identity_key(key: str) -> str:
    """Return the form two names must share to be one speaker.

    No spaces, hyphens or apostrophes, and no plural "s" at the end ("Lib
    Dems" = "Lib Dem").
    """
    ident = "".join(char for char in key if char.isalnum())
    return ident[:-1] if len(ident) > 3 and ident.endswith("s") else ident


def first_name_variants(a: str, b: str) -> bool:
    """Whether two first names may be one person's: "rafa"/"rafael", "steve"/"steven".

    One must start with the other (three letters at least), and a list that
    knows both must not give them different genders ("chris"/"christine").
    """
    if a == b or min(len(a), len(b)) < 3 or not (a.startswith(b) or b.startswith(a)):
        return False
    genders = first_names()
    return not (a in genders and b in genders and genders[a] != genders[b])


def display_name(name: str) -> str:
    """Return `name` without leading honorifics and extra spaces."""
    words = name.split()
    while len(words) > 1 and speaker_key(words[0]) in HONORIFICS:
        words.pop(0)
    return " ".join(words).strip(" ,;:")


def surname(key: str) -> str:
    """The last word of a key ("donald trump" -> "trump")."""
    return key.rsplit(" ", 1)[-1]


def first_name(key: str) -> str:
    """The first word of a key ("donald trump" -> "donald")."""
    return key.split(" ", 1)[0]


def is_generic(name: str) -> bool:
    """Whether a mention describes rather than names: "the company", "officials".

    Generic: only determiners and generic nouns ("Officials", "the company"),
    no capitalised word ("a senior official"), or a generic head noun after
    one capitalised word ("Microsoft spokesman", "Senior officials"; the
    organisation is the quote's `speaker_org` when the article names it).
    Names: "the Treasury Department", "Microsoft", "Donald Trump".
    """
    words = name.replace(",", " ").split()
    content = [word for word in words if _fold(word) not in _DETERMINERS]
    if not content:
        return True
    folded = [_fold(word).strip(".'\"") for word in content]
    if all(word in GENERIC_NOUNS for word in folded):
        return True
    if not any(word[:1].isupper() for word in content):
        return True
    return folded[-1] in GENERIC_NOUNS and not any(
        word[:1].isupper() for word in content[1:]
    )


# Words that end an organisation's name or start a description, never a
# person's name: "Wendy Ide of The Times", "Developer Valve", "Glasgow Rangers".
_NOT_NAME_WORDS = _word_set(
    "of the and for at in on new developer law sunday monday tuesday wednesday "
    "thursday friday saturday times telegraph post herald guardian mail news "
    "rangers united city rovers athletic lords europe international group "
    "party labour conservatives tories democrats council committee inc ltd plc "
    "corp corporation holdings media records entertainment games online"
)


def is_plausible_person(key: str) -> bool:
    """Whether a person speaker's key looks like a personal name, not a misread.

    Two to four words, none a function word or an organisation's last word
    ("Wendy Ide of The Times", "Sunday Telegraph" and "Glasgow Rangers" fail).
    """
    words = key.split()
    return 2 <= len(words) <= 4 and not any(
        word in _NOT_NAME_WORDS or word in GENERIC_NOUNS for word in words
    )


_COORDINATION = re.compile(r"\band\b|&|\blike\b|\bincluding\b|,|\bor\b", re.IGNORECASE)


def is_coordination(name: str) -> bool:
    """Whether a mention names several: "Sony and IBM", "groups like Attac"."""
    return _COORDINATION.search(name) is not None


def is_linkable(key: str, *, is_org: bool) -> bool:
    """Whether a name may be linked across articles without more evidence."""
    return bool(key) and (is_org or " " in key)
