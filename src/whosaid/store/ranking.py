"""Relevance of a text search, computed here from the quotes' words (#17).

FTS5's bm25() counts, on every query, the rows of the whole index that hold
each phrase of the query (for its IDF) before it scores a single row. On the
1,000,000-quote benchmark index that is 30-50 ms for a word found in most
quotes ("the", "to"), about 100 ms for a two-word phrase of common words, and
as much again for every filter written as a tag term of the match (`kstatement`
is in most quotes): the cost of the corpus, not of the page. So a text search
asks FTS5 only for the rowids of its newest matches (an intersection of
posting lists) and orders them here with the same formula: Okapi BM25 with
k1 1.2 and b 0.75 over the content column, IDF log((N - n + 0.5) / (n + 0.5))
floored at 1e-6, n estimated from the phrase's newest matches when the query
has more than one phrase (with one phrase every row shares the factor).
"""

from __future__ import annotations

import math
import re
import sqlite3
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

K1 = 1.2
B = 0.75
# A phrase's share of the index is estimated from at most PROBE of its matches
# among the newest PROBE_SPAN rowids: a bounded read even for a rare phrase of
# common words, whose matches FTS5 finds by comparing positions.
PROBE = 100
PROBE_SPAN = 20_000

_WORD = re.compile(r"[^\W_]+")
# ASCII text is split in C: letters and digits lower-cased, the rest a space.
_ASCII = bytes(
    ord(chr(b).lower()) if chr(b).isalnum() else 32 for b in range(128)
) + bytes(128)


# Punctuation outside ASCII that quotes are full of; replaced by a space first,
# most quotes are then ASCII and take the fast path.
_SPACES = ("\u201c", "\u201d", "\u2018", "\u2019", "\u2014", "\u2013", "\u2026", "\xa0")


def words(text: str) -> list[str]:
    """Split text as FTS5's unicode61 tokenizer does (remove_diacritics 2).

    Letters and digits make words; case is folded and diacritics dropped;
    everything else separates.
    """
    if not text.isascii():
        for char in _SPACES:
            if char in text:
                text = text.replace(char, " ")
        if not text.isascii():
            plain = unicodedata.normalize("NFKD", text.casefold())
            plain = "".join(char for char in plain if not unicodedata.combining(char))
            return _WORD.findall(plain)
    return text.encode().translate(_ASCII).decode().split()


@dataclass(frozen=True, slots=True)
class Phrase:
    """One phrase of an FTS5 query: its words, the last one maybe a prefix."""

    fts: str  # as written in the FTS5 query, e.g. '"harbour plan"' or '"harb"*'
    words: tuple[str, ...]
    prefix: bool

    def count_in(self, tokens: list[str]) -> int:
        """How many times the phrase occurs in a quote's words."""
        first, rest = self.words[0], list(self.words[1:])
        if not rest:
            if self.prefix:
                # Words never hold a space: count word starts in C, not a loop.
                return f" {' '.join(tokens)}".count(f" {first}")
            return tokens.count(first)
        size = len(self.words)
        found = 0
        for start in range(len(tokens) - size + 1):
            if tokens[start] != first:
                continue
            after = tokens[start + 1 : start + size]
            if after == rest or (
                self.prefix
                and after[:-1] == rest[:-1]
                and after[-1].startswith(rest[-1])
            ):
                found += 1
        return found


def phrases(parts: Sequence[str]) -> list[Phrase]:
    """The phrases of an FTS5 query made by `whosaid.store.search.fts_query`."""
    found = []
    for part in parts:
        if part in ("AND", "OR", "NOT"):
            continue
        prefix = part.endswith("*")
        tokens = tuple(words(part.rstrip("*").strip('"')))
        if tokens:
            found.append(Phrase(part, tokens, prefix))
    return found


class Scorer:
    """BM25 of quote texts for one query (negated: lower sorts first, as FTS5's rank)."""

    def __init__(self, conn: sqlite3.Connection, parts: Sequence[str]) -> None:
        self.phrases = phrases(parts)
        rows, content, tags = _totals(conn)
        # As bm25(): a row's length counts every column's words; the tags
        # column holds the same number of words in every row.
        self.tags = tags / rows if rows else 0.0
        self.average = (content + tags) / rows if rows and content else 20.0
        if len(self.phrases) > 1:
            self.idf = [_idf(conn, phrase, rows) for phrase in self.phrases]
        else:
            self.idf = [1.0] * len(self.phrases)

    def rank(self, content: str) -> float:
        """The quote's BM25 score, negated."""
        tokens = words(content)
        norm = K1 * (1 - B + B * (len(tokens) + self.tags) / self.average)
        score = 0.0
        for phrase, idf in zip(self.phrases, self.idf, strict=True):
            freq = phrase.count_in(tokens)
            if freq:
                score += idf * freq * (K1 + 1) / (freq + norm)
        return -score


def _idf(conn: sqlite3.Connection, phrase: Phrase, rows: int) -> float:
    hits = estimate_rows(conn, f"content : ({phrase.fts})")
    idf = math.log((rows - hits + 0.5) / (hits + 0.5))
    return idf if idf > 0 else 1e-6


# Scoring a window's rows here costs about as much as FTS5's bm25() reading
# this many postings a row: timed both ways on 40 words and prefixes of the
# 1,000,000-quote index, the break-even was near 200 (about 8 ms for 1,000
# rows scored here). With row checks the rows are read either way, and
# scoring here was cheaper at any count (`whosaid.store.window`).
POSTINGS_PER_ROW = 200


def bm25_costs_more(
    conn: sqlite3.Connection, parts: Sequence[str], tags: Sequence[str], window: int
) -> bool:
    """Whether FTS5's bm25() over this match would cost more than scoring here.

    bm25() reads the postings of every term of the match (words of each
    phrase, and tags) once per query; scoring here reads at most
    `window` quotes. Each term's postings are estimated from its newest
    matches.
    """
    budget = POSTINGS_PER_ROW * window
    terms = [
        f'content : ("{word}"{"*" if p.prefix and n == len(p.words) - 1 else ""})'
        for p in phrases(parts)
        for n, word in enumerate(p.words)
    ]
    terms += [f"tags : ({tag})" for tag in tags]
    postings = 0.0
    for term in terms:
        postings += estimate_rows(conn, term)
        if postings > budget:
            return True
    return False


def estimate_rows(conn: sqlite3.Connection, match: str) -> float:
    """Estimate how many quotes an FTS5 match holds from its newest matches.

    Rowids are dense (quotes are only deleted on re-extraction), so PROBE
    matches among the newest R rowids of M say about PROBE * M / R in all.
    The read stops at PROBE matches or PROBE_SPAN rowids.
    """
    newest = conn.execute("SELECT max(rowid) FROM quotes_fts").fetchone()[0] or 0
    span = min(newest, PROBE_SPAN)
    found = [
        int(row[0])
        for row in conn.execute(
            "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ? AND rowid > ? "
            "ORDER BY rowid DESC LIMIT ?",
            (match, newest - span, PROBE),
        )
    ]
    if len(found) == PROBE:
        return PROBE * newest / (newest - found[-1] + 1)
    return len(found) * newest / span if span else 0.0


def _totals(conn: sqlite3.Connection) -> tuple[int, int, int]:
    """Rows in the full-text index, and the words of its content and tags columns.

    Read from FTS5's own averages record (rowid 1 of its data table: varints
    for the row count, then the word count of each column), as bm25() does.
    """
    row = conn.execute("SELECT block FROM quotes_fts_data WHERE id = 1").fetchone()
    values = _varints(bytes(row[0]), 3) if row is not None and row[0] else []
    return (values[0], values[1], values[2]) if len(values) == 3 else (0, 0, 0)


def _varints(data: bytes, count: int) -> list[int]:
    """Decode SQLite varints (big-endian, 7 bits a byte, a 9th byte of 8)."""
    values: list[int] = []
    at = 0
    while len(values) < count and at < len(data):
        value = 0
        for size in range(9):
            if at >= len(data):
                return values
            byte = data[at]
            at += 1
            if size == 8:
                value = (value << 8) | byte
                break
            value = (value << 7) | (byte & 0x7F)
            if not byte & 0x80:
                break
        values.append(value)
    return values
