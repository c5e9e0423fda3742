"""Say what each attribution reports (#8): its `kind` and the cue's `cue_stance`.

The kind tells statements (what was said or written) from states of mind
(beliefs, intentions) and judgments (evaluations); the stance is what the cue
lends the content: neutral ("said"), assertive ("insisted"), distancing
("claimed", "is said to") or conceding ("admitted"). Both come from a cue
lexicon kept as data (`whosaid/data/cues.en.v3.tsv`) plus a few context
rules: negation ("did not say"), refusal ("declined to say"), hearsay ("is
said to", "was quoted as saying"), expectation ("is expected to"), hedges
("reportedly", "may", "seemed to") and intensifiers ("flatly denied").

`classify` reads the cue in a parsed `Doc`, following the dependency parse to
the verbs that govern it; `kind_of_cue` reads a cue given only as text (the
evaluator marks PolNeAR gold attributions with it). Both share one decision,
so they agree on the same words. English only; no trained classifier yet.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from whosaid.extract.kinds.complement import refine_kind
from whosaid.extract.kinds.lexicon import (
    LEXICON_VERSION,
    CueEntry,
    CueWord,
    LexiconError,
    load_lexicon,
    words_of_text,
)
from whosaid.extract.lemmas import token_lemmas
from whosaid.model import CueStance, Quote, QuoteKind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = [
    "LEXICON_VERSION",
    "CueEntry",
    "CueReading",
    "LexiconError",
    "assign_kinds",
    "classify",
    "kind_of_cue",
    "load_lexicon",
    "read_cue",
]


_NEGATIONS = frozenset({"not", "never", "no", "n't", "neither", "nor"})
_REFUSALS = frozenset({"decline", "refuse"})
_APPEARANCE = frozenset({"seem", "appear"})
_EXPECTATION = frozenset({"expect", "anticipate", "likely"})
# Passive raising verbs: "X is said to ...", "it is believed that ...".
_HEARSAY = {
    "say": "statement",
    "report": "statement",
    "rumor": "statement",
    "rumour": "statement",
    "allege": "statement",
    "quote": "statement",
    "believe": "belief",
    "think": "belief",
    "understand": "belief",
}
_MODAL_HEDGES = frozenset({"may", "might", "could"})
_HEDGE_ADVERBS = frozenset(
    {
        "reportedly",
        "allegedly",
        "apparently",
        "purportedly",
        "supposedly",
        "seemingly",
        "ostensibly",
        "reputedly",
    }
)
_INTENSIFIERS = frozenset(
    {
        "strongly",
        "firmly",
        "flatly",
        "repeatedly",
        "categorically",
        "emphatically",
        "adamantly",
        "forcefully",
        "vehemently",
        "steadfastly",
    }
)
_SKIP_BEFORE_PARTICIPLE = frozenset({"also", "now", "still", "already", "long"})


@dataclass(frozen=True, slots=True)
class CueReading:
    """What a cue was read as.

    `entry` is the lexicon line that decided the kind, or None; `known` is
    False when neither the lexicon nor a context rule recognised the cue and
    the kind is only the caller's default.
    """

    kind: QuoteKind
    stance: CueStance
    entry: CueEntry | None
    known: bool
    negated: bool = False
    hedged: bool = False


@dataclass
class _Context:
    negated: bool = False
    refused: bool = False
    hedged: bool = False
    appearance: bool = False
    expected: bool = False
    intensified: bool = False
    hearsay: str | None = None  # the kind a hearsay verb reports
    hedge_words: list[CueWord] = field(default_factory=list)


def _is_passive(words: list[CueWord], i: int) -> bool:
    """Say whether `words[i]` follows a form of "be" (adverbs skipped)."""
    j = i - 1
    while j >= 0 and (
        words[j].text.endswith("ly")
        or words[j].text in _SKIP_BEFORE_PARTICIPLE
        or words[j].text in _NEGATIONS
    ):
        j -= 1
    return j >= 0 and "be" in words[j].lemmas


def _read_context(words: list[CueWord]) -> tuple[list[CueWord], _Context]:
    """Take the context words out of `words`; return what is left, and the flags."""
    context = _Context()
    kept: list[CueWord] = []
    drop_next_to = False
    for i, word in enumerate(words):
        lemmas = word.lemmas
        following = words[i + 1].text if i + 1 < len(words) else ""
        if drop_next_to and word.text in ("to", "as"):
            drop_next_to = False
            continue
        drop_next_to = False
        if word.text in _NEGATIONS:
            context.negated = True
        elif lemmas & _REFUSALS:
            context.refused = drop_next_to = True
        elif lemmas & _APPEARANCE and following == "to":
            context.hedged = context.appearance = drop_next_to = True
        elif lemmas & _EXPECTATION and _is_passive(words, i):
            context.expected = drop_next_to = True
        elif (hearsay := _hearsay_kind(words, i)) is not None:
            context.hearsay = hearsay
            drop_next_to = True
        elif word.text in _MODAL_HEDGES:
            context.hedged = True
        elif word.text in _HEDGE_ADVERBS:
            context.hedged = True
            context.hedge_words.append(word)
        elif word.text in _INTENSIFIERS:
            context.intensified = True
        else:
            kept.append(word)
    return kept, context


def _hearsay_kind(words: list[CueWord], i: int) -> str | None:
    hits = [_HEARSAY[lemma] for lemma in words[i].lemmas if lemma in _HEARSAY]
    if not hits:
        return None
    after = {word.text for word in words[i + 1 : i + 3]}
    if "quote" in words[i].lemmas and "as" in after:  # "quoted him as saying"
        return "statement"
    return hits[0] if _is_passive(words, i) else None


def _decide(words: list[CueWord], *, default: QuoteKind) -> CueReading:
    """Read cue words (in text order) as a kind and a stance."""
    kept, context = _read_context(words)
    lexicon = load_lexicon()
    # A lone hedge ("reportedly") is the cue itself when nothing else is.
    entry = lexicon.match(kept) or lexicon.match(context.hedge_words)
    kind: QuoteKind = default
    stance: CueStance = "neutral"
    known = True
    if entry is not None:
        kind, stance = entry.kind, entry.stance
    elif context.hearsay is not None:
        kind = "belief" if context.hearsay == "belief" else "statement"
    elif context.expected:
        kind = "belief"
    elif context.appearance or context.refused:
        kind = "other"
    else:
        known = False
    if context.refused:  # "declined to say": nothing was said
        return CueReading("other", "neutral", entry, True, context.negated)
    if context.negated:
        # "did not say" reports no statement; "does not believe" is still a belief.
        if kind in ("statement", "evaluation"):
            kind = "other"
        stance = "neutral"
    if context.expected:  # "is expected to announce": a forecast by others
        kind = "belief"
    distancing = context.hedged or context.expected or context.hearsay is not None
    if distancing:
        stance = "distancing"
    elif context.intensified and stance == "neutral" and not context.negated:
        stance = "assertive"
    return CueReading(kind, stance, entry, known, context.negated, distancing)


def read_cue(text: str, *, default: QuoteKind = "other") -> CueReading:
    """Read a cue given as plain text ("did not say", "is said to believe").

    Args:
        text: The cue as written; several words and fragments joined by spaces
            are fine ("said in a statement", "according to").
        default: The kind to give a cue neither the lexicon nor a context rule
            knows (`CueReading.known` is then False).
    """
    return _decide(words_of_text(text), default=default)


def kind_of_cue(text: str, *, default: QuoteKind = "other") -> QuoteKind:
    """Return the kind of attribution a cue reports, from the cue's text alone.

    This is the stable entry point for marking gold attributions (PolNeAR)
    by kind. It sees only `text`: negation, refusal and hedges count when
    they are inside it ("did not say" is `other`, "is said to believe" is
    `belief`), not when they are elsewhere in the sentence. Use `classify`
    when a parsed `Doc` is at hand.

    Args:
        text: The cue as written, e.g. "said", "has vowed", "according to".
        default: What an unknown cue gets.

    Returns:
        One of statement, belief, intention, evaluation, other.
    """
    return read_cue(text, default=default).kind


def _word_of_token(token: Token) -> CueWord:
    form = token.lower_.replace("\u2019", "'")
    return CueWord(form, token_lemmas(token), token.lemma_.lower())


_CONTEXT_DEPS = frozenset({"neg", "aux", "auxpass", "prt"})
_WRAPPER_LEMMAS = _REFUSALS | _APPEARANCE | _EXPECTATION | frozenset(_HEARSAY)
# Verbs whose infinitive complement is read with them: the context verbs, and
# intentions ("plans to announce" is not yet a statement).
_GOVERNORS = _WRAPPER_LEMMAS | frozenset(
    {"want", "plan", "intend", "hope", "promise", "vow", "pledge", "aim", "seek"}
)


def _cue_tokens(span: Span) -> list[Token]:
    """The cue's tokens plus the words around it that change its reading."""
    tokens = {token.i: token for token in span}
    head = span.root
    for _ in range(3):  # "declined to say", "is said to believe", "quoted as saying"
        if head.dep_ == "xcomp" and head.head.lemma_ in _GOVERNORS:
            head = head.head
        elif (
            head.dep_ == "pcomp"
            and head.head.lower_ == "as"
            and head.head.head.lemma_ in _GOVERNORS
        ):
            tokens[head.head.i] = head.head
            head = head.head.head
        else:
            break
        tokens[head.i] = head
    if span.root.lemma_ in _WRAPPER_LEMMAS:  # cue "said" in "is said to believe"
        tokens.update(
            {t.i: t for t in span.root.children if t.dep_ in ("xcomp", "acomp")}
        )
    for token in list(tokens.values()):
        for child in token.children:
            lower = child.lower_
            if child.dep_ in _CONTEXT_DEPS or (
                child.dep_ == "advmod"
                and lower in _NEGATIONS | _HEDGE_ADVERBS | _INTENSIFIERS
            ):
                tokens[child.i] = child
    return [tokens[i] for i in sorted(tokens)]


_AUXILIARIES = frozenset(
    {"to", "as", "do", "have", "be", "will", "would", "can", "shall", "should"}
)


def _is_context_word(word: CueWord) -> bool:
    return bool(
        word.text in _NEGATIONS | _MODAL_HEDGES | _HEDGE_ADVERBS | _INTENSIFIERS
        or word.lemmas & (_AUXILIARIES | _GOVERNORS)
    )


def _cue_tokens_unparsed(span: Span) -> list[Token]:
    """Widen the cue over neighbouring context words, for a doc with no parse.

    Up to four words to the left ("declined to" say, "did not" say) and, after
    a wrapper verb, "to"/"as" and the next two words ("said" to believe).
    """
    doc = span.doc
    start = span.start
    while start > max(0, span.start - 4) and _is_context_word(
        _word_of_token(doc[start - 1])
    ):
        start -= 1
    end = span.end
    last = _word_of_token(doc[end - 1])
    if (
        last.lemmas & _WRAPPER_LEMMAS
        and end < len(doc)
        and doc[end].lower_ in ("to", "as")
    ):
        end = min(len(doc), end + 3)
    return list(doc[start:end])


def classify(doc: Doc, quote: Quote) -> tuple[QuoteKind, CueStance]:
    """Decide a quote's kind and cue stance from its cue and the parse around it.

    The cue's span in `doc` is widened along the dependency parse to the verbs
    that govern it ("declined to" say, "is said to" believe, "was quoted as"
    saying) and to its negation, auxiliaries and hedging adverbs. A quote with
    no cue is a statement here; `assign_kinds` lets follow-on quotes inherit.
    An unknown cue on a direct or mixed quote is a statement (quotation marks
    mark speech); on an indirect quote it is `other`.

    Args:
        doc: The parsed article the quote's offsets point into.
        quote: A quote whose `cue` (if any) is a character span of `doc.text`.
    """
    if quote.cue is None:
        return "statement", "neutral"
    default: QuoteKind = "other" if quote.type == "indirect" else "statement"
    span = doc.char_span(quote.cue.start, quote.cue.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        reading = read_cue(quote.cue.text, default=default)
    else:
        tokens = (
            _cue_tokens(span)
            if doc.has_annotation("DEP")
            else _cue_tokens_unparsed(span)
        )
        reading = _decide([_word_of_token(t) for t in tokens], default=default)
    content = doc.char_span(
        quote.content.start, quote.content.end, alignment_mode="expand"
    )
    parsed = doc.has_annotation("DEP")
    kind = refine_kind(
        quote,
        reading.kind,
        content=content if parsed else None,
        cue=span if parsed and span is not None and len(span) else None,
    )
    return kind, reading.stance


def assign_kinds(doc: Doc, quotes: list[Quote]) -> list[Quote]:
    """Return `quotes` with `kind` and `cue_stance` set, in the same order.

    A quote without a cue that continues an earlier quote (`resolved_by ==
    "previous"`) takes the stance of the nearest earlier quote with a cue by
    the same speaker (or any speaker, if names are unknown), and its kind
    unless it is a direct quote, which is a statement whatever the cue before
    it ("wants", "believes"); other quotes without a cue are neutral
    statements.
    """
    decided: dict[int, tuple[QuoteKind, CueStance]] = {}
    order = sorted(range(len(quotes)), key=lambda i: quotes[i].content.start)
    for position, i in enumerate(order):
        quote = quotes[i]
        if quote.cue is not None:
            decided[i] = classify(doc, quote)
        elif quote.resolved_by == "previous":
            kind, stance = _inherited(quotes, order[:position], decided, quote)
            if quote.type == "direct":
                # Words in quotation marks are said: 'McEnroe wants his team
                # to play on clay. "I think it will help …"' (real news)
                kind = "statement"
            decided[i] = (kind, stance)
        else:
            decided[i] = ("statement", "neutral")
    for i in _nested_reports(quotes):
        if decided[i][0] == "statement":  # a belief or evaluation keeps its kind
            decided[i] = ("other", decided[i][1])
    return [
        replace(quote, kind=decided[i][0], cue_stance=decided[i][1])
        for i, quote in enumerate(quotes)
    ]


def _nested_reports(quotes: list[Quote]) -> list[int]:
    """The indirect quotes whose speaker and cue lie inside another quote's content.

    'He said many firms readily admit that …', '"They told me it was dead,"
    he said': the speaker's words report what others said; the real-news
    gold set counts one statement, by him (#13). The nested report stays in
    the output as kind `other` (it counts on PolNeAR, which annotates it).
    """
    nested = []
    for i, inner in enumerate(quotes):
        if inner.type != "indirect" or inner.cue is None or inner.speaker is None:
            continue
        if not inner.speaker.start < inner.cue.start < inner.content.start:
            continue  # "…, according to the UN": a report of its own
        if inner.cue.text.lower().endswith("ing"):
            continue  # "…, while India rejected aid, saying …": its own clause
        first = inner.speaker.start
        for j, outer in enumerate(quotes):
            if (
                j != i
                and outer.cue is not None
                and outer.content.start <= first
                and inner.content.end <= outer.content.end
                and not outer.content.start <= outer.cue.start < outer.content.end
            ):
                nested.append(i)
                break
    return nested


def _inherited(
    quotes: list[Quote],
    earlier: list[int],
    decided: dict[int, tuple[QuoteKind, CueStance]],
    quote: Quote,
) -> tuple[QuoteKind, CueStance]:
    for i in reversed(earlier):
        same_speaker = quote.speaker_name is None or (
            quotes[i].speaker_name == quote.speaker_name
        )
        if same_speaker and quotes[i].cue is not None:
            kind, stance = decided[i]
            if quote.type == "direct" and kind in ("evaluation", "other"):
                kind = "statement"  # quoted words are said, whatever came before (#13)
            return kind, stance
    return "statement", "neutral"
