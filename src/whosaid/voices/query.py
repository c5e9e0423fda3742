"""The SQL pieces of a voices report, and the full scan they must agree with (#15).

`counted_from_quotes` counts a report from the quotes themselves (the speaker
title and organisation as `quotes` has them, the full-text index for topic
words): slow on a large index, kept as the reference the counters are tested
against (`tests/test_voices_facets.py`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from whosaid.errors import WhosaidError
from whosaid.store.search import fts_query

UNKNOWN_OUTLET, UNDATED = "unknown outlet", "undated"

GROUP_SQL = {
    "outlet": "{t}outlet",
    "month": "substr({t}day, 1, 7)",
    "year": "substr({t}day, 1, 4)",
    # A week is named by its Monday: the same in every SQLite version.
    "week": "CASE WHEN {t}day = '' THEN '' ELSE date({t}day, '-6 days', 'weekday 1') END",
    "kind": "{t}kind",
    "type": "{t}type",
    "all": "'all'",
}


class VoicesError(WhosaidError):
    """A voices report that cannot be answered as asked."""


@dataclass(frozen=True, slots=True)
class VoiceFilter:
    """What to count: every field narrows; None means no filter."""

    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    kind: str | None = None
    type: str | None = None
    title: str | None = None  # words of the speaker's title, as written
    org: str | None = None  # the speaker's organisation, as written
    topic: str | None = None  # full-text search over the quotes' words

    def needs_quotes(self) -> bool:
        return bool(self.title or self.org or self.topic)


# What a report counts when no kind is asked for (#15): statements, what
# people said. Beliefs, intentions and evaluations ("Investors are betting
# that ...", "The firm plans to sell shares") are the journalist's
# attributions, not anyone's voice; `kind="all"` counts them too.
DEFAULT_KIND = "statement"


def with_default_kind(
    filters: VoiceFilter, measure: str, bys: Sequence[str] = ()
) -> VoiceFilter:
    """`filters` with the kind a report counts: statements unless asked.

    People have no kind (a person is "quoted" in an article when they have a
    statement there), so a people report drops a `statement` filter; a
    report grouped by kind counts every kind. `kind="all"` becomes None.
    """
    if filters.kind == "all" or (
        filters.kind is None and (measure == "people" or "kind" in bys)
    ):
        return replace(filters, kind=None)
    if filters.kind is None:
        return replace(filters, kind=DEFAULT_KIND)
    if measure == "people" and filters.kind == DEFAULT_KIND:
        return replace(filters, kind=None)
    return filters


def fts_match(topic: str) -> str:
    match = fts_query(topic)
    if not match:
        raise VoicesError(f"--topic {topic!r} has no words to search for")
    return f"content : ({match})"


def where_clauses(
    filters: VoiceFilter, table: str, *, dates: bool = True
) -> tuple[list[str], list[Any]]:
    clauses, params = [], []
    if filters.outlet is not None:
        clauses.append(f"{table}outlet = ?")
        params.append("" if filters.outlet == UNKNOWN_OUTLET else filters.outlet)
    if dates and filters.since:
        clauses.append(f"{table}day >= ?")
        params.append(filters.since)
    if dates and filters.until:
        clauses.append(f"{table}day <= ? AND {table}day != ''")
        params.append(filters.until)
    if filters.kind and filters.kind != "all":
        clauses.append(f"{table}kind = ?")
        params.append(filters.kind)
    if filters.type:
        clauses.append(f"{table}type = ?")
        params.append(filters.type)
    return clauses, params


def measure_sql(measure: str) -> tuple[str, str]:
    """The WHERE clause and the category expression of a measure's counters."""
    if measure == "people":
        return "measure IN ('mentioned', 'quoted')", "measure || ' ' || gender"
    if measure == "gender":
        return "measure = 'quotes' AND source = 'person'", "gender"
    return "measure = 'quotes'", "source"


def marks(values: list[str]) -> str:
    return ", ".join("?" * len(values))


# Group expressions over `voice_periods` where they differ from days.
PERIOD_GROUP = {
    "month": "period",
    "week": "period",
    "year": "substr(period, 1, 4)",
}


def sum_rows(
    conn: sqlite3.Connection, table: str, group: str, category: str,
    clauses: list[str], params: list[Any],
) -> list[tuple[str, str, int]]:  # fmt: skip
    sql = (
        f"SELECT {group}, {category}, sum(n) FROM {table} "  # noqa: S608 - fixed names
        f"WHERE {' AND '.join(clauses)} GROUP BY 1, 2 HAVING sum(n) != 0"
    )
    return [(row[0], row[1], row[2]) for row in conn.execute(sql, params)]


def people_rows(
    conn: sqlite3.Connection, by: str, where: str, params: list[Any]
) -> list[tuple[str, str, int]]:
    """People mentioned and quoted in `voice_people p` rows that match `where`."""
    group = GROUP_SQL[by].format(t="p.")
    sql = (
        f"SELECT {group}, m.measure || ' ' || p.gender, count(*) FROM voice_people p "
        "JOIN (SELECT 'mentioned' AS measure UNION ALL SELECT 'quoted') m "
        f"ON m.measure = 'mentioned' OR p.quotes > 0 WHERE {where} GROUP BY 1, 2"
    )
    return [(row[0], row[1], row[2]) for row in conn.execute(sql, params)]


def quote_rows(
    conn: sqlite3.Connection, by: str, measure: str, joined: str, where: str,
    params: list[Any],
) -> list[tuple[str, str, int]]:  # fmt: skip
    """Quotes by gender or source from `joined` (quote_voices as `v`)."""
    group = GROUP_SQL[by].format(t="v.")
    category = "v.gender" if measure == "gender" else "v.source"
    person = " AND v.source = 'person'" if measure == "gender" else ""
    sql = (
        f"SELECT {group}, {category}, count(*) FROM {joined} "  # noqa: S608 - fixed names
        f"WHERE {where or '1'}{person} GROUP BY 1, 2"
    )
    return [(row[0], row[1], row[2]) for row in conn.execute(sql, params)]


def counted_from_quotes(
    conn: sqlite3.Connection, by: str, measure: str, filters: VoiceFilter
) -> list[tuple[str, str, int]]:
    """Count the rows themselves, for filters the counters do not keep."""
    filters = with_default_kind(filters, measure, (by,))
    clauses, params = where_clauses(filters, "v.")
    if filters.title:
        clauses.append("q.speaker_title LIKE ?")
        params.append(f"%{filters.title}%")
    if filters.org:
        clauses.append("q.speaker_org LIKE ?")
        params.append(f"%{filters.org}%")
    if filters.topic:
        match = fts_query(filters.topic)
        if not match:
            raise VoicesError(f"--topic {filters.topic!r} has no words to search for")
        clauses.append(
            "v.quote_id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)"
        )
        params.append(f"content : ({match})")
    where = " AND ".join(clauses) or "1"
    joined = "quote_voices v"
    if filters.title or filters.org:  # only these need the quotes' own columns
        joined += " JOIN quotes q ON q.id = v.quote_id"
    try:
        if measure == "people":
            inner = f"p.article_id IN (SELECT v.article_id FROM {joined} WHERE {where})"
            return people_rows(conn, by, inner, params)
        return quote_rows(conn, by, measure, joined, where, params)
    except sqlite3.OperationalError as err:
        raise VoicesError(f"cannot search for {filters.topic!r}: {err}") from err
