"""Resolve one speaker mention: from the mention as written to who it is.

`Resolver` holds what one article has told so far (the people and
organisations it mentions, who has spoken); `resolve_speakers` asks it about
each attribution's source in document order.

What it needs from the `Doc`: named entities (`ner`) and a dependency parse
(`parser`) — en_core_web_sm's default pipeline has both. The attributions'
spans must be character offsets into `text_of(doc)`.

Resolution, by the mention next to the quote:
- a name: itself; a one-word name ("Reed", "Mr. Reed") becomes the full name
  mentioned most recently before it ("Thomas Reed"); two full names that share
  a surname stay two people;
- a pronoun: "he"/"she" go to the most recent person of matching gender
  (known from an honorific or a list of first names) who spoke or was a
  subject, before falling back to any mention; "it"/"they" go to the most
  recent organisation that spoke;
- an organisation: its name as written ("the Treasury Department");
- a role noun ("the spokeswoman"): the person last given that title;
- an unnamed spokesperson of a named owner ("a Honda spokesman", "Mr
  Blair's spokesman", "a spokesman for the BPI"): the owner, who speaks
  through them, `resolved_by: "spokesperson"`;
- no mention (a quote continuing the previous speaker): the speaker it
  continues, `resolved_by: "previous"`.
Not covered: cataphora ("In his speech, Reed said" works; "He said, Reed
added" does not), first-name-only references, and plural people ("they" for
"the senators").
"""

from __future__ import annotations

import dataclasses
import re

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from whosaid.clean import Residue
from whosaid.extract.rules.marks import pair_quote_marks
from whosaid.extract.speakers.people import (
    HONORIFICS,
    ORG_LABELS,
    PARTY_NOUNS,
    ROLE_NOUNS,
    Person,
    Registry,
    clean_name,
    name_words,
)
from whosaid.extract.syntax import (
    antecedent,
    is_misread_name,
    text_of,
    token_range_span,
)
from whosaid.model import Span, Speaker
from whosaid.wordlists import PEOPLE_WORDS, first_names, party_names, word_list

# What may follow a name at the end of a mention: "Tom McCabe MSP", "Guy
# Mansfield QC"; not "'s former press secretary", not "and Star Wars".
_POST_NOMINALS = re.compile(r"(?:\s+[A-Z]{2,4})*\s*")
# Offices one person holds: "The Foreign Secretary", "the Salford MP" is
# that person, never a body of that name (BBC: eight such records were).
_OFFICES = word_list(PEOPLE_WORDS, "office")
_PRONOUNS = {"he": "m", "him": "m", "she": "f", "her": "f", "it": "org", "they": "org"}
_WINDOW = 2500  # characters back to look for a pronoun's antecedent
_DET = re.compile(
    r"^(?:the|a|an|another|one|two|three|some|several|many|its|his|her|their)\s+", re.I
)
_ORG_NOUNS = word_list(PEOPLE_WORDS, "org_noun")
# "the bank", "the firm": a description of the organisation that spoke last;
# not "the government" or "the party", which name a body of their own.
_ANAPHORIC_ORG_NOUNS = word_list(PEOPLE_WORDS, "org_anaphor")
# Nouns any business answers to; "the paper", "the airline" need to know
# what kind of body was named, so they take only one that spoke.
_ANY_BUSINESS = frozenset({"company", "firm", "group"})
# A place before a report is where it is from, not whose ("UK media reports").
_NOT_OWNERS = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "GPE", "LOC", "NORP"}
)
_BACK_REFERENCE = re.compile(r"^[Tt]he\s+\w+$")
_ORG_WINDOW = 1500  # characters back to the organisation a "the bank" means
# Texts whose words are their owner's: "the ADB report", "Mr Crosby's statement".
_DOCUMENT_NOUNS = word_list(PEOPLE_WORDS, "document")
_AFFILIATION = re.compile(r"\s+(?:of|from|at)\s")


# Words that make another office of a title: "the prime minister" is not the
# deputy prime minister (BBC: "the prime minister" had become John Prescott).
_RANKS = word_list(PEOPLE_WORDS, "rank")


def _title_fits(role: str, lemma: str, title: str) -> bool:
    """Say whether a role mention ("the prime minister") names a title.

    The role's head word must be in the title, and the title may not add a
    rank the role lacks ("deputy", "shadow"). Other words may differ ("The
    Welsh striker" is the "Newcastle striker").
    """
    if not lemma:
        return False
    words = title.lower().split()
    if lemma not in words:
        return False
    said = role.lower().split()
    return not any(w in _RANKS and w not in said for w in words)


def _superlative_description(chars: SpacySpan | None) -> bool:
    """ "The UK's biggest mortgage lender", "the world's largest bank": a
    superlative description of one organisation, which is the one named
    before (real news: the Halifax)."""
    if chars is None or len(chars) > 7 or chars[0].lower_ != "the":
        return False
    root = chars.root
    return (
        root.is_lower
        and not any(t.dep_ in ("prep", "relcl", "acl") for t in root.children)
        and any(t.tag_ == "JJS" and t.head.i == root.i for t in chars)
    )


def _head_word(doc: Doc, span: Span) -> tuple[str, str]:
    """The syntactic head of a span: its text and lemma."""
    chars = doc.char_span(span.start, span.end, alignment_mode="expand")
    if chars is None or not len(chars):
        return span.text.lower(), span.text.lower()
    root = chars.root
    return root.lower_, root.lemma_.lower()


def _entity_named(chars: SpacySpan | None) -> SpacySpan | None:
    """The organisation entity a mention is headed by or in apposition with."""
    if chars is None or not len(chars):
        return None
    root = chars.root
    heads = [root] + [t for t in root.children if t.dep_ == "appos" and t in chars]
    for token in heads:
        if token.ent_type_ in ORG_LABELS:
            for ent in chars.doc.ents:
                if ent.start <= token.i < ent.end:
                    before = (
                        chars.doc[ent.start - 1] if ent.start > chars.start else None
                    )
                    if before is not None and before.pos_ in ("CCONJ", "ADP", "PROPN"):
                        return None  # "the World Travel and [Tourism Council]"
                    after = chars.doc[ent.end] if ent.end < chars.end else None
                    if after is not None and not after.is_punct:
                        return None  # "The [Votes] at 16 alliance"
                    return ent
    return None


def _org_name(span: Span) -> str:
    """An organisation's name as written, without a trailing apposition.

    A bracketed short form goes too: "the Office for National Statistics
    (ONS" is the office.
    """
    return span.text.split(",")[0].split(" (")[0].strip()


_ACRONYM = re.compile(r"^(?:[Tt]he\s+)?([A-Z]{2,6})$")
_NOT_INITIALS = frozenset({"of", "for", "and", "the", "&", "on", "in"})


def _honorific_gender(mention: str) -> str | None:
    """The gender an honorific in a mention says: "Mrs. Clinton" f, "Mr Reed" m."""
    for word in mention.split()[:3]:
        gender = HONORIFICS.get(word.lower())
        if gender in ("m", "f"):
            return gender
    return None


_INDEFINITE = frozenset({"a", "an", "one"})
# A word before a name that says a person: "Mr Dean said", "Dr Khoo said".
_COURTESY = frozenset(HONORIFICS) | {"dr", "dr.", "prof"}
_QUANTIFIERS = frozenset(
    {"several", "many", "some", "most", "few", "both", "all", "each", "other", "others"}
)
_SPOKESPEOPLE = word_list(PEOPLE_WORDS, "spokesperson")


_COUNTRY_CODES = frozenset({"us", "uk", "eu"})
# First words of countries named in several words ("Sri Lanka", "New Zealand");
# other multi-word "places" the NER finds are as often people ("Rio Ferdinand").
_PLACE_OPENERS = frozenset(
    {"united", "south", "north", "east", "west", "new", "saudi", "sri", "hong",
     "czech", "costa", "el", "ivory", "sierra", "puerto", "great"}
)  # fmt: skip


def _country_named(chars: SpacySpan | None) -> str | None:
    """The country a mention is, alone or after "the" ("India", "The US")."""
    if chars is None or not len(chars):
        return None
    words = list(chars)
    if words[0].lower_ == "the":
        words = words[1:]
    if not words or any(t.ent_type_ != "GPE" for t in words):
        return None
    entity = next((e for e in chars.doc.ents if e.start == words[0].i), None)
    if entity is None or entity.end != words[-1].i + 1:
        return None
    first = words[0].lower_
    if (
        (len(words) > 1 and first not in _PLACE_OPENERS)
        or first in ROLE_NOUNS
        or (words[0].is_upper and len(first) == 2 and first not in _COUNTRY_CODES)
    ):
        return None  # the NER's "places": "Rio Ferdinand", "QC"
    return clean_name(entity.text)


def _party_named(chars: SpacySpan | None) -> str | None:
    """The party a mention names by its members ("The Liberal Democrats"), or None.

    The head is a capitalised plural from the party list; the name is the run
    of capitalised words that ends with it.
    """
    if chars is None or not len(chars):
        return None
    root = chars.root
    if root.lower_ not in PARTY_NOUNS or not root.is_title or root.i + 1 < chars.end:
        return None
    definite = chars[0].lower_ == "the"
    before = list(chars.doc[chars.start + definite : root.i])
    if before and (not definite or any(t.pos_ != "PROPN" for t in before)):
        return None  # "Senior Tories said" (tagged PROPN): members, not the party
    return " ".join(t.text for t in [*before, root])


def _title_gender(title: str | None) -> str | None:
    """The gender a title's last word says: "spokeswoman" f, "chairman" m."""
    last = title.split()[-1].lower() if title and title.split() else ""
    if last.endswith("woman"):
        return "f"
    if last.endswith("man") and last != "human":
        return "m"
    return None


def initials(name: str) -> str:
    """The capitals an organisation's name is shortened to: "Office for
    National Statistics" -> "ONS"."""
    words = _DET.sub("", name).replace("-", " ").split()
    return "".join(w[0] for w in words if w.lower() not in _NOT_INITIALS).upper()


# What may not follow an owner named after a spokesperson noun: a possessive
# or a capitalised apposition (see `Resolver._spokesperson_owner`).
_GOES_ON = re.compile(r"\s*(?:['\u2019]s\b|,\s*[A-Z])")


def _is_demonym_epithet(chars: SpacySpan | None) -> bool:
    """Say whether a mention is "the American", "the Scot", "the Australian
    legend": a nationality standing for someone just named (BBC sport: "said
    the American" after Roddick's words; real news named no one)."""
    if chars is None or len(chars) not in (2, 3) or chars[0].lower_ != "the":
        return False
    nationality = chars[1]
    if (
        nationality.ent_type_ != "NORP"
        or nationality.tag_ == "NNPS"  # "the Tories": a party
        or not nationality.is_title
        or nationality.lower_ in PARTY_NOUNS
    ):
        return False
    if len(chars) == 3:  # "the American legend", not "the American embassy"
        epithet = chars[2]
        return epithet.is_lower and epithet.tag_ == "NN" and epithet.lower_ in _EPITHETS
    return True


# Nouns that, after a nationality, stand for a person just named.
_EPITHETS = word_list(PEOPLE_WORDS, "epithet")


def _is_surname(name: str, surnames: set[str]) -> bool:
    """Say whether an "organisation" the NER found is one of `surnames`, of
    people the article names in full: "if Trump continued" tagged ORG is
    Donald Trump, no other body that "the newspaper" could be (real news). A
    full name the NER also took for a person ("Lycos Europe") stays a body
    (BBC)."""
    words = name_words(name)
    return len(words) == 1 and words[0] in surnames


def _spokes_word(text: str) -> str | None:
    """The spokesperson noun of a mention: "spokesman" in "a spokesman for the BPI"."""
    return next((w for w in text.lower().split() if w in _SPOKESPEOPLE), None)


def _through_spokesperson(owner: Speaker, source: Span) -> Speaker:
    """The owner of an unnamed spokesperson as the speaker (real-news
    convention: "a Justice Department spokesman" is the department, "Mr
    Blair's spokesman" Tony Blair; BBC: about 270 spokespeople named no one).

    An organisation keeps the role as written as its title ("Honda
    spokesman"); a person keeps their own title, not the spokesperson's
    (whose gender is not theirs). A "person" without a known first name is
    a body the NER took for one ("a Google spokesperson", "a Jive
    spokeswoman", "An Operation Black Vote spokesman": BBC): it speaks as
    the organisation named in the mention.
    """
    role = _DET.sub("", source.text).strip()
    first = owner.name.split()[0].lower() if owner.name else ""
    if not owner.is_org and first not in first_names():
        named = clean_name(owner.chain[0].text) if owner.chain else owner.name
        owner = Speaker(named, org=named, is_org=True, chain=owner.chain)
    return Speaker(
        owner.name,
        title=role if owner.is_org else owner.title,
        org=owner.org or (owner.name if owner.is_org else None),
        is_org=owner.is_org,
        resolved_by="spokesperson",
        chain=owner.chain,
    )


class Resolver:
    """Resolve speaker mentions of one article, in document order."""

    def __init__(self, doc: Doc, residue: list[Residue]) -> None:
        self.doc = doc
        self.registry = Registry(doc, residue)
        self.spoken: list[tuple[Span, Speaker]] = []  # (mention, speaker) so far
        # Speakers described but not named ("A BBC spokeswoman said"), so far
        self.unnamed: list[tuple[Span, Speaker]] = []
        # Quoted text: a name inside someone's quote is not an antecedent of
        # the "he" that attributes it (#13).
        self.quoted = [
            (q.open, q.close_end) for q in pair_quote_marks(text_of(doc)).spans
        ]

    def person_speaker(
        self,
        person: Person,
        mention: Span,
        position: int,
        how: str,
        gender: str | None = None,
    ) -> Speaker:
        """The speaker a person mention names, its surname expanded.

        `gender`: the "he"/"she" that led here, else the mention's honorific;
        it chooses among namesakes ("she" after "Fiorina" is Carly, not her
        husband Frank, named later; PolNeAR train audit).
        """
        gender = gender or _honorific_gender(mention.text)
        full = self._speaking_namesake(
            person, self.registry.expand(person, position, gender), gender
        )
        chain: tuple[Span, ...] = ()
        if full is not person:
            how = "surname" if how == "name" else how
            full.gender = full.gender or gender
            earlier = [m for m in full.mentions if m.start < position] or full.mentions
            chain = (earlier[-1],)
        if full.is_org or person.is_org:  # "Russian oil firm Yukos" (#13)
            return Speaker(
                full.name, org=full.name, is_org=True, resolved_by=how, chain=chain
            )
        return Speaker(
            full.name,
            title=full.title or person.title,
            org=full.org or person.org,
            resolved_by=how,
            chain=chain,
        )

    def _speaking_namesake(
        self, person: Person, full: Person, gender: str | None
    ) -> Person:
        """Of two full names a surname may stand for, the one who has spoken.

        "Clinton and her husband, former President Bill Clinton, attended"
        names Bill last, but the "Clinton said" that follows is Hillary, who
        has been speaking all along (PolNeAR train audit). A full name that
        has spoken itself, or a surname with no namesake that has, is kept.
        """
        if full is person or len(person.words) != 1:
            return full
        speakers = [s.name for _, s in reversed(self.spoken) if s.name and not s.is_org]
        if full.name in speakers:
            return full
        for name in speakers:
            other = self.registry.people.get(name_words(name))
            if (
                other is not None
                and len(other.words) > 1
                and other.words[-1] == person.words[0]
                and (gender is None or other.gender in (None, gender))
            ):
                return other
        return full

    def resolve(self, source: Span, content: Span | None = None) -> Speaker:
        """The speaker that mention `source` names (`_resolve_mention`).

        A name that opens with a quantifier is no one's: "Several of Ireland's
        biggest companies", "Other parties", "Both organisations" are groups
        (BBC: 32 such "speakers" had a name); their title and organisation stay.
        """
        speaker = self._resolve_mention(source, content)
        if speaker.name and speaker.name.split()[0].lower() in _QUANTIFIERS:
            return dataclasses.replace(speaker, name=None, resolved_by=None)
        if speaker.is_org and speaker.name:
            # One name per party: "The Tories", "the Conservatives" are the
            # Conservative Party (BBC: 65 + 22 quotes were two speakers)
            party = party_names().get(_DET.sub("", speaker.name).lower())
            if party is not None:
                org = party if speaker.org == speaker.name else speaker.org
                return dataclasses.replace(speaker, name=party, org=org)
        return speaker

    def _resolve_mention(self, source: Span, content: Span | None = None) -> Speaker:
        """The speaker that mention `source` names.

        `content`: what it said, when the cue is a verb of saying; a name in it
        is not the antecedent of a pronoun speaker: in "Mr Blair has failed,
        he claimed" the "he" is someone else (BBC audit).
        """
        for spoken, speaker in reversed(self.spoken):
            if (spoken.start, spoken.end) == (source.start, source.end):
                # One mention, two cues ("he claimed, saying …"): one person
                return speaker
        word, lemma = _head_word(self.doc, source)
        if word in ("who", "that", "which") and len(source.text.split()) == 1:
            return self.resolve_relative(source)
        if word in _PRONOUNS and len(source.text.split()) <= 2:
            return self.resolve_pronoun(source, _PRONOUNS[word], content)
        if (after_comma := self._named_after_comma(source)) is not None:
            return after_comma
        mention = self.registry.person_at(source)
        if mention is not None and self._heads(source, mention.span):
            speaker = self.person_speaker(mention.person, source, source.start, "name")
            return speaker
        chars = self.doc.char_span(source.start, source.end, alignment_mode="expand")
        if (
            lemma in _DOCUMENT_NOUNS
            and chars is not None
            and chars.root.pos_ == "NOUN"
            and chars.root.is_lower
            and (owner := self._owner(chars)) is not None
        ):
            return owner
        if (
            lemma in _SPOKESPEOPLE
            and word == lemma  # "a spokesman", not "spokesmen"
            and chars is not None
            and chars.root.is_lower
            and (owner := self._spokesperson_owner(chars)) is not None
        ):
            return _through_spokesperson(owner, source)
        if chars is not None and chars.root.pos_ == "PROPN":
            # A surname the NER took for an organisation: "Teixeira said".
            named = self.registry.person_named(chars.root)
            if (
                self.registry.expand(named, source.start) is not named
                or (
                    len(named.words) > 1
                    and named.words[0] in first_names()
                    and not any(
                        w in _ORG_NOUNS for w in named.words
                    )  # "Preston City Council"
                )
                or source.text.split()[0].lower() in _COURTESY
            ):  # "head coach Ana Ruiz" with "Ruiz" tagged ORG: a first name says
                # person; so does "Mr" ("Mr Dean said", an organisation before)
                return self.person_speaker(named, source, source.start, "name")
        if (named_appos := self._apposed_name(chars, source)) is not None:
            return self.person_speaker(named_appos, source, source.start, "name")
        org = self.registry.org_at(source)
        root_is_org = chars is not None and chars.root.ent_type_ in ORG_LABELS
        if org is not None and (root_is_org or lemma in _ORG_NOUNS):
            # The name itself, not the words describing it: "the fervently
            # nationalist Global Times" is the Global Times, "Manufacturers'
            # organisation, the EEF" the EEF.
            entity = _entity_named(chars)
            name = (
                clean_name(entity.text)
                if entity is not None and "(" not in entity.text
                else self._org_full_name(source)
            )
            return Speaker(
                self._expand_short(name), is_org=True, org=org, resolved_by="name"
            )
        if (country := _country_named(chars)) is not None:
            # "India has rejected offers of aid", "The US said": the country
            # (its government) speaks (real news; was no one)
            return Speaker(country, is_org=True, resolved_by="name")
        if (party := _party_named(chars)) is not None:
            # "The Tories said", "the Liberal Democrats say": the party speaks
            # (BBC: about 80 statements named no one)
            return Speaker(party, is_org=True, resolved_by="name")
        if _is_demonym_epithet(chars) and (
            found := self._only_recent_subject(source.start)
        ):
            person, span = found
            return self.person_speaker(person, span, source.start, "title")
        if (
            (_BACK_REFERENCE.match(source.text) or _superlative_description(chars))
            and lemma in _ANAPHORIC_ORG_NOUNS
            and word == lemma  # "the company", not "the companies"
        ):
            earlier = self._last_named_org(source.start) or (
                self._last_org_named(source.start) if lemma in _ANY_BUSINESS else None
            )
            if earlier is not None:
                return earlier
        if (
            lemma in _ORG_NOUNS
            and source.text[:1].isupper()
            or (lemma in _ORG_NOUNS and source.text.lower().startswith("the "))
        ):
            return Speaker(self._org_full_name(source), is_org=True, resolved_by="name")
        if chars is not None and chars.root.lower_ in ROLE_NOUNS:
            return self._capitalised_role(source, lemma)
        if chars is not None and chars.root.lower_ in PARTY_NOUNS:
            return Speaker(None)  # "Senior Tories said": members, unnamed
        if (
            chars is not None
            and (
                chars.root.pos_ == "PROPN"
                or len(chars) == 1
                and is_misread_name(chars.root)
            )
            and not root_is_org
        ):
            person = self.registry.person_named(chars.root)
            return self.person_speaker(person, source, source.start, "name")
        return self.resolve_role(source, lemma)

    def _spokesperson_owner(self, chars: SpacySpan) -> Speaker | None:
        """Whom an unnamed spokesperson speaks for, if the mention says so whole.

        Not when the mention names the spokesperson, nor when the owner found
        after the noun goes on as a possessive or an apposition: "a spokesman
        for Manchester's Trafford Centre", "for the Department for Culture,
        Media and Sport" (the NER's name stops at the comma), "for DLF
        Builders, Dr Vancheshwar" (BBC).
        """
        if self._names_the_spokesperson(chars):
            return None
        owner = self._owner(chars, ("by", "from", "of", "for"))
        if owner is None or not owner.chain:
            return owner
        mention = owner.chain[0]
        if mention.start > chars.root.idx:
            tail = text_of(self.doc)[mention.end : chars.end_char]
            # the NER's "Manchester's" of "Manchester's Trafford Centre" too
            if _GOES_ON.match(tail) or mention.text.endswith(("'s", "\u2019s")):
                return None
        if owner.is_org:
            # "the Electoral Commission" is "Electoral Commission" ("The
            # Times" keeps its capital: part of the name)
            owner = dataclasses.replace(
                owner,
                name=owner.name and owner.name.removeprefix("the "),
                org=owner.org and owner.org.removeprefix("the "),
            )
        return owner

    def _names_the_spokesperson(self, chars: SpacySpan) -> bool:
        """Say whether a person is named after the spokesperson noun but not
        right after its preposition: "Shadow spokesman for sport Hugh
        Robertson" is Hugh Robertson, not a spokesman of "Shadow"; "a
        spokesman for Mr Prescott" speaks for Mr Prescott (BBC)."""
        for ent in chars.ents:
            if ent.label_ != "PERSON" or ent.start <= chars.root.i:
                continue
            before = self.doc[ent.start - 1]
            opener = self.doc[ent.start - 2] if before.lower_ in HONORIFICS else before
            if opener.lower_ not in ("for", "to", "of"):
                return True
        return False

    def _owner(
        self, chars: SpacySpan | None, after: tuple[str, ...] = ("by", "from", "of")
    ) -> Speaker | None:
        """Whose a report or statement is: "the ADB report", "a Capital
        Economics statement", "the Halifax survey" are the bank's and the firm's.

        `after`: the prepositions that may name the owner after the noun ("a
        report by the CBI"; "a spokesman for the BPI" too).
        """
        if chars is None:
            return None
        names = [
            t
            for t in chars.root.children
            if t.dep_ in ("compound", "poss")
            and t.pos_ == "PROPN"
            and t.i < chars.root.i
            and t.ent_type_ not in _NOT_OWNERS
        ]
        if not names:
            return self._owner_after(chars, after)
        tokens = sorted(
            {
                t
                for name in names
                for t in name.subtree
                if t.i < chars.root.i and not t.is_punct
            },
            key=lambda t: t.i,
        )
        if tokens and tokens[-1].tag_ == "POS":
            tokens.pop()
        mention = token_range_span(self.doc, tokens)
        if mention is None:
            return None
        speaker = self.resolve(mention)
        if speaker.name is None:
            return None
        return Speaker(
            speaker.name,
            title=speaker.title,
            org=speaker.org,
            is_org=speaker.is_org,
            resolved_by=speaker.resolved_by,
            chain=(mention, *speaker.chain),
        )

    def _owner_after(self, chars: SpacySpan, after: tuple[str, ...]) -> Speaker | None:
        """The owner a few words after a report: "a report by the CBI",
        "according to a report earlier this week from the British Retail
        Consortium" (real news; the parser hangs "from" on "according")."""
        stop = min(chars.end + 6, len(self.doc))
        for token in self.doc[chars.root.i + 1 : stop]:
            if token.is_punct or token.is_sent_start or token.pos_ in ("VERB", "AUX"):
                return None  # "The poll also found that ... of Britons": no owner
            if token.lower_ not in after:
                continue
            entity = next(
                (e for e in self.doc.ents if e.start in (token.i + 1, token.i + 2)),
                None,
            )
            if entity is None or entity.label_ not in ("ORG", "PERSON"):
                return None  # "recent reports from China": where, not whose
            between = self.doc[token.i + 1].lower_
            if (
                entity.start == token.i + 2
                and between != "the"
                and between not in HONORIFICS
            ):
                return None
            mention = Span.of(self.doc.text, entity.start_char, entity.end_char)
            speaker = self.resolve(mention)
            if speaker.name is None:
                return None
            return dataclasses.replace(speaker, chain=(mention, *speaker.chain))
        return None

    def _last_org_named(self, position: int) -> Speaker | None:
        """ "Shell cut its reserves again. The company said …": with no
        organisation speaking before, the one organisation named in this
        sentence or the one before, if only one is (BBC: "the company" and
        "the firm" were 64 speakers with no name)."""
        floor = self._floor_before(position)
        if floor is None:
            return None
        names = {
            name
            for span, name in self.registry.orgs
            if floor <= span.start < position
            and not self._is_quoted(span.start)
            and not self._in_a_list_or_title(span)
        }
        if len(names) != 1:
            return None
        name = names.pop()
        return Speaker(self._expand_short(name), is_org=True, resolved_by="previous")

    def _in_a_list_or_title(self, span: Span) -> bool:
        """An organisation named in a list ("AEG, Zanussi and Frigidaire",
        brands of another firm) or in a person's title ("Armed Forces
        Minister Adam Ingram"): not what "the company" means (BBC)."""
        chars = self.doc.char_span(span.start, span.end, alignment_mode="expand")
        if chars is None:
            return True
        root = chars.root
        if root.dep_ == "conj" or any(c.dep_ == "conj" for c in root.children):
            return True
        after = self.doc[chars.end] if chars.end < len(self.doc) else None
        return after is not None and (
            after.ent_type_ == "PERSON" or after.lower_ in ROLE_NOUNS
        )

    def _last_named_org(self, position: int) -> Speaker | None:
        """ "The bank said", after Halifax spoke: the organisation that spoke
        last, within a few paragraphs, named by its own name."""
        for spoken, speaker in reversed(self.spoken):
            if position - spoken.start > _ORG_WINDOW:
                return None
            if speaker.is_org and speaker.resolved_by == "name" and speaker.name:
                surnames = self.registry.surnames()
                if any(
                    spoken.end <= span.start < position
                    and name not in speaker.name
                    and not _is_surname(name, surnames)
                    for span, name in self.registry.orgs
                ):
                    return None  # another organisation named since: which one?
                if (
                    _DET.match(speaker.name)
                    and speaker.name.split()[-1].lower() in _ORG_NOUNS
                ):
                    continue  # itself a description: "the newspaper"
                return Speaker(
                    speaker.name,
                    org=speaker.org,
                    is_org=True,
                    resolved_by="previous",
                    chain=(spoken, *speaker.chain),
                )
        return None

    def _org_full_name(self, source: Span) -> str:
        """An organisation's name; a short form ("The ONS", "the BRC") as the
        article spelled it out: "the Office for National Statistics (ONS)",
        or a name whose capitals it is ("the British Retail Consortium")."""
        return self._expand_short(_org_name(source))

    def _expand_short(self, name: str) -> str:
        short = _ACRONYM.match(name)
        if short is None:
            return name
        spelled = [
            org
            for span, org in self.registry.orgs
            if " " in org and initials(org) == short.group(1)
        ]
        return _DET.sub("", spelled[0]) if spelled else name

    def resolve_relative(self, source: Span) -> Speaker:
        """A relative pronoun: the speaker the noun before it names."""
        chars = self.doc.char_span(source.start, source.end, alignment_mode="expand")
        noun = antecedent(chars.root) if chars is not None and len(chars) else None
        if noun is None:
            return Speaker(None)
        tokens = [
            t for t in noun.subtree if t.i <= noun.i and t.dep_ not in ("cc", "conj")
        ]
        mention = token_range_span(self.doc, tokens)
        if mention is None:
            return Speaker(None)
        speaker = self.resolve(mention)
        chain = (mention, *speaker.chain)
        return Speaker(
            speaker.name,
            title=speaker.title,
            org=speaker.org,
            is_org=speaker.is_org,
            resolved_by="relative" if speaker.name else None,
            chain=chain,
        )

    def _named_after_comma(self, source: Span) -> Speaker | None:
        """The person a role names after its last comma: "The chairman of the
        Bar Council, Guy Mansfield QC", "ITV's controller of entertainment,
        Claudia Rosencrantz" (BBC: the parse attaches the name anywhere, and
        the role named no one).

        Only a name that starts right after the comma and ends the mention
        ("MSP", "QC" may follow), and only when the mention does not open
        with a name: "Jason Gardener, Darren Campbell" is a list, "Sir
        Bernard Ingham, Margaret Thatcher's former press secretary" is
        Ingham, and "a spokesman for the prosecutor, State Comptroller Alan
        Hevesi" the spokesman's. The role is the title where it says more
        than the person's own: "spokesman for US Immigration, Customs and
        Enforcement" for Dean Boyd, not "US Immigration, Customs and
        Enforcement"; "Its leader, Roger Knapman" keeps "UKIP leader".
        """
        comma = source.text.rfind(", ")
        if comma <= 0 or " including " in source.text[:comma]:
            return None  # "opponents of the bill, including ..., the Rt Rev X"
        after = source.start + comma + 2
        text = text_of(self.doc)
        named = None
        for mention in self.registry.mentions:
            span = mention.span
            if source.start <= span.start < after - 2 and span.start < source.start + 5:
                return None  # the mention opens with a name ("Sir Bernard Ingham, ...")
            if (
                span.start == after
                and span.end <= source.end
                and _POST_NOMINALS.fullmatch(text[span.end : source.end])
            ):
                named = mention.person
        if named is None or len(named.words) < 2 or named.is_org:
            return None
        speaker = self.person_speaker(named, source, source.start, "name")
        role = _DET.sub("", source.text[:comma]).strip()
        own = _DET.sub("", speaker.title or "").strip().lower()
        head = Span.of(text, source.start, source.start + comma)
        if (
            speaker.is_org
            or _head_word(self.doc, head)[1] not in ROLE_NOUNS
            or own not in role.lower()
        ):
            return speaker
        return dataclasses.replace(speaker, title=role)

    def _apposed_name(self, chars: SpacySpan | None, source: Span) -> Person | None:
        """A name the NER missed in apposition to a role: "a spokesman, Ana Ruiz"."""
        if chars is None or chars.root.pos_ != "NOUN":
            return None
        for child in chars.root.children:
            if (
                child.dep_ == "appos"
                and child.pos_ == "PROPN"
                and source.start <= child.idx < source.end
            ):
                named = self.registry.person_named(child)
                if len(named.words) > 1 and named.words[0] in first_names():
                    return named
        return None

    def _heads(self, source: Span, name: Span) -> bool:
        """Say whether a name is the speaker in a source, not a possessor in it.

        "Maria Okafor, a spokeswoman" and "a spokeswoman, Maria Okafor" name
        her; "Obama's former campaign strategist" does not name Obama.
        """
        chars = self.doc.char_span(source.start, source.end, alignment_mode="expand")
        if chars is None:
            return True
        root = chars.root
        if name.start <= root.idx < name.end:
            return True
        if (
            root.lower_ in ROLE_NOUNS
            and root.is_upper  # "MP", "MEP"; not "James Hardie chairwoman"
            and root.i > 0
            and name.start <= self.doc[root.i - 1].idx < name.end
        ):
            return True  # "Andrew Tyrie MP": a post-nominal title (BBC)
        after = text_of(self.doc)[name.end : name.end + 6]
        if name.start == source.start and _AFFILIATION.match(after):
            return True  # "Brett Lock of gay group OutRage!", parsed with the group as head (#13)
        for token in chars:
            if (
                name.start <= token.idx < name.end
                and token.dep_ == "appos"
                and token.head.i == root.i
            ):
                return True
        return root.dep_ == "appos" and name.start <= root.head.idx < name.end

    def _capitalised_role(self, source: Span, lemma: str) -> Speaker:
        """A role the tagger took for a name: "the Chancellor", "The Scottish Executive".

        Not a person called "Chancellor" (#13): the person last given that
        title; with none, a capitalised phrase of several words names an
        organisation, kept whole ("The Scottish Executive"), unless it ends
        in an office one person holds: "The Foreign Secretary", "the Salford
        MP" and "The Lord Chancellor" stay one unnamed person with that title.
        """
        speaker = self.resolve_role(source, lemma)
        words = _DET.sub("", _org_name(source)).split()
        if (
            speaker.name is None
            and lemma not in _OFFICES  # "the Salford MP" is a person (BBC)
            and len(words) > 1
            and all(w[:1].isupper() for w in words)
            and words[-1].lower() == lemma  # "Tory MPs": members, not a body
            and not source.text.lower().startswith(("a ", "an "))  # "A Plaid Cymru MP"
        ):
            return Speaker(_org_name(source), is_org=True, resolved_by="name")
        return speaker

    def resolve_role(self, source: Span, lemma: str) -> Speaker:
        """A role noun: the person last given that title, else the role alone."""
        role = _DET.sub("", source.text.split(",")[0]).strip()
        if source.text.lower().startswith("the "):
            for spoken, speaker in reversed(self.spoken):
                title = (speaker.title or "").lower()
                if spoken.start < source.start and _title_fits(role, lemma, title):
                    return Speaker(
                        speaker.name,
                        title=speaker.title,
                        org=speaker.org,
                        is_org=speaker.is_org,  # "the spokesman" of "a BBC spokesman"
                        resolved_by="title",
                        chain=speaker.chain,
                    )
            for mention in reversed(self.registry.mentions):
                title = (mention.person.title or "").lower()
                if mention.span.start < source.start and _title_fits(
                    role, lemma, title
                ):
                    return self.person_speaker(
                        mention.person, mention.span, source.start, "title"
                    )
        role_title = role if role and lemma in ROLE_NOUNS else None
        return Speaker(None, title=role_title, resolved_by=None)

    def resolve_pronoun(
        self, source: Span, gender: str, content: Span | None = None
    ) -> Speaker:
        position = source.start
        inside = (content.start, content.end) if content else (0, 0)
        if gender == "org":
            for spoken, speaker in reversed(self.spoken):
                if speaker.is_org and position - spoken.start < _WINDOW:
                    return Speaker(
                        speaker.name,
                        title=speaker.title,
                        org=speaker.org,
                        is_org=True,
                        resolved_by="pronoun",
                        chain=speaker.chain,
                    )
            return Speaker(None, resolved_by=None)
        floor = self._floor_before(position)
        recent = self._clause_subject(source, gender) or self._recent_subject(
            floor, position, gender, inside
        )
        described = self._recent_unnamed(floor, position, gender, recent)
        if described is not None:
            return described
        # Who spoke or was a subject comes before a name only mentioned, even
        # when only the mention's gender is known: "Houllier has been
        # impressed with Jose Mourinho's work. He said: …" is Houllier (#13).
        for salient_only, strict in (
            (True, True),
            (True, False),
            (False, True),
            (False, False),
        ):
            found = recent or self._antecedent(
                position, gender, inside, strict=strict, salient_only=salient_only
            )
            if found is not None:
                person, span = found
                speaker = self.person_speaker(person, span, position, "pronoun", gender)
                return Speaker(
                    speaker.name,
                    title=speaker.title,
                    org=speaker.org,
                    resolved_by="pronoun",
                    chain=(span, *speaker.chain),
                )
        return Speaker(None, resolved_by=None)

    def _clause_subject(self, source: Span, gender: str) -> tuple[Person, Span] | None:
        """The subject of a clause that opens the pronoun's own sentence.

        'If Holmes does take her place in the side, she has already indicated
        …': the "she" is Holmes, not the man who spoke in the sentence before
        (BBC). Only a person named as subject of an adverbial clause ("if",
        "when", "after" …) of the pronoun's own verb, before the pronoun, and
        known to be of the pronoun's gender.
        """
        chars = self.doc.char_span(source.start, source.end, alignment_mode="expand")
        if chars is None or chars.root.dep_ not in ("nsubj", "nsubjpass"):
            return None
        verb = chars.root.head
        clauses = {
            c.i for c in verb.children if c.dep_ == "advcl" and c.i < chars.root.i
        }
        for mention in self.registry.mentions:
            name = self.doc.char_span(
                mention.span.start, mention.span.end, alignment_mode="expand"
            )
            if (
                name is not None
                and name.root.dep_ in ("nsubj", "nsubjpass")
                and name.root.head.i in clauses
                and self._fits(mention.person, source.start, gender, strict=True)
            ):
                return mention.person, mention.span
        return None

    def _floor_before(self, position: int) -> int | None:
        """Where the story's sentence before the one at `position` starts.

        A pronoun looks back no further for a subject or a described speaker.
        """
        token = self.doc.char_span(position, position + 1, alignment_mode="expand")
        if token is None or not len(token):
            return None
        return self._sentence_before(token[0].sent).start_char

    def _only_recent_subject(self, position: int) -> tuple[Person, Span] | None:
        """The person named as a subject, or who spoke, in this sentence or the
        one before, outside quotes, if no other person is named there at all
        ("Tim Henman beat Andy Roddick. … said the American" is no one)."""
        floor = self._floor_before(position)
        if floor is None:
            return None
        named = [
            m
            for m in self.registry.mentions
            if floor <= m.span.start < position
            and not self._is_quoted(m.span.start)
            and not m.person.is_org
        ]
        candidates = [(m.person, m.span) for m in named if m.is_subject]
        candidates += [
            (person, spoken)
            for spoken, person in self._spoken_people(position)
            if floor <= spoken.start
        ]
        people = {
            self.registry.expand(p, position).name
            for p in [m.person for m in named] + [p for p, _ in candidates]
        }
        if len(people) != 1 or not candidates:
            return None
        return max(candidates, key=lambda c: c[1].start)

    def _recent_subject(
        self, floor: int | None, position: int, gender: str, inside: tuple[int, int]
    ) -> tuple[Person, Span] | None:
        """The last person named as a subject in this sentence or the one before.

        Outside quotation marks, and not known to be of the other gender: in
        '... CBI economist Ian Reed said rates would hold. "…," he said.' the
        "he" is Reed, even when the article has not told Reed's gender and an
        earlier "Mr Frost" is known to be a man (#13).
        """
        if floor is None:
            return None
        candidates = [
            (m.person, m.span)
            for m in self.registry.mentions
            if m.is_subject
            and floor <= m.span.start < position
            and not self._is_quoted(m.span.start)
            and not inside[0] <= m.span.start < inside[1]
            and self._fits(m.person, position, gender)
        ]
        candidates += [
            (person, spoken)
            for spoken, person in self._spoken_people(position)
            if floor <= spoken.start and self._fits(person, position, gender)
        ]
        if not candidates:
            return None
        # The subject of a main clause before one inside a complement: in
        # 'He conceded Kuznetsova might have taken a medicine. "We have
        # stated a fact," he said.' the second "he" is the first one.
        return max(
            candidates,
            key=lambda c: (self._is_main_subject(c[1]), c[1].start),
        )

    def _recent_unnamed(
        self,
        floor: int | None,
        position: int,
        gender: str,
        named: tuple[Person, Span] | None,
    ) -> Speaker | None:
        """A described speaker who is the "he"/"she", rather than anyone named.

        'A BBC spokeswoman said Andi Peters would stay. She said …': "She" is
        the spokeswoman, subject of the main clause just before, not the name
        inside her statement (BBC audit). Only one introduced as "a …" (a
        definite "the party's leader" is often someone named), of this or the
        sentence before, outside quotes, whose title does not say the other
        gender ("spokesman" for a "she"), and only if no person named as a
        main-clause subject comes later.
        """
        if floor is None:
            return None
        for span, speaker in reversed(self.unnamed):
            if not floor <= span.start < position or self._is_quoted(span.start):
                continue
            said = _title_gender(
                _spokes_word(span.text)
                if speaker.resolved_by == "spokesperson"
                else speaker.title
            )
            if (
                said not in (None, gender)
                or not self._is_main_subject(span)
                or (
                    span.text.split()[0].lower() not in _INDEFINITE
                    and span.text.split()[-1].lower() not in _SPOKESPEOPLE
                )
            ):
                # "The Conservative leader said" is often a named person
                # described (Michael Howard); "A spokeswoman said", "Big
                # Brother's spokeswoman said" (left unnamed) are not
                return None
            if named is not None and (
                self._is_main_subject(named[1]) and named[1].start > span.start
            ):
                return None
            return Speaker(
                speaker.name,  # a spokesperson's owner; else no one
                title=speaker.title,
                org=speaker.org,
                is_org=speaker.is_org,
                resolved_by="pronoun",
                chain=(span, *speaker.chain),
            )
        return None

    def _sentence_before(self, sentence: SpacySpan) -> SpacySpan:
        """The sentence before `sentence` in the story's own words.

        A sentence inside someone's quote is not "the sentence before": in
        'Benitez responded: "… Why not?" He said: …' it is Benitez's. Nor is a
        line break, a sentence of its own (`line_breaks`).
        """
        previous = self.doc[sentence.start - 1].sent if sentence.start else sentence
        for _ in range(4):
            if not previous.start or not (
                self._is_quoted(previous.start_char) or not previous.text.strip()
            ):
                break
            previous = self.doc[previous.start - 1].sent
        return previous

    def _is_quoted(self, char: int) -> bool:
        return any(a <= char < b for a, b in self.quoted)

    def _spoken_people(self, position: int) -> list[tuple[Span, Person]]:
        """Earlier speakers' mentions ("He conceded...") with the person each resolved to.

        A speaker the NER did not tag is a person too ("Cardinal Cormac
        Murphy O'Connor ... backed Mr Howard's stance. In a statement, he
        said": real news), of unknown gender.
        """
        people = []
        for spoken, speaker in self.spoken:
            if spoken.start >= position or not speaker.name or speaker.is_org:
                continue
            words = name_words(speaker.name)
            person = self.registry.people.get(words)
            if person is None and len(words) > 1:  # one word: too often a role
                person = Person(speaker.name, words)
            if person is not None:
                people.append((spoken, person))
        return people

    def _is_main_subject(self, span: Span) -> bool:
        chars = self.doc.char_span(span.start, span.end, alignment_mode="expand")
        if chars is None or not len(chars):
            return False
        root = chars.root
        while root.dep_ in ("appos", "compound", "conj"):
            root = root.head
        return root.dep_ in ("nsubj", "nsubjpass") and root.head.dep_ == "ROOT"

    def _fits(
        self, person: Person, position: int, gender: str, *, strict: bool = False
    ) -> bool:
        """Say whether a person may be the "he"/"she" of `gender` at `position`.

        `strict`: only a person known to be of that gender; else also one whose
        gender is unknown.
        """
        full = self.registry.expand(person, position)
        if person.is_org or full.is_org:
            return False  # "he" is never Labour, however the NER tagged it once
        known = person.gender or full.gender
        return known == gender if strict else known in (None, gender)

    def _antecedent(
        self,
        position: int,
        gender: str,
        inside: tuple[int, int],
        *,
        strict: bool,
        salient_only: bool,
    ) -> tuple[Person, Span] | None:
        def fits(person: Person) -> bool:
            return self._fits(person, position, gender, strict=strict)

        untagged: tuple[Span, Person] | None = None
        salient: list[tuple[int, Person, Span]] = [
            (m.span.start, m.person, m.span)
            for m in self.registry.mentions
            if m.is_subject
            and position - _WINDOW < m.span.start < position
            and not inside[0] <= m.span.start < inside[1]
            and fits(m.person)
        ]
        for spoken, speaker in self.spoken:
            if (
                position - _WINDOW < spoken.start < position
                and speaker.name
                and not speaker.is_org
            ):
                words = name_words(speaker.name)
                match = self.registry.people.get(words)
                if match is not None and fits(match):
                    salient.append((spoken.start, match, spoken))
                elif match is None and not strict:
                    untagged = (spoken, Person(speaker.name, words))
        if salient:
            _, person, span = max(salient, key=lambda item: item[0])
            return person, span
        if salient_only:
            return None
        others = [
            m
            for m in self.registry.mentions
            if position - _WINDOW < m.span.start < position
            and not inside[0] <= m.span.start < inside[1]
            and fits(m.person)
        ]
        if others:
            return others[-1].person, others[-1].span
        if untagged is not None:
            # Only a speaker the NER did not tag ("Okafor said"): gender unknown.
            return untagged[1], untagged[0]
        return None
