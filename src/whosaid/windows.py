"""Cut long articles into windows of paragraphs, and map quotes back (#19).

An engine's cost grows faster than the length of what it parses (the parse,
speaker resolution over every mention, kinds over every earlier quote), and
all of one doc's annotations stay in memory at once: 20,000 short paragraphs
took 3 GB. The quote finder needs a few paragraphs of context, not the whole
article, so `plan_windows` cuts an article longer than `WINDOW_CHARS` into
windows of whole paragraphs, each with `CONTEXT_PARAGRAPHS` paragraphs of
context on either side. Every paragraph belongs to the *core* of exactly one
window; a quote is kept from the window whose core holds its first character,
so quotes found twice in the overlap are kept once. Offsets are shifted back
into the article's text and every span's text is cut from the article again.

An article no longer than `WINDOW_CHARS` (every normal article: the longest
of PolNeAR's 1,000+ is 34,309 characters) is one window, parsed exactly as
before. What windowing loses: a speaker named only in a window more than
`CONTEXT_PARAGRAPHS` paragraphs earlier stays unresolved.

`parse_text` also blanks runs of characters that hold no letter or digit
(`"!" * 20000`, a wall of emoji) before parsing: such a run is never a quote,
and each of its characters would otherwise be one token through the parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from whosaid.model import Quote, Span

WINDOW_CHARS = 60_000
"""Longest stretch of an article parsed as one doc (its core, without context)."""

CONTEXT_PARAGRAPHS = 6
"""Paragraphs of context parsed before and after each window's core."""

INERT_RUN = 200
"""Letterless runs longer than this are blanked before parsing."""

_PARAGRAPH = re.compile(r"[^\n]*(?:\n|$)")
# No letter, digit or newline: punctuation, symbols, emoji, spaces (#19).
_INERT = re.compile(rf"[^\w\n]{{{INERT_RUN + 1},}}")


@dataclass(frozen=True, slots=True)
class Window:
    """One stretch of an article to parse: `[start, end)`, keeping `[core_start, core_end)`."""

    start: int
    end: int
    core_start: int
    core_end: int

    def keeps(self, quote: Quote) -> bool:
        """Say whether `quote` (in article offsets) belongs to this window's core."""
        return self.core_start <= quote.content.start < self.core_end


def plan_windows(
    text: str,
    *,
    window_chars: int = WINDOW_CHARS,
    context: int = CONTEXT_PARAGRAPHS,
) -> list[Window]:
    """Return the windows to parse `text` in: one for a text up to `window_chars`.

    A paragraph is a line (text up to and including its newline). A paragraph
    longer than `window_chars` is a window's whole core on its own.
    """
    if len(text) <= window_chars:
        return [Window(0, len(text), 0, len(text))]
    starts = [m.start() for m in _PARAGRAPH.finditer(text) if m.end() > m.start()]
    starts.append(len(text))
    cores: list[tuple[int, int]] = []  # paragraph index ranges
    first = 0
    for i in range(1, len(starts)):
        if starts[i] - starts[first] > window_chars and i - 1 > first:
            cores.append((first, i - 1))
            first = i - 1
    cores.append((first, len(starts) - 1))
    last = len(starts) - 1
    return [
        Window(
            start=starts[max(a - context, 0)],
            end=starts[min(b + context, last)],
            core_start=starts[a],
            core_end=starts[b],
        )
        for a, b in cores
    ]


def parse_text(text: str, window: Window) -> str:
    """Return the window's text for the parser, letterless long runs blanked.

    Blanking keeps every character's offset (each becomes a space).
    """
    part = text[window.start : window.end]
    return _INERT.sub(lambda m: " " * len(m.group()), part)


def place_quotes(quotes: list[Quote], text: str, window: Window) -> list[Quote]:
    """Shift a window's quotes into `text`'s offsets; keep those of its core.

    Span texts are cut from `text` again, so blanked runs read as written.
    """
    placed = [_shift(quote, text, window.start) for quote in quotes]
    return [quote for quote in placed if window.keeps(quote)]


def _shift(quote: Quote, text: str, offset: int) -> Quote:
    def move(span: Span | None) -> Span | None:
        if span is None:
            return None
        return Span.of(text, span.start + offset, span.end + offset)

    return replace(
        quote,
        content=Span.of(text, quote.content.start + offset, quote.content.end + offset),
        cue=move(quote.cue),
        speaker=move(quote.speaker),
        chain=tuple(s for s in map(move, quote.chain) if s is not None),
    )
