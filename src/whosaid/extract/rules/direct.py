"""Attribute quoted spans to the cue and speaker written next to them.

Patterns, with or without inversion and with any cue of the lexicon that can
introduce a quotation (frame `direct`):

- after the quote: `"…," said Reed.` / `"…," Reed said.` / `"…," Deputy National
  Security Adviser Thomas Reed told a briefing Monday.` / `"…," according to Reed.`
- before the quote: `Reed said: "…"` / `Reed told reporters, "…"` / `Reed said "…"`
- split quotes: `"A," she said, "B."` gives both halves the same cue and speaker.

A quote embedded in a reported clause (`the ministry said Paris "will not
accept any delay."`) is left to the indirect finder, which makes it a mixed
quote. Quotes with no cue of their own are returned as candidates for
continuing the previous speaker; see `whosaid.extract.rules.find`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from whosaid.extract.cues import Cue, CueLexicon
from whosaid.extract.rules.marks import QuotedSpan
from whosaid.extract.syntax import (
    cue_span,
    is_quote_token,
    lookup_cue,
    noun_before,
    source_tokens,
    subject_of,
    text_of,
    token_range_span,
)
from whosaid.model import Span

_END_PUNCT = frozenset(",.!?;:—–-…")  # ends a quote its speaker follows
_WINDOW = 45  # tokens to look at on either side of a quote
_INTRODUCES_NEXT = re.compile(r"[ \t]*[,:][ \t]*[\"“‘'«]")
_NOT_SUBJECT_START = frozenset({"WRB", "IN", "CC", "TO", "WDT", "RB"})
_DASHES = frozenset({"―", "—", "–", "--"})
_GAP_PUNCT = frozenset({",", ":", "—", "–", "-", "--"})
_FREE_DEPS = frozenset(
    {
        "dobj",
        "dative",
        "prep",
        "npadvmod",
        "advmod",
        "aux",
        "neg",
        "prt",
        "mark",
        "punct",
        "agent",
        "nsubj",
    }
)


@dataclass(frozen=True, slots=True)
class DirectMatch:
    """A quoted span with the cue and speaker mention found next to it."""

    quote: QuotedSpan
    cue: Span
    source: Span | None
    cue_token: int
    position: str  # "after", "before" or "colon": where the attribution is written
    # Before-position only: where the reported clause starts when words of it
    # precede the quote without a comma or colon ('called them "deplorables"').
    lead: int | None = None


class TokenIndex:
    """Map character offsets of `text_of(doc)` to tokens."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._at = [0] * (len(text_of(doc)) + 1)
        for token in doc:
            end = token.idx + len(token.text) + len(token.whitespace_)
            for char in range(token.idx, end):
                self._at[char] = token.i
        if doc:
            self._at[len(text_of(doc))] = len(doc) - 1

    def at(self, char: int) -> Token:
        return self.doc[self._at[min(max(char, 0), len(self._at) - 1)]]


def _source_after_cue(doc: Doc, cue_token: Token) -> Span | None:
    """The speaker of an inverted cue: `said Reed, a spokeswoman,`."""
    for child in cue_token.children:
        if (
            child.dep_ in ("nsubj", "dobj", "attr")
            and child.i > cue_token.i
            and child.pos_ in ("PROPN", "PRON", "NOUN")
        ):
            return token_range_span(doc, source_tokens(child))
    return None


def _names_a_work(doc: Doc, quote: QuotedSpan, index: TokenIndex) -> bool:
    """Say whether a quote is a short title-cased name after a preposition.

    'In an extended appearance on "Morning Joe," co-host Mika Brzezinski
    asked': the quoted words name a show, the object of "on", and are no
    one's statement (PolNeAR train audit).
    """
    words = text_of(doc)[quote.start : quote.end].strip(" ,.").split()
    opening = index.at(quote.open)
    before = doc[opening.i - 1] if opening.i > 0 else None
    return (
        0 < len(words) <= 4
        and all(w[:1].isupper() for w in words)
        and before is not None
        and before.pos_ == "ADP"
    )


def _in_question(first: Token, cue_token: Token) -> bool:
    """Say whether a quote, whose first word is `first`, is the question put to the speaker.

    "Asked who he would like to see "go away," he said Michelle Obama": the
    quoted words are the interviewer's, inside "Asked …", a participle clause
    on the cue.
    """
    return any(
        clause.dep_ == "advcl"
        and clause.lemma_ == "ask"
        and clause.tag_ == "VBN"
        and clause.left_edge.i <= first.i <= clause.right_edge.i
        for clause in cue_token.children
    )


def _finite(token: Token) -> bool:
    """Say whether a token is a finite verb: not one the tagger mistook in a name.

    "harbour master Lena Park said": "harbour" tagged VBP but parsed as a
    compound of the speaker's noun phrase is no verb (#2).
    """
    if token.dep_ in ("compound", "amod", "nmod") and token.head.pos_ in (
        "NOUN",
        "PROPN",
    ):
        return False
    return token.tag_ in ("VBD", "VBZ", "VBP", "MD")


def _in_clause(token: Token) -> bool:
    """Say whether a token sits in a relative or other dependent clause."""
    node = token
    while node.head.i != node.i:
        if node.dep_ in ("relcl", "acl", "appos"):
            return True
        node = node.head
    return False


def _according_to(doc: Doc, token: Token) -> tuple[Span, Span | None] | None:
    """Cue and source of "according to X" starting at `token`."""
    if token.lower_ != "according" or token.i + 1 >= len(doc):
        return None
    to = doc[token.i + 1]
    if to.lower_ != "to":
        return None
    objects = [child for child in to.children if child.dep_ == "pobj"]
    source = token_range_span(doc, source_tokens(objects[0])) if objects else None
    cue = Span.of(text_of(doc), token.idx, to.idx + len(to.text))
    return cue, source


def _match_after(
    doc: Doc, quote: QuotedSpan, index: TokenIndex, lexicon: CueLexicon, limit: int
) -> DirectMatch | None:
    """Find `, said Reed` / `, Reed said` right after the closing mark."""
    close = index.at(quote.close)
    if signed := _match_signature(doc, quote, index, limit):
        return signed
    between: list[Token] = []
    for token in doc[close.i + 1 : min(close.i + 1 + _WINDOW, len(doc))]:
        if token.idx >= limit or is_quote_token(token) or "\n" in token.text:
            return None
        if len(between) > 40:
            return None
        if token.is_space:
            continue
        if token.is_punct and token.text in _GAP_PUNCT and not between:
            continue
        if found := _according_to(doc, token):
            if between:
                return None
            return DirectMatch(quote, found[0], found[1], token.i, "after")
        cue = lookup_cue(token, lexicon)
        if cue is not None and "direct" in cue.frames:
            if token.tag_ == "VBN" and token.dep_ == "acl":
                return None  # "''Trump Revealed,'' a biography written by …"
            if not between and (
                token.tag_ == "VBG"
                or (token.tag_ == "VBN" and token.dep_ in ("advcl", "amod"))
            ):
                # 'her debut with "Ma," writing the script': a participle after
                # a quote goes with its sentence's subject, not the quote (real
                # news); '"…," joked Bishop' tags "joked" VBN but is finite
                return None
            if _names_a_work(doc, quote, index):
                return None  # 'an appearance on "Morning Joe," co-host X asked'
            while between and between[-1].pos_ == "ADV":
                between.pop()  # '"…," the editorial board recently wrote
            if _in_question(index.at(quote.start), token):
                return None  # 'Asked who should "go away," he said …' (real news)
            ends = text_of(doc)[quote.start : quote.end][-1:] in (".", "!", "?")
            if ends and any(
                child.dep_ == "ccomp" and child.i > token.i for child in token.children
            ):
                # '"We won." Reed said the team…': a new report, even when its
                # clause holds a quote of its own ('said the plans "lacked
                # compulsion"', #13)
                return None
            if any(_finite(t) and not _in_clause(t) for t in between):
                return None
            if ends and _reports_more(doc, token, limit):
                return None  # '"…." Ian Reed said the economy had slowed': a new report (#13)
            if ends and _INTRODUCES_NEXT.match(
                text_of(doc), token.idx + len(token.text)
            ):
                return None  # '"…." He added, "…"': the cue belongs to the next quote
            if between and between[0].tag_ in _NOT_SUBJECT_START:
                return None  # '"…," when Clinton blasted him
            if between and (
                between[-1].pos_ == "CCONJ" or not _ends_in_punctuation(doc, quote)
            ):
                # 'the Alliance "congratulated" Mr Howard on his stance, but
                # said it did not go far enough': a word quoted inside a
                # sentence whose cue has its own subject (lead, real news)
                return None
            if between:
                source = token_range_span(doc, between)
            else:
                source = _source_after_cue(doc, token)
            return DirectMatch(
                quote, cue_span(doc, token, cue), source, token.i, "after"
            )
        if token.is_punct and token.text in ".!?":
            return None
        between.append(token)
    return None


def _ends_in_punctuation(doc: Doc, quote: QuotedSpan) -> bool:
    """Say whether a quote ends with punctuation inside or just after its marks.

    A quote its speaker follows ends so: '"…," Reed said', '"…?" he asked',
    '"…" — Reed said'; a word quoted inside a sentence does not.
    """
    text = text_of(doc)
    inside = text[quote.start : quote.end].rstrip(" \t\n'’\"”")  # 'put this off,'"
    after = text[quote.close_end : quote.close_end + 3].lstrip(" ")
    return inside[-1:] in _END_PUNCT or after[:1] in _END_PUNCT


def _reports_more(doc: Doc, cue_token: Token, limit: int) -> bool:
    """Say whether the cue's own sentence goes on with a verb after the cue.

    After a quote that ends its sentence, `Ian Reed said the economy had
    slowed` (or `X's enthusiasm for the work going on here is …`) starts a
    new sentence of its own, not an attribution of the quote before.
    """
    for token in doc[cue_token.i + 1 : len(doc)]:
        if token.idx >= limit or token.is_sent_start or token.text in (".", "!", "?"):
            return False
        if is_quote_token(token) or "\n" in token.text:
            return False
        if (
            token.pos_ in ("VERB", "AUX")
            and token.head.i != cue_token.i
            or (token.pos_ == "VERB" and token.dep_ in ("ccomp", "xcomp", "conj"))
        ):
            return True
    return False


_SIGNATURE_DASH = re.compile(r"[ \t\u00a0]*(―|—|–|--)[ \t\u00a0]*")


def _match_signature(
    doc: Doc, quote: QuotedSpan, index: TokenIndex, limit: int
) -> DirectMatch | None:
    """Find a dash signature after the quote: `"…" ― Esther Tapia`."""
    dash = _SIGNATURE_DASH.match(text_of(doc), quote.close_end)
    if dash is None or dash.end() >= limit:
        return None
    first = index.at(dash.end())
    if first.idx < dash.end():
        first = doc[first.i + 1] if first.i + 1 < len(doc) else first
    name: list[Token] = []
    for token in doc[first.i : first.i + 7]:
        if token.idx >= limit or "\n" in token.text or is_quote_token(token):
            break
        if token.text in (".", ","):
            break
        if token.pos_ != "PROPN" and not (token.is_punct and token.text in ".-"):
            return None
        name.append(token)
    source = token_range_span(doc, name)
    if source is None:
        return None
    cue = Span.of(text_of(doc), dash.start(1), dash.end(1))
    return DirectMatch(quote, cue, source, first.i, "after")


def _match_before(
    doc: Doc, quote: QuotedSpan, index: TokenIndex, lexicon: CueLexicon, floor: int
) -> DirectMatch | None:
    """Find `Reed said:` / `she said,` right before the opening mark."""
    opening = index.at(quote.open)
    gap: list[Token] = []
    for token in reversed(doc[max(opening.i - _WINDOW, 0) : opening.i]):
        if token.idx < floor or is_quote_token(token):
            return None
        if token.is_space:
            continue  # a paragraph break after "He said:" (see attribute.py)
        if token.is_punct and token.text in ".!?":
            return None
        ordered = list(reversed(gap))
        if (found := _according_to(doc, token)) and _introduces(ordered):
            return DirectMatch(quote, found[0], found[1], token.i, "before")
        cue = lookup_cue(token, lexicon)
        if cue is not None and "direct" in cue.frames:
            if inverted := _inverted_before(doc, quote, token, cue, ordered):
                return inverted
            if not _gap_is_free(token, gap):
                return None
            subject = subject_of(token) or noun_before(token)
            source = (
                token_range_span(
                    doc, [t for t in source_tokens(subject) if t.i < token.i]
                )
                if subject is not None
                else None
            )
            lead = _lead(token, list(reversed(gap)))
            cue_text = cue_span(doc, token, cue)
            return DirectMatch(quote, cue_text, source, token.i, "before", lead)
        gap.append(token)
    return None


def _introduces(gap: list[Token]) -> bool:
    """Say whether a gap ends with the comma or colon that introduces a quote."""
    return bool(gap) and gap[-1].text in (",", ":")


def _inverted_before(
    doc: Doc, quote: QuotedSpan, token: Token, cue: Cue, gap: list[Token]
) -> DirectMatch | None:
    """Find `Said Ellis: "…"`: a cue, then the speaker's name (with a title), a colon."""
    names = [t for t in gap if not t.is_punct]
    if not names or not _introduces(gap) or subject_of(token) is not None:
        return None
    if names[-1].pos_ != "PROPN" or not all(
        t.pos_ in ("PROPN", "NOUN", "ADJ", "DET") for t in names
    ):
        return None  # a name, or a title and a name: "Said Wales assistant coach Scott Johnson:"
    source = token_range_span(doc, names)
    return DirectMatch(quote, cue_span(doc, token, cue), source, token.i, "before")


_COLON_LEAD_WORDS = 10


def match_colon_lead(
    doc: Doc, quote: QuotedSpan, index: TokenIndex, floor: int
) -> DirectMatch | None:
    """Find a headline-style lead: `A lesson from Loretta Lynch: 'Be the voice…'`.

    Only a short lead (a headline or a one-line label) that names a person.
    """
    lead = text_of(doc)[floor : quote.open].rstrip()
    if not lead.endswith(":") or len(lead.split()) > _COLON_LEAD_WORDS:
        return None
    colon = index.at(floor + len(lead) - 1)
    people = [
        ent
        for ent in doc.ents
        if ent.label_ == "PERSON" and floor <= ent.start_char < colon.idx
    ]
    if not people:
        return None
    person = people[-1]
    source = Span.of(text_of(doc), person.start_char, person.end_char)
    cue = Span.of(text_of(doc), colon.idx, colon.idx + 1)
    return DirectMatch(quote, cue, source, colon.i, "colon")


_ADVERBIAL_DEPS = frozenset(
    {"dative", "prep", "npadvmod", "advmod", "aux", "neg", "prt"}
)


def _lead(cue_token: Token, gap: list[Token]) -> int | None:
    """Where a reported clause starts in the gap between a cue and a quote.

    None when the gap is only punctuation, adverbials and a pronoun object
    ('called it "…"', 'described it as "…"') or ends with a comma or colon: the
    quote then stands on its own. A noun object starts the clause ('called
    the holiday "…"' is a mixed quote, as PolNeAR annotates it).
    """
    words = [t for t in gap if not t.is_punct and not t.is_space]
    if not words or gap[-1].text in (",", ":"):
        return None
    for token in words:
        node = token
        while node.head.i != cue_token.i and node.head.i != node.i:
            node = node.head
        if token.lower_ == "that" or node.dep_ not in _ADVERBIAL_DEPS:
            if node.dep_ == "dobj" and node.pos_ == "PRON" or token.lower_ == "as":
                continue  # 'called it "…"', 'described it as "…"'
            return int(token.idx)
    return None


def _gap_is_free(cue_token: Token, gap: list[Token]) -> bool:
    """Say whether the tokens between a cue and a quote leave the quote whole.

    They may be punctuation, or the cue's own objects and adverbials ("told
    reporters on Monday:"), but not the subject of a reported clause.
    """
    for token in gap:
        if token.is_punct and token.text in _GAP_PUNCT:
            continue
        if token.lower_ == "that" and token.dep_ == "mark":
            continue  # 'said that "..."' still quotes the whole clause
        node = token
        while node.head.i != cue_token.i and node.head.i != node.i:
            node = node.head
        if node.head.i != cue_token.i or node.dep_ not in _FREE_DEPS:
            return False
        if node.dep_ == "nsubj" and node.i < cue_token.i:
            return False
    return True


def match_direct(
    doc: Doc,
    quote: QuotedSpan,
    *,
    index: TokenIndex,
    lexicon: CueLexicon,
    floor: int,
    limit: int,
) -> DirectMatch | None:
    """Attribute one quoted span, looking after it first, then before it.

    Args:
        floor: Do not look before this character (the previous quote's end or
            the paragraph start).
        limit: Do not look past this character (the next quote's start or the
            paragraph end).
    """
    after = _match_after(doc, quote, index, lexicon, limit)
    if after is not None and after.source is not None:
        return after
    before = _match_before(doc, quote, index, lexicon, floor)
    return before or match_colon_lead(doc, quote, index, floor) or after
