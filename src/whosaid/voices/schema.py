"""The voices tables (#15), created by migration `m007_voices`.

- `article_people`: the PERSON entities extraction found, per article, as
  resolved full names (extraction output, kept so the rest can be rebuilt);
- `voice_people`: one row per person per article: mentioned, how many quotes,
  the article's own gender evidence, the name library's answer, and the
  person's current gender across articles (`gender`);
- `quote_voices`: per quote, its source type and its speaker's gender, with
  the quote's outlet, day, kind and type copied for grouping;
- `speaker_genders`: per person, the gender across articles and what decided
  it; `gender_overrides`: `whosaid speakers set-gender` decisions, which
  survive re-ingest because nothing but that command writes them;
- `voice_counts`: counters kept by triggers, so a report reads a few
  thousand rows instead of every quote;
- `voice_stale`: articles whose quotes changed speaker since (a trigger
  marks them; the next ingest flush or `whosaid voices rebuild` redoes them).

Unknown outlets and dates are stored as '' and shown as "unknown outlet" and
"undated"; nothing is dropped.
"""

from __future__ import annotations


def _count_trigger(
    name: str, table: str, event: str, measure: str, row: str, sign: int, extra: str
) -> str:
    """A trigger that adds `sign` to the counter of one row's group."""
    kind = f"{row}.kind" if table == "quote_voices" else "''"
    qtype = f"{row}.type" if table == "quote_voices" else "''"
    source = f"{row}.source" if table == "quote_voices" else "'person'"
    when = f" WHEN {extra}" if extra else ""
    return f"""
CREATE TRIGGER {name} AFTER {event} ON {table}{when} BEGIN
    INSERT INTO voice_counts (measure, outlet, day, kind, type, source, gender, n)
    VALUES ('{measure}', {row}.outlet, {row}.day, {kind}, {qtype}, {source},
            {row}.gender, {sign})
    ON CONFLICT DO UPDATE SET n = n + ({sign});
END;
"""


def _triggers() -> str:
    parts = [
        _count_trigger("quote_voices_add", "quote_voices", "INSERT", "quotes", "new", 1, ""),
        _count_trigger("quote_voices_drop", "quote_voices", "DELETE", "quotes", "old", -1, ""),
        _count_trigger(
            "quote_voices_move_out", "quote_voices", "UPDATE OF gender, source",
            "quotes", "old", -1, "",
        ),
        _count_trigger(
            "quote_voices_move_in", "quote_voices", "UPDATE OF gender, source",
            "quotes", "new", 1, "",
        ),
        _count_trigger("voice_people_add", "voice_people", "INSERT", "mentioned", "new", 1, ""),
        _count_trigger("voice_people_drop", "voice_people", "DELETE", "mentioned", "old", -1, ""),
        _count_trigger(
            "voice_people_move_out", "voice_people", "UPDATE OF gender",
            "mentioned", "old", -1, "",
        ),
        _count_trigger(
            "voice_people_move_in", "voice_people", "UPDATE OF gender",
            "mentioned", "new", 1, "",
        ),
        _count_trigger(
            "voice_quoted_add", "voice_people", "INSERT", "quoted", "new", 1,
            "new.quotes > 0",
        ),
        _count_trigger(
            "voice_quoted_drop", "voice_people", "DELETE", "quoted", "old", -1,
            "old.quotes > 0",
        ),
        _count_trigger(
            "voice_quoted_move_out", "voice_people", "UPDATE OF gender", "quoted",
            "old", -1, "old.quotes > 0",
        ),
        _count_trigger(
            "voice_quoted_move_in", "voice_people", "UPDATE OF gender", "quoted",
            "new", 1, "new.quotes > 0",
        ),
    ]  # fmt: skip
    return "".join(parts)


M007_VOICES = """
CREATE TABLE article_people (
    article_id INTEGER NOT NULL REFERENCES articles(id),
    name TEXT NOT NULL,               -- full name as resolved in the article
    mentions INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (article_id, name)
) WITHOUT ROWID;

CREATE TABLE voice_people (
    article_id INTEGER NOT NULL,
    person TEXT NOT NULL,             -- speaker key after links; key@article if one word
    name TEXT NOT NULL,
    outlet TEXT NOT NULL,             -- '' when unknown
    day TEXT NOT NULL,                -- '' when undated
    quotes INTEGER NOT NULL,          -- this person's quotes in the article
    text_gender TEXT NOT NULL,        -- what this article's text says
    text_evidence TEXT,               -- pronoun | honorific | role | conflict
    evidence_text TEXT,               -- as written: "she", "Ms Hewitt"
    name_gender TEXT,                 -- the name library's answer, when sure
    name_p REAL,
    gender TEXT NOT NULL,             -- the person's gender across articles
    PRIMARY KEY (article_id, person)
) WITHOUT ROWID;
CREATE INDEX voice_people_person ON voice_people(person);

CREATE TABLE quote_voices (
    quote_id INTEGER PRIMARY KEY,     -- quotes.id
    article_id INTEGER NOT NULL,
    person TEXT,                      -- voice_people.person for named people
    outlet TEXT NOT NULL,
    day TEXT NOT NULL,
    kind TEXT NOT NULL,
    type TEXT NOT NULL,
    source TEXT NOT NULL,             -- person | organisation | anonymous | document | unknown
    gender TEXT NOT NULL,             -- female | male | unknown; none when not a named person
    evidence TEXT                     -- user | pronoun | honorific | role | name
);
CREATE INDEX quote_voices_person ON quote_voices(person) WHERE person IS NOT NULL;
CREATE INDEX quote_voices_article ON quote_voices(article_id);

CREATE TABLE speaker_genders (
    person TEXT PRIMARY KEY,
    gender TEXT NOT NULL,
    evidence TEXT,                    -- user | pronoun | honorific | role | name | conflict
    evidence_text TEXT,
    female_articles INTEGER NOT NULL DEFAULT 0,
    male_articles INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE gender_overrides (
    person TEXT PRIMARY KEY,
    gender TEXT NOT NULL CHECK (gender IN ('female', 'male', 'unknown')),
    set_at TEXT NOT NULL
);

CREATE TABLE voice_counts (
    measure TEXT NOT NULL,            -- quotes | mentioned | quoted
    outlet TEXT NOT NULL,
    day TEXT NOT NULL,
    kind TEXT NOT NULL,
    type TEXT NOT NULL,
    source TEXT NOT NULL,
    gender TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (measure, outlet, day, kind, type, source, gender)
) WITHOUT ROWID;

CREATE TRIGGER quotes_voices_gone AFTER DELETE ON quotes BEGIN
    DELETE FROM quote_voices WHERE quote_id = old.id;
END;

-- Articles whose quotes changed speaker after their voices were written
-- (surname linking, merge, split, relink): redone at the next flush.
CREATE TABLE voice_stale (article_id INTEGER PRIMARY KEY);
CREATE TRIGGER quotes_voices_stale AFTER UPDATE OF speaker_id, speaker_key ON quotes
BEGIN
    INSERT OR IGNORE INTO voice_stale (article_id) VALUES (new.article_id);
END;
""" + _triggers()


def period_sql(grain: str, day: str) -> str:
    """SQL for the month ("2024-03") or the week (its Monday) of a day column."""
    if grain == "month":
        return f"substr({day}, 1, 7)"
    return f"CASE WHEN {day} = '' THEN '' ELSE date({day}, '-6 days', 'weekday 1') END"


def _period_trigger(name: str, event: str, row: str, amount: str) -> str:
    """Add `amount` to the month and the week rows of one counter row."""
    inserts = "".join(
        f"""
    INSERT INTO voice_periods
        (measure, grain, period, outlet, kind, type, source, gender, n)
    VALUES ({row}.measure, '{grain}', {period_sql(grain, row + ".day")},
            {row}.outlet, {row}.kind, {row}.type, {row}.source, {row}.gender,
            {amount})
    ON CONFLICT DO UPDATE SET n = n + ({amount});"""
        for grain in ("month", "week")
    )
    return (
        f"\nCREATE TRIGGER {name} AFTER {event} ON voice_counts BEGIN{inserts}\nEND;\n"
    )


# Month and week totals of `voice_counts`, kept by triggers on it (#15): a
# report over a 1M-quote index reads these (1/30 of the rows) and reads days
# only for the partial periods at the ends of a date range.
M012_VOICE_PERIODS = (
    """
CREATE TABLE voice_periods (
    measure TEXT NOT NULL,
    grain TEXT NOT NULL,              -- month | week
    period TEXT NOT NULL,             -- "2024-03", or a week's Monday; '' undated
    outlet TEXT NOT NULL,
    kind TEXT NOT NULL,
    type TEXT NOT NULL,
    source TEXT NOT NULL,
    gender TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (measure, grain, period, outlet, kind, type, source, gender)
) WITHOUT ROWID;
CREATE INDEX voice_counts_day ON voice_counts(measure, day);
"""
    + _period_trigger("voice_counts_add", "INSERT", "new", "new.n")
    + _period_trigger("voice_counts_change", "UPDATE OF n", "new", "new.n - old.n")
    + _period_trigger("voice_counts_drop", "DELETE", "old", "-old.n")
    + "".join(
        f"""
INSERT INTO voice_periods (measure, grain, period, outlet, kind, type, source, gender, n)
SELECT measure, '{grain}', {period_sql(grain, "day")}, outlet, kind, type, source,
       gender, sum(n)
FROM voice_counts GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
"""
        for grain in ("month", "week")
    )
)


def _totals_trigger(name: str, event: str, row: str, amount: str) -> str:
    return f"""
CREATE TRIGGER {name} AFTER {event} ON voice_periods BEGIN
    INSERT INTO voice_totals (measure, grain, period, outlet, source, gender, n)
    VALUES ({row}.measure, {row}.grain, {row}.period, {row}.outlet, {row}.source,
            {row}.gender, {amount})
    ON CONFLICT DO UPDATE SET n = n + ({amount});
END;
"""


# `voice_periods` without the kind and type of quote (#15): the page most
# asked for (no kind or type filter) read 146,255 week rows of the 1M-quote
# benchmark, p95 230 ms of CPU; summed over kinds and types it reads a
# fraction of them. Kept by triggers on `voice_periods`.
M016_VOICE_TOTALS = (
    """
CREATE TABLE voice_totals (
    measure TEXT NOT NULL,
    grain TEXT NOT NULL,
    period TEXT NOT NULL,
    outlet TEXT NOT NULL,
    source TEXT NOT NULL,
    gender TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (measure, grain, period, outlet, source, gender)
) WITHOUT ROWID;
INSERT INTO voice_totals (measure, grain, period, outlet, source, gender, n)
SELECT measure, grain, period, outlet, source, gender, sum(n) FROM voice_periods
GROUP BY 1, 2, 3, 4, 5, 6;
"""
    + _totals_trigger("voice_totals_add", "INSERT", "new", "new.n")
    + _totals_trigger("voice_totals_change", "UPDATE OF n", "new", "new.n - old.n")
    + _totals_trigger("voice_totals_drop", "DELETE", "old", "-old.n")
)
