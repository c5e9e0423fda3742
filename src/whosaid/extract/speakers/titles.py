"""A named person's title: the role or office the article gives them (#13).

A title comes from the words right before a name ("Transport Minister Ana
Ruiz") or from an apposition after it ("Ana Ruiz, spokesman for the Home
Office"). What the parse gives there is often something else, and each rule
below removes one kind of it, found by reading every title over the BBC set
(`benchmarks/titles.py`, docs/accuracy.md):

- words from another line: a headline run into the first paragraph
  ("Chef floats low-cost menu\\n\\nTomas Rieger" is not titled "low-cost menu");
- a word cut at a hyphen ("senior vice" of "senior vice-president");
- a role cut before its prepositional phrase ("Treasury" of "Chief Secretary
  to the Treasury");
- a possessor alone ("Arsenal's"), a date, place, nationality or organisation
  alone ("Wednesday", "Australian", "EU"), an age ("19-year-old"), an
  adjective ("Defiant"): no noun that could name a role;
- a clause the parser hung on the name ("says Dr Ruiz, equipment that
  amplifies the signal is expensive");
- an organisation's description ("Russian oil firm Yukos"): the named thing
  is an organisation, which has no title.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from whosaid.extract.syntax import text_of
from whosaid.wordlists import PEOPLE_WORDS, honorifics, word_list

# Words that are never a title by themselves: honorifics and their
# abbreviations ("Mr", "Dr", "Sir") belong to the name (#13).
NOT_TITLES = frozenset(
    w for w, g in honorifics("courtesy").items() if g != "-"
) | frozenset({"dr", "dr.", "prof", "prof.", "rev", "rev.", "dame", "lord", "lady"})
# A role word keeps a title that the NER also tagged as an organisation
# ("Foreign Secretary"); an organisation noun as head means the name is an
# organisation's ("Russian oil firm Yukos").
_ROLE_WORDS = (
    word_list(PEOPLE_WORDS, "title")
    | word_list(PEOPLE_WORDS, "role")
    | word_list(PEOPLE_WORDS, "role_noun")
)
_ORG_NOUNS = word_list(PEOPLE_WORDS, "org_noun") | frozenset(
    # more heads that describe a business, never a person, read in BBC
    # titles ("Budget airline Ryanair", "Internet portal Lycos", #13)
    {
        "airline",
        "carrier",
        "distributor",
        "giant",
        "insurer",
        "magazine",
        "operator",
        "portal",
        "provider",
        "reinsurer",
        "retailer",
        "supermarket",
        "website",
    }
)
# Heads that describe a person without naming a role (#13): a relation to
# someone else ("His mother Katherine Jackson"), a person as such ("one
# woman"), a ranking ("Top seed", "world number one"), a feat ("Scott, who won
# in 6.46secs, his best time indoors", BBC audit).
_NOT_ROLE_TEXT = """
    mother father wife husband son daughter brother sister uncle aunt nephew
    niece cousin grandson granddaughter grandmother grandfather stepson
    stepdaughter stepsister stepbrother ex-wife ex-husband widow widower
    girlfriend boyfriend fiancee fiance man woman boy girl teenager person
    seed number
    time record score result performance victory win
"""
_NOT_ROLE_HEADS = frozenset(_NOT_ROLE_TEXT.split())
_ROLE_PREPOSITIONS = frozenset({"of", "to", "for"})
_FINITE_TAGS = frozenset({"VBZ", "VBD", "VBP", "MD"})
_NOUNS = frozenset({"NOUN", "PROPN"})


def premodifier(doc: Doc, ent: SpacySpan, taken: set[int]) -> list[Token]:
    """The words before a name, inside its noun phrase ("Tory leader")."""
    run: list[Token] = []
    inside = {t.i for t in ent.root.subtree}
    i = ent.start - 1
    while i >= 0:
        token = doc[i]
        if token.i not in inside or token.i in taken or token.dep_ == "det":
            break
        if token.is_punct and token.text not in ("'s", "’s", ".", "-"):
            break
        if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"):
            break  # "Said Ellis:" has no title
        run.insert(0, token)
        i -= 1
    while run and (run[0].tag_ == "POS" or run[0].is_punct):
        run.pop(0)
    return _with_object(doc, run)


def _with_object(doc: Doc, run: list[Token]) -> list[Token]:
    """A run that starts inside a role's prepositional phrase, with the role.

    "Chief Secretary to the Treasury Ana Ruiz": the run stops at "the" and
    holds "Treasury" alone; the role it belongs to comes before "to the".
    """
    if not run:
        return run
    i = run[0].i - 1
    if i >= 0 and doc[i].dep_ == "det":
        i -= 1
    if i < 1 or doc[i].lower_ not in _ROLE_PREPOSITIONS or doc[i].pos_ != "ADP":
        return run
    head = doc[i].head
    if head.i >= i or "\n" in doc[head.i : i].text:
        return run
    if head.lower_ not in _ROLE_WORDS and not (head.pos_ == "PROPN" and head.is_title):
        return run  # "the departure of Mr Ruiz", "a pledge to Mr Ruiz": no role
    if all(t.lower_ in NOT_TITLES or t.is_punct for t in run):
        return run
    start = head.left_edge.i
    while start < head.i and (doc[start].dep_ == "det" or doc[start].is_punct):
        start += 1
    return list(doc[start : run[0].i]) + run


def appositive(doc: Doc, ent: SpacySpan) -> list[Token]:
    """The words in apposition to a name ("Ana Ruiz, a Treasury spokeswoman")."""
    root = ent.root
    for child in root.children:
        if child.dep_ == "appos" and child.i >= ent.end and child.ent_type_ != "PERSON":
            return [t for t in child.subtree if t.dep_ != "det" or t.head != child]
    head = root.head
    if root.dep_ == "appos" and head.i < ent.start and head.ent_type_ != "PERSON":
        return [
            t
            for t in head.subtree
            if t.i < ent.start
            and t.i >= head.left_edge.i
            and not (t.dep_ == "det" and t.head == head)
        ]
    return []


def _on_the_name_line(doc: Doc, ent: SpacySpan, tokens: list[Token]) -> list[Token]:
    """The tokens with no line break between them and the name.

    A headline run into the first paragraph ("Budget row\\n\\nTory leader
    Ana Ruiz") parses as one noun phrase; only the name's line is its title.
    """
    text = text_of(doc)
    return [
        t
        for t in tokens
        if "\n"
        not in (
            text[t.idx : ent.start_char]
            if t.i < ent.start
            else text[ent.end_char : t.idx + len(t.text)]
        )
    ]


def _whole_words(doc: Doc, ent: SpacySpan, tokens: list[Token]) -> list[Token]:
    """The tokens with the rest of any word they cut at a hyphen ("vice-president")."""
    if not tokens:
        return tokens
    first, last = tokens[0].i, tokens[-1].i
    while first > 0 and doc[first - 1].whitespace_ == "" and _joins(doc, first - 1):
        first -= 1
    while (
        last + 1 < len(doc)
        and doc[last].whitespace_ == ""
        and _joins(doc, last + 1)
        and not ent.start <= last + 1 < ent.end
    ):
        last += 1
    inside = {t.i for t in tokens}
    extra = [t for t in doc[first : last + 1] if t.i not in inside]
    return sorted(tokens + extra, key=lambda t: t.i)


def _joins(doc: Doc, i: int) -> bool:
    """Say whether token `i` is a hyphen, or a word right after or before one."""
    token = doc[i]
    if token.text == "-":
        return True
    if token.is_punct or token.is_space:
        return False
    before = doc[i - 1] if i > 0 else None
    after = doc[i + 1] if i + 1 < len(doc) else None
    return (before is not None and before.text == "-" and before.whitespace_ == "") or (
        after is not None and after.text == "-" and token.whitespace_ == ""
    )


# Not "which", "that": cut at an organisation's clause ("Einar Bjorgo from
# Unosat, the UN mapping organisation that is part of …"), the apposition
# headed by an organisation noun made the person an organisation (BBC).
_RELATIVE_WORDS = frozenset({"who", "whose", "whom"})
# A US party-and-state tag after a name: "(R-Fla.)", "(D-Charlottesville)".
_PARTY_TAG = re.compile(r"\(?[RDI]-[A-Z][\w. ]*\)?")


def _trimmed(tokens: list[Token]) -> list[Token]:
    """The tokens without spaces, and without honorifics or punctuation at the edges.

    A relative clause ends a title: "Timothy O'Brien, whose 2005 book …" has
    none (PolNeAR train audit).
    """
    tokens = [t for t in tokens if not t.is_space]
    cut = [i for i, t in enumerate(tokens) if t.lower_ in _RELATIVE_WORDS]
    if cut:
        tokens = tokens[: cut[0]]
    while tokens and (
        tokens[0].lower_ in NOT_TITLES
        or tokens[0].is_punct
        or tokens[0].ent_type_ in ("DATE", "TIME")  # "Saturday of Justice Scalia"
        or (tokens[0].pos_ == "ADP" and len(tokens) > 1)
        or (tokens[0].like_num and not tokens[0].is_alpha)  # "07.49 Union leader"
    ):
        tokens = tokens[1:]
    if _PARTY_TAG.fullmatch("".join(t.text_with_ws for t in tokens).strip()):
        return []  # "Sen. Marco Rubio (R-Fla.)": a party and state, no title
    while tokens and (tokens[-1].lower_ in NOT_TITLES or tokens[-1].is_punct):
        tokens = tokens[:-1]
    return tokens


def _head(tokens: list[Token]) -> Token:
    """The token of `tokens` whose syntactic head lies outside them (the last if several)."""
    inside = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in inside or t.head == t]
    return heads[-1] if heads else tokens[-1]


def _only_an_entity(tokens: list[Token]) -> bool:
    """Say whether the words are one non-person entity alone ("EU", "Wednesday")."""
    words = [t for t in tokens if not (t.is_punct or t.tag_ == "POS")]
    if not words or any(t.lower_ in _ROLE_WORDS for t in words):
        return False
    return all(t.ent_type_ and t.ent_type_ != "PERSON" for t in words)


def is_role(tokens: list[Token], first_names: dict[str, str]) -> bool:
    """Say whether cleaned title words can name a role.

    Not a first name ("Avik" Roy), a possessor ("Arsenal's"), an entity
    alone, words with no noun ("£35m.", "himself", "Defiant", "19-year-old")
    or a clause ("equipment that amplifies …").
    """
    if not tokens:
        return False
    if len(tokens) == 1 and tokens[0].lower_ in first_names:
        return False
    if tokens[-1].tag_ == "POS" or tokens[-1].pos_ == "ADP" or _only_an_entity(tokens):
        return False
    if not any(t.pos_ in _NOUNS and t.is_alpha for t in tokens):
        return False
    if any(t.tag_ in _FINITE_TAGS for t in tokens):
        return False
    head = _head(tokens)
    return head.pos_ in _NOUNS and head.lemma_.lower() not in _NOT_ROLE_HEADS


def title_tokens(
    doc: Doc, ent: SpacySpan, taken: set[int], first_names: dict[str, str]
) -> tuple[list[Token], bool]:
    """The words of a name's title, and whether they say the name is an organisation.

    `taken` holds the tokens of person names, which a premodifier never
    includes. An empty list means no title.
    """
    for found in (premodifier(doc, ent, taken), appositive(doc, ent)):
        tokens = _on_the_name_line(doc, ent, found)
        tokens = _trimmed(_whole_words(doc, ent, tokens))
        if not is_role(tokens, first_names):
            continue  # "Ard Jan Vetham, the firm's consultant": try the apposition
        if _head(tokens).lemma_.lower() in _ORG_NOUNS:
            return [], True  # "Russian oil firm Yukos", "gaming group Wembley"
        return tokens, False
    return [], False


def possessor(doc: Doc, ent: SpacySpan) -> SpacySpan | None:
    """The organisation a name is given as a possessor ("Labour's Ana Ruiz")."""
    if ent.start < 2 or doc[ent.start - 1].tag_ != "POS":
        return None
    owner = doc[ent.start - 2]
    return next(
        (
            other
            for other in doc.ents
            if other.label_ in ("ORG", "NORP") and other.start <= owner.i < other.end
        ),
        None,
    )
