"""Topic pages of frequent words, counted from columns held in memory (#15).

A topic page counts the quotes a full-text search matches. Read through SQL
(`whosaid.voices.topic`), each match costs a lookup in `quote_cells` and a
share of SQLite's grouping: "the" (872,344 of the 1M-quote benchmark's
quotes) cost 368 / 516 ms of CPU at p50 / p95 a page, "have" (21 %) 170-190
ms at p95. Here the page takes the matches' ids from FTS5 as one string and
counts them with numpy against a copy of `quote_cells` and
`voice_article_people` kept in memory: the search itself, 30-75 ms for the
most frequent words, is most of the cost, and nothing sorts.

The copy is exact or unused. m020 keeps a counter (`voice_version`) that a
trigger moves on every change to either table, and a page reads the counter
and the search in one read transaction: a copy made at another count is read
again first (0.4-0.5 s on the 1M index, once per process and after each
write). Only words likely to match `COLUMNS_FROM` quotes or more load the
copy, and not where `cells.LOAD_COPIES` is off (the CLI: one report a
process); once loaded, every topic page uses it. A connection inside a
transaction (its own writes not yet committed) reads through SQL instead.
"""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .cells import ARTICLE_FIELDS, FIELDS, LOAD_COPIES, PERIODS, decoder
from .evidence import GENDERS

# Estimated matches from which a page loads the copy. Below, the SQL path
# costs 80 ms of CPU or less a page ("we", 77,658 quotes, on the 1M index).
COLUMNS_FROM = 100_000
_WINDOWS, _WINDOW = 5, 4_000  # sampled stretches of quote ids (the estimate)
_CHUNK = 250_000  # rows per statement while loading: strings well under SQLite's limit
_KEEP = 2  # copies kept (one per index a process reads)
_PEOPLE = tuple(f"{m}_{g}" for m in ("mentioned", "quoted") for g in GENDERS)

Ints = npt.NDArray[np.int64]


def _shifts(fields: tuple[tuple[str, int], ...]) -> dict[str, tuple[int, int]]:
    """(shift, mask) of each field packed in `fields` order, the last lowest."""
    return {
        name: (sum(bits for _, bits in fields[i + 1 :]), 2**bits - 1)
        for i, (name, bits) in enumerate(fields)
    }


_CELL, _PERIOD, _ARTICLE = _shifts(FIELDS), _shifts(PERIODS), _shifts(ARTICLE_FIELDS)


def _part(packed: Ints, where: tuple[int, int]) -> Ints:
    shift, mask = where
    return (packed >> shift) & mask


@dataclass(frozen=True, slots=True)
class _Columns:
    """`quote_cells` and `voice_article_people` as arrays, at one version."""

    row_of: Ints  # quote id -> row (-1: none)
    cell: Ints  # per row: quote_cells.cell
    period: Ints  # per row: quote_cells.period
    article: Ints  # per row: the article's row below (-1: none)
    article_cell: Ints  # per article: voice_article_people.cell
    article_day: Ints  # per article: index into `days`
    days: tuple[str, ...]
    people: Ints  # per article: the six counts of _PEOPLE

    def rows(self, ids: Ints) -> Ints:
        """Rows of the quote ids that `quote_cells` has."""
        ids = ids[ids < len(self.row_of)]
        rows = self.row_of[ids]
        return rows[rows >= 0]


_cache: OrderedDict[tuple[str, str], tuple[int, _Columns]] = OrderedDict()
_lock = threading.Lock()


def column_rows(
    conn: sqlite3.Connection,
    bys: Sequence[str],
    measure: str,
    match: str,
    only: dict[str, str | None],
    facets: Sequence[tuple[str, list[str]]] = (),
) -> dict[str, list[tuple[str, str, int]]] | None:
    """(group, category, count) rows per grouping, or None to read through SQL.

    Args:
        conn: The index (autocommit: no transaction open).
        bys: The groupings wanted.
        measure: gender, source or people.
        match: The full-text query.
        only: outlet ('' for unknown), since, until, kind, type; None where
            not set. People are filtered by their article's outlet and day.
        facets: ("title" or "org", the values a filter matched): only quotes
            with one of them.
    """
    if conn.in_transaction:
        return None
    conn.execute("BEGIN")
    try:
        columns = _columns(conn, match)
        if columns is None:
            return None
        found = conn.execute(
            "SELECT group_concat(rowid) FROM quotes_fts WHERE quotes_fts MATCH ?",
            (match,),
        ).fetchone()[0]
        rows = columns.rows(_ints(found))
        for facet, values in facets:
            if len(rows):  # no match: no need to read the values' quotes
                rows = _with_value(conn, columns, rows, facet, values)
        if measure == "people":
            return _people(conn, columns, rows, bys, only)
        return _quotes(conn, columns, rows, bys, measure, only)
    except sqlite3.DataError:  # a string longer than SQLite allows
        return None
    finally:
        conn.execute("COMMIT")


def _with_value(
    conn: sqlite3.Connection, columns: _Columns, rows: Ints, facet: str,
    values: list[str],
) -> Ints:  # fmt: skip
    """The rows whose quote has one of `values` as its title or organisation.

    `quote_voices_title` / `_org` (partial indexes, hence `!= ''`) list them:
    8-10 ms for one title's 59,303 quotes on the 1M index.
    """
    column = {"title": "title", "org": "org"}[facet]
    found = conn.execute(
        f"SELECT group_concat(quote_id) FROM quote_voices "  # noqa: S608 - fixed names
        f"WHERE {column} IN ({', '.join('?' * len(values))}) AND {column} != ''",
        values,
    ).fetchone()[0]
    chosen = np.zeros(len(columns.cell), dtype=bool)
    chosen[columns.rows(_ints(found))] = True
    return rows[chosen[rows]]


def _columns(conn: sqlite3.Connection, match: str) -> _Columns | None:
    """The copy at the index's version: kept, loaded, or None (a rare word)."""
    try:
        token, version = conn.execute("SELECT token, n FROM voice_version").fetchone()
    except (sqlite3.OperationalError, TypeError):  # an index before m020
        return None
    database = conn.execute("PRAGMA database_list").fetchone()[2]
    key = (database or f"memory:{id(conn)}", str(token))
    with _lock:
        kept = _cache.get(key)
    if kept is not None and kept[0] == version:
        return kept[1]
    if not LOAD_COPIES.get() or _estimate(conn, match) < COLUMNS_FROM:
        return None
    columns = _load(conn)
    with _lock:
        _cache[key] = (version, columns)
        _cache.move_to_end(key)
        while len(_cache) > _KEEP:
            _cache.popitem(last=False)
    return columns


def _estimate(conn: sqlite3.Connection, match: str) -> float:
    """About how many quotes `match` finds, from a few stretches of quote ids.

    FTS5 seeks to a rowid range inside a word's list: 0.4-2.2 ms for five
    stretches of 4,000 ids on the 1M index, where counting every match of
    "the" takes 50 ms.
    """
    low, high = conn.execute(
        "SELECT min(quote_id), max(quote_id) FROM quote_cells"
    ).fetchone()
    if low is None:
        return 0.0
    low, high = int(low), int(high)
    span = high - low + 1
    windows = [(low, high)]
    if span > _WINDOWS * _WINDOW:
        step = (span - _WINDOW) // (_WINDOWS - 1)
        windows = [
            (low + i * step, low + i * step + _WINDOW - 1) for i in range(_WINDOWS)
        ]
    sql = (
        "SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH ? "
        "AND rowid BETWEEN ? AND ?"
    )
    found = sum(int(conn.execute(sql, (match, a, b)).fetchone()[0]) for a, b in windows)
    return found * span / sum(b - a + 1 for a, b in windows)


def _ints(text: str | None) -> Ints:
    """Integers from a group_concat string, parsed in C."""
    if not text:
        return np.zeros(0, dtype=np.int64)
    return np.fromstring(text, dtype=np.int64, sep=",")


def _load(conn: sqlite3.Connection) -> _Columns:
    """Read both tables into arrays (inside the caller's read transaction)."""
    ids, article_ids, cell, period = _read(
        conn, "quote_cells", "quote_id", ("quote_id", "article_id", "cell", "period")
    )[0]
    (articles, article_cell, *counts), days = _read(
        conn, "voice_article_people", "article_id", ("article_id", "cell", *_PEOPLE),
        text="day",
    )  # fmt: skip
    row_of = np.full(int(ids.max(initial=-1)) + 1, -1, dtype=np.int64)
    row_of[ids] = np.arange(len(ids), dtype=np.int64)
    article_row = np.full(int(articles.max(initial=-1)) + 1, -1, dtype=np.int64)
    article_row[articles] = np.arange(len(articles), dtype=np.int64)
    article = np.full(len(ids), -1, dtype=np.int64)
    known = article_ids < len(article_row)
    article[known] = article_row[article_ids[known]]
    distinct: dict[str, int] = {}
    day_index = np.array(
        [distinct.setdefault(day, len(distinct)) for day in days], dtype=np.int64
    )
    return _Columns(
        row_of=row_of,
        cell=cell,
        period=period,
        article=article,
        article_cell=article_cell,
        article_day=day_index,
        days=tuple(distinct),
        people=np.stack(counts, axis=1)
        if counts[0].size
        else np.zeros((0, 6), np.int64),
    )


def _read(
    conn: sqlite3.Connection, table: str, key: str, columns: tuple[str, ...],
    text: str | None = None,
) -> tuple[list[Ints], list[str]]:  # fmt: skip
    """Integer columns of `table` (and one text column), `_CHUNK` rows a statement.

    One statement per chunk returns each column as one string, so every
    column lists the rows in the same order.
    """
    selected = ", ".join(f"group_concat({column})" for column in columns)
    if text:
        selected += f", group_concat({text}, char(30))"
    listed = ", ".join(columns + ((text,) if text else ()))
    sql = (
        f"SELECT {selected}, max({key}), count(*) FROM (SELECT {listed} "  # noqa: S608
        f"FROM {table} WHERE {key} > ? ORDER BY {key} LIMIT ?)"
    )
    parts: list[list[Ints]] = [[] for _ in columns]
    texts: list[str] = []
    after = -1
    while True:
        row = conn.execute(sql, (after, _CHUNK)).fetchone()
        if not row[-1]:
            break
        for part, value in zip(parts, row[: len(columns)], strict=True):
            part.append(_ints(value))
        if text:
            texts += str(row[len(columns)]).split("\x1e")
        after = row[-2]
    arrays = [
        np.concatenate(part) if part else np.zeros(0, dtype=np.int64) for part in parts
    ]
    return arrays, texts


def _code(conn: sqlite3.Connection, field: str, value: str) -> int | None:
    found = conn.execute(
        "SELECT code FROM voice_codes WHERE field = ? AND value = ?", (field, value)
    ).fetchone()
    return None if found is None else int(found[0])


def _in_range(
    days: Sequence[str], only: dict[str, str | None]
) -> npt.NDArray[np.bool_]:
    """Per day (a value, or '' for undated): inside since/until, as SQL compares text."""
    since, until = only.get("since"), only.get("until")
    return np.array(
        [
            (not since or day >= since) and (not until or (day <= until and day != ""))
            for day in days
        ],
        dtype=bool,
    )


def _filtered(
    conn: sqlite3.Connection, columns: _Columns, rows: Ints,
    wanted: dict[str, str | None],
) -> Ints | None:  # fmt: skip
    """The rows whose outlet, kind, type, source and day `wanted` allows.

    None when a value has no code: no quote has it.
    """
    cell = columns.cell[rows]
    keep = np.ones(len(rows), dtype=bool)
    for field in ("outlet", "kind", "type", "source"):
        value = wanted.get(field)
        if value is None:
            continue
        code = _code(conn, field, value)
        if code is None:
            return None
        keep &= _part(cell, _CELL[field]) == code
    if wanted.get("since") or wanted.get("until"):
        days = decoder(conn, days=True)["day"]
        inside = _in_range(
            [days.get(code, "") for code in range(max(days, default=-1) + 1)], wanted
        )
        keep &= inside[_part(cell, _CELL["day"])]
    return rows[keep]


def _quotes(
    conn: sqlite3.Connection, columns: _Columns, rows: Ints, bys: Sequence[str],
    measure: str, only: dict[str, str | None],
) -> dict[str, list[tuple[str, str, int]]]:  # fmt: skip
    """Matching quotes per grouping and source or gender (`topic._cell_rows`'s figures)."""
    wanted = dict(only)
    if measure == "gender":
        wanted["source"] = "person"
    kept = _filtered(conn, columns, rows, wanted)
    if kept is None:
        return {}  # no quote has that outlet, kind...
    cell, period = columns.cell[kept], columns.period[kept]
    codes = decoder(conn)
    category = "gender" if measure == "gender" else "source"
    categories = _part(cell, _CELL[category])
    found: dict[str, list[tuple[str, str, int]]] = {}
    for by in bys:
        field, groups = _quote_groups(by, cell, period)
        counted = _bincount(groups, categories)
        totals: dict[tuple[str, str], int] = {}
        for (group, category_code), n in counted.items():
            value = _value(by, field, group, codes)
            pair = (value, codes[category][category_code])
            totals[pair] = totals.get(pair, 0) + n
        found[by] = [(group, name, n) for (group, name), n in totals.items() if n]
    return found


def _quote_groups(by: str, cell: Ints, period: Ints) -> tuple[str, Ints]:
    """The field a grouping reads and each quote's code of it."""
    if by in ("outlet", "kind", "type"):
        return by, _part(cell, _CELL[by])
    if by in ("month", "year"):
        return "month", _part(period, _PERIOD["month"])
    if by == "week":
        return "week", _part(period, _PERIOD["week"])
    return "", np.zeros(len(cell), dtype=np.int64)  # all


def _value(by: str, field: str, code: int, codes: dict[str, dict[int, str]]) -> str:
    if not field:
        return "all"
    value = codes[field][code]
    return value[:4] if by == "year" else value


def _bincount(groups: Ints, categories: Ints) -> dict[tuple[int, int], int]:
    """Count (group, category) pairs in O(n): no sort."""
    if not len(groups):
        return {}
    width = int(categories.max()) + 1
    counts = np.bincount(groups * width + categories)
    return {
        (int(key) // width, int(key) % width): int(counts[key])
        for key in np.flatnonzero(counts)
    }


def _people(
    conn: sqlite3.Connection, columns: _Columns, rows: Ints, bys: Sequence[str],
    only: dict[str, str | None],
) -> dict[str, list[tuple[str, str, int]]]:  # fmt: skip
    """People mentioned and quoted in the articles with a match (`topic.people_of_articles`).

    The outlet and dates filter the articles: a quote has its article's.
    """
    outlet = only.get("outlet")
    articles = columns.article[rows]
    hit = np.zeros(len(columns.article_cell), dtype=bool)
    hit[articles[articles >= 0]] = True
    if outlet is not None:
        code = _code(conn, "outlet", outlet)
        if code is None:
            return {by: [] for by in bys}
        hit &= _part(columns.article_cell, _ARTICLE["outlet"]) == code
    if only.get("since") or only.get("until"):
        hit &= _in_range(columns.days, only)[columns.article_day]
    chosen = np.flatnonzero(hit)
    cells, counts = columns.article_cell[chosen], columns.people[chosen]
    codes = decoder(conn)
    found: dict[str, list[tuple[str, str, int]]] = {}
    for by in bys:
        field = {"year": "month"}.get(by, by) if by != "all" else ""
        groups = (
            _part(cells, _ARTICLE[field]) if field else np.zeros(len(cells), np.int64)
        )
        totals: dict[tuple[str, str], int] = {}
        if len(groups):
            for i, name in enumerate(_PEOPLE):
                sums = np.bincount(groups, weights=counts[:, i])
                for group in np.flatnonzero(sums):
                    pair = (
                        _value(by, field, int(group), codes),
                        name.replace("_", " "),
                    )
                    totals[pair] = totals.get(pair, 0) + int(round(sums[group]))
        found[by] = [(group, name, n) for (group, name), n in totals.items() if n]
    return found
