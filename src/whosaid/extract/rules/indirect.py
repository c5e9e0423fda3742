"""Find reported speech from the dependency parse: a cue, its subject, its content.

Frames (declared per cue in the lexicon):

- `ccomp`: `X said (that) …`, `X told reporters …`, `X added that …`, and the
  reverse order `…, sources said.` / `…, he said, …`;
- `xcomp`: `X vowed to …`, `X asked Y to …` (content: `Y to …`);
- `prep`: `X warned of …`, `X complained about …`;
- `as`: `X described the call as "…"`, `X called the plan a hoax`;
- `dobj`: `X praised the plan` (evaluations and announcements, low confidence);
- `according to X, …`.

The content is the reported clause; it is a mixed quote when it contains a
quoted span. A clause that is only a quotation (give or take "that") is left
to the direct finder.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from whosaid.extract.cues import Cue, CueLexicon
from whosaid.extract.syntax import (
    cue_span,
    lookup_cue,
    name_before,
    source_tokens,
    subject_of,
    subtree_tokens,
    text_of,
    token_range_span,
    whole_word,
)
from whosaid.model import Span

_MIN_CONTENT_TOKENS = 2
_NOT_SPEAKERS = frozenset({"there", "that", "what", "this"})
_PREPS = frozenset({"of", "about", "against", "on", "over"})
# Whom one tells something: "told reporters / the programme / MPs that …".
_ADDRESSEE_WORDS = """
    reporter journalist programme program show audience crowd supporter
    committee parliament conference listener viewer newspaper paper radio
    station television channel court jury inquiry hearing delegate member
"""
_ADDRESSEES = frozenset(_ADDRESSEE_WORDS.split())


@dataclass(frozen=True, slots=True)
class IndirectMatch:
    """A reported clause with its cue and speaker mention."""

    content: Span
    cue: Span
    source: Span
    cue_token: int
    frame: str
    cue_class: str


def _words(tokens: list[Token]) -> int:
    return sum(1 for token in tokens if not token.is_punct and not token.is_space)


def _misparsed_complement(token: Token) -> Token | None:
    """A "that"-clause the parser hung on a prepositional object as a relative.

    "Park wrote in a letter that the ruling was unfair", "told reporters at a
    briefing that the talks had stalled": the clause has a subject of its own
    besides "that", so "that" introduces the reported clause (#2).
    """
    nouns = [
        noun
        for prep in token.children
        if prep.dep_ == "prep" and prep.i > token.i
        for noun in prep.children
        if noun.dep_ == "pobj"
    ]
    # "told BBC Radio Four's Today programme that …": the addressee, when
    # "that" is parsed as the clause's complementizer, not a relative (#13)
    addressees = [
        c
        for c in token.children
        if c.dep_ in ("dobj", "dative")
        and c.i > token.i
        and (c.pos_ == "PROPN" or c.ent_type_ or c.lemma_.lower() in _ADDRESSEES)
    ]
    for noun in nouns + addressees:
        for clause in noun.children:
            first = clause.left_edge
            if (
                clause.dep_ in ("relcl", "acl")
                and first.lower_ == "that"
                and first.i == noun.i + 1
                and (noun in nouns or first.dep_ == "mark")
                and any(
                    c.dep_ in ("nsubj", "nsubjpass") and c.i != first.i
                    for c in clause.children
                )
            ):
                return clause
    return None


def _set_off(token: Token) -> bool:
    """Say whether a cue clause is set off by a comma or dash before it.

    "…, sources said." and the parenthetical "…, the official said, but …"
    (whose subtree may start with its own comma, #13).
    """
    if token.dep_ not in ("ccomp", "parataxis"):
        return False
    words = [t for t in token.subtree if not t.is_punct]
    first = words[0] if words else token
    return first.i > 0 and token.doc[first.i - 1].text in (",", "—", "–", "--")


def _clause_of_predicate(token: Token, cue: Cue) -> Token | None:
    """The clause an adjective cue word holds: "made it clear [he has no plans]".

    The parser hangs the reported clause on "clear" (as a clausal subject or
    an adverbial clause), not on the verb (real news).
    """
    if cue.particle is None:
        return None
    for child in token.children:
        if child.lower_ != cue.particle or child.pos_ != "ADJ":
            continue
        for clause in child.children:
            if clause.dep_ in ("ccomp", "advcl", "csubj") and any(
                c.dep_ in ("nsubj", "nsubjpass") for c in clause.children
            ):
                return clause
    return None


def _clause_between(token: Token, clause: Token) -> bool:
    """Say whether words stand between a content clause before its cue and the cue.

    "X pleaded guilty and was jailed - it would have been longer had he denied
    the charge": the parser hangs the first clause on "denied", with a clause
    of its own in between (BBC audit). "X, he said" has only a comma there.
    """
    if clause.i > token.i:
        return False
    subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
    start = min([token.i, *(s.left_edge.i for s in subjects)])
    gap = token.doc[clause.right_edge.i + 1 : start]
    # A clause of its own: a subject or a finite verb ("it would have been");
    # words the parser left out of a coordination ("…, sterling's strength
    # and oil prices, the group noted") are still the content's.
    return any(
        t.dep_ in ("nsubj", "nsubjpass", "expl")
        or t.tag_ in ("MD", "VBD", "VBZ", "VBP")
        for t in gap
    )


# Verbs that "As X …, Y" reports with: "As The Washington Post reported, …",
# "As Reed put it, …". Not "As he spoke, …" (a time), nor "as he left".
_AS_REPORTED = frozenset(
    {
        "say", "report", "note", "write", "point", "explain", "argue", "claim",
        "suggest", "predict", "warn", "reveal", "disclose", "confirm", "observe",
        "remark", "put", "state", "acknowledge", "admit", "tell",
    }
)  # fmt: skip


def _as_reported(token: Token) -> list[Token] | None:
    """The main clause that an "As X reported," clause attributes, or None.

    "As NPR's Brakkton Booker has reported, the questionnaire raised fears":
    the cue's clause opens with "As", has no object or clause of its own, and
    the clause it modifies follows it (real news, PolNeAR).
    """
    head = token.head
    if (
        token.dep_ != "advcl"
        or head.i <= token.i
        or token.lemma_ not in _AS_REPORTED
        or token.left_edge.lower_ != "as"
        or token.left_edge.dep_ != "mark"
        or any(  # it opens the sentence ("But as Reed said, …")
            t.dep_ not in ("cc", "punct")
            for t in token.doc[head.left_edge.i : token.left_edge.i]
        )
        or any(c.dep_ in ("ccomp", "dobj", "xcomp", "advcl") for c in token.children)
    ):
        return None
    after = token.right_edge.i
    tokens = [t for t in subtree_tokens(head, without=token) if t.i > after]
    return tokens or None


def _reports_itself(token: Token, verb: Token, lexicon: CueLexicon) -> bool:
    """Say whether an infinitive is a cue with a clause of its own ("declined to say")."""
    cue = lookup_cue(verb, lexicon)
    return (
        cue is not None
        and "ccomp" in cue.frames
        and any(child.dep_ == "ccomp" for child in verb.children)
        and verb.head.i == token.i
    )


def _content_tokens(
    token: Token, cue: Cue, lexicon: CueLexicon
) -> tuple[list[Token], str] | None:
    """The tokens of the reported content of cue verb `token`, and the frame."""
    children = list(token.children)
    if "ccomp" in cue.frames:
        if (clause := _clause_of_predicate(token, cue)) is not None:
            return subtree_tokens(clause), "ccomp"
        for child in children:
            if child.dep_ == "ccomp" and not _clause_between(token, child):
                return subtree_tokens(child), "ccomp"
        if (clause := _misparsed_complement(token)) is not None:
            return subtree_tokens(clause), "ccomp"
        if (main_clause := _as_reported(token)) is not None:
            return main_clause, "as-report"
        if _set_off(token) and (token.head.i < token.i or token.dep_ == "parataxis"):
            head = token.head
            tokens = [
                t
                for t in subtree_tokens(head, without=token)
                if t.i < token.left_edge.i
            ]
            return tokens, "reverse"
    if "xcomp" in cue.frames:
        for child in children:
            if child.dep_ == "xcomp" and any(c.lower_ == "to" for c in child.children):
                if _reports_itself(token, child, lexicon):
                    return None  # "declined to say whether …": the record of "say"
                objects = [
                    c
                    for c in children
                    if c.dep_ in ("dobj", "dative") and c.i < child.i
                ]
                start = objects[0] if objects else child
                # "pledged to co-operate with …": the parser splits the verb
                # at its hyphen and hangs the rest on the last piece (#13)
                end = max(t.right_edge.i for t in whole_word(child))
                tokens = list(token.doc[start.left_edge.i : end + 1])
                return tokens, "xcomp"
    if "prep" in cue.frames:
        for child in children:
            if child.dep_ == "prep" and child.lower_ in _PREPS and child.i > token.i:
                objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
                if objects:
                    return subtree_tokens(objects[0]), "prep"
    if "as" in cue.frames:
        objects = [c for c in children if c.dep_ == "dobj"]
        preps = [c for c in children if c.dep_ == "prep" and c.lower_ == "as"]
        if objects and not preps:
            preps = [
                c for c in objects[0].children if c.dep_ == "prep" and c.lower_ == "as"
            ]
        if objects and preps:
            last = max(preps[0].right_edge.i, objects[0].right_edge.i)
            return list(token.doc[objects[0].left_edge.i : last + 1]), "as"
        predicates = [
            c for c in children if c.dep_ in ("oprd", "xcomp") and c.pos_ != "VERB"
        ]
        if (
            objects
            and predicates
            and predicates[0].i > objects[0].i
            and objects[0].pos_ != "PRON"  # 'called it "fake news"': naming (#2)
        ):
            last = predicates[0].right_edge.i  # "called the plan a hoax"
            return list(token.doc[objects[0].left_edge.i : last + 1]), "as"
    if "dobj" in cue.frames:
        for child in children:
            if child.dep_ == "dobj" and child.i > token.i and child.pos_ != "PRON":
                return subtree_tokens(child), "dobj"
    return None


def _according_to(doc: Doc, token: Token, lexicon: CueLexicon) -> IndirectMatch | None:
    if token.lower_ != "according" or token.i + 1 >= len(doc):
        return None
    to = doc[token.i + 1]
    objects = [child for child in to.children if child.dep_ == "pobj"]
    if to.lower_ != "to" or not objects or token.head.i == token.i:
        return None
    source = token_range_span(doc, source_tokens(objects[0]))
    head = token.head
    phrase_end = max(objects[0].right_edge.i, to.i)
    sent = token.sent
    rest = [
        t
        for t in subtree_tokens(head, without=token)
        if sent.start <= t.i < sent.end and not token.i <= t.i <= phrase_end
    ]
    # The reported clause is on one side of "according to X": keep the longer.
    before = [t for t in rest if t.i < token.i]
    after = [t for t in rest if t.i > phrase_end]
    words_after = [t for t in after if not t.is_punct]
    if words_after and words_after[0].pos_ == "CCONJ":
        # "should have been attached, according to the code, and demanded an
        # inquiry": what follows "and" is a clause of its own (BBC audit),
        # and inside someone's reported clause the phrase is theirs
        if lookup_cue(head, lexicon) is not None or any(
            a.dep_ == "ccomp" for a in [head, *head.ancestors]
        ):
            return None
        after = []
    content = token_range_span(
        doc, after if len(after) >= len(before) else before, keep_quotes=True
    )
    if source is None or content is None:
        return None
    cue = Span.of(text_of(doc), token.idx, to.idx + len(to.text))
    return IndirectMatch(content, cue, source, token.i, "according", "speech")


def match_indirect(doc: Doc, token: Token, lexicon: CueLexicon) -> IndirectMatch | None:
    """Return the reported speech that cue token `token` introduces, if any."""
    if token.lower_ == "according":
        return _according_to(doc, token, lexicon)
    cue = lookup_cue(token, lexicon)
    if cue is None:
        return None
    subject = subject_of(token) or name_before(token)
    if subject is None or subject.lower_ in _NOT_SPEAKERS:
        return None
    found = _content_tokens(token, cue, lexicon)
    if found is None:
        return None
    tokens, frame = found
    if _words(tokens) < _MIN_CONTENT_TOKENS:
        return None
    content = token_range_span(doc, tokens, keep_quotes=True)
    source = token_range_span(doc, source_tokens(subject))
    if content is None or source is None:
        return None
    return IndirectMatch(
        content, cue_span(doc, token, cue), source, token.i, frame, cue.cls
    )
