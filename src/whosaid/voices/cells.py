"""One small integer per quote for topic reports (#15).

A topic report looks up every quote the full-text search matches. In
`quote_voices` a row is ~120 bytes of text (outlet, day, person key...), so
the 77,658 quotes that match "we" on the 1M-quote benchmark read most of its
117 MB: 0.7-1.7 s a page. `quote_cells` keeps, per quote, its article and one
integer that packs the codes of its outlet, day, kind, type, source and
gender (`voice_codes` maps codes to values): ~20 bytes a row, so the same
lookups read a sixth as much, and a page groups by that integer.

Migration `m015_quote_cells` builds both from `quote_voices`; triggers on it
keep them (a gender or source change re-packs the quote's cell).
"""

from __future__ import annotations

import sqlite3

# Fields in packing order (the last is the lowest bits) and their widths.
FIELDS = (("outlet", 20), ("day", 22), ("kind", 6), ("type", 3), ("source", 4),
          ("gender", 3))  # fmt: skip


def _code(field: str, row: str) -> str:
    return (
        f"(SELECT code FROM voice_codes WHERE field = '{field}' "
        f"AND value = {row}.{field})"
    )


def _cell_sql(row: str) -> str:
    """SQL packing a quote_voices row's codes into one integer."""
    expression = "0"
    for field, bits in FIELDS:
        expression = f"({expression} * {2**bits} + {_code(field, row)})"
    return expression


def _month_week(day: str) -> str:
    """SQL for the month and the week (its Monday) of a day column."""
    return (
        f"substr({day}, 1, 7), CASE WHEN {day} = '' THEN '' "
        f"ELSE date({day}, '-6 days', 'weekday 1') END"
    )


def _new_codes(row: str) -> str:
    return "".join(
        f"""
    INSERT INTO voice_codes (field, value, code, month, week)
    SELECT '{field}', {row}.{field},
           (SELECT coalesce(max(code) + 1, 0) FROM voice_codes WHERE field = '{field}'),
           {_month_week(row + "." + field) if field == "day" else "NULL, NULL"}
    WHERE NOT EXISTS (SELECT 1 FROM voice_codes WHERE field = '{field}'
                      AND value = {row}.{field});"""
        for field, _ in FIELDS
    )


M015_QUOTE_CELLS = (
    """
CREATE TABLE voice_codes (
    field TEXT NOT NULL,              -- outlet | day | kind | type | source | gender
    code INTEGER NOT NULL,
    value TEXT NOT NULL,
    month TEXT,                       -- days only: "2024-03"
    week TEXT,                        -- days only: the week's Monday
    PRIMARY KEY (field, code)
) WITHOUT ROWID;
CREATE UNIQUE INDEX voice_codes_value ON voice_codes(field, value);

CREATE TABLE quote_cells (
    quote_id INTEGER PRIMARY KEY,     -- quote_voices.quote_id
    article_id INTEGER NOT NULL,
    cell INTEGER NOT NULL             -- the packed codes (whosaid.voices.cells)
);
"""
    + "".join(
        f"""
INSERT INTO voice_codes (field, value, code, month, week)
SELECT '{field}', value, row_number() OVER (ORDER BY value) - 1,
       {_month_week("value") if field == "day" else "NULL, NULL"}
FROM (SELECT DISTINCT {field} AS value FROM quote_voices);
"""
        for field, _ in FIELDS
    )
    + f"""
INSERT INTO quote_cells (quote_id, article_id, cell)
SELECT v.quote_id, v.article_id, {_cell_sql("v")} FROM quote_voices v;

CREATE TRIGGER quote_cells_add AFTER INSERT ON quote_voices BEGIN{_new_codes("new")}
    INSERT OR REPLACE INTO quote_cells (quote_id, article_id, cell)
    VALUES (new.quote_id, new.article_id, {_cell_sql("new")});
END;

CREATE TRIGGER quote_cells_drop AFTER DELETE ON quote_voices BEGIN
    DELETE FROM quote_cells WHERE quote_id = old.quote_id;
END;

CREATE TRIGGER quote_cells_move AFTER UPDATE OF gender, source ON quote_voices BEGIN
{_new_codes("new")}
    UPDATE quote_cells SET cell = {_cell_sql("new")} WHERE quote_id = new.quote_id;
END;
"""
)


def shift(field: str) -> int:
    """The lowest bit of `field` in a cell."""
    names = [name for name, _ in FIELDS]
    return sum(bits for _, bits in FIELDS[names.index(field) + 1 :])


def part_sql(field: str, cell: str = "c.cell") -> str:
    """SQL for a field's code in a cell."""
    width = dict(FIELDS)[field]
    return f"(({cell} >> {shift(field)}) & {2**width - 1})"


def decoder(conn: sqlite3.Connection) -> dict[str, dict[int, str]]:
    """Per field but days, code -> value (a few hundred rows)."""
    codes: dict[str, dict[int, str]] = {field: {} for field, _ in FIELDS}
    for field, value, code in conn.execute(
        "SELECT field, value, code FROM voice_codes WHERE field != 'day'"
    ):
        codes[field][int(code)] = value
    return codes
