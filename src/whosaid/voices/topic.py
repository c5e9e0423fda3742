"""Count the quotes a topic search matches, once per page (#15).

A topic ("interest rates") is a full-text search: the quotes it matches are
only known at query time, so no counter can hold them. The work is bounded by
the matches instead of the index: the search gives quote ids, each is looked
up once in `quote_voices` (people: once per matching article in
`voice_article_people`), and the rows come back per outlet and day, so one
read serves every grouping a page shows (per outlet and per month: the
morning's version read the matches twice).
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from .cells import ARTICLE_FIELDS, FIELDS, PERIODS, decoder, part_sql
from .evidence import GENDERS

_EXTRA = ("kind", "type")  # columns read only when a grouping needs them
WIDTHS = dict(FIELDS + PERIODS)  # bits of each code (whosaid.voices.cells)
_PEOPLE = tuple((m, g) for m in ("mentioned", "quoted") for g in GENDERS)


@lru_cache(maxsize=4096)
def _monday(day: str) -> str:
    if not day:
        return ""
    start = date.fromisoformat(day)
    return (start - timedelta(days=start.weekday())).isoformat()


def _group_value(by: str, fields: dict[str, str]) -> str:
    day = fields["day"]
    if by == "outlet":
        return fields["outlet"]
    if by == "month":
        return day[:7]
    if by == "year":
        return day[:4]
    if by == "week":
        return _monday(day)
    if by == "all":
        return "all"
    return fields[by]  # kind, type


def topic_rows(
    conn: sqlite3.Connection,
    bys: Sequence[str],
    measure: str,
    where: str,
    params: list[Any],
) -> dict[str, list[tuple[str, str, int]]]:
    """(group, category, count) rows per grouping in `bys`, from one read.

    Args:
        conn: The index.
        bys: The groupings wanted (outlet, month, week, year, kind, type, all).
        measure: gender, source or people.
        where: A condition over `quote_voices v` (the search and the filters).
        params: Its parameters.
    """
    if measure == "people":
        articles = f"SELECT v.article_id FROM quote_voices v WHERE {where}"  # noqa: S608
        return people_of_articles(conn, bys, (articles, params), ("1", []))
    return regroup(bys, _fine_rows(conn, bys, measure, where, params))


def search_rows(
    conn: sqlite3.Connection,
    bys: Sequence[str],
    measure: str,
    match: str,
    only: dict[str, str | None],
    people_where: tuple[str, list[Any]],
) -> dict[str, list[tuple[str, str, int]]]:
    """Like `topic_rows` for a search alone, from `quote_cells` (#15).

    Args:
        conn: The index.
        bys: The groupings wanted.
        measure: gender, source or people.
        match: The full-text query.
        only: The other filters: outlet ('' for unknown), since, until,
            kind, type; None where not set.
        people_where: A condition over `voice_article_people a` for them.
    """
    if measure == "people":
        articles = (
            "SELECT c.article_id FROM quotes_fts f "
            "JOIN quote_cells c ON c.quote_id = f.rowid WHERE quotes_fts MATCH ?"
        )
        return people_of_articles(conn, bys, (articles, [match]), people_where)
    return _cell_rows(conn, bys, measure, match, only)


def people_of_articles(
    conn: sqlite3.Connection,
    bys: Sequence[str],
    articles: tuple[str, list[Any]],
    people_where: tuple[str, list[Any]],
) -> dict[str, list[tuple[str, str, int]]]:
    """People mentioned and quoted in the articles `articles` selects, per grouping.

    The articles are grouped by the codes of their outlet, month and week
    (`voice_article_people.cell`, m019), only those the groupings need.

    Args:
        conn: The index.
        bys: The groupings wanted.
        articles: SQL selecting article ids, and its parameters.
        people_where: A condition over `voice_article_people a`, and its parameters.
    """
    wanted = {_ARTICLE_SOURCE[by] for by in bys if by in _ARTICLE_SOURCE}
    mask = sum((2 ** WIDTHS[field] - 1) << _ARTICLE_SHIFT[field] for field in wanted)
    sums = ", ".join(f"sum(a.{m}_{g})" for m, g in _PEOPLE)
    sql = (
        f"SELECT a.cell & {mask}, {sums} FROM voice_article_people a "  # noqa: S608
        f"WHERE a.article_id IN ({articles[0]}) AND {people_where[0]} GROUP BY 1"
    )
    rows = conn.execute(sql, [*articles[1], *people_where[1]]).fetchall()
    codes = decoder(conn) if rows else {}
    return {by: _people_rows(by, rows, codes) for by in bys}


# Where each grouping's value is in `voice_article_people.cell` (m019).
_ARTICLE_SOURCE = {
    "outlet": "outlet",
    "month": "month",
    "year": "month",
    "week": "week",
}
_ARTICLE_SHIFT = {
    field: sum(bits for _, bits in ARTICLE_FIELDS[i + 1 :])
    for i, (field, _) in enumerate(ARTICLE_FIELDS)
}


def _people_rows(
    by: str, rows: Sequence[Sequence[Any]], codes: dict[str, dict[int, str]]
) -> list[tuple[str, str, int]]:
    """(group, category, count) for one grouping from (cell, six sums) rows.

    Each row's six counts are added as one vector per code of the grouping's
    field, and only those few codes are decoded and split into categories: a
    topic page per outlet and week ("we" on the 1M-quote index: 4,184 rows)
    spent more CPU splitting every row into six and regrouping them than
    SQLite spent finding the articles (#15).
    """
    field = _ARTICLE_SOURCE.get(by)
    shift = _ARTICLE_SHIFT[field] if field else 0
    mask = 2 ** WIDTHS[field] - 1 if field else 0
    summed: dict[int, list[int]] = {}
    for row in rows:
        code = (row[0] >> shift) & mask
        vector = summed.get(code)
        if vector is None:
            summed[code] = [int(n) for n in row[1:]]
        else:
            for i, n in enumerate(row[1:]):
                vector[i] += n
    totals: dict[str, list[int]] = {}
    for code, vector in summed.items():
        value = codes[field][code] if field else "all"
        group = value[:4] if by == "year" else value
        total = totals.setdefault(group, [0] * len(_PEOPLE))
        for i, n in enumerate(vector):
            total[i] += n
    return [
        (group, f"{m} {g}", n)
        for group, total in totals.items()
        for (m, g), n in zip(_PEOPLE, total, strict=True)
        if n
    ]


def _cell_rows(
    conn: sqlite3.Connection, bys: Sequence[str], measure: str, match: str,
    only: dict[str, str | None],
) -> dict[str, list[tuple[str, str, int]]]:  # fmt: skip
    """Matching quotes counted per grouping in `bys` and source or gender.

    Grouped by the integer codes alone (no text is read per quote), then
    decoded; a date range reads the day of each match's code.
    """
    periods = {by for by in bys if by in ("month", "week", "year")}
    period = (
        "week" if periods == {"week"} else "month" if "week" not in periods else "day"
    )
    dated = bool(only.get("since") or only.get("until"))
    wanted = dict(only)
    if measure == "gender":
        wanted["source"] = "person"
    clauses: list[str] = ["quotes_fts MATCH ?"]
    params: list[Any] = [match]
    for field in ("outlet", "kind", "type", "source"):
        value = wanted.get(field)
        if value is None:
            continue
        code = conn.execute(
            "SELECT code FROM voice_codes WHERE field = ? AND value = ?", (field, value)
        ).fetchone()
        if code is None:
            return {}  # no quote has that outlet, kind...
        clauses.append(f"{part_sql(field)} = ?")
        params.append(code[0])
    joined = "quotes_fts f JOIN quote_cells c ON c.quote_id = f.rowid"
    if dated:
        joined += (
            f" JOIN voice_codes d ON d.field = 'day' AND d.code = {part_sql('day')}"
        )
        if only.get("since"):
            clauses.append("d.value >= ?")
            params.append(only["since"])
        if only.get("until"):
            clauses.append("d.value <= ? AND d.value != ''")
            params.append(only["until"])
    extra = [field for field in _EXTRA if field in bys]
    category = "gender" if measure == "gender" else "source"
    fields = ["outlet", period, *extra, category]
    key, where = _packed_key(fields), " AND ".join(clauses)
    rows = _counted_keys(conn, key, f"FROM {joined} WHERE {where}", params)
    # Decoded after the count: an ingest beside a web server may add codes.
    codes = decoder(conn, days=period == "day") if rows else {}
    return {by: _by_code(by, fields, rows, codes) for by in bys}


def _counted_keys(
    conn: sqlite3.Connection, key: str, source: str, params: list[Any]
) -> list[tuple[int, int]]:
    """(key, count) for the rows `source` ("FROM ... WHERE ...") finds.

    SQLite groups by sorting every match: for "we" (77,658 quotes on the
    1M-quote benchmark) the sort cost more CPU than finding the matches.
    One string of keys, split and counted in C (`Counter`), costs a third
    of it (#15). A string longer than SQLite allows (a word in most quotes
    of a very large index) is grouped by SQLite instead.
    """
    try:
        sql = f"SELECT group_concat({key}) {source}"  # noqa: S608 - built here
        keys = conn.execute(sql, params).fetchone()[0]
    except sqlite3.DataError:  # string or blob too big
        grouped = f"SELECT {key}, count(*) {source} GROUP BY 1"  # noqa: S608
        return [(int(k), int(n)) for k, n in conn.execute(grouped, params)]
    if not keys:
        return []
    return [(int(k), n) for k, n in Counter(keys.split(",")).items()]


def _by_code(
    by: str, fields: list[str], rows: list[tuple[int, int]],
    codes: dict[str, dict[int, str]],
) -> list[tuple[str, str, int]]:  # fmt: skip
    """(group, category, count) for one grouping from packed keys and counts.

    The counts are summed per code of the grouping's field and the category
    first, with two integer operations per row, and only those few codes are
    decoded: decoding every key of a topic page per outlet and week ("we":
    10,398 keys) cost as much CPU as SQLite's grouping (#15).
    """
    source = {"outlet": "outlet", "kind": "kind", "type": "type"}.get(
        by, fields[1] if by in ("month", "week", "year") else ""
    )
    category_bits = WIDTHS[fields[-1]]
    shift = category_bits
    for field in reversed(fields[:-1]):
        if field == source:
            break
        shift += WIDTHS[field]
    mask = 2 ** WIDTHS[source] - 1 if source else 0
    summed: dict[tuple[int, int], int] = {}
    for key, count in rows:
        pair = ((key >> shift) & mask, key & (2**category_bits - 1))
        summed[pair] = summed.get(pair, 0) + count
    totals: dict[tuple[str, str], int] = {}
    for (value_code, category), count in summed.items():
        value = codes[source][value_code] if source else ""
        group = _group_value(by, {"outlet": value, "day": value, by: value})
        found = (group, codes[fields[-1]][category])
        totals[found] = totals.get(found, 0) + count
    return [(group, category, n) for (group, category), n in totals.items() if n]


def _packed_key(fields: list[str]) -> str:
    """SQL for one integer holding the codes of `fields` (the first highest).

    SQLite groups by sorting: one integer key sorts the matches of "we"
    (77,658 on the 1M-quote benchmark) in 80 ms of CPU instead of 125 for
    four columns, and only the measure's own category is kept (#15).
    """
    key = "0"
    for field in fields:
        key = f"(({key} << {WIDTHS[field]}) | {part_sql(field)})"
    return key


def regroup(
    bys: Sequence[str], found: list[tuple[dict[str, str], str, int]]
) -> dict[str, list[tuple[str, str, int]]]:
    """(group, category, count) per grouping from counts per outlet and day."""
    totals: dict[str, dict[tuple[str, str], int]] = {by: {} for by in bys}
    for fields, category, count in found:
        for by in bys:
            key = (_group_value(by, fields), category)
            totals[by][key] = totals[by].get(key, 0) + count
    return {
        by: [(group, category, n) for (group, category), n in rows.items() if n]
        for by, rows in totals.items()
    }


def _fine_rows(
    conn: sqlite3.Connection, bys: Sequence[str], measure: str, where: str,
    params: list[Any],
) -> list[tuple[dict[str, str], str, int]]:  # fmt: skip
    """Counts per outlet and day (and kind/type when grouped by them)."""
    extra = [column for column in _EXTRA if column in bys]
    columns = ["outlet", "day", *extra]
    category = "v.gender" if measure == "gender" else "v.source"
    person = " AND v.source = 'person'" if measure == "gender" else ""
    selected = ", ".join(f"v.{column}" for column in columns)
    sql = (
        f"SELECT {selected}, {category}, count(*) FROM quote_voices v "  # noqa: S608
        f"WHERE {where}{person} GROUP BY {', '.join(str(i + 1) for i in range(len(columns) + 1))}"
    )
    return [
        (dict(zip(columns, row[: len(columns)], strict=True)), row[-2], int(row[-1]))
        for row in conn.execute(sql, params)
    ]
