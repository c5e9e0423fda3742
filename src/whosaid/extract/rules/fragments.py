"""Quoted fragments inside a noun-phrase complement are direct quotes (#13).

`called the plan "reckless"`, `branded the offer an "insult"`, `accused the
mayor of "sleepwalking"`, `what he calls the "grassroots" of the party`: the
verb reports an act of speech, its complement is a noun phrase, and the words
in quotation marks are the speaker's own. The record is the quoted fragment
alone, type direct, with the verb as cue and its subject as speaker; the noun
phrase around it is not a statement (see `whosaid.extract.kinds.complement`).

Only verbs that report naming, judging or promising in words take part
(`_FRAGMENT_VERBS`); a quoted title or term with no such verb over it
(`HBO's "Girls"`, `the so-called "reform"`) stays a scare quote.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from whosaid.extract.rules.confidence import CONFIDENCE
from whosaid.extract.rules.marks import QuotedSpan
from whosaid.extract.syntax import source_tokens, subject_of, text_of, token_range_span
from whosaid.model import Attribution, Span

_FRAGMENT_VERBS = frozenset(
    [
        "call",
        "brand",
        "describe",
        "accuse",
        "label",
        "dub",
        "term",
        "characterise",
        "characterize",
        "criticise",
        "criticize",
        "condemn",
        "denounce",
        "decry",
        "deride",
        "praise",
        "hail",
        "laud",
        "slam",
        "blast",
        "attack",
        "mock",
        "ridicule",
        "dismiss",
        "reject",
        "announce",
        "promise",
        "pledge",
        "vow",
        "urge",
        "demand",
        "warn",
        "promise",
        "label",
        "nickname",
    ]
)
# Dependencies a quoted fragment may hang from on its way up to the verb:
# objects, predicates of objects, prepositions and what modifies a noun.
_UP_DEPS = frozenset(
    {
        "dobj",
        "pobj",
        "prep",
        "oprd",
        "attr",
        "amod",
        "compound",
        "appos",
        "conj",
        "nmod",
        "acomp",
        "npadvmod",
        "dative",
        "pcomp",
        "advmod",
        "nummod",
        "poss",
        "cc",
        "punct",
    }
)
_MAX_STEPS = 6


def _fragment_root(doc: Doc, quote: QuotedSpan) -> Token | None:
    span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _governing_verb(token: Token) -> Token | None:
    """Walk up from a fragment through noun-phrase links to a fragment verb."""
    for _ in range(_MAX_STEPS):
        if token.lemma_.lower() in _FRAGMENT_VERBS and token.pos_ == "VERB":
            return token
        if token.dep_ not in _UP_DEPS and not (
            token.pos_ in ("NOUN", "PROPN", "ADJ", "PRON", "NUM", "X")
            and token.dep_ in ("ROOT", "nsubj")
        ):
            return None
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def _speaker(doc: Doc, verb: Token) -> Span | None:
    subject = subject_of(verb)
    if (
        subject is None
        and verb.dep_ in ("xcomp", "advcl")
        and verb.head.i != verb.i
        and not any(child.dep_ == "mark" for child in verb.children)
    ):
        # "swept into London to announce a "…"" shares its verb's subject; a
        # clause with a conjunction of its own ("His comments come as the
        # chairman … called him "…"") does not (real news)
        subject = subject_of(verb.head)
    if subject is None or subject.pos_ not in ("PROPN", "NOUN", "PRON"):
        return None
    return token_range_span(doc, source_tokens(subject))


def _cue_holds(cue: Span | None, verb: Token) -> bool:
    return cue is not None and cue.start <= verb.idx < cue.end


def add_fragments(
    doc: Doc, quotes: list[QuotedSpan], attributed: set[int], found: list[Attribution]
) -> list[Attribution]:
    """Turn quoted fragments under a naming or judging verb into direct quotes.

    A quote already inside a mixed attribution whose cue is such a verb
    replaces that attribution (one direct record per fragment); a quote no
    attribution holds gets a record of its own. Other attributions are kept.

    Returns:
        The attributions, in document order; `attributed` is updated.
    """
    text = text_of(doc)
    replaced: set[int] = set()
    added: list[Attribution] = []
    for k, quote in enumerate(quotes):
        if quote.unclosed:
            continue
        holders = [
            i
            for i, a in enumerate(found)
            if a.content.start <= quote.open and quote.close_end <= a.content.end
        ]
        if any(found[i].type != "mixed" for i in holders) or (
            k in attributed and not holders
        ):
            continue
        root = _fragment_root(doc, quote)
        verb = _governing_verb(root) if root is not None else None
        if verb is None or root is None or root.i == verb.i:
            continue
        source: Span | None
        cue: Span | None
        if holders:
            # The mixed clause must be reported by this very verb, not by
            # another over it ('said she was "very happy"').
            mine = [i for i in holders if _cue_holds(found[i].cue, verb)]
            if not mine:
                continue
            replaced.update(mine)
            cue, source = found[mine[0]].cue, found[mine[0]].source
        else:
            source = _speaker(doc, verb)
            cue = Span.of(text, verb.idx, verb.idx + len(verb.text))
        if source is None or cue is None:
            continue
        content = Span.of(text, quote.start, quote.end)
        confidence = CONFIDENCE["fragment"]
        added.append(Attribution("direct", content, cue, source, confidence))
        attributed.add(k)
    kept = [a for i, a in enumerate(found) if i not in replaced]
    return sorted(kept + added, key=lambda a: (a.content.start, a.content.end))
