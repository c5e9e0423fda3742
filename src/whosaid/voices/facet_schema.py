"""Counters per speaker title and organisation, kept by triggers (#15).

A report filtered by the speaker's title or organisation ("minister",
"Treasury") used to read every quote (`LIKE` over 1,000,000 rows: p95 10-25 s
per page). Migration `m013_voice_facets` keeps, per distinct title and
organisation as written (a "facet value"):

- `voice_facet_values`: the distinct values, so a filter's `LIKE` reads a
  few thousand names, not every quote;
- `voice_article_facets`: which articles have a quote with that value (and
  how many), for the people measure, which counts an article's people;
- `voice_facet_periods`: month and week totals per value, like
  `voice_periods`: quotes by source and gender, and the people mentioned and
  quoted in the articles that have the value.

The people counters are the product of two sets kept by triggers on both
sides: an article's facet values and its `voice_people` rows. Each pair is
added when the later of the two is inserted and taken away when the first is
deleted, so the counters are exact whatever order the writer uses.
"""

from __future__ import annotations

from .schema import period_sql

FACETS = {"title": "title", "org": "org"}  # facet name -> quote_voices column
GRAINS = ("month", "week")
_COLUMNS = (
    "(facet, value, measure, grain, period, outlet, kind, type, source, gender, n)"
)


def _quote_counters(row: str, sign: int) -> str:
    """Add `sign` to the quote counters of one quote_voices row, per facet."""
    return "".join(
        f"""
    INSERT INTO voice_facet_periods {_COLUMNS}
    SELECT '{facet}', {row}.{column}, 'quotes', '{grain}',
           {period_sql(grain, row + ".day")}, {row}.outlet, {row}.kind, {row}.type,
           {row}.source, {row}.gender, {sign}
    WHERE {row}.{column} != ''
    ON CONFLICT DO UPDATE SET n = n + ({sign});"""
        for facet, column in FACETS.items()
        for grain in GRAINS
    )


def _article_facets(row: str, sign: int) -> str:
    """Count one quote_voices row in its article's facet values."""
    parts = []
    for facet, column in FACETS.items():
        key = f"facet = '{facet}' AND value = {row}.{column} AND article_id = {row}.article_id"
        if sign > 0:
            parts.append(f"""
    INSERT INTO voice_article_facets (facet, value, article_id, outlet, day, n)
    SELECT '{facet}', {row}.{column}, {row}.article_id, {row}.outlet, {row}.day, 1
    WHERE {row}.{column} != ''
    ON CONFLICT DO UPDATE SET n = n + 1;""")
        else:
            parts.append(f"""
    UPDATE voice_article_facets SET n = n - 1 WHERE {key};
    DELETE FROM voice_article_facets WHERE {key} AND n <= 0;""")
    return "".join(parts)


def _people_of_article(row: str, sign: str) -> str:
    """Add (sign) an article's people to one facet value's people counters."""
    return "".join(
        f"""
    INSERT INTO voice_facet_periods {_COLUMNS}
    SELECT {row}.facet, {row}.value, '{measure}', '{grain}',
           {period_sql(grain, "p.day")}, p.outlet, '', '', 'person', p.gender,
           {sign}count(*)
    FROM voice_people p WHERE p.article_id = {row}.article_id{quoted}
    GROUP BY p.outlet, p.day, p.gender
    ON CONFLICT DO UPDATE SET n = n + excluded.n;"""
        for measure, quoted in (("mentioned", ""), ("quoted", " AND p.quotes > 0"))
        for grain in GRAINS
    )


def _facets_of_person(row: str, sign: int) -> str:
    """Add `sign` for one voice_people row to each facet value of its article."""
    return "".join(
        f"""
    INSERT INTO voice_facet_periods {_COLUMNS}
    SELECT f.facet, f.value, '{measure}', '{grain}',
           {period_sql(grain, row + ".day")}, {row}.outlet, '', '', 'person',
           {row}.gender, {sign}
    FROM voice_article_facets f WHERE f.article_id = {row}.article_id{quoted}
    ON CONFLICT DO UPDATE SET n = n + ({sign});"""
        for measure, quoted in (("mentioned", ""), ("quoted", f" AND {row}.quotes > 0"))
        for grain in GRAINS
    )


def _trigger(name: str, event: str, table: str, body: str) -> str:
    return f"\nCREATE TRIGGER {name} AFTER {event} ON {table} BEGIN{body}\nEND;\n"


def _triggers() -> str:
    move = "UPDATE OF gender, source"
    return "".join(
        [
            _trigger("qv_facets_add", "INSERT", "quote_voices",
                     _quote_counters("new", 1) + _article_facets("new", 1)),
            _trigger("qv_facets_drop", "DELETE", "quote_voices",
                     _quote_counters("old", -1) + _article_facets("old", -1)),
            _trigger("qv_facets_move", move, "quote_voices",
                     _quote_counters("old", -1) + _quote_counters("new", 1)),
            _trigger("vaf_add", "INSERT", "voice_article_facets", """
    INSERT INTO voice_facet_values (facet, value, articles)
    VALUES (new.facet, new.value, 1)
    ON CONFLICT DO UPDATE SET articles = articles + 1;"""
                     + _people_of_article("new", "")),
            _trigger("vaf_drop", "DELETE", "voice_article_facets", """
    UPDATE voice_facet_values SET articles = articles - 1
    WHERE facet = old.facet AND value = old.value;
    DELETE FROM voice_facet_values
    WHERE facet = old.facet AND value = old.value AND articles <= 0;"""
                     + _people_of_article("old", "-")),
            _trigger("vp_facets_add", "INSERT", "voice_people",
                     _facets_of_person("new", 1)),
            _trigger("vp_facets_drop", "DELETE", "voice_people",
                     _facets_of_person("old", -1)),
            _trigger("vp_facets_move", "UPDATE OF gender", "voice_people",
                     _facets_of_person("old", -1) + _facets_of_person("new", 1)),
        ]
    )  # fmt: skip


def _backfill() -> str:
    """Fill the new tables from what an index already has (before the triggers)."""
    quotes = "".join(
        f"""
INSERT INTO voice_facet_periods {_COLUMNS}
SELECT '{facet}', {column}, 'quotes', '{grain}', {period_sql(grain, "day")}, outlet,
       kind, type, source, gender, count(*)
FROM quote_voices WHERE {column} != '' GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;
INSERT INTO voice_article_facets (facet, value, article_id, outlet, day, n)
SELECT '{facet}', {column}, article_id, outlet, day, count(*)
FROM quote_voices WHERE {column} != '' GROUP BY 1, 2, 3
ON CONFLICT DO NOTHING;"""
        for facet, column in FACETS.items()
        for grain in GRAINS
    )
    people = "".join(
        f"""
INSERT INTO voice_facet_periods {_COLUMNS}
SELECT f.facet, f.value, '{measure}', '{grain}', {period_sql(grain, "p.day")},
       p.outlet, '', '', 'person', p.gender, count(*)
FROM voice_article_facets f JOIN voice_people p ON p.article_id = f.article_id
WHERE 1{quoted} GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;"""
        for measure, quoted in (("mentioned", ""), ("quoted", " AND p.quotes > 0"))
        for grain in GRAINS
    )
    values = """
INSERT INTO voice_facet_values (facet, value, articles)
SELECT facet, value, count(*) FROM voice_article_facets GROUP BY 1, 2;
"""
    return quotes + values + people


M013_VOICE_FACETS = (
    """
ALTER TABLE quote_voices ADD COLUMN title TEXT NOT NULL DEFAULT '';
ALTER TABLE quote_voices ADD COLUMN org TEXT NOT NULL DEFAULT '';
UPDATE quote_voices SET
    title = coalesce((SELECT speaker_title FROM quotes q WHERE q.id = quote_id), ''),
    org = coalesce((SELECT speaker_org FROM quotes q WHERE q.id = quote_id), '');
CREATE INDEX quote_voices_title ON quote_voices(title, day) WHERE title != '';
CREATE INDEX quote_voices_org ON quote_voices(org, day) WHERE org != '';

CREATE TABLE voice_facet_values (
    facet TEXT NOT NULL,              -- title | org
    value TEXT NOT NULL,              -- as written: "Prime Minister", "the Treasury"
    articles INTEGER NOT NULL,
    PRIMARY KEY (facet, value)
) WITHOUT ROWID;

CREATE TABLE voice_article_facets (
    facet TEXT NOT NULL,
    value TEXT NOT NULL,
    article_id INTEGER NOT NULL,
    outlet TEXT NOT NULL,
    day TEXT NOT NULL,
    n INTEGER NOT NULL,               -- the article's quotes with this value
    PRIMARY KEY (facet, value, article_id)
) WITHOUT ROWID;
CREATE INDEX voice_article_facets_article ON voice_article_facets(article_id);
CREATE INDEX voice_article_facets_day ON voice_article_facets(facet, value, day);

CREATE TABLE voice_facet_periods (
    facet TEXT NOT NULL,
    value TEXT NOT NULL,
    measure TEXT NOT NULL,            -- quotes | mentioned | quoted
    grain TEXT NOT NULL,              -- month | week
    period TEXT NOT NULL,
    outlet TEXT NOT NULL,
    kind TEXT NOT NULL,
    type TEXT NOT NULL,
    source TEXT NOT NULL,
    gender TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (facet, value, measure, grain, period, outlet, kind, type, source,
                 gender)
) WITHOUT ROWID;
"""
    + _backfill()
    + _triggers()
)


_PEOPLE_COLUMNS = tuple(
    f"{measure}_{gender}"
    for measure in ("mentioned", "quoted")
    for gender in ("female", "male", "unknown")
)


def _article_people_trigger(name: str, event: str, row: str, sign: int) -> str:
    """Add `sign` for one voice_people row to its article's summary row."""
    sets = ", ".join(
        f"{column} = {column} + ({sign}) * ({row}.gender = '{column.split('_')[1]}'"
        + (f" AND {row}.quotes > 0)" if column.startswith("quoted") else ")")
        for column in _PEOPLE_COLUMNS
    )
    insert = (
        f"""
    INSERT INTO voice_article_people (article_id, outlet, day)
    VALUES ({row}.article_id, {row}.outlet, {row}.day)
    ON CONFLICT DO UPDATE SET outlet = excluded.outlet, day = excluded.day;"""
        if sign > 0
        else ""
    )
    return f"""
CREATE TRIGGER {name} AFTER {event} ON voice_people BEGIN{insert}
    UPDATE voice_article_people SET {sets} WHERE article_id = {row}.article_id;
END;
"""


# People mentioned and quoted per article, by gender: a topic filter counts
# the people of the articles whose quotes match, one row per article instead
# of one per person (#15; 942,221 people in 100,215 articles on the benchmark).
M014_VOICE_ARTICLE_PEOPLE = (
    f"""
CREATE TABLE voice_article_people (
    article_id INTEGER PRIMARY KEY,
    outlet TEXT NOT NULL,
    day TEXT NOT NULL,
    {", ".join(f"{column} INTEGER NOT NULL DEFAULT 0" for column in _PEOPLE_COLUMNS)}
);
INSERT INTO voice_article_people (article_id, outlet, day, {", ".join(_PEOPLE_COLUMNS)})
SELECT article_id, min(outlet), min(day),
       {
        ", ".join(
            f"sum(gender = '{c.split('_')[1]}'"
            + (" AND quotes > 0)" if c.startswith("quoted") else ")")
            for c in _PEOPLE_COLUMNS
        )
    }
FROM voice_people GROUP BY article_id;
"""
    + _article_people_trigger("vap_add", "INSERT", "new", 1)
    + _article_people_trigger("vap_drop", "DELETE", "old", -1)
    + _article_people_trigger("vap_move_out", "UPDATE OF gender", "old", -1)
    + _article_people_trigger("vap_move_in", "UPDATE OF gender", "new", 1)
)


def _article_people_upsert(name: str, event: str) -> str:
    """m014's insert triggers, now also writing the article's week."""
    sets = ", ".join(
        f"{column} = {column} + (new.gender = '{column.split('_')[1]}'"
        + (" AND new.quotes > 0)" if column.startswith("quoted") else ")")
        for column in _PEOPLE_COLUMNS
    )
    week = (
        "CASE WHEN new.day = '' THEN '' ELSE date(new.day, '-6 days', 'weekday 1') END"
    )
    return f"""
CREATE TRIGGER {name} AFTER {event} ON voice_people BEGIN
    INSERT INTO voice_article_people (article_id, outlet, day, week)
    VALUES (new.article_id, new.outlet, new.day, {week})
    ON CONFLICT DO UPDATE SET outlet = excluded.outlet, day = excluded.day,
                              week = excluded.week;
    UPDATE voice_article_people SET {sets} WHERE article_id = new.article_id;
END;
"""


# Lighter ingest (#15): the people counters per title and organisation (a
# product of each article's values and people) took half of `voices rebuild`'s
# CPU; people under a title or organisation are counted from the matching
# articles' `voice_article_people` rows instead, grouped by the week kept here.
M017_VOICE_FACETS_LIGHTER = (
    """
DROP TRIGGER vp_facets_add;
DROP TRIGGER vp_facets_drop;
DROP TRIGGER vp_facets_move;
DROP TRIGGER vaf_add;
DROP TRIGGER vaf_drop;
DROP INDEX voice_article_facets_article;
DROP INDEX voice_article_facets_day;
DELETE FROM voice_facet_periods WHERE measure IN ('mentioned', 'quoted');
CREATE TRIGGER vaf_add AFTER INSERT ON voice_article_facets BEGIN
    INSERT INTO voice_facet_values (facet, value, articles)
    VALUES (new.facet, new.value, 1)
    ON CONFLICT DO UPDATE SET articles = articles + 1;
END;
CREATE TRIGGER vaf_drop AFTER DELETE ON voice_article_facets BEGIN
    UPDATE voice_facet_values SET articles = articles - 1
    WHERE facet = old.facet AND value = old.value;
    DELETE FROM voice_facet_values
    WHERE facet = old.facet AND value = old.value AND articles <= 0;
END;
ALTER TABLE voice_article_people ADD COLUMN week TEXT NOT NULL DEFAULT '';
UPDATE voice_article_people
SET week = CASE WHEN day = '' THEN '' ELSE date(day, '-6 days', 'weekday 1') END;
DROP TRIGGER vap_add;
DROP TRIGGER vap_move_in;
"""
    + _article_people_upsert("vap_add", "INSERT")
    + _article_people_upsert("vap_move_in", "UPDATE OF gender")
)
