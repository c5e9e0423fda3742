"""What the cue's complement says about the kind of a record (#13).

The cue lexicon reads the verb; the complement decides whether anything was
stated. A reader of news wants statements, so these are not `statement` but
`other` (a belief, intention or evaluation keeps its kind):

- a noun phrase or gerund with no clause in it (`voiced concern`, `announced
  the launch of a fund`, `spoke of meeting voters`): kind `other`;
- a wh-complement (`explained how it works`, `asked whether …`): `other`;
- a report made by a noun, not a verb (`claims that …`, `a suggestion that
  …`): `other`;
- an evidence verb whose subject is data or a document (`figures showed`,
  `the letter indicates`): `other`;
- an evidence verb whose subject is a thing that cannot speak (`his quiet
  determination suggests`, `the pattern of traffic showed`, `rumours
  suggest`): `other`;
- a clause cut off inside a relative clause, its subject left behind (`the
  book, which she said was not a memoir`): `other`.

And these are statements, whatever the lexicon says of the verb:

- words in quotation marks (a direct quote), also under a verb of judging
  (`called the plan "reckless"`): the words were said;
- a promise made in words, with an infinitive (`pledged to cut taxes`,
  `offered to freeze debts`): a commissive speech act.

Negated and refused reports (`did not say whether`) are `other` already (the
cue reading). Records whose content is only a pronoun or a name are dropped
elsewhere (`whosaid.extract.finish`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from whosaid.wordlists import PEOPLE_WORDS, word_list

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

    from whosaid.model import Quote, QuoteKind

# "if"/"when" open a question only when they belong to the complement's own
# verb ('asked if it would work'); otherwise an adverbial clause ('said that
# if he loses, ...').
_ADVERBIAL_OPENERS = frozenset({"if", "when"})
_WH_WORDS = frozenset(
    {"how", "why", "whether", "what", "who", "whom", "which", "when", "where", "if"}
)
_CLAUSE_DEPS = frozenset({"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"})
_COMMISSIVES = frozenset(
    {"promise", "pledge", "vow", "offer", "threaten", "swear", "guarantee", "undertake"}
)
_EVIDENCE_VERBS = frozenset(
    {"show", "indicate", "reveal", "suggest", "demonstrate", "find", "confirm"}
)
_DATA_NOUNS = frozenset(
    [
        "figure",
        "figures",
        "data",
        "statistic",
        "statistics",
        "number",
        "numbers",
        "photo",
        "photos",
        "photograph",
        "photographs",
        "picture",
        "pictures",
        "image",
        "images",
        "video",
        "footage",
        "letter",
        "letters",
        "document",
        "documents",
        "record",
        "records",
        "email",
        "emails",
        "evidence",
        "result",
        "results",
        "poll",
        "polls",
        "survey",
        "surveys",
        "study",
        "studies",
        "research",
        "analysis",
        "investigation",
        "investigations",
        "inquiry",
        "probe",
        "review",
        "audit",
        "test",
        "tests",
    ]
)


# Common nouns that can be the source of a statement: people by role, bodies,
# the texts they issue, and people in general (#15: "his quiet determination
# suggests", "the pattern of traffic showed" are no one's statements).
_SPEAKER_NOUNS: frozenset[str] = frozenset().union(
    *(
        word_list(PEOPLE_WORDS, name)
        for name in (
            "title",
            "role",
            "role_noun",
            "org_noun",
            "org_anaphor",
            "document",
        )
    ),
    (
        "people",
        "public",
        "source",
        "insider",
        "observer",
        "critic",
        "fan",
        "voter",
        "family",
        "friend",
        "colleague",
        "staff",
        "team",
        "side",
        "police",
        "government",
        "council",
        "committee",
        "board",
        "panel",
        "union",
        "court",
        "jury",
        "article",
        "book",
        "editorial",
        "website",
        "column",
        "release",
        "filing",
        "ruling",
        "judgment",
        "verdict",
        "paper",
        "note",
        "speech",
        "remark",
        "comment",
        "interview",
        "testimony",
    ),
)
_AGENT_ENDINGS = (
    "er",
    "or",
    "ist",
    "ian",
    "ant",
    "ent",
    "man",
    "woman",
    "person",
    "ee",
)


def is_clause(tokens: list[Token]) -> bool:
    """Say whether words form a clause: a subject, or an infinitive with "to"."""
    if any(token.dep_ in _CLAUSE_DEPS for token in tokens):
        return True
    words = [t for t in tokens if not t.is_punct]
    if len(words) >= 2 and words[0].lower_ == "to" and words[1].pos_ in ("VERB", "AUX"):
        return True
    if len(words) >= 3 and words[0].lower_ == "not" and words[1].lower_ == "to":
        return True
    # A finite verb with no subject of its own is a reduced clause the parser
    # attached elsewhere ('denied [he] had lied' parses, 'said was fine' too).
    return any(
        t.pos_ in ("VERB", "AUX") and t.tag_ in ("VBD", "VBZ", "VBP", "MD")
        for t in words
    )


def refine_kind(
    quote: Quote,
    kind: QuoteKind,
    *,
    content: SpacySpan | None,
    cue: SpacySpan | None,
) -> QuoteKind:
    """Return the kind of `quote` once its complement has been read.

    Args:
        quote: The record, its kind as the cue reading gave it in `kind`.
        content: The content's tokens in the parsed doc, or None.
        cue: The cue's tokens, or None (a quote with no cue keeps `kind`).
    """
    if quote.type == "direct":
        return "statement" if kind in ("evaluation", "statement") else kind
    if cue is None or content is None or kind == "other":
        return kind
    if kind != "statement":
        return _commissive(quote, kind, cue, content)
    head = cue.root
    lemma = head.lemma_.lower()
    if head.pos_ == "NOUN" and lemma != "according":
        return "other"  # a nominalisation: 'claims that', 'a suggestion that'
    tokens = list(content)
    if quote.type == "indirect" and tokens:
        first = next((t for t in tokens if not t.is_punct), tokens[0])
        if (
            first.lower_ in _WH_WORDS
            and head.i < first.i
            and (
                first.lower_ not in _ADVERBIAL_OPENERS
                or content.root.i in (first.i, first.head.i)
            )
        ):
            # 'explained how it works', 'asked whether …'; not a clause that
            # opens with its own "if": 'saying that if he loses, Americans
            # will not hear from him again' is a statement (real news)
            return "other"
        if not is_clause(tokens):
            return "other"  # 'voiced concern', 'announced the launch of …'
        if first.pos_ in ("VERB", "AUX") and first.tag_ in ("VBD", "VBZ", "VBP", "MD"):
            return "other"  # cut off in a relative clause: 'which she said was …'
    if lemma in _EVIDENCE_VERBS and _no_speaker_subject(_subjects(head)):
        return "other"  # 'figures showed that …', 'his quiet determination suggests …'
    if _says_nobody(head):
        return "other"  # 'nobody is suggesting that …': no one said it
    return kind


def _commissive(
    quote: Quote, kind: QuoteKind, cue: SpacySpan, content: SpacySpan
) -> QuoteKind:
    """A promise made in words is a statement: 'pledged to cut taxes'.

    Beliefs, intentions and evaluations keep their kind otherwise: the
    complement rules above say only what is not a statement.
    """
    lemma = cue.root.lemma_.lower()
    if (
        kind == "intention"
        and lemma in _COMMISSIVES
        and _starts_infinitive(list(content))
    ):
        return "statement"
    return kind


def _starts_infinitive(tokens: list[Token]) -> bool:
    words = [t.lower_ for t in tokens if not t.is_punct][:2]
    return bool(words) and (words[0] == "to" or words == ["not", "to"])


def _subjects(verb: Token) -> list[Token]:
    """The verb's subjects, or the noun a participle hangs on ('polls suggesting')."""
    token = verb
    for _ in range(3):  # 'is attempting to suggest': the subject of the verb above
        found = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        if found:
            return found
        if token.dep_ == "acl":
            return [token.head]
        if token.dep_ not in ("xcomp", "advcl") or token.head.i == token.i:
            break
        token = token.head
    return []


def _says_nobody(verb: Token) -> bool:
    return any(
        s.lower_ in ("nobody", "none")
        or (s.lower_ == "one" and any(c.lower_ == "no" for c in s.children))
        for s in _subjects(verb)
    )


def _no_speaker_subject(subjects: list[Token]) -> bool:
    """Say whether an evidence verb's subjects say no one spoke.

    Data or a document ('figures showed', 'the letter indicates'), or only
    things that cannot speak: a common noun with no entity, not a person's
    role, a body or a text ("sign", "determination", "pattern", "rumours",
    "talks"). Names, pronouns and nouns of agents ("observers", "the
    34-year-old") can speak.
    """
    if any(
        s.lemma_.lower() in _DATA_NOUNS or s.lower_ in _DATA_NOUNS for s in subjects
    ):
        return True
    return bool(subjects) and all(_mute(s) for s in subjects)


def _mute(noun: Token) -> bool:
    lemma, word = noun.lemma_.lower(), noun.lower_
    return (
        noun.pos_ == "NOUN"
        and not noun.ent_type_
        and noun.dep_ != "acl"
        and not {lemma, word} & _SPEAKER_NOUNS
        and not lemma.endswith(_AGENT_ENDINGS)
        and "year-old" not in word
        and not any(c.dep_ == "nummod" for c in noun.children)
    )
