"""Topic pages of frequent words, counted from columns held in memory (#15).

A topic page counts the quotes a full-text search matches. Read through SQL
(`whosaid.voices.topic`), each match costs a lookup in `quote_cells` and a
share of SQLite's grouping: "the" (872,344 of the 1M-quote benchmark's
quotes) cost 368 / 516 ms of CPU at p50 / p95 a page, "have" (21 %) 170-190
ms at p95. Here the page takes the matches' ids from FTS5 as one string and
counts them with numpy against a copy of `quote_cells` and
`voice_article_people` kept in memory: the search itself, 30-75 ms for the
most frequent words, is most of the cost, and nothing sorts.

The copy (`whosaid.voices.memory`) is exact or unused: it is brought up to
date inside the page's read transaction, from m021's log of changed rows.
Only words likely to match `COLUMNS_FROM` quotes or more load it, and not
where `cells.LOAD_COPIES` is off (the CLI: one report a process); once
loaded, every topic page uses it. A connection inside a transaction (its
own writes not yet committed) reads through SQL instead.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from .cells import ARTICLE_FIELDS, FIELDS, LOAD_COPIES, PERIODS, decoder
from .memory import PEOPLE, Copy, Ints, current, ints

# Estimated matches from which a page loads the copy. Below, the SQL path
# costs 80 ms of CPU or less a page ("we", 77,658 quotes, on the 1M index).
COLUMNS_FROM = 100_000
_WINDOWS, _WINDOW = 5, 4_000  # sampled stretches of quote ids (the estimate)


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
        columns = current(
            conn,
            lambda: LOAD_COPIES.get() and _estimate(conn, match) >= COLUMNS_FROM,
        )
        if columns is None:
            return None
        found = conn.execute(
            "SELECT group_concat(rowid) FROM quotes_fts WHERE quotes_fts MATCH ?",
            (match,),
        ).fetchone()[0]
        rows = columns.rows(ints(found))
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
    conn: sqlite3.Connection, columns: Copy, rows: Ints, facet: str,
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
    chosen[columns.rows(ints(found))] = True
    return rows[chosen[rows]]


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
    conn: sqlite3.Connection, columns: Copy, rows: Ints,
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
    conn: sqlite3.Connection, columns: Copy, rows: Ints, bys: Sequence[str],
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
    width = int(np.max(categories)) + 1
    counts = np.bincount(groups * width + categories)
    return {
        (int(key) // width, int(key) % width): int(counts[key])
        for key in np.flatnonzero(counts)
    }


def _people(
    conn: sqlite3.Connection, columns: Copy, rows: Ints, bys: Sequence[str],
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
            for i, name in enumerate(PEOPLE):
                sums = np.bincount(groups, weights=counts[:, i])
                for group in np.flatnonzero(sums):
                    pair = (
                        _value(by, field, int(group), codes),
                        name.replace("_", " "),
                    )
                    totals[pair] = totals.get(pair, 0) + int(round(sums[group]))
        found[by] = [(group, name, n) for (group, name), n in totals.items() if n]
    return found
