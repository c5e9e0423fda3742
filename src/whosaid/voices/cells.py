"""Small integers per quote for topic reports (#15).

A topic report looks up every quote the full-text search matches. In
`quote_voices` a row is ~120 bytes of text (outlet, day, person key...), so
the 77,658 quotes that match "we" on the 1M-quote benchmark read most of its
117 MB: 0.7-1.7 s a page. `quote_cells` keeps, per quote, its article, one
integer (`cell`) that packs the codes of its outlet, day, kind, type, source
and gender, and one (`period`) that packs the codes of its month and week
(`voice_codes` maps codes to values): ~25 bytes a row, and a page groups the
matches by integers without reading any text.

Migration `m015_quote_cells` builds both from `quote_voices`; triggers on it
keep them (a gender or source change re-packs the quote's cell). Code widths
bound what an index may hold: 2^20 outlets, 2^22 days, 64 kinds, 8 types.
"""

from __future__ import annotations

import sqlite3
from contextvars import ContextVar

# Fields in packing order (the last is the lowest bits) and their widths.
FIELDS = (("outlet", 20), ("day", 22), ("kind", 6), ("type", 3), ("source", 4),
          ("gender", 3))  # fmt: skip
PERIODS = (("month", 16), ("week", 16))
_WEEK = "CASE WHEN {day} = '' THEN '' ELSE date({day}, '-6 days', 'weekday 1') END"


def _value_sql(field: str, row: str) -> str:
    """SQL for a field's value in a quote_voices row (months and weeks from its day)."""
    if field == "month":
        return f"substr({row}.day, 1, 7)"
    if field == "week":
        return _WEEK.format(day=f"{row}.day")
    return f"{row}.{field}"


def _code(field: str, row: str) -> str:
    return (
        f"(SELECT code FROM voice_codes WHERE field = '{field}' "
        f"AND value = {_value_sql(field, row)})"
    )


def _packed(fields: tuple[tuple[str, int], ...], row: str) -> str:
    """SQL packing a quote_voices row's codes into one integer."""
    expression = "0"
    for field, bits in fields:
        expression = f"({expression} * {2**bits} + {_code(field, row)})"
    return expression


def _new_codes(row: str, fields: tuple[tuple[str, int], ...] = FIELDS + PERIODS) -> str:
    """SQL adding the codes of one row's values that have none yet."""
    return "".join(
        f"""
    INSERT INTO voice_codes (field, value, code)
    SELECT '{field}', {_value_sql(field, row)},
           (SELECT coalesce(max(code) + 1, 0) FROM voice_codes WHERE field = '{field}')
    WHERE NOT EXISTS (SELECT 1 FROM voice_codes WHERE field = '{field}'
                      AND value = {_value_sql(field, row)});"""
        for field, _ in fields
    )


M015_QUOTE_CELLS = (
    """
CREATE TABLE voice_codes (
    field TEXT NOT NULL,              -- outlet | day | kind | type | source | gender | month | week
    code INTEGER NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (field, code)
) WITHOUT ROWID;
CREATE UNIQUE INDEX voice_codes_value ON voice_codes(field, value);

CREATE TABLE quote_cells (
    quote_id INTEGER PRIMARY KEY,     -- quote_voices.quote_id
    article_id INTEGER NOT NULL,
    cell INTEGER NOT NULL,            -- outlet, day, kind, type, source, gender codes
    period INTEGER NOT NULL           -- month and week codes (whosaid.voices.cells)
);
"""
    + "".join(
        f"""
INSERT INTO voice_codes (field, value, code)
SELECT '{field}', value, row_number() OVER (ORDER BY value) - 1
FROM (SELECT DISTINCT {_value_sql(field, "v")} AS value FROM quote_voices v);
"""
        for field, _ in FIELDS + PERIODS
    )
    + f"""
INSERT INTO quote_cells (quote_id, article_id, cell, period)
SELECT v.quote_id, v.article_id, {_packed(FIELDS, "v")}, {_packed(PERIODS, "v")}
FROM quote_voices v;

CREATE TRIGGER quote_cells_add AFTER INSERT ON quote_voices BEGIN{_new_codes("new")}
    INSERT OR REPLACE INTO quote_cells (quote_id, article_id, cell, period)
    VALUES (new.quote_id, new.article_id, {_packed(FIELDS, "new")},
            {_packed(PERIODS, "new")});
END;

CREATE TRIGGER quote_cells_drop AFTER DELETE ON quote_voices BEGIN
    DELETE FROM quote_cells WHERE quote_id = old.quote_id;
END;

CREATE TRIGGER quote_cells_move AFTER UPDATE OF gender, source ON quote_voices BEGIN
{_new_codes("new")}
    UPDATE quote_cells SET cell = {_packed(FIELDS, "new")} WHERE quote_id = new.quote_id;
END;
"""
)


# The article's outlet, month and week codes in `voice_article_people.cell`
# (m019): people under a topic are summed per article, grouped by this integer.
ARTICLE_FIELDS = (("outlet", 20), ("month", 16), ("week", 16))


def _set_article_cell(row: str) -> str:
    return f"""
    UPDATE voice_article_people SET cell = {_packed(ARTICLE_FIELDS, row)}
    WHERE article_id = {row}.article_id;"""


# People per topic grouped by an integer instead of two texts: SQLite sorts
# the matching articles to group them ("we": 52,759 articles), and sorting
# (outlet, week) texts cost 40-60 ms of CPU a page (#15). Values only an
# article has (no quote yet: people are written first) get new codes.
M019_ARTICLE_CELLS = (
    """
ALTER TABLE voice_article_people ADD COLUMN cell INTEGER NOT NULL DEFAULT 0;
"""
    + "".join(
        f"""
INSERT INTO voice_codes (field, value, code)
SELECT '{field}', value,
       (SELECT coalesce(max(code) + 1, 0) FROM voice_codes WHERE field = '{field}')
       + row_number() OVER (ORDER BY value) - 1
FROM (SELECT DISTINCT {_value_sql(field, "a")} AS value FROM voice_article_people a)
WHERE value NOT IN (SELECT value FROM voice_codes WHERE field = '{field}');
"""
        for field, _ in ARTICLE_FIELDS
    )
    + f"""
UPDATE voice_article_people SET cell = {_packed(ARTICLE_FIELDS, "voice_article_people")};

CREATE TRIGGER vap_cell_add AFTER INSERT ON voice_article_people BEGIN{_new_codes("new", ARTICLE_FIELDS)}{_set_article_cell("new")}
END;

CREATE TRIGGER vap_cell_move AFTER UPDATE OF outlet, day ON voice_article_people
WHEN old.outlet IS NOT new.outlet OR old.day IS NOT new.day BEGIN{_new_codes("new", ARTICLE_FIELDS)}{_set_article_cell("new")}
END;
"""
)


# Whether a topic page may load the copy in memory (whosaid.voices.columns):
# a process that reads one report and exits (the CLI) would spend more
# loading it (0.5 s on the 1M-quote index) than the page costs in SQL (#15).
LOAD_COPIES: ContextVar[bool] = ContextVar("whosaid_voices_load_copies", default=True)

# A counter of changes to the two tables topic pages copy into memory
# (whosaid.voices.columns): a copy made at another count is read again (#15).
# m021 replaces its triggers with a log of the changed rows; the token stays.
M020_VOICE_VERSION = """
CREATE TABLE voice_version (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    token TEXT NOT NULL,              -- this index, apart from others read by the process
    n INTEGER NOT NULL                -- changes to quote_cells and voice_article_people
);
INSERT INTO voice_version (id, token, n) VALUES (1, lower(hex(randomblob(8))), 0);
""" + "".join(
    f"""
CREATE TRIGGER {table}_version_{event.lower()} AFTER {event} ON {table} BEGIN
    UPDATE voice_version SET n = n + 1;
END;"""
    for table in ("quote_cells", "voice_article_people")
    for event in ("INSERT", "UPDATE", "DELETE")
)


def _logged(table: str, key: str) -> str:
    """Triggers writing each changed row's id of `table` to `voice_changes`."""
    return f"""
CREATE TRIGGER {table}_logged_insert AFTER INSERT ON {table} BEGIN
    INSERT INTO voice_changes ({key}) VALUES (new.{key});
END;
CREATE TRIGGER {table}_logged_update AFTER UPDATE ON {table} BEGIN
    INSERT INTO voice_changes ({key}) VALUES (new.{key});
    INSERT INTO voice_changes ({key}) SELECT old.{key} WHERE old.{key} != new.{key};
END;
CREATE TRIGGER {table}_logged_delete AFTER DELETE ON {table} BEGIN
    INSERT INTO voice_changes ({key}) VALUES (old.{key});
END;"""


# Which rows changed, not only how many (m020's counter): a copy in memory
# made before an ingest batch reads the batch's rows again instead of both
# tables (#15). The log keeps the last 262,144 changes; a copy older than
# that is read in full.
M021_VOICE_CHANGES = (
    "".join(
        f"\nDROP TRIGGER {table}_version_{event};"
        for table in ("quote_cells", "voice_article_people")
        for event in ("insert", "update", "delete")
    )
    + """
CREATE TABLE voice_changes (
    seq INTEGER PRIMARY KEY,          -- in order of change
    quote_id INTEGER,                 -- a quote_cells row that changed, or NULL
    article_id INTEGER                -- a voice_article_people row, or NULL
);
CREATE TRIGGER voice_changes_prune AFTER INSERT ON voice_changes
WHEN new.seq % 1024 = 0 BEGIN
    DELETE FROM voice_changes WHERE seq <= new.seq - 262144;
END;"""
    + _logged("quote_cells", "quote_id")
    + _logged("voice_article_people", "article_id")
)


def part_sql(field: str) -> str:
    """SQL for a field's code in `quote_cells c`."""
    fields = PERIODS if field in dict(PERIODS) else FIELDS
    column = "c.period" if fields is PERIODS else "c.cell"
    names = [name for name, _ in fields]
    shift = sum(bits for _, bits in fields[names.index(field) + 1 :])
    return f"(({column} >> {shift}) & {2 ** dict(fields)[field] - 1})"


def decoder(
    conn: sqlite3.Connection, *, days: bool = False
) -> dict[str, dict[int, str]]:
    """Per field, code -> value; days only when asked (thousands of rows)."""
    codes: dict[str, dict[int, str]] = {field: {} for field, _ in FIELDS + PERIODS}
    sql = "SELECT field, value, code FROM voice_codes"
    for field, value, code in conn.execute(
        sql if days else sql + " WHERE field != 'day'"
    ):
        codes[field][int(code)] = value
    return codes
