"""The people and organisations an article mentions, with titles and genders.

Built once per article from spaCy's named entities and dependency parse. A
`Person` collects every mention of one name; "Reed" joins "Thomas Reed" only
at resolution time, so "Bill Clinton" and "Hillary Clinton" stay two people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from whosaid.clean import Residue, in_residue
from whosaid.extract.lemmas import verb_lemma
from whosaid.extract.speakers.titles import (
    NOT_TITLES,
    possessor,
    title_tokens,
)
from whosaid.extract.syntax import text_of, token_range_span
from whosaid.model import Span
from whosaid.wordlists import PEOPLE_WORDS, first_names, honorifics, word_list

# The gendered honorifics of the one list ("Mr", "Mrs."): a pronoun's antecedent.
HONORIFICS = {w: g for w, g in honorifics("courtesy").items() if g != "-"}
_TITLE_WORDS = word_list(PEOPLE_WORDS, "title")
_ROLE_WORDS = word_list(PEOPLE_WORDS, "role")
# Nouns that name a role, so that "the campaign's chief strategist" is a title
# and "a man" is not.
ROLE_NOUNS = _ROLE_WORDS | word_list(PEOPLE_WORDS, "role_noun")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
# Words of an organisation's name, never a person's ("Virgin Group").
_ORG_WORDS = word_list(PEOPLE_WORDS, "org_noun") | word_list(
    PEOPLE_WORDS, "org_anaphor"
)
# Parties named by one word, which the NER sometimes tags PERSON ("Labour
# said" was a person named Labour: BBC); plural party names are in the list
# the resolver reads ("The Tories said").
_PARTY_NAMES = frozenset({"labour", "ukip"})
# Parties named by their members, plural ("The Tories", "the Lib Dems").
PARTY_NOUNS = word_list(PEOPLE_WORDS, "party")
# Roles only a person holds ("owner", "founder" may be a company's).
_PERSON_ROLES = ROLE_NOUNS - {"owner", "founder", "representative"}
ORG_LABELS = frozenset({"ORG", "NORP", "GPE"})


@dataclass(slots=True)
class Person:
    """One named person: every mention of the same name."""

    name: str
    words: tuple[str, ...]
    gender: str | None = None
    title: str | None = None
    org: str | None = None
    is_org: bool = False  # a name given an organisation's description (#13)
    mentions: list[Span] = field(default_factory=list)
    # Named by first name after "Sir"/"Dame": "Sir Edward" is Sir Edward Heath.
    by_first_name: bool = False


@dataclass(frozen=True, slots=True)
class Mention:
    """A person mention in the text, with its syntactic role."""

    person: Person
    span: Span
    is_subject: bool


# Verbs that open an inverted attribution, by spaCy's verb lemma (#12).
_INVERTED_CUES = frozenset({"say", "add", "ask", "write"})


def _is_inverted_cue(ent: SpacySpan, tokens: list[Token]) -> bool:
    """Say whether an entity starts with a sentence-initial cue: "Said Ellis:"."""
    doc = ent.doc
    return (
        len(tokens) > 1
        and tokens[0].i == ent.start
        and verb_lemma(tokens[0].lower_) in _INVERTED_CUES
        and tokens[0].is_sent_start is True
        and ent.end < len(doc)
        and doc[ent.end].text in (":", ",")
    )


_FIRST_NAME_HONORIFICS = frozenset({"sir", "dame"})


def _by_first_name(ent: SpacySpan, tokens: list[Token]) -> bool:
    """Whether a one-word name follows "Sir" or "Dame" (a first name, by custom)."""
    if len(tokens) != 1:
        return False
    before = ent.doc[tokens[0].i - 1] if tokens[0].i else None
    return before is not None and before.lower_ in _FIRST_NAME_HONORIFICS


def _name_tokens(ent: SpacySpan) -> tuple[list[Token], str | None, str | None]:
    """The name tokens of a PERSON entity, its honorific gender and title word."""
    tokens = [t for t in ent if not t.is_punct or t.text == "."]
    if _is_inverted_cue(ent, tokens):
        tokens.pop(0)  # 'Said Ellis: "…"': the cue, not a first name (#2)
    gender, title = None, None
    while tokens and (
        tokens[0].lower_ in HONORIFICS or tokens[0].lower_ in _TITLE_WORDS
    ):
        word = tokens.pop(0)
        gender = gender or HONORIFICS.get(word.lower_)
        if word.lower_ in _TITLE_WORDS and word.lower_ not in NOT_TITLES:
            title = word.text  # "Senator", not the honorific "Dr" (#13)
    # A capitalised role inside the entity: "Harbour Master Ines Duarte".
    roles = [i for i, t in enumerate(tokens[:-1]) if t.lower_ in _ROLE_WORDS]
    if roles:
        cut = roles[-1] + 1
        title = " ".join(t.text for t in tokens[:cut])
        tokens = tokens[cut:]
    while tokens and (tokens[-1].is_punct or tokens[-1].tag_ == "POS"):
        tokens.pop()
    if tokens and tokens[-1].lower_ in ROLE_NOUNS:
        # "Andrew Tyrie MP" is Andrew Tyrie; "Tory MPs", "Labour MP" name no
        # one (BBC audit)
        tokens = tokens[:-1] if len(tokens) > 2 else []
    return tokens, gender, title


def _looks_like_person(
    ent: SpacySpan, genders: dict[str, str], honored: frozenset[str]
) -> bool:
    """Say whether another entity is a titled person ("Harbour Master Ines Duarte").

    The NER often labels a capitalised role plus a name ORG or WORK_OF_ART.
    """
    if ent.label_ == "PERSON":
        return False
    if _named_with_a_role(ent) or _called_mr(ent, honored):
        return True
    if len(ent) < 3:
        return False
    words = list(ent)
    return any(
        t.lower_ in genders
        and words[i + 1].is_title
        and words[i - 1].lower_ in _ROLE_WORDS
        for i, t in enumerate(words[1:-1], 1)
    )


def _called_it(doc: Doc, word: str) -> bool:
    """Say whether the article calls a one-word name "it", never "he"/"she".

    "Novartis said its profits ..." (en_core_web_sm tags such names PERSON):
    in the sentences that name it, an "its" outside quotation marks, and no
    he, she, his, her.
    """
    neuter = gendered = 0
    for sent in doc.sents:
        if not any(t.lower_ == word for t in sent):
            continue
        quoted = False
        for token in sent:
            lower = token.lower_
            if token.is_quote:
                quoted = not quoted
            if lower in ("he", "she", "his", "her", "him", "himself", "herself"):
                gendered += 1
            elif lower == "its" and not quoted:
                neuter += 1
    return neuter > 0 and gendered == 0


def _surnames_with_honorifics(doc: Doc) -> frozenset[str]:
    """Words written after Mr, Mrs, Ms... in the article ("Mr Panke")."""
    return frozenset(
        doc[t.i + 1].lower_
        for t in doc[:-1]
        if t.lower_ in HONORIFICS and doc[t.i + 1].is_title
    )


def _name_shaped_org(ent: SpacySpan) -> bool:
    """Say whether an ORG entity is shaped like a person's full name: two or
    three capitalised words, none an organisation's ("Virgin Group")."""
    words = list(ent)
    return (
        ent.label_ == "ORG"
        and 2 <= len(words) <= 3
        and all(t.is_alpha and t.is_title for t in words)
        and not any(t.lower_ in _ORG_WORDS for t in words)
    )


def _named_with_a_role(ent: SpacySpan) -> bool:
    """Say whether an entity is a name given a person's role in apposition.

    "Vince Cable, the party's Treasury spokesman, said": the NER tagged the
    name ORG, and his "He said" found no one (BBC). A name-shaped ORG, then
    a role noun as the apposition's head.
    """
    return _name_shaped_org(ent) and any(
        child.dep_ == "appos" and _role_of(child) for child in ent.root.children
    )


def _called_mr(ent: SpacySpan, honored: frozenset[str]) -> bool:
    """Say whether an ORG entity is a full name the article later gives an
    honorific: "Helmut Panke predicted ..." then "Mr Panke" (BBC)."""
    return _name_shaped_org(ent) and ent[-1].lower_ in honored


def _role_of(apposition: Token) -> bool:
    """Say whether an apposition names a person's role: its head ("the
    party's Treasury spokesman") or its first word ("chief of technology giant
    Hewlett Packard", where the parser made "Packard" the head)."""
    first = next(
        (t for t in apposition.subtree if t.dep_ not in ("det", "punct")), apposition
    )
    return bool({apposition.lemma_.lower(), first.lemma_.lower()} & _PERSON_ROLES)


def clean_name(text: str) -> str:
    """A name as written, without a possessive ending: "Labour's" -> "Labour".

    Soft hyphens a web page put inside a word go ("Basse\u00adville": real
    news).
    """
    return _POSSESSIVE.sub("", text.replace("\u00ad", "").strip())


def name_words(name: str) -> tuple[str, ...]:
    """The key a name is registered under: its words in lower case, without
    dots ("Thomas J. Reed" -> ("thomas", "j", "reed"))."""
    return tuple(w.lower().strip(".") for w in name.split())


def _title_and_org(
    doc: Doc, ent: SpacySpan, taken: set[int]
) -> tuple[str | None, str | None, bool]:
    """A name's title, the organisation in it, and whether the name is an organisation's."""
    tokens, names_org = title_tokens(doc, ent, taken, first_names())
    span = token_range_span(doc, tokens)
    if span is None or not any(
        t.text.rstrip(".").isalpha() and t.dep_ != "det" for t in tokens
    ):
        # "Gwen Pritchard, 71," has an age, not a title; "Labour's Ana Ruiz"
        # an organisation (#13)
        owner = possessor(doc, ent)
        return None, clean_name(owner.text) if owner else None, names_org
    org = None
    for other in doc.ents:
        if other.label_ in ORG_LABELS and span.start <= other.start_char < span.end:
            org = clean_name(other.text)
            break
    return span.text, org, False


def _name_suffix(tokens: list[Token]) -> list[Token]:
    """The capitalised words that end a noun phrase: the name in "deputy mayor
    Ana Ruiz", "Interior Minister Ana Ruiz", "Mr. Reed" (#2)."""
    name: list[Token] = []
    for token in reversed(tokens):
        lower = token.lower_
        if name and lower in _NAME_PARTICLES:
            name.insert(0, token)  # "Van de Vijver", "Ines da Silva"
            continue
        if (
            not token.text[:1].isupper()
            or lower in HONORIFICS
            or lower in _TITLE_WORDS
            or lower in ROLE_NOUNS
        ):
            break
        name.insert(0, token)
    while name and name[0].lower_ in _NAME_PARTICLES and name[0].is_lower:
        name.pop(0)
    return name


_NAME_PARTICLES = frozenset(
    {
        "de",
        "da",
        "di",
        "del",
        "della",
        "der",
        "van",
        "von",
        "du",
        "le",
        "la",
        "dos",
        "das",
        "bin",
        "al",
        "el",
    }
)


def _hyphenated(doc: Doc, tokens: list[Token]) -> list[Token]:
    """A name's words with the hyphens inside it: "Rowlson-Hall", which the
    tokenizer splits in three and the NER tags ORG (real news)."""
    joined: list[Token] = []
    for token in tokens:
        if joined and token.i == joined[-1].i + 2:
            hyphen = doc[token.i - 1]
            if (
                hyphen.text == "-"
                and not hyphen.whitespace_
                and not joined[-1].whitespace_
            ):
                joined.append(hyphen)
        joined.append(token)
    return joined


_SUBJECT_PRONOUNS = {"he": "m", "she": "f"}


def _pronoun_gender(subject: Token) -> tuple[str, int] | None:
    """The gender of a "he"/"she" subject of a clause under `subject`'s verb.

    Returns the gender and the pronoun's character offset, or None.
    """
    if subject.dep_ not in ("nsubj", "nsubjpass"):
        return None
    for clause in subject.head.children:
        if clause.dep_ not in ("ccomp", "advcl") or clause.i < subject.i:
            continue
        for child in clause.children:
            gender = _SUBJECT_PRONOUNS.get(child.lower_)
            if child.dep_ in ("nsubj", "nsubjpass") and gender:
                doc = subject.doc
                if any(t.is_quote for t in doc[subject.i : child.i]):
                    # 'Jones added: "She was pleased with her run"': a she in
                    # his quote is someone else (BBC: Max Jones became "she")
                    return None
                return gender, child.idx
    return None


def _of_gender(candidates: list[Person], gender: str) -> list[Person]:
    """The full names that may be of `gender`, those known to be first.

    None fitting: a gender guessed from a pronoun may be wrong ("Anne Robinson
    said as home secretary he …" made Anne a "he"), so such names stay; one
    the first-name list gives does not ("she" is never Frank Fiorina).
    """
    fitting = [p for p in candidates if p.gender in (None, gender)]
    known = [p for p in fitting if p.gender == gender]
    names = first_names()
    guessed = [p for p in candidates if names.get(p.words[0]) != p.gender]
    return known or fitting or guessed


class Registry:
    """The people and organisations named in one article."""

    def __init__(self, doc: Doc, residue: list[Residue]) -> None:
        self.doc = doc
        self.people: dict[tuple[str, ...], Person] = {}
        self.mentions: list[Mention] = []
        self.orgs: list[tuple[Span, str]] = []
        genders = first_names()
        honored = _surnames_with_honorifics(doc)
        person_tokens = {t.i for ent in doc.ents if ent.label_ == "PERSON" for t in ent}
        for ent in doc.ents:
            if in_residue(residue, ent.start_char, ent.end_char):
                continue
            is_person = ent.label_ == "PERSON" or _looks_like_person(
                ent, genders, honored
            )
            if ent.label_ == "ORG" and not is_person:
                self.orgs.append(
                    (
                        Span.of(text_of(doc), ent.start_char, ent.end_char),
                        clean_name(ent.text),
                    )
                )
            if not is_person:
                continue
            tokens, gender, title_word = _name_tokens(ent)
            if not tokens:
                continue
            text = clean_name(
                text_of(doc)[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]
            )
            words = name_words(text)
            person = self.people.get(words)
            if person is None:
                person = Person(text, words)
                self.people[words] = person
            person.by_first_name = person.by_first_name or _by_first_name(ent, tokens)
            if gender is None and len(words) > 1:
                gender = genders.get(words[0])
            person.gender = person.gender or gender
            title, org, names_org = _title_and_org(doc, ent, person_tokens)
            person.title = person.title or title or title_word
            person.org = person.org or org
            # A first name says person, whatever the apposition describes:
            # "Paul Hofheinz of the Lisbon Council, a Brussels-based think
            # tank", "Tim Dean, director of the ... venue" (BBC)
            person.is_org = person.is_org or (
                names_org and not (len(words) > 1 and words[0] in genders)
            )
            start = (
                tokens[0].idx if _is_inverted_cue(ent, list(ent)) else ent.start_char
            )
            span = Span.of(text_of(doc), start, ent.end_char)
            person.mentions.append(span)
            is_subject = ent.root.dep_ in ("nsubj", "nsubjpass") or (
                ent.root.dep_ == "appos" and ent.root.head.dep_ == "nsubj"
            )
            self.mentions.append(Mention(person, span, is_subject))
        self._mark_bodies(doc, honored)
        self._add_surnames(doc, residue)
        self.mentions.sort(key=lambda m: m.span.start)
        self._genders_from_pronouns()

    def surnames(self) -> set[str]:
        """The last words of the full names the article gives."""
        return {p.words[-1] for p in self.people.values() if len(p.words) > 1}

    def _mark_bodies(self, doc: Doc, honored: frozenset[str]) -> None:
        """A one-word "person" the NER tags a body at least as often is a body.

        en_core_web_sm tags "Labour" a person in one sentence and an
        organisation in the next; a "he" then went to Labour (real news). A
        person with an honorific, a title or a known gender, or the surname of
        a full name in the article, stays a person.
        """
        labels: dict[str, list[str]] = {}
        for ent in doc.ents:
            labels.setdefault(clean_name(ent.text).lower(), []).append(ent.label_)
        surnames = self.surnames()
        for words, person in self.people.items():
            if words[-1] in PARTY_NOUNS and not person.gender and not person.title:
                person.is_org = True  # "Lib Dems" tagged PERSON: a "he" went to it
                continue
            if (
                len(words) != 1
                or person.gender
                or person.title
                or words[0] in surnames  # "Safin" of "Marat Safin"
            ):
                continue
            seen = labels.get(words[0], [])
            bodies = sum(label in ORG_LABELS for label in seen)
            if (
                (bodies and bodies >= seen.count("PERSON"))
                or words[0] in _PARTY_NAMES
                or (
                    words[0] not in honored
                    and words[0] not in first_names()
                    and _called_it(doc, words[0])
                )
            ):
                person.is_org = True

    def _add_surnames(self, doc: Doc, residue: list[Residue]) -> None:
        """Mentions of a named person by surname alone that the NER missed.

        Once an article has named "Jimmy Connors", a later "Connors" is him
        whatever the tagger made of the word: en_core_web_sm tags "said
        Connors" a plural noun and a product, and "Connors rejected" an
        organisation, so his quotes went unnamed or to an organisation
        "Connors", and his "he" to the last person the NER did find.
        """
        surnames = self.surnames()
        if not surnames:
            return
        taken = {
            t.i
            for ent in doc.ents
            if ent.label_ == "PERSON" or len(ent) > 1
            for t in ent
        }
        for token in doc:
            name = clean_name(token.text)
            word = name.lower()
            after = doc[token.i + 1] if token.i + 1 < len(doc) else None
            if (
                token.i in taken
                or not token.text[:1].isupper()
                or word not in surnames
                or (after is not None and after.is_title and after.pos_ == "PROPN")
                or in_residue(residue, token.idx, token.idx + len(token.text))
            ):
                continue
            words = (word,)
            person = self.people.get(words)
            if person is None:
                person = Person(name, words)
                self.people[words] = person
            span = Span.of(text_of(doc), token.idx, token.idx + len(token.text))
            person.mentions.append(span)
            is_subject = token.dep_ in ("nsubj", "nsubjpass")
            self.mentions.append(Mention(person, span, is_subject))

    def _genders_from_pronouns(self) -> None:
        """A gender from "Safin said he had...": the subject's own pronoun.

        The subject of a verb whose complement clause has "he" or "she" as its
        subject, with no other person named in between, is that pronoun's
        gender. Names the first-name list does not know ("Marat", "Svetlana")
        otherwise stay unknown, and a later "he" went to whoever had a known
        gender. An honorific or a first name already known wins.
        """
        for k, mention in enumerate(self.mentions):
            if not mention.is_subject or mention.person.gender:
                continue
            chars = self.doc.char_span(
                mention.span.start, mention.span.end, alignment_mode="expand"
            )
            if chars is None or not len(chars):
                continue
            gender = _pronoun_gender(chars.root)
            following = self.mentions[k + 1 : k + 2]
            if gender is None or (following and following[0].span.start < gender[1]):
                continue
            mention.person.gender = gender[0]
            full = self.expand(mention.person, mention.span.start)
            full.gender = full.gender or gender[0]

    def expand(self, person: Person, before: int, gender: str | None = None) -> Person:
        """Resolve a one-word name to the full name it abbreviates.

        The full name mentioned most recently before `before` wins; one
        mentioned later is used only when none came before. `gender`, the
        honorific's of this mention, keeps only full names that fit it: "Mr.
        Trump" is not Ivana Trump, "Mrs. Clinton" not Bill Clinton (PolNeAR
        train audit).
        """
        words = person.words
        if len(words) > 1 and all(w in _NAME_PARTICLES for w in words[:-1]):
            # "de Basseville" after "Alé de Basseville" (real news)
            tail = len(words)
            candidates = [
                p
                for p in self.people.values()
                if len(p.words) > tail and p.words[-tail:] == words
            ]
            return self._latest(candidates, before) or person
        if len(words) != 1:
            return person
        word = words[0]
        candidates = [
            p for p in self.people.values() if len(p.words) > 1 and word == p.words[-1]
        ]
        if not candidates and person.by_first_name:
            candidates = [
                p
                for p in self.people.values()
                if len(p.words) > 1 and p.words[0] == word
            ]
        if gender is not None:
            candidates = _of_gender(candidates, gender)
        return self._latest(candidates, before) or person

    @staticmethod
    def _latest(candidates: list[Person], before: int) -> Person | None:
        """The candidate mentioned last before `before`, else the first after."""
        candidates = [p for p in candidates if p.mentions]
        if not candidates:
            return None
        earlier = [p for p in candidates if p.mentions[0].start < before]
        if earlier:
            return max(
                earlier,
                key=lambda p: max(m.start for m in p.mentions if m.start < before),
            )
        return min(candidates, key=lambda p: p.mentions[0].start)

    def person_named(self, root: Token) -> Person:
        """The person a proper noun the NER missed names ("said Reed")."""
        tokens = [
            t
            for t in root.subtree
            if t.i <= root.i and t.dep_ in ("compound", "flat") or t == root
        ]
        ordered = sorted(tokens, key=lambda t: t.i)
        tokens = _hyphenated(self.doc, _name_suffix(ordered))
        text = clean_name(
            "".join(t.text_with_ws for t in tokens[:-1]) + tokens[-1].text
            if tokens
            else root.text
        )
        words = name_words(text)
        before = [t for t in ordered if t.i < tokens[0].i] if tokens else []
        title = None  # "deputy mayor" in "deputy mayor Ana Ruiz"
        if before and before[-1].lower_ in ROLE_NOUNS:
            start = next(
                (
                    k + 1
                    for k in range(len(before) - 1, -1, -1)
                    if before[k].lower_ in HONORIFICS
                ),
                0,
            )
            title = " ".join(t.text for t in before[start:]) or None
        known = self.people.get(words)
        if known is not None:
            return known
        person = Person(text, words, title=title)
        if len(words) > 1 and tokens:
            # Kept, so that a surname later is this person: "Cardinal
            # O'Connor" after an untagged "Cardinal Cormac Murphy O'Connor"
            # (real news).
            person.mentions.append(
                Span.of(self.doc.text, tokens[0].idx, tokens[-1].idx + len(tokens[-1]))
            )
            self.people[words] = person
        return person

    def person_at(self, span: Span) -> Mention | None:
        """The first person mention inside `span`, if any."""
        inside = [m for m in self.mentions if span.start <= m.span.start < span.end]
        return inside[0] if inside else None

    def org_at(self, span: Span) -> str | None:
        for org_span, name in self.orgs:
            if span.start <= org_span.start < span.end:
                return name
        return None
