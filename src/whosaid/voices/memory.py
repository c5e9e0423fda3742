"""A copy of `quote_cells` and `voice_article_people` in memory (#15).

Topic pages of frequent words count their matches against this copy
(`whosaid.voices.columns`). It is exact or unused: every change to either
table leaves a row in `voice_changes` (m021, by trigger), and a page reads
the log's last number, the search and the codes in one read transaction. A
copy made before the last change reads only the rows changed since (a batch
of 50 articles ingested beside the web server: 14-110 ms on the 1M-quote
index); a full read (0.5 s there) happens once per process, or when the
changes since are many or already pruned from the log.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .evidence import GENDERS

Ints = npt.NDArray[np.int64]
PEOPLE = tuple(f"{m}_{g}" for m in ("mentioned", "quoted") for g in GENDERS)
_CHUNK = 250_000  # rows per statement: strings well under SQLite's limit
_KEEP = 2  # copies kept (one per index a process reads)
# Changes since the copy from which a full read is cheaper than the changed
# rows one by one (the full read: 0.5 s for 1.1M rows on the 1M index).
REFRESH_MAX = 200_000


def ints(text: str | None) -> Ints:
    """Integers from a group_concat string, parsed in C."""
    if not text:
        return np.zeros(0, dtype=np.int64)
    return np.fromstring(text, dtype=np.int64, sep=",")


def _empty(*shape: int) -> Ints:
    return np.zeros(shape or (0,), dtype=np.int64)


@dataclass(frozen=True, slots=True)
class Copy:
    """Both tables as arrays, as of change number `seq` of `voice_changes`."""

    seq: int
    row_of: Ints  # quote id -> row (-1: none)
    cell: Ints  # per row: quote_cells.cell
    period: Ints  # per row: quote_cells.period
    article_ids: Ints  # per row: quote_cells.article_id
    article: Ints  # per row: the article's row below (-1: none)
    article_row: Ints  # article id -> article row (-1: none)
    article_cell: Ints  # per article: voice_article_people.cell
    article_day: Ints  # per article: index into `days`
    days: tuple[str, ...]
    people: Ints  # per article: the six counts of PEOPLE (zero once deleted)

    def rows(self, ids: Ints) -> Ints:
        """Rows of the quote ids that `quote_cells` has."""
        ids = ids[ids < len(self.row_of)]
        rows = self.row_of[ids]
        return rows[rows >= 0]


_EMPTY = Copy(0, _empty(), _empty(), _empty(), _empty(), _empty(), _empty(),
              _empty(), _empty(), (), _empty(0, len(PEOPLE)))  # fmt: skip
_cache: OrderedDict[tuple[str, int, int, str], Copy] = OrderedDict()
_lock = threading.Lock()


def current(conn: sqlite3.Connection, wanted: Callable[[], bool]) -> Copy | None:
    """The copy as of the index's last change, or None (read through SQL).

    Inside the caller's read transaction: a kept copy is brought up to date;
    without one, a copy is read only if `wanted()` says the page is worth it.
    """
    try:
        token = conn.execute("SELECT token FROM voice_version").fetchone()[0]
        last, first = conn.execute(
            "SELECT coalesce(max(seq), 0), coalesce(min(seq), 1) FROM voice_changes"
        ).fetchone()
    except (sqlite3.OperationalError, TypeError):  # an index before m021
        return None
    key = _key(conn, str(token))
    with _lock:
        kept = _cache.get(key)
    if kept is not None and kept.seq == last:
        return kept
    if kept is not None and first <= kept.seq + 1 and last - kept.seq <= REFRESH_MAX:
        copy = read(conn, kept, last)
    elif kept is not None or wanted():
        copy = read(conn, _EMPTY, last)
    else:
        return None
    with _lock:
        _cache[key] = copy
        _cache.move_to_end(key)
        while len(_cache) > _KEEP:
            _cache.popitem(last=False)
    return copy


def _key(conn: sqlite3.Connection, token: str) -> tuple[str, int, int, str]:
    """The index file (path and inode: a file copied over it is another) and token."""
    path = str(conn.execute("PRAGMA database_list").fetchone()[2] or "")
    if not path:
        return (f"memory:{id(conn)}", 0, 0, token)
    try:
        info = os.stat(path)
    except OSError:
        return (path, 0, 0, token)
    return (path, info.st_dev, info.st_ino, token)


def read(conn: sqlite3.Connection, old: Copy, last: int) -> Copy:
    """`old` with the rows changed since `old.seq` read again (all from `_EMPTY`).

    Deleted quotes lose their row; a deleted article keeps its row with no
    people (an article's row never moves, so its quotes keep pointing at it).
    """
    since = None if old is _EMPTY else old.seq
    (ids, a_cell, *counts), days = _read(
        conn, "voice_article_people", "article_id", ("article_id", "cell", *PEOPLE),
        since, text="day",
    )  # fmt: skip
    article_row, a_rows, n_articles = _place(
        old.article_row, ids, len(old.article_cell)
    )
    distinct = {day: i for i, day in enumerate(old.days)}
    day_codes = np.array(
        [distinct.setdefault(d, len(distinct)) for d in days], np.int64
    )
    people = _put(old.people, a_rows, np.stack(counts, axis=1), n_articles)
    if since is not None:
        gone = _gone(conn, "article_id", since, ids)
        gone = article_row[gone[gone < len(article_row)]]
        people[gone[gone >= 0]] = 0
    (q_ids, article_ids, cell, period), _ = _read(
        conn, "quote_cells", "quote_id", ("quote_id", "article_id", "cell", "period"),
        since,
    )  # fmt: skip
    row_of, q_rows, n_quotes = _place(old.row_of, q_ids, len(old.cell))
    if since is not None:
        gone = _gone(conn, "quote_id", since, q_ids)
        row_of[gone[gone < len(row_of)]] = -1
    all_article_ids = _put(old.article_ids, q_rows, article_ids, n_quotes)
    article = np.full(n_quotes, -1, dtype=np.int64)
    known = all_article_ids < len(article_row)
    article[known] = article_row[all_article_ids[known]]
    return Copy(
        seq=last,
        row_of=row_of,
        cell=_put(old.cell, q_rows, cell, n_quotes),
        period=_put(old.period, q_rows, period, n_quotes),
        article_ids=all_article_ids,
        article=article,
        article_row=article_row,
        article_cell=_put(old.article_cell, a_rows, a_cell, n_articles),
        article_day=_put(old.article_day, a_rows, day_codes, n_articles),
        days=tuple(distinct),
        people=people,
    )


def _place(row_of: Ints, ids: Ints, size: int) -> tuple[Ints, Ints, int]:
    """A new id -> row map with rows for `ids` (new ones after `size`), their rows, the new size."""
    top = (int(np.max(ids)) if len(ids) else -1) + 1
    grown = np.full(max(top, len(row_of)), -1, dtype=np.int64)
    grown[: len(row_of)] = row_of
    rows = grown[ids]
    new = rows < 0
    added = int(new.sum())
    rows[new] = np.arange(size, size + added, dtype=np.int64)
    grown[ids] = rows
    return grown, rows, size + added


def _put(old: Ints, rows: Ints, values: Ints, size: int) -> Ints:
    """A copy of `old`, `size` rows long, with `values` at `rows`."""
    out = np.zeros((size, *old.shape[1:]), dtype=np.int64)
    out[: len(old)] = old
    out[rows] = values
    return out


def _gone(conn: sqlite3.Connection, key: str, since: int, present: Ints) -> Ints:
    """Ids changed since `since` that the table no longer has."""
    changed = conn.execute(
        f"SELECT group_concat({key}) FROM (SELECT DISTINCT {key} FROM voice_changes "  # noqa: S608
        f"WHERE seq > ? AND {key} IS NOT NULL)",
        (since,),
    ).fetchone()[0]
    return np.setdiff1d(ints(changed), present)


def _read(
    conn: sqlite3.Connection, table: str, key: str, columns: tuple[str, ...],
    since: int | None, text: str | None = None,
) -> tuple[list[Ints], list[str]]:  # fmt: skip
    """Integer columns of `table` (and one text column): every row, `_CHUNK`
    rows a statement, or only those changed after `since` (at most
    REFRESH_MAX: one statement, looked up by key).

    One statement returns each column as one string, so every column lists
    the rows in the same order.
    """
    selected = ", ".join(f"group_concat({column})" for column in columns)
    if text:
        selected += f", group_concat({text}, char(30))"
    listed = ", ".join(columns + ((text,) if text else ()))
    select = (
        f"SELECT {selected}, max({key}), count(*) FROM (SELECT {listed} FROM {table} "
    )
    parts: list[list[Ints]] = [[] for _ in columns]
    texts: list[str] = []

    def add(row: tuple[object, ...]) -> None:
        for part, value in zip(parts, row[: len(columns)], strict=True):
            part.append(ints(value))  # type: ignore[arg-type]
        if text:
            texts.extend(str(row[len(columns)]).split("\x1e"))

    if since is not None:
        sql = f"{select}WHERE {key} IN (SELECT {key} FROM voice_changes WHERE seq > ?))"
        row = conn.execute(sql, (since,)).fetchone()
        if row[-1]:
            add(row)
    else:
        sql = f"{select}WHERE {key} > ? ORDER BY {key} LIMIT ?)"
        after = -1
        while (row := conn.execute(sql, (after, _CHUNK)).fetchone())[-1]:
            add(row)
            after = row[-2]
    arrays = [np.concatenate(part) if part else _empty() for part in parts]
    return arrays, texts
