"""Whose voices, counted: shares by gender, source type and people (#15).

`voices_report` answers "what share of the quoted sources in outlet X last
month were women, officials, anonymous?" from the counters in
`voice_counts` (a few thousand rows however large the index), or, when a
filter needs the quotes themselves (speaker title or organisation, topic
words), from `quote_voices` joined with the quotes and the full-text index.

Measures:
- `gender`: quotes by named people, by their gender (female/male/unknown);
- `source`: quotes by source type (person, organisation, anonymous,
  document, unknown);
- `people`: people mentioned and people quoted (with a statement), per
  article, by gender.

Quotes are statements unless the filter asks for another kind or "all"
(`query.with_default_kind`).

Unknown values are categories like the others, so shares always add up to
the whole: an unknown outlet is "unknown outlet", a missing date "undated".
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from .evidence import GENDERS
from .facet_people import facet_people_rows
from .periods import split_range
from .query import (
    GROUP_SQL,
    PERIOD_GROUP,
    UNDATED,
    UNKNOWN_OUTLET,
    VoiceFilter,
    VoicesError,
    fts_match,
    marks,
    measure_sql,
    quote_rows,
    sum_rows,
    where_clauses,
    with_default_kind,
)
from .sources import SOURCE_TYPES
from .topic import people_of_articles, search_rows, topic_rows

__all__ = [
    "GROUPS", "MEASURES", "PEOPLE_CATEGORIES", "UNDATED", "UNKNOWN_OUTLET",
    "VoiceFilter", "VoiceGroup", "VoiceReport", "VoicesError", "voices_report",
    "voices_reports",
]  # fmt: skip
GROUPS = ("outlet", "month", "week", "year", "kind", "type", "all")
MEASURES = ("gender", "source", "people")
PEOPLE_CATEGORIES = tuple(
    f"{measure} {gender}" for measure in ("mentioned", "quoted") for gender in GENDERS
)


@dataclass(frozen=True, slots=True)
class VoiceGroup:
    """One group (an outlet, a month...): counts and shares per category."""

    group: str
    total: int
    counts: dict[str, int]
    shares: dict[str, float]


@dataclass(frozen=True, slots=True)
class VoiceReport:
    """A report: its question and one `VoiceGroup` per group, in order."""

    by: str
    measure: str
    categories: tuple[str, ...]
    groups: list[VoiceGroup] = field(default_factory=list)
    filters: dict[str, str] = field(default_factory=dict)

    @property
    def overall(self) -> VoiceGroup:
        counts = {
            c: sum(group.counts.get(c, 0) for group in self.groups)
            for c in self.categories
        }
        return _group("all", counts, self.categories, self.measure)

    def to_dict(self) -> dict[str, Any]:
        return {
            "by": self.by,
            "measure": self.measure,
            "filters": self.filters,
            "categories": list(self.categories),
            "groups": [asdict(group) for group in self.groups],
            "overall": asdict(self.overall),
        }

    def rows(self) -> list[dict[str, Any]]:
        """One flat row per group and category: for CSV."""
        return [
            {
                "group": group.group,
                "category": category,
                "count": group.counts.get(category, 0),
                "share": round(group.shares.get(category, 0.0), 4),
                "group_total": group.total,
            }
            for group in self.groups
            for category in self.categories
        ]


def voices_report(
    conn: sqlite3.Connection,
    *,
    by: str = "outlet",
    measure: str = "gender",
    filters: VoiceFilter | None = None,
) -> VoiceReport:
    """Count quotes or people by `measure`, one group per `by` value.

    Raises:
        VoicesError: If `by` or `measure` is unknown, or people are grouped by
            kind or type (people are counted per article, not per quote).
    """
    return voices_reports(conn, bys=(by,), measure=measure, filters=filters)[0]


def voices_reports(
    conn: sqlite3.Connection,
    *,
    bys: Sequence[str],
    measure: str = "gender",
    filters: VoiceFilter | None = None,
) -> list[VoiceReport]:
    """The same count grouped several ways (a page: per outlet and per month).

    Filters the counters cannot answer (topic words, or a title and an
    organisation together) read the matching quotes once for all groupings.

    Raises:
        VoicesError: As `voices_report`.
    """
    filters = with_default_kind(filters or VoiceFilter(), measure, bys)
    for by in bys:
        _check(by, measure, filters)
    if conn.execute(
        "SELECT EXISTS (SELECT 1 FROM quotes) AND NOT EXISTS (SELECT 1 FROM quote_voices)"
    ).fetchone()[0]:
        raise VoicesError(
            "this index was made before voices were counted; run: whosaid voices rebuild"
        )
    if (
        filters.topic
        or (filters.title and filters.org)
        or _people_by_facet(measure, filters)
    ):
        try:
            per_by = _searched(conn, bys, measure, filters)
        except sqlite3.OperationalError as err:
            raise VoicesError(f"cannot search for {filters.topic!r}: {err}") from err
        rows = [per_by.get(by, []) for by in bys]
    elif filters.title or filters.org:
        rows = [_by_facet(conn, by, measure, filters) for by in bys]
    else:
        rows = [_counted(conn, by, measure, filters) for by in bys]
    return [
        _report(by, measure, filters, found)
        for by, found in zip(bys, rows, strict=True)
    ]


def _check(by: str, measure: str, filters: VoiceFilter) -> None:
    if by not in GROUPS:
        raise VoicesError(f"--by must be one of {', '.join(GROUPS)}; got {by!r}")
    if measure not in MEASURES:
        raise VoicesError(
            f"--show must be one of {', '.join(MEASURES)}; got {measure!r}"
        )
    if measure == "people" and (by in ("kind", "type") or filters.kind or filters.type):
        raise VoicesError(
            "people are counted per article, not per quote: group them by outlet "
            "or period, without --kind or --type"
        )


def _report(
    by: str, measure: str, filters: VoiceFilter, rows: list[tuple[str, str, int]]
) -> VoiceReport:
    categories: tuple[str, ...] = {
        "gender": GENDERS,
        "source": SOURCE_TYPES,
        "people": PEOPLE_CATEGORIES,
    }[measure]
    grouped: dict[str, dict[str, int]] = {}
    for group, category, count in rows:
        label = _label(by, group)
        counts = grouped.setdefault(label, {})
        counts[category] = counts.get(category, 0) + int(count)
    groups = [
        _group(label, counts, categories, measure)
        for label, counts in sorted(grouped.items(), key=lambda item: _order(by, item))
    ]
    shown = {k: str(v) for k, v in asdict(filters).items() if v is not None}
    return VoiceReport(by, measure, categories, groups, shown)


def _people_by_facet(measure: str, filters: VoiceFilter) -> bool:
    """People under a title or organisation: counted from the matching articles.

    People are counted per article; counters per value would count an article
    with quotes under two matched values twice, and keeping them took half of
    ingest's voices work (m017), so these read one row per matching article.
    """
    return measure == "people" and bool(filters.title or filters.org)


def _searched(
    conn: sqlite3.Connection, bys: Sequence[str], measure: str, filters: VoiceFilter
) -> dict[str, list[tuple[str, str, int]]]:
    """Rows per grouping for the filters the counters cannot answer."""
    if filters.topic:
        from .columns import column_rows  # numpy: only for topic pages

        facets = []
        for facet, words in (("title", filters.title), ("org", filters.org)):
            if words:
                values = _facet_values(conn, facet, words)
                if not values:
                    return {}
                facets.append((facet, values))
        only = {
            "outlet": "" if filters.outlet == UNKNOWN_OUTLET else filters.outlet,
            "since": filters.since, "until": filters.until,
            "kind": filters.kind, "type": filters.type,
        }  # fmt: skip
        match = fts_match(filters.topic)
        counted = column_rows(conn, bys, measure, match, only, facets)
        if counted is not None:  # a frequent word, or the copy is loaded
            return counted
    if filters.topic and not (filters.title or filters.org):
        people = where_clauses(filters, "a.")
        return search_rows(
            conn, bys, measure, match, only,
            (" AND ".join(people[0]) or "1", people[1]),
        )  # fmt: skip
    if (
        measure == "people"
        and not filters.topic
        and not (filters.title and filters.org)
    ):
        # A title or organisation matching several values: the articles that
        # have any of them, once each (counters per value would add up twice).
        facet = "title" if filters.title else "org"
        values = _facet_values(conn, facet, str(filters.title or filters.org))
        if not values:
            return {}
        if not (filters.since or filters.until):  # whole periods: the counters (m018)
            outlet = filters.outlet
            return facet_people_rows(
                conn, bys, facet, values, "" if outlet == UNKNOWN_OUTLET else outlet
            )
        people = where_clauses(filters, "a.")
        articles = (
            "SELECT article_id FROM voice_article_facets "
            f"WHERE facet = ? AND value IN ({marks(values)})",
            [facet, *values],
        )
        return people_of_articles(
            conn, bys, articles, (" AND ".join(people[0]) or "1", people[1])
        )
    where, params = _matched(conn, filters)
    return topic_rows(conn, bys, measure, where, params) if where else {}


def _matched(conn: sqlite3.Connection, filters: VoiceFilter) -> tuple[str, list[Any]]:
    """A condition over `quote_voices v` for the quotes the filters match.

    Returns ("", []) when a title or organisation matches no value.
    """
    clauses, params = where_clauses(filters, "v.")
    for facet, words in (("title", filters.title), ("org", filters.org)):
        if words:
            values = _facet_values(conn, facet, words)
            if not values:
                return "", []
            clauses.append(f"v.{facet} IN ({marks(values)})")
            params += values
    if filters.topic:
        clauses.append(
            "v.quote_id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)"
        )
        params.append(fts_match(filters.topic))
    return " AND ".join(clauses) or "1", params


def _group(
    label: str, counts: dict[str, int], categories: tuple[str, ...], measure: str
) -> VoiceGroup:
    full = {category: counts.get(category, 0) for category in categories}
    if measure == "people":
        # Shares within "mentioned" and within "quoted", each adding up to 1.
        totals = {
            kind: sum(full[f"{kind} {g}"] for g in GENDERS)
            for kind in ("mentioned", "quoted")
        }
        shares = {
            c: full[c] / totals[c.split()[0]] if totals[c.split()[0]] else 0.0
            for c in categories
        }
        return VoiceGroup(label, totals["mentioned"], full, shares)
    total = sum(full.values())
    shares = {c: (full[c] / total if total else 0.0) for c in categories}
    return VoiceGroup(label, total, full, shares)


def _label(by: str, value: str | None) -> str:
    if by == "outlet":
        return value or UNKNOWN_OUTLET
    if by in ("month", "week", "year"):
        return value or UNDATED
    return value or "unknown"


def _order(by: str, item: tuple[str, dict[str, int]]) -> tuple[bool, int, str]:
    label, counts = item
    if by == "outlet":  # the biggest outlets first; the unknown one last
        return (label == UNKNOWN_OUTLET, -sum(counts.values()), label)
    return (label in (UNDATED, "unknown"), 0, label)


def _counted(
    conn: sqlite3.Connection, by: str, measure: str, filters: VoiceFilter,
    facet: tuple[str, list[str]] | None = None,
) -> list[tuple[str, str, int]]:  # fmt: skip
    """Read the counters: whole months or weeks from the period totals, days at the ends.

    A date range cut inside a period reads that period's days (`voice_counts`,
    or for a title/organisation filter the quotes and articles of those
    days), so the answer is exact for any range. `facet` is a title or
    organisation filter resolved to the values it matches.
    """
    grain = "week" if by == "week" else "month"
    which, category = measure_sql(measure)
    clauses, params = where_clauses(filters, "", dates=False)
    table = "voice_periods"
    if not (filters.kind or filters.type or by in ("kind", "type")):
        table = "voice_totals"  # the same without kind and type: fewer rows
    if facet is not None:
        table = "voice_facet_periods"
        clauses.append(f"facet = ? AND value IN ({marks(facet[1])})")
        params += [facet[0], *facet[1]]
    clauses.append(which)
    whole, edges = split_range(filters.since, filters.until, grain)
    rows: list[tuple[str, str, int]] = []
    if whole is not None:
        period_clauses = [*clauses, "grain = ?"]
        period_params = [*params, grain]
        low, high = whole
        if low is not None:
            period_clauses.append("period >= ?")
            period_params.append(low)
        if high is not None:
            period_clauses.append("period <= ? AND period != ''")
            period_params.append(high)
        group = PERIOD_GROUP.get(by, GROUP_SQL[by]).format(t="")
        rows += sum_rows(conn, table, group, category, period_clauses, period_params)
    for low, high in edges:
        if facet is not None:
            rows += _facet_days(conn, by, measure, filters, facet, (low, high))
            continue
        group = GROUP_SQL[by].format(t="")
        day_clauses = [*clauses, "day >= ? AND day <= ?"]
        rows += sum_rows(
            conn, "voice_counts", group, category, day_clauses, [*params, low, high]
        )
    return rows


def _facet_values(conn: sqlite3.Connection, facet: str, words: str) -> list[str]:
    """The distinct titles or organisations that contain `words` (as `LIKE`)."""
    return [
        row[0]
        for row in conn.execute(
            "SELECT value FROM voice_facet_values WHERE facet = ? AND value LIKE ?",
            (facet, f"%{words}%"),
        )
    ]


def _by_facet(
    conn: sqlite3.Connection, by: str, measure: str, filters: VoiceFilter
) -> list[tuple[str, str, int]]:
    """Count a title or organisation filter from the counters per value (#15).

    A quote has one title and one organisation, so the counters of the values
    the words match add up exactly; people under several values do not (see
    `_people_by_facet`) and never come here.
    """
    facet = "title" if filters.title else "org"
    values = _facet_values(conn, facet, str(filters.title or filters.org))
    if not values:
        return []
    return _counted(conn, by, measure, filters, (facet, values))


def _facet_days(
    conn: sqlite3.Connection, by: str, measure: str, filters: VoiceFilter,
    facet: tuple[str, list[str]], days: tuple[str, str],
) -> list[tuple[str, str, int]]:  # fmt: skip
    """Count the quotes with a matched value, in `days`."""
    column = {"title": "title", "org": "org"}[facet[0]]
    clauses, params = where_clauses(filters, "v.", dates=False)
    clauses.append(f"v.{column} IN ({marks(facet[1])}) AND v.day >= ? AND v.day <= ?")
    params += [*facet[1], *days]
    return quote_rows(
        conn, by, measure, "quote_voices v", " AND ".join(clauses), params
    )
