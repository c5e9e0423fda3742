"""Turn gold annotations and predicted quotes into the scorer's `Item`s.

Conventions differ between annotation schemes. PolNeAR's direct-quote content
includes the quotation marks (`“He's right,”`), whosaid's is the text inside
them. The "polnear" convention widens a predicted direct content to its
enclosing marks before comparing; gold is never changed. Source spans are
compared as they are: PolNeAR's include appositions ("Flynn, a top Trump
surrogate,"), which exact matching counts against any extractor that returns
the name alone; lenient and begin-match scores show how much that costs.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from typing import Any

from whosaid.evaluate.match import Item
from whosaid.evaluate.polnear import GoldArticle
from whosaid.evaluate.spans import GoldSpan, span_at
from whosaid.model import Quote, Span

OPEN_MARKS = "\"“«‘'„"
CLOSE_MARKS = "\"”»’'“"
CONVENTIONS = ("whosaid", "polnear")

# cue text -> kind; `whosaid.extract.kinds.kind_of_cue` also takes `default=`.
KindOfCue = Callable[..., str]
_THAT_BEFORE = re.compile(r"\b([Tt]hat)\s+$")
_SPEECH_MARKS = frozenset('"“”«»„')


def widen_to_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen `[start, end)` to the quotation marks around it, if both are there.

    A closing mark may follow up to two punctuation characters left outside
    the span (`“Yes,”` around `Yes`).
    """
    if start == 0 or text[start - 1] not in OPEN_MARKS:
        return start, end
    close = end
    while close < len(text) and close - end < 2 and text[close] in ",.;:?!":
        close += 1
    if close < len(text) and text[close] in CLOSE_MARKS:
        return start - 1, close + 1
    return start, end


def widen_to_that(text: str, start: int) -> int:
    """Widen reported speech back over the "that" whosaid leaves out.

    PolNeAR's content of indirect speech opens with its complementizer ("said
    [that the plan failed]"); whosaid reports the clause ("the plan failed").
    """
    match = _THAT_BEFORE.search(text, max(0, start - 12), start)
    return match.start(1) if match else start


def is_quoted(text: str, span: GoldSpan) -> bool:
    """Each fragment is one quotation, marks included (PolNeAR's direct content).

    Trailing punctuation after the closing mark is allowed; a closing mark
    inside the fragment means it mixes quoted and unquoted words.
    """
    for fragment in span.fragments:
        piece = text[fragment.start : fragment.end].rstrip(",.;: ")
        if len(piece) < 2 or piece[0] not in OPEN_MARKS or piece[-1] not in CLOSE_MARKS:
            return False
        inner = piece[1:-1]
        if (piece[0] == '"' and '"' in inner) or "”" in inner:
            return False
    return True


def _span(span: Span | None) -> GoldSpan | None:
    return span_at(span.start, span.end) if span is not None else None


def item_from_quote(quote: Quote, text: str, *, convention: str = "whosaid") -> Item:
    """Reduce a predicted quote; with "polnear", widen direct content to its marks."""
    start, end = quote.content.start, quote.content.end
    if convention == "polnear" and quote.type == "direct":
        start, end = widen_to_marks(text, start, end)
    elif convention == "polnear":
        start = widen_to_that(text, start)
    name = quote.speaker_name or (quote.speaker.text if quote.speaker else None)
    return Item(
        content=span_at(start, end),
        cue=_span(quote.cue),
        source=_span(quote.speaker),
        name=name,
        direct=quote.type == "direct",
        kind=quote.kind,
        confidence=quote.confidence,
        resolved=quote.speaker_name,
    )


def name_from_source(source_text: str) -> str:
    """Cut an apposition off a gold source: "Flynn, a top Trump surrogate," -> "Flynn"."""
    head = source_text.split(",", 1)[0].strip()
    return head or source_text.strip()


def _text_of(text: str, span: GoldSpan | None) -> str:
    if span is None:
        return ""
    return " ".join(text[f.start : f.end] for f in span.fragments)


def _is_quotation(text: str, span: GoldSpan) -> bool:
    """Say whether content is quoted: a direct quote, or a mixed one with marks."""
    return is_quoted(text, span) or any(
        char in _SPEECH_MARKS for char in _text_of(text, span)
    )


def _takes_default(function: KindOfCue) -> bool:
    try:
        return "default" in inspect.signature(function).parameters
    except (TypeError, ValueError):  # a builtin or C function without a signature
        return False


def kind_of_gold(kind_of_cue: KindOfCue | None, cue_text: str, *, quoted: bool) -> str:
    """The kind of a gold attribution from its cue's text.

    Statement when there is no cue or no function. An unknown cue on quoted
    content is a statement, as the engines read it (quotation marks mark
    speech), when `kind_of_cue` takes a `default` (#8).
    """
    if kind_of_cue is None or not cue_text:
        return "statement"
    if quoted and _takes_default(kind_of_cue):
        return kind_of_cue(cue_text, default="statement")
    return kind_of_cue(cue_text)


def items_from_polnear(
    article: GoldArticle, *, kind_of_cue: KindOfCue | None = None
) -> list[Item]:
    """Reduce a PolNeAR article's attributions; those without content are left out.

    Each attribution's kind comes from its cue through `kind_of_cue`; see
    `kind_of_gold`.
    """
    items = []
    for attribution in article.attributions:
        if attribution.content is None:
            continue
        cue_text = _text_of(article.text, attribution.cue)
        source_text = _text_of(article.text, attribution.source)
        items.append(
            Item(
                content=attribution.content,
                cue=attribution.cue,
                source=attribution.source,
                name=name_from_source(source_text) if source_text else None,
                direct=is_quoted(article.text, attribution.content),
                kind=kind_of_gold(
                    kind_of_cue,
                    cue_text,
                    quoted=_is_quotation(article.text, attribution.content),
                ),
            )
        )
    return items


def item_from_record(record: dict[str, Any]) -> Item:
    """Reduce a gold record written in whosaid's quote format (hand-annotated)."""
    quote = Quote.from_record(record)
    return item_from_quote(quote, "", convention="whosaid")
