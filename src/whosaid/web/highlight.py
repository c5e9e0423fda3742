"""Mark quotes in an article's text: content, cue, speaker and resolution chain.

The text is cut at every span boundary into segments; each segment knows which
quote's content, cue, speaker mention or chain mention covers it. Everything
is escaped here, so an article containing `<script>` shows as text.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from whosaid.model import Quote, Span

ROLES = ("content", "cue", "speaker", "chain")


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of text and the quote spans that cover it."""

    text: str
    content: int | None = None  # index of the innermost quote whose content covers it
    roles: tuple[str, ...] = ()  # "cue", "speaker", "chain" marks on it
    role_quote: int | None = None  # the quote those roles belong to


def _quote_spans(quotes: list[Quote]) -> list[tuple[str, int, Span]]:
    spans: list[tuple[str, int, Span]] = []
    for index, quote in enumerate(quotes):
        spans.append(("content", index, quote.content))
        if quote.cue is not None:
            spans.append(("cue", index, quote.cue))
        if quote.speaker is not None:
            spans.append(("speaker", index, quote.speaker))
        spans.extend(("chain", index, span) for span in quote.chain)
    return spans


def split_segments(text: str, quotes: list[Quote]) -> list[Segment]:
    """Cut `text` into segments at every quote span boundary.

    Spans outside the text are clipped; a span the text does not contain at its
    offsets (`text[start:end] != span.text`) is left unmarked rather than
    marking the wrong words.
    """
    spans = [
        (role, index, span)
        for role, index, span in _quote_spans(quotes)
        if 0 <= span.start < span.end <= len(text)
        and text[span.start : span.end] == span.text
    ]
    cuts = sorted(
        {0, len(text), *(s.start for *_, s in spans), *(s.end for *_, s in spans)}
    )
    segments: list[Segment] = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        covering = [(r, i, s) for r, i, s in spans if s.start <= start and end <= s.end]
        contents = [(s.end - s.start, i) for r, i, s in covering if r == "content"]
        others = [(r, i) for r, i, _ in covering if r != "content"]
        segments.append(
            Segment(
                text=text[start:end],
                content=min(contents)[1] if contents else None,
                roles=tuple(sorted({r for r, _ in others})),
                role_quote=others[0][1] if others else None,
            )
        )
    return segments


def attribution_label(quote: Quote) -> str:
    """Say who said it, as one line: "Maria Okafor, spokeswoman — said (direct)"."""
    who = quote.speaker_name or (quote.speaker.text if quote.speaker else "unknown")
    if quote.speaker_title:
        who += f", {quote.speaker_title}"
    cue = f" — {quote.cue.text}" if quote.cue else ""
    return f"{who}{cue} ({quote.type}, {quote.kind})"


def render_marked_text(text: str, quotes: list[Quote]) -> Markup:
    """Return `text` as escaped HTML with every quote's spans marked.

    Content segments become `<mark class="q-content" data-q="N">`; cue, speaker
    and chain mentions get `<b class="q-cue">`, `<b class="q-speaker">`,
    `<b class="q-chain">`. The `title` of a content mark is its attribution.
    """
    parts: list[str] = []
    for segment in split_segments(text, quotes):
        html = str(escape(segment.text))
        if segment.roles:
            classes = " ".join(f"q-{role}" for role in segment.roles)
            html = f'<b class="{classes}" data-q="{segment.role_quote}">{html}</b>'
        if segment.content is not None:
            label = escape(attribution_label(quotes[segment.content]))
            html = (
                f'<mark class="q-content" data-q="{segment.content}" '
                f'title="{label}">{html}</mark>'
            )
        parts.append(html)
    return Markup("".join(parts))  # noqa: S704 - every piece was escaped above


_WORD = re.compile(r"\S+")
# What a word is compared by: its letters and digits, case folded (#17), so
# '"run' and 'run,' and 'Run' are the same word and '—' is no word at all.
_NOT_WORD = re.compile(r"[\W_]+")


def _word_key(token: str) -> str:
    return _NOT_WORD.sub("", token.casefold())


def render_wording_diff(base: str, other: str) -> Markup:
    """Show how `other` differs from `base`, word by word, as escaped HTML.

    Words only in `other` are wrapped in `<ins>`, words only in `base` in
    `<del>`. Quotation marks, case and punctuation are ignored: a change in
    those alone is no change, and `other` is shown as it was printed.
    Whitespace is normalised to single spaces.
    """
    base_tokens = [t for t in _WORD.findall(base) if _word_key(t)]
    other_all = _WORD.findall(other)
    # Punctuation-only tokens ("—", a lone quotation mark) ride with the word
    # before them and are never marked.
    other_tokens: list[str] = []
    leading = ""
    for token in other_all:
        if _word_key(token):
            other_tokens.append(leading + token)
            leading = ""
        elif other_tokens:
            other_tokens[-1] += f" {token}"
        else:
            leading += f"{token} "
    if leading and not other_tokens:
        return Markup(escape(leading.strip()))  # punctuation only: nothing to mark
    matcher = difflib.SequenceMatcher(
        a=[_word_key(t) for t in base_tokens],
        b=[_word_key(t) for t in other_tokens],
        autojunk=False,
    )
    parts: list[str] = []
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            parts.append(str(escape(" ".join(other_tokens[b0:b1]))))
            continue
        if a1 > a0:
            parts.append(f"<del>{escape(' '.join(base_tokens[a0:a1]))}</del>")
        if b1 > b0:
            parts.append(f"<ins>{escape(' '.join(other_tokens[b0:b1]))}</ins>")
    return Markup(" ".join(parts))  # noqa: S704 - every piece was escaped above
