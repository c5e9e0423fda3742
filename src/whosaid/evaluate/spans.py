"""Spans as the scorer sees them: one or more character fragments, compared.

Gold spans may be discontinuous (brat's "12 20;25 40"); predicted spans are one
fragment. Every comparison works on fragments, so both kinds mix freely.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Fragment:
    """One continuous piece of a span, whitespace-trimmed."""

    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class GoldSpan:
    """A span of one or more fragments, in text order (gold or predicted)."""

    fragments: tuple[Fragment, ...]

    @property
    def start(self) -> int:
        return self.fragments[0].start

    @property
    def end(self) -> int:
        return self.fragments[-1].end

    @property
    def length(self) -> int:
        """Characters covered, gaps between fragments left out."""
        return sum(len(fragment) for fragment in self.fragments)

    def pieces(self) -> tuple[GoldSpan, ...]:
        """Return each fragment as a span of its own."""
        return tuple(GoldSpan((fragment,)) for fragment in self.fragments)


def span_at(start: int, end: int) -> GoldSpan:
    """Make a one-fragment span `[start, end)`."""
    return GoldSpan((Fragment(start, end),))


def trim_span(text: str, start: int, end: int) -> GoldSpan | None:
    """Return `[start, end)` of `text` without edge whitespace, or None if blank."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return span_at(start, end) if start < end else None


def overlap(a: GoldSpan, b: GoldSpan) -> int:
    """Count the characters `a` and `b` share."""
    return sum(
        max(0, min(x.end, y.end) - max(x.start, y.start))
        for x in a.fragments
        for y in b.fragments
    )


def is_exact(a: GoldSpan, b: GoldSpan) -> bool:
    """Same fragments, same boundaries."""
    return a.fragments == b.fragments


def is_lenient(a: GoldSpan, b: GoldSpan) -> bool:
    """Shared characters are at least half of the shorter span."""
    shared = overlap(a, b)
    return shared > 0 and 2 * shared >= min(a.length, b.length)


def is_begin(a: GoldSpan, b: GoldSpan) -> bool:
    """Same first character (CofeNet's begin-match)."""
    return a.start == b.start


MODES = {"exact": is_exact, "lenient": is_lenient, "begin": is_begin}
