"""The ranking window of a text search: its newest matches, put in order (#17).

Ordering every match of a common word costs time in proportion to the corpus.
A text search therefore orders the `RANK_WINDOW` most recently indexed matches
(the selective filters are tag terms of the match: speaker, outlet, months),
and widens the window only when the row checks (kind, type, stance, exact
dates, minimum confidence) leave too few. Relevance is FTS5's bm25() when its
cost is small, else the same formula computed here (`whosaid.store.ranking`);
the window's rows also give the total whenever they can (`Seen.total`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from whosaid.store import counting
from whosaid.store.ranking import Scorer, bm25_costs_more

# 1,000 newest matches, down from 2,000 (#17): reading and ordering the
# window's rows is most of a common word's search; on the 1,000,000-quote
# benchmark at load 10-11, all-query wall p95 went from 74-81 ms to 48-51 ms.
# With the count bound of 1,000 the window alone proves "more than 1,000"
# once one more match is read (`Seen.total`).
RANK_WINDOW = 1000
ORDER_KEYS = ("date", "confidence")


@dataclass(slots=True)
class Seen:
    """What the windows read: enough to finish the search's total."""

    match: str
    checks: list[str]
    params: list[Any]
    kept: int = 0  # matches that passed the row checks
    scanned: int = 0  # matches read
    exhausted: bool = False  # the windows reached the oldest match
    oldest: int | None = None  # rowid of the oldest match read

    def total(self, conn: sqlite3.Connection) -> tuple[int, bool] | None:
        """(count, exact) as `counting.count_quotes` gives it, or None.

        Reads on from the oldest match seen, checking rows, until the count
        passes `COUNT_BOUND`, reaches the oldest match, or has read
        `COUNT_SCAN` matches (None: let `count_quotes` count from scratch).
        """
        bound, scan = counting.COUNT_BOUND, counting.COUNT_SCAN
        while not self.exhausted and self.kept <= bound and self.scanned < scan:
            # Read about as many more as the checks' pass rate says it takes.
            rate = self.kept / self.scanned if self.scanned else 1.0
            wanted = (bound + 1 - self.kept) / max(rate, 0.05)
            step = min(scan - self.scanned, max(50, int(wanted * 1.25) + 10))
            ids = _newest(conn, self.match, self.oldest, step)
            if self.checks:
                self.kept += sum(1 for _ in _rows(conn, ids, self.checks, self.params))
            else:
                self.kept += len(ids)
            self.scanned += len(ids)
            self.exhausted = len(ids) < step
            self.oldest = ids[-1] if ids else self.oldest
        if self.kept > bound:
            return bound, False
        if self.exhausted:
            return self.kept, True
        return None


def rank_window(
    conn: sqlite3.Connection,
    match: str,
    parts: list[str],
    tags: list[str],
    checks: list[str],
    params: list[Any],
    *,
    need: int,
    sort: str | None,
) -> tuple[list[int], Seen]:
    """Return the ids of the window's matches in page order, and what was seen.

    Args:
        match: The FTS5 match (text and tag terms).
        parts: The text's FTS5 query parts (for scoring here).
        tags: The tag terms in the match (for the cost of bm25()).
        checks: SQL conditions on `q` that the rows must pass.
        need: How many ordered ids the page needs (offset + limit + 1).
        sort: None or relevance, date, confidence.
    """
    seen = Seen(match, checks, params)
    ranked: list[tuple[Any, int]] = []
    fts_rank: bool | None = None if sort not in ORDER_KEYS else False
    scorer: Scorer | None = None
    window = RANK_WINDOW
    while True:
        ids = _newest(conn, match, seen.oldest, window)
        if fts_rank is None and ids:
            # FTS5's bm25() when that costs less than scoring these rows here;
            # never when the rows are read for their checks anyway.
            fts_rank = not checks and not bm25_costs_more(conn, parts, tags, len(ids))
            if not fts_rank:
                scorer = Scorer(conn, parts)
        ranks = _fts_ranks(conn, match, ids) if fts_rank and ids else None
        if ranks is not None and not checks:
            ranked += [((ranks[quote_id], -quote_id), quote_id) for quote_id in ids]
        elif ids:
            ranked += _sort_keys(conn, ids, checks, params, sort, scorer, ranks)
        seen.scanned += len(ids)
        seen.exhausted = len(ids) < window
        seen.oldest = ids[-1] if ids else seen.oldest
        if seen.exhausted or len(ranked) >= need:
            break
        window *= 8
    seen.kept = len(ranked)
    ranked.sort()
    return [quote_id for _, quote_id in ranked[:need]], seen


def _newest(
    conn: sqlite3.Connection, match: str, older_than: int | None, limit: int
) -> list[int]:
    """Rowids of the newest matches, without FTS5's rank (it would count)."""
    return [
        int(row[0])
        for row in conn.execute(
            "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?"
            + (" AND rowid < ?" if older_than is not None else "")
            + " ORDER BY rowid DESC LIMIT ?",
            (match, *([older_than] if older_than is not None else []), limit),
        )
    ]


def _fts_ranks(
    conn: sqlite3.Connection, match: str, ids: list[int]
) -> dict[int, float]:
    """FTS5's rank (bm25) of the matches between the oldest and newest of `ids`."""
    return {
        int(row[0]): float(row[1])
        for row in conn.execute(
            "SELECT rowid, rank FROM quotes_fts WHERE quotes_fts MATCH ? "
            "AND rowid BETWEEN ? AND ?",
            (match, ids[-1], ids[0]),
        )
    }


def _sort_keys(
    conn: sqlite3.Connection,
    ids: list[int],
    checks: list[str],
    params: list[Any],
    sort: str | None,
    scorer: Scorer | None,
    ranks: dict[int, float] | None,
) -> list[tuple[Any, int]]:
    """Keep the ids whose rows pass the checks, keyed for `sort` (ascending).

    Relevance comes from FTS5's `ranks` when given, else from `scorer`.
    """
    kept: list[tuple[Any, int]] = []
    content = scorer is not None and ranks is None
    for row in _rows(conn, ids, checks, params, content=content):
        quote_id, day = int(row[0]), row[1]
        # Equal relevance: newest first, as the export orders it.
        if ranks is not None:
            kept.append(((ranks[quote_id], -quote_id), quote_id))
        elif scorer:
            kept.append(((scorer.rank(row[3]), -quote_id), quote_id))
        elif sort == "date":
            # Newest first, undated last; ids break ties (newest first).
            kept.append(((day is None, _negate(day or ""), -quote_id), quote_id))
        else:
            kept.append(((-row[2], -quote_id), quote_id))
    return kept


def _rows(
    conn: sqlite3.Connection,
    ids: list[int],
    checks: list[str],
    params: list[Any],
    *,
    content: bool = False,
) -> Iterator[sqlite3.Row]:
    """(id, date, confidence[, content]) of the quotes in `ids` that pass `checks`."""
    where = "".join(f" AND {clause}" for clause in checks)
    for chunk in _chunks(ids):
        wanted = set(chunk) if _dense(chunk) else None
        for row in conn.execute(
            f"SELECT q.id, q.date, q.confidence{', q.content' if content else ''} "
            f"FROM quotes AS q NOT INDEXED WHERE {_ids_sql(chunk)}{where}",
            params,
        ):
            if wanted is None or row[0] in wanted:
                yield row


def _dense(chunk: list[int]) -> bool:
    """Whether the ids (newest first) fill a third of their range or more."""
    return chunk[0] - chunk[-1] < 3 * len(chunk)


def _ids_sql(chunk: list[int]) -> str:
    """SQL selecting the quotes of `chunk` (ints from FTS5, newest first).

    Dense ids (a common word's newest matches) are one range read, the others
    are looked up one by one (NOT INDEXED: by rowid, never through an index).
    """
    if _dense(chunk):
        return f"q.id BETWEEN {chunk[-1]} AND {chunk[0]}"
    return f"q.id IN ({','.join(map(str, chunk))})"


def _chunks(ids: list[int], size: int = 5000) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _negate(day: str) -> tuple[int, ...]:
    """A key that sorts YYYY-MM-DD dates newest first."""
    return tuple(-ord(char) for char in day)
