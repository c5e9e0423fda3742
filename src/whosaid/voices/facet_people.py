"""People per speaker title and organisation, kept by triggers (#15, m018).

"People mentioned and quoted" under a title or organisation filter counts
the people of the articles that have a quote with a matching value, each
article once. m017 read them per page from the matching articles'
`voice_article_people` rows: 44,000 articles for one title on the 1M-quote
benchmark, 100-190 ms of CPU a page, most of it SQLite sorting the rows by
outlet and month.

`voice_facet_people` keeps those sums per value, month or week, and outlet:
a page reads a few hundred rows. The counters are the product of two sets,
an article's values (`voice_article_facets`) and its people
(`voice_article_people`), so triggers on both sides move them: a new value
adds the article's people, a change in the article's people moves every
value of the article. `VoiceWriter` writes an article's people before its
quotes, with the gender they will most likely keep, so ingest rarely takes
the second, costlier path.

An article with quotes under two matched values is in both values' counters;
`facet_people_rows` takes it out again once (the reference scan counts
articles, `tests/test_voices_facets.py`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from .evidence import GENDERS
from .schema import period_sql

COUNTS = tuple(f"{m}_{g}" for m in ("mentioned", "quoted") for g in GENDERS)
GRAINS = ("month", "week")
_KEY = "(facet, value, grain, period, outlet"


def _add(facet: str, people: str, sign: str, where: str) -> str:
    """Add (sign) the people row `people` under the facet row `facet`, per grain."""
    values = ", ".join(f"{sign}{people}.{c}" for c in COUNTS)
    sets = ", ".join(f"{c} = {c} + excluded.{c}" for c in COUNTS)
    return "".join(
        f"""
    INSERT INTO voice_facet_people {_KEY}, {", ".join(COUNTS)})
    SELECT {facet}.facet, {facet}.value, '{grain}', {period_sql(grain, people + ".day")},
           {people}.outlet, {values}
    FROM {where}
    ON CONFLICT DO UPDATE SET {sets};"""
        for grain in GRAINS
    )


def _changed(old: str, new: str) -> str:
    columns = ("outlet", "day", *COUNTS)
    return " OR ".join(f"{old}.{c} IS NOT {new}.{c}" for c in columns)


def _nonzero(row: str) -> str:
    return " OR ".join(f"{row}.{c} != 0" for c in COUNTS)


def _per_facet(people: str, sign: str) -> str:
    """Add (sign) one voice_article_people row to each value of its article."""
    return _add(
        "f",
        people,
        sign,
        f"voice_article_facets f WHERE f.article_id = {people}.article_id",
    )


def _per_article(facet: str, sign: str) -> str:
    """Add (sign) the article's people to one voice_article_facets row."""
    return _add(
        facet,
        "a",
        sign,
        f"voice_article_people a WHERE a.article_id = {facet}.article_id",
    )


M018_VOICE_FACET_PEOPLE = f"""
CREATE TABLE voice_facet_people (
    facet TEXT NOT NULL,              -- title | org
    value TEXT NOT NULL,
    grain TEXT NOT NULL,              -- month | week
    period TEXT NOT NULL,
    outlet TEXT NOT NULL,
    {", ".join(f"{c} INTEGER NOT NULL DEFAULT 0" for c in COUNTS)},
    PRIMARY KEY (facet, value, grain, period, outlet)
) WITHOUT ROWID;
CREATE INDEX voice_article_facets_article ON voice_article_facets(article_id);
{
    "".join(
        f'''
INSERT INTO voice_facet_people {_KEY}, {", ".join(COUNTS)})
SELECT f.facet, f.value, '{grain}', {period_sql(grain, "a.day")}, a.outlet,
       {", ".join(f"sum(a.{c})" for c in COUNTS)}
FROM voice_article_facets f JOIN voice_article_people a ON a.article_id = f.article_id
GROUP BY 1, 2, 3, 4, 5;'''
        for grain in GRAINS
    )
}
CREATE TRIGGER vfp_facet_add AFTER INSERT ON voice_article_facets BEGIN{
    _per_article("new", "")
}
END;
CREATE TRIGGER vfp_facet_drop AFTER DELETE ON voice_article_facets BEGIN{
    _per_article("old", "-")
}
END;
CREATE TRIGGER vfp_people_add AFTER INSERT ON voice_article_people
WHEN {_nonzero("new")} BEGIN{_per_facet("new", "")}
END;
CREATE TRIGGER vfp_people_drop AFTER DELETE ON voice_article_people
WHEN {_nonzero("old")} BEGIN{_per_facet("old", "-")}
END;
CREATE TRIGGER vfp_people_move AFTER UPDATE ON voice_article_people
WHEN {_changed("old", "new")} BEGIN{_per_facet("old", "-")}{_per_facet("new", "")}
END;
"""

_GROUP = {
    "outlet": ("outlet", "a.outlet"),
    "month": ("period", "substr(a.day, 1, 7)"),
    "week": ("period", "a.week"),
    "year": ("substr(period, 1, 4)", "substr(a.day, 1, 4)"),
    "all": ("'all'", "'all'"),
}


def facet_people_rows(
    conn: sqlite3.Connection,
    bys: Sequence[str],
    facet: str,
    values: list[str],
    outlet: str | None,
) -> dict[str, list[tuple[str, str, int]]]:
    """People mentioned and quoted under `values` of `facet`, per grouping.

    Args:
        conn: The index.
        bys: Groupings among outlet, month, week, year, all.
        facet: "title" or "org".
        values: The values the filter matched (at least one).
        outlet: Only this outlet ('' for the unknown one), or None.
    """
    marks = ", ".join("?" * len(values))
    twice = _counted_twice(conn, facet, values, marks)
    found: dict[str, list[tuple[str, str, int]]] = {}
    for by in bys:
        group, article_group = _GROUP[by]
        clauses = [f"facet = ? AND value IN ({marks}) AND grain = ?"]
        params: list[Any] = [facet, *values, "week" if by == "week" else "month"]
        if outlet is not None:
            clauses.append("outlet = ?")
            params.append(outlet)
        sums = ", ".join(f"sum({c})" for c in COUNTS)
        sql = (
            f"SELECT {group}, {sums} FROM voice_facet_people "  # noqa: S608 - fixed names
            f"WHERE {' AND '.join(clauses)} GROUP BY 1"
        )
        totals = _totals(conn.execute(sql, params))
        if twice:
            _take_out(conn, totals, article_group, twice, outlet)
        found[by] = [(key, category, n) for (key, category), n in totals.items() if n]
    return found


def _totals(rows: Any) -> dict[tuple[str, str], int]:
    totals: dict[tuple[str, str], int] = {}
    for key, *counts in rows:
        for column, count in zip(COUNTS, counts, strict=True):
            category = column.replace("_", " ")
            totals[(key, category)] = totals.get((key, category), 0) + int(count)
    return totals


def _counted_twice(
    conn: sqlite3.Connection, facet: str, values: list[str], marks: str
) -> list[tuple[int, int]]:
    """(article, extra times) for articles under more than one matched value."""
    if len(values) < 2:
        return []
    rows = conn.execute(
        "SELECT article_id, count(*) - 1 FROM voice_article_facets "  # noqa: S608
        f"WHERE facet = ? AND value IN ({marks}) GROUP BY article_id "
        "HAVING count(*) > 1",
        [facet, *values],
    ).fetchall()
    return [(int(article), int(extra)) for article, extra in rows]


def _take_out(
    conn: sqlite3.Connection,
    totals: dict[tuple[str, str], int],
    group: str,
    twice: list[tuple[int, int]],
    outlet: str | None,
) -> None:
    """Subtract the people of articles the value counters hold more than once."""
    extra = dict(twice)
    columns = ", ".join(f"a.{c}" for c in COUNTS)
    for start in range(0, len(twice), 500):
        chunk = [article for article, _ in twice[start : start + 500]]
        sql = (
            f"SELECT a.article_id, {group}, {columns} FROM voice_article_people a "  # noqa: S608
            f"WHERE a.article_id IN ({', '.join('?' * len(chunk))})"
        )
        params: list[Any] = list(chunk)
        if outlet is not None:
            sql += " AND a.outlet = ?"
            params.append(outlet)
        for article, key, *counts in conn.execute(sql, params):
            for column, count in zip(COUNTS, counts, strict=True):
                category = column.replace("_", " ")
                totals[(key, category)] = (
                    totals.get((key, category), 0) - int(count) * extra[article]
                )
