"""Pair quotation marks into quoted spans, on the raw text.

Double marks (straight `"`, curly `“ ”`, low `„`) and guillemets (`« »`) are
paired within a paragraph. A paragraph that ends inside a quote continues it
only when the next paragraph reopens with a mark (the news convention for long
quotes) and the quote began a sentence (or followed a colon or a comma);
otherwise the quote ends with its paragraph and is marked `unclosed` (#13): an
unbalanced mark costs only the quote it makes uncertain, never its neighbours
or the next paragraph. Two openings with a sentence end between them and no
closing mark (`"A. "B."`) are one quote whose paragraph break was flattened.
A closing mark with no opening is counted as unbalanced.

Single marks (`' ‘ ’`) delimit a quote only outside double-quoted text, when
the opening mark follows a space or the start of a paragraph and precedes a
letter, and the closing mark precedes a space or punctuation. An apostrophe
between letters ("Israel's", "don't") or before a digit ("the '90s") never
opens or closes a quote; an unclosed single mark is dropped silently.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Literal

MarkFamily = Literal["double", "guillemet", "single"]

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v\u00a0]*\n")
_OPEN_CONTEXT = frozenset("([{—–-/\u00a0")
_CLOSE_CONTEXT = frozenset(".,;:!?)]}—–-…")
_DOUBLE_MARK = re.compile("''|``|’’|[“„”\"]")
_GUILLEMET = re.compile("[«»]")
_SINGLE_MARK = re.compile("['‘’]")


@dataclass(frozen=True, slots=True)
class QuotedSpan:
    """Text between an opening mark at `open` and a closing mark at `close`.

    `start`/`end` bound the content inside the marks, whitespace-trimmed. A
    multi-paragraph quote keeps the reopening marks of its inner paragraphs
    inside its content.
    """

    open: int
    close: int
    start: int
    end: int
    family: MarkFamily
    paragraphs: int = 1
    close_width: int = 1  # 2 for a doubled apostrophe (''), 0 when unclosed
    # No closing mark: the quote ends with its paragraph (#13).
    unclosed: bool = False

    @property
    def close_end(self) -> int:
        """The index just past the closing mark."""
        return self.close + self.close_width


@dataclass(frozen=True, slots=True)
class MarkResult:
    spans: list[QuotedSpan]
    unbalanced: int


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Return `(start, end)` of each paragraph.

    Paragraphs are separated by blank lines when the text has any, otherwise by
    single newlines.
    """
    breaks = (
        list(_PARAGRAPH_BREAK.finditer(text))
        if _PARAGRAPH_BREAK.search(text)
        else list(re.finditer(r"\n", text))
    )
    bounds, start = [], 0
    for match in breaks:
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(text)))
    return [(s, e) for s, e in bounds if text[s:e].strip()]


def _prev(text: str, i: int, floor: int) -> str:
    return text[i - 1] if i > floor else " "


def _next(text: str, i: int, ceiling: int) -> str:
    return text[i + 1] if i + 1 < ceiling else " "


def _classify_straight(text: str, i: int, lo: int, hi: int, width: int = 1) -> str:
    """Say whether a straight double mark opens, closes, or is ambiguous."""
    before, after = _prev(text, i, lo), _next(text, i + width - 1, hi)
    if (before.isspace() or before in _OPEN_CONTEXT) and not after.isspace():
        return "open"
    if (after.isspace() or after in _CLOSE_CONTEXT) and not before.isspace():
        return "close"
    return "either"


def _double_marks(
    text: str, lo: int, hi: int, family: MarkFamily
) -> list[tuple[int, str, int]]:
    """List `(index, role, width)` of the marks of one family in a paragraph.

    Doubled apostrophes (`''`, some newspapers' archives), doubled
    backticks and two right single marks (`’’`, closing only) count as
    double marks of width 2.
    """
    marks = []
    # A regex scan, not a loop over characters: pairing marks was a fifth of
    # the rules' time (#3).
    pattern = _DOUBLE_MARK if family == "double" else _GUILLEMET
    for match in pattern.finditer(text, lo, hi):
        i, mark = match.start(), match.group()
        if mark == "’’":
            # Two right single marks for a closing double one: '“… Melania’s
            # beauty, ’’ de Basseville said' (real news); they never open.
            marks.append((i, "close", 2))
        elif mark in ("''", "``"):
            role = "open" if mark == "``" else _classify_straight(text, i, lo, hi, 2)
            marks.append((i, role, 2))
        elif mark in "“„«":
            marks.append((i, "open", 1))
        elif mark in "”»":
            marks.append((i, "close", 1))
        else:
            marks.append((i, _classify_straight(text, i, lo, hi), 1))
    return marks


def _same_style(first: str, again: str) -> bool:
    """Say whether a reopening mark matches the style of the one it continues."""
    return (first in "\"'`") == (again in "\"'`")


def _trimmed(text: str, open_at: int, close_at: int, width: int = 1) -> tuple[int, int]:
    start, end = open_at + width, close_at
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


_SENTENCE_BEFORE = re.compile(r"[.!?…][\"'”’)\]]*\s+$")
# Before a mark that opens a quote which may run on over paragraphs: the
# start of the paragraph, a sentence end, a colon, or the comma of "he said,".
_QUOTE_LEAD = re.compile(r"[.!?…:,;—–-][\"'”’)\]]*\s*$")


def _unclosed(
    text: str, opened: tuple[int, int, int], end: int, family: MarkFamily
) -> QuotedSpan | None:
    """The quote an unclosed mark opens, up to `end` (the paragraph's end, #13).

    It costs only this quote: its content stops at the end of the paragraph
    and `unclosed` says the closing mark is missing.
    """
    start, stop = _trimmed(text, opened[0], end, opened[1])
    if start >= stop:
        return None
    return QuotedSpan(opened[0], stop, start, stop, family, opened[2], 0, True)


def _pair_family(
    text: str, paragraphs: list[tuple[int, int]], family: MarkFamily
) -> tuple[list[QuotedSpan], int]:
    """Pair one family's marks; return the spans and the marks left unpaired.

    Two openings in a row with a sentence end between them (`"A. "B."`) are
    one quote whose paragraph break was flattened, as in many archives. A
    quote left open at a paragraph's end runs on only when the next paragraph
    reopens with a mark and the quote began a sentence or followed a colon or
    a comma; otherwise it ends with its paragraph, marked `unclosed`, and
    never swallows the next paragraph (#13).
    """
    spans: list[QuotedSpan] = []
    unbalanced = 0
    carried: tuple[int, int, int] | None = None  # (open, width, paragraphs so far)
    carried_end = 0  # where the carried quote's last paragraph ended
    for lo, hi in paragraphs:
        marks = _double_marks(text, lo, hi, family)
        opened: tuple[int, int, int] | None = None
        if carried is not None:
            first = marks[0] if marks else None
            if (
                first is not None
                and first[1] in ("open", "either")
                and not text[lo : first[0]].strip()
                and _same_style(text[carried[0]], text[first[0]])
            ):
                opened = (carried[0], carried[1], carried[2] + 1)
                marks = marks[1:]
            elif span := _unclosed(text, carried, carried_end, family):
                spans.append(span)
        carried = None
        for index, role, width in marks:
            if opened is not None and text[opened[0]] == "„" and text[index] == "“":
                role = "close"  # German style: „…“
            if opened is None:
                if role == "close":
                    unbalanced += 1
                else:
                    opened = (index, width, 1)
            elif role == "open":
                if _SENTENCE_BEFORE.search(text[lo:index]):
                    opened = (opened[0], opened[1], opened[2] + 1)  # "A. "B."
                else:
                    unbalanced += 1  # a second opening mid-sentence: unsure
                    opened = (index, width, 1)
            else:
                start, end = _trimmed(text, opened[0], index, opened[1])
                if start < end:
                    spans.append(
                        QuotedSpan(
                            opened[0], index, start, end, family, opened[2], width
                        )
                    )
                opened = None
        if opened is None:
            continue
        lead = text[lo : opened[0]]
        if not lead.strip() or _QUOTE_LEAD.search(lead):
            carried, carried_end = opened, hi
        elif span := _unclosed(text, opened, hi, family):
            spans.append(span)
    if carried is not None and (span := _unclosed(text, carried, carried_end, family)):
        spans.append(span)
    return spans, unbalanced


def _single_role(text: str, i: int, lo: int, hi: int) -> str | None:
    before, after = _prev(text, i, lo), _next(text, i, hi)
    if before.isalnum() and after.isalnum():
        return None  # an apostrophe inside a word: don't, Israel's
    if (before.isspace() or before in "([{—–") and after.isalpha():
        return "open" if text[i] in "'‘" else None
    if (after.isspace() or after in _CLOSE_CONTEXT) and not before.isspace():
        return "close" if text[i] in "'’" else None
    return None


def _pair_singles(
    text: str, paragraphs: list[tuple[int, int]], masked: list[QuotedSpan]
) -> list[QuotedSpan]:
    inside = [(span.open, span.close_end - 1) for span in masked]
    spans: list[QuotedSpan] = []
    for lo, hi in paragraphs:
        open_at: int | None = None
        for match in _SINGLE_MARK.finditer(text, lo, hi):
            i = match.start()
            if any(a <= i <= b for a, b in inside):
                continue
            role = _single_role(text, i, lo, hi)
            if role == "open" and open_at is None:
                open_at = i
            elif role == "close" and open_at is not None:
                start, end = _trimmed(text, open_at, i)
                if start < end:
                    spans.append(QuotedSpan(open_at, i, start, end, "single"))
                open_at = None
    return spans


def pair_quote_marks(text: str) -> MarkResult:
    """Find the quoted spans of `text` in document order.

    Returns:
        The spans, and how many opening or closing marks were unbalanced
        (double marks and guillemets only).
    """
    paragraphs = split_paragraphs(text)
    doubles, unbalanced = _pair_family(text, paragraphs, "double")
    guillemets, more = _pair_family(text, paragraphs, "guillemet")
    outer = [
        g for g in guillemets if not any(d.open < g.open < d.close for d in doubles)
    ]
    kept = [d for d in doubles if not any(g.open < d.open < g.close for g in outer)]
    marked = kept + outer
    singles = _pair_singles(text, paragraphs, marked)
    spans = sorted(marked + singles, key=lambda span: span.open)
    return MarkResult(spans, unbalanced + more)


class Paragraphs:
    """A text's paragraphs, to ask which one a character is in."""

    def __init__(self, text: str) -> None:
        self.bounds = split_paragraphs(text) or [(0, len(text))]
        self._starts = [start for start, _ in self.bounds]

    def index(self, char: int) -> int:
        """Return the number of the paragraph that holds `char`."""
        return max(bisect.bisect_right(self._starts, char) - 1, 0)
