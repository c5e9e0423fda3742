"""Numbered schema migrations, each applied once in a transaction and recorded.

The schema is plain SQLite with readable names so the index also opens in
`sqlite3`, Datasette or pandas: `articles`, `quotes` (one row per attributed
statement, with the article's outlet and date copied for fast filters),
`speakers` (one row per cross-article speaker), `speaker_links` (alias
decisions from `speakers merge/split` and alias files, which survive
re-ingest), `clusters` (repeated quotes) and `ingest_errors`. Views
`quote_records`, `repeated_quotes` and `speaker_titles` join them for reading.

A migration is never edited once released; a schema change is a new entry.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime

from whosaid.voices.cells import (
    M015_QUOTE_CELLS,
    M019_ARTICLE_CELLS,
    M020_VOICE_VERSION,
    M021_VOICE_CHANGES,
)
from whosaid.voices.facet_people import M018_VOICE_FACET_PEOPLE
from whosaid.voices.facet_schema import (
    M013_VOICE_FACETS,
    M014_VOICE_ARTICLE_PEOPLE,
    M017_VOICE_FACETS_LIGHTER,
)
from whosaid.voices.schema import M007_VOICES, M012_VOICE_PERIODS, M016_VOICE_TOTALS

M001_CREATE_INDEX = """
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL UNIQUE,
    text_hash TEXT NOT NULL UNIQUE,   -- sha1 of the text: same text, same article
    url TEXT,
    title TEXT,
    outlet TEXT,
    published TEXT,                   -- ISO 8601, normalised from the input
    date TEXT,                        -- YYYY-MM-DD of `published`, for filters
    author TEXT,
    source TEXT,                      -- where it was read from
    text TEXT NOT NULL,
    engine TEXT NOT NULL,             -- engine name:version that made its quotes
    quote_count INTEGER NOT NULL DEFAULT 0,
    ingested_at TEXT NOT NULL
);
CREATE INDEX articles_date ON articles(date);
CREATE INDEX articles_outlet ON articles(outlet, date);

CREATE TABLE speakers (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,         -- normalised name: "thomas reed"
    name TEXT NOT NULL,               -- canonical name as shown
    is_org INTEGER NOT NULL DEFAULT 0,
    external_id TEXT,                 -- e.g. a Wikidata QID from an alias file
    quote_count INTEGER NOT NULL DEFAULT 0,
    article_count INTEGER NOT NULL DEFAULT 0,
    first_seen TEXT,
    last_seen TEXT
);
CREATE INDEX speakers_quote_count ON speakers(quote_count DESC);

CREATE TABLE speaker_links (
    alias_key TEXT PRIMARY KEY,       -- a normalised name as written
    speaker_key TEXT NOT NULL,        -- the speaker it belongs to
    alias TEXT NOT NULL,
    origin TEXT NOT NULL CHECK (origin IN ('merge', 'split', 'file')),
    external_id TEXT,
    created_at TEXT NOT NULL
);

CREATE TABLE clusters (
    id INTEGER PRIMARY KEY,
    norm TEXT NOT NULL,               -- normalised words of the longest member
    text TEXT NOT NULL,               -- content of the earliest member
    quote_count INTEGER NOT NULL DEFAULT 0,
    article_count INTEGER NOT NULL DEFAULT 0,
    outlet_count INTEGER NOT NULL DEFAULT 0,
    first_quote_id INTEGER,
    first_date TEXT,
    last_date TEXT
);
CREATE INDEX clusters_article_count ON clusters(article_count DESC);

CREATE TABLE cluster_fingerprints (
    hash INTEGER NOT NULL,            -- a winnowed word-shingle hash
    cluster_id INTEGER NOT NULL,
    PRIMARY KEY (hash, cluster_id)
) WITHOUT ROWID;

CREATE TABLE quotes (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    position INTEGER NOT NULL,        -- order in the article
    type TEXT NOT NULL,               -- direct | indirect | mixed
    kind TEXT NOT NULL,               -- statement | belief | intention | ...
    cue_stance TEXT NOT NULL,         -- neutral | assertive | distancing | ...
    content TEXT NOT NULL,
    content_start INTEGER NOT NULL,
    content_end INTEGER NOT NULL,
    cue TEXT,
    cue_start INTEGER,
    cue_end INTEGER,
    speaker_text TEXT,                -- the mention next to the quote
    speaker_start INTEGER,
    speaker_end INTEGER,
    speaker_name TEXT,                -- resolved within the article
    speaker_title TEXT,
    speaker_org TEXT,
    speaker_is_org INTEGER NOT NULL DEFAULT 0,
    speaker_key TEXT,                 -- normalised speaker_name
    speaker_id INTEGER REFERENCES speakers(id),
    resolved_by TEXT,
    chain TEXT,                       -- JSON list of spans
    confidence REAL NOT NULL,
    engine TEXT NOT NULL,
    cluster_id INTEGER REFERENCES clusters(id),
    norm_hash INTEGER,                -- hash of the normalised words
    outlet TEXT,                      -- copied from the article
    date TEXT,                        -- copied from the article
    UNIQUE (article_id, position)
);
CREATE INDEX quotes_speaker ON quotes(speaker_id, date);
CREATE INDEX quotes_cluster ON quotes(cluster_id, outlet) WHERE cluster_id IS NOT NULL;
CREATE INDEX quotes_norm_hash ON quotes(norm_hash) WHERE norm_hash IS NOT NULL;
CREATE INDEX quotes_speaker_key ON quotes(speaker_key) WHERE speaker_key IS NOT NULL;
CREATE INDEX quotes_date ON quotes(date);
CREATE INDEX quotes_outlet ON quotes(outlet, date);

CREATE VIRTUAL TABLE quotes_fts USING fts5(
    content,
    content='quotes',
    content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts(rowid, content) VALUES (new.id, new.content);
END;
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, content)
    VALUES ('delete', old.id, old.content);
END;

CREATE TABLE ingest_runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    engine TEXT NOT NULL,
    articles_added INTEGER NOT NULL DEFAULT 0,
    articles_replaced INTEGER NOT NULL DEFAULT 0,
    quotes_added INTEGER NOT NULL DEFAULT 0,
    duplicates INTEGER NOT NULL DEFAULT 0,
    errors INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE ingest_errors (
    id INTEGER PRIMARY KEY,
    run_id INTEGER REFERENCES ingest_runs(id),
    source TEXT NOT NULL,             -- file, "file.jsonl:12", or article id
    reason TEXT NOT NULL,
    stored INTEGER NOT NULL DEFAULT 0, -- 1: the article was kept (e.g. bad date)
    created_at TEXT NOT NULL
);

CREATE VIEW quote_records AS
SELECT quotes.id, articles.doc_id, articles.title, articles.url, quotes.outlet,
       quotes.date, quotes.type, quotes.kind, quotes.cue_stance, quotes.content,
       quotes.cue, quotes.speaker_text, quotes.speaker_name,
       speakers.name AS speaker, quotes.speaker_title, quotes.speaker_org,
       quotes.confidence, quotes.cluster_id, quotes.engine
FROM quotes
JOIN articles ON articles.id = quotes.article_id
LEFT JOIN speakers ON speakers.id = quotes.speaker_id;

CREATE VIEW repeated_quotes AS
SELECT clusters.id, clusters.text, clusters.quote_count, clusters.article_count,
       clusters.outlet_count, clusters.first_date, clusters.last_date,
       first.doc_id AS first_doc_id, first_quote.outlet AS first_outlet
FROM clusters
LEFT JOIN quotes AS first_quote ON first_quote.id = clusters.first_quote_id
LEFT JOIN articles AS first ON first.id = first_quote.article_id
WHERE clusters.article_count > 1;

CREATE VIEW speaker_titles AS
SELECT speaker_id, speaker_title AS title, speaker_org AS org,
       min(date) AS first_seen, max(date) AS last_seen, count(*) AS quotes
FROM quotes
WHERE speaker_id IS NOT NULL AND (speaker_title IS NOT NULL OR speaker_org IS NOT NULL)
GROUP BY speaker_id, speaker_title, speaker_org;
"""


def _tags(row: str) -> str:
    """SQL for a quote's filter tokens: speaker, outlet, month, kind, type, stance."""
    return (
        f"'s' || coalesce({row}speaker_id, 0) || ' o' || hex(coalesce({row}outlet, '')) "
        f"|| ' m' || coalesce(substr({row}date, 1, 4) || substr({row}date, 6, 2), '0') "
        f"|| ' k' || {row}kind || ' t' || {row}type || ' x' || {row}cue_stance"
    )


# Filters become tokens in a second FTS column, so "common word AND this
# speaker" intersects two posting lists instead of ranking every match of the
# word; the ranking ignores that column (bm25 weight 0).
M002_FTS_FILTER_TAGS = f"""
DROP TRIGGER quotes_fts_insert;
DROP TRIGGER quotes_fts_delete;
DROP TABLE quotes_fts;
CREATE VIEW quote_search AS SELECT id, content, {_tags("")} AS tags FROM quotes;
CREATE VIRTUAL TABLE quotes_fts USING fts5(
    content,
    tags,
    content='quote_search',
    content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO quotes_fts(quotes_fts, rank) VALUES ('rank', 'bm25(1.0, 0.0)');
CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts(rowid, content, tags)
    VALUES (new.id, new.content, {_tags("new.")});
END;
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, content, tags)
    VALUES ('delete', old.id, old.content, {_tags("old.")});
END;
CREATE TRIGGER quotes_fts_update
AFTER UPDATE OF content, speaker_id, outlet, date, kind, type, cue_stance ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, content, tags)
    VALUES ('delete', old.id, old.content, {_tags("old.")});
    INSERT INTO quotes_fts(rowid, content, tags)
    VALUES (new.id, new.content, {_tags("new.")});
END;
INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild');
"""

# Speaker lists filtered by kind, period or both read only this index (#8).
M003_SPEAKER_KIND_INDEX = """
CREATE INDEX quotes_speaker_kind ON quotes(speaker_id, kind, date, article_id);
"""

# Identity across spacing variants and bare surnames (#14): `ident` is the key
# without spaces ("timewarner"), `surname` a person's last name word; both are
# filled here for existing speakers (`whosaid speakers relink` re-derives
# everything with the current rules). `speaker_evidence` says why a quote's
# speaker is not the name written next to it.
M004_SPEAKER_IDENTITY = """
ALTER TABLE speakers ADD COLUMN ident TEXT;
ALTER TABLE speakers ADD COLUMN surname TEXT;
UPDATE speakers SET ident = replace(replace(replace(key, ' ', ''), '-', ''), "'", '');
UPDATE speakers SET surname = substr(key, length(rtrim(key, replace(key, ' ', ''))) + 1)
WHERE is_org = 0 AND instr(key, ' ') > 0;
CREATE INDEX speakers_ident ON speakers(ident);
CREATE INDEX speakers_surname ON speakers(surname) WHERE surname IS NOT NULL;
CREATE TABLE speaker_evidence (
    quote_id INTEGER PRIMARY KEY REFERENCES quotes(id) ON DELETE CASCADE,
    rule TEXT NOT NULL,               -- generic | generic-org | surname-article |
                                      -- first-name-article | surname-corpus
    evidence TEXT
);
"""

# Counters kept by the index itself (#17): triggers on `quotes` add and remove
# each quote's share, so ingest, re-extraction and speaker merges keep them
# exact. The overview, speaker pages and the home page read these small tables
# instead of scanning the quotes of a large speaker or of the whole index.
_COUNTERS = (
    # (table, key columns, the quote's values for them, condition)
    ("quote_counts", ("date", "kind", "type"),
     ("coalesce({r}date, '')", "{r}kind", "{r}type"), "1"),
    ("speaker_days", ("speaker_id", "date", "kind"),
     ("{r}speaker_id", "coalesce({r}date, '')", "{r}kind"),
     "{r}speaker_id IS NOT NULL"),
    ("speaker_outlets", ("speaker_id", "outlet"),
     ("{r}speaker_id", "coalesce({r}outlet, '')"), "{r}speaker_id IS NOT NULL"),
    ("speaker_names", ("speaker_id", "name", "title", "org", "date"),
     ("{r}speaker_id", "coalesce({r}speaker_name, '')",
      "coalesce({r}speaker_title, '')", "coalesce({r}speaker_org, '')",
      "coalesce({r}date, '')"), "{r}speaker_id IS NOT NULL"),
)  # fmt: skip


def _count_up(row: str) -> str:
    """SQL that adds one quote (`new.` or `old.`) to every counter."""
    statements = []
    for table, keys, values, when in _COUNTERS:
        cols = ", ".join(keys)
        vals = ", ".join(value.format(r=row) for value in values)
        statements.append(
            f"INSERT INTO {table} ({cols}, n) SELECT {vals}, 1 "
            f"WHERE {when.format(r=row)} ON CONFLICT ({cols}) DO UPDATE SET n = n + 1;"
        )
    return "\n    ".join(statements)


def _count_down(row: str) -> str:
    """SQL that takes one quote away from every counter (rows at 0 go)."""
    statements = []
    for table, keys, values, when in _COUNTERS:
        match = " AND ".join(
            f"{key} = {value.format(r=row)}"
            for key, value in zip(keys, values, strict=True)
        )
        cond = when.format(r=row)
        statements.append(f"UPDATE {table} SET n = n - 1 WHERE {cond} AND {match};")
        statements.append(f"DELETE FROM {table} WHERE {cond} AND {match} AND n <= 0;")
    return "\n    ".join(statements)


def _backfill() -> str:
    statements = []
    for table, keys, values, when in _COUNTERS:
        vals = ", ".join(value.format(r="") for value in values)
        statements.append(
            f"INSERT INTO {table} ({', '.join(keys)}, n) SELECT {vals}, count(*) "
            f"FROM quotes WHERE {when.format(r='')} GROUP BY {vals};"
        )
    return "\n".join(statements)


M005_COUNTERS = f"""
CREATE TABLE quote_counts (           -- quotes per day ('' undated), kind, type
    date TEXT NOT NULL, kind TEXT NOT NULL, type TEXT NOT NULL,
    n INTEGER NOT NULL, PRIMARY KEY (date, kind, type)
) WITHOUT ROWID;
CREATE TABLE speaker_days (           -- a speaker's quotes per day and kind
    speaker_id INTEGER NOT NULL, date TEXT NOT NULL, kind TEXT NOT NULL,
    n INTEGER NOT NULL, PRIMARY KEY (speaker_id, date, kind)
) WITHOUT ROWID;
CREATE INDEX speaker_days_date ON speaker_days(date, speaker_id, n);
CREATE TABLE speaker_outlets (        -- a speaker's quotes per outlet ('' unknown)
    speaker_id INTEGER NOT NULL, outlet TEXT NOT NULL,
    n INTEGER NOT NULL, PRIMARY KEY (speaker_id, outlet)
) WITHOUT ROWID;
CREATE TABLE speaker_names (          -- names, titles, organisations as written
    speaker_id INTEGER NOT NULL, name TEXT NOT NULL, title TEXT NOT NULL,
    org TEXT NOT NULL, date TEXT NOT NULL,
    n INTEGER NOT NULL, PRIMARY KEY (speaker_id, name, title, org, date)
) WITHOUT ROWID;
{_backfill()}
CREATE TRIGGER quotes_counters_insert AFTER INSERT ON quotes BEGIN
    {_count_up("new.")}
END;
CREATE TRIGGER quotes_counters_delete AFTER DELETE ON quotes BEGIN
    {_count_down("old.")}
END;
CREATE TRIGGER quotes_counters_update AFTER UPDATE OF
    speaker_id, date, kind, type, outlet, speaker_name, speaker_title, speaker_org
ON quotes BEGIN
    {_count_down("old.")}
    {_count_up("new.")}
END;
-- Sorting by confidence without a text query (#17).
CREATE INDEX quotes_confidence ON quotes(confidence);
-- A large speaker's repeated quotes: walk the most-repeated clusters and ask
-- this index whether the speaker is among each one's quotes.
CREATE INDEX quotes_cluster_speaker ON quotes(cluster_id, speaker_id)
    WHERE cluster_id IS NOT NULL;
-- The repeated-quotes list, by spread and by recency.
CREATE INDEX clusters_spread ON clusters(outlet_count DESC, article_count DESC)
    WHERE article_count > 1;
CREATE INDEX clusters_recent ON clusters(last_date DESC) WHERE article_count > 1;
"""


# Wikidata links (#14), kept by speaker key so they survive re-ingest: the
# last `whosaid link` run's result per speaker (with its score, evidence,
# candidates and the item's description, party and occupation copied from
# the KB), and the user's decisions (`speakers link/unlink`), which beat it.
M006_SPEAKER_KB_LINKS = """
CREATE TABLE speaker_kb_links (
    speaker_key TEXT PRIMARY KEY,
    qid TEXT,
    status TEXT NOT NULL CHECK (status IN ('linked', 'ambiguous', 'unlinked')),
    origin TEXT NOT NULL CHECK (origin IN ('auto', 'user')),
    score REAL,
    evidence TEXT,                    -- JSON list of reasons
    candidates TEXT,                  -- JSON list: qid, label, description, score
    label TEXT,
    description TEXT,
    party TEXT,
    occupation TEXT,
    linked_at TEXT NOT NULL
);
CREATE TABLE speaker_kb_decisions (
    speaker_key TEXT PRIMARY KEY,
    qid TEXT,                         -- NULL: the user unlinked it
    decided_at TEXT NOT NULL
);
CREATE TABLE speaker_kb_names (       -- the item's label and aliases, for --speaker
    ident TEXT NOT NULL,
    speaker_key TEXT NOT NULL,
    PRIMARY KEY (ident, speaker_key)
) WITHOUT ROWID;
CREATE TABLE speaker_kb_merges (      -- quotes moved to a speaker of the same item
    quote_id INTEGER PRIMARY KEY REFERENCES quotes(id) ON DELETE CASCADE,
    from_key TEXT NOT NULL
);
"""

# Where an article's text came from and what went wrong with an input (#16):
# the encoding its bytes were decoded with, and each error's kind for
# `whosaid errors --kind`; rows of older runs get their kind from the reason.
M008_ENCODING_AND_ERROR_KINDS = """
ALTER TABLE articles ADD COLUMN encoding TEXT;
ALTER TABLE ingest_errors ADD COLUMN kind TEXT NOT NULL DEFAULT 'error';
ALTER TABLE ingest_runs ADD COLUMN skipped INTEGER NOT NULL DEFAULT 0;
UPDATE ingest_errors SET kind = 'bad-date' WHERE stored = 1 AND reason LIKE 'bad date%';
UPDATE ingest_errors SET kind = 'encoding' WHERE reason LIKE 'not UTF-8%';
UPDATE ingest_errors SET kind = 'binary' WHERE reason LIKE 'binary file%';
UPDATE ingest_errors SET kind = 'unreadable' WHERE reason LIKE 'cannot read%';
UPDATE ingest_errors SET kind = 'id-clash'
WHERE reason LIKE '%is already indexed with another text%';
CREATE INDEX ingest_errors_run_kind ON ingest_errors(run_id, kind);
"""


def _m009_article_ids_from_paths(conn: sqlite3.Connection) -> str:
    from whosaid.store.ids import rename_old_ids

    return rename_old_ids(conn)


# Prefix queries (`harb*`) read a prefix index of 3 and 4 characters instead
# of merging the posting lists of every word with that prefix (#17): on the
# 1,000,000-quote benchmark a 4-letter prefix matched hundreds of words.
M010_FTS_PREFIX = f"""
DROP TRIGGER quotes_fts_insert;
DROP TRIGGER quotes_fts_delete;
DROP TRIGGER quotes_fts_update;
DROP TABLE quotes_fts;
CREATE VIRTUAL TABLE quotes_fts USING fts5(
    content,
    tags,
    content='quote_search',
    content_rowid='id',
    tokenize='unicode61 remove_diacritics 2',
    prefix='3 4'
);
INSERT INTO quotes_fts(quotes_fts, rank) VALUES ('rank', 'bm25(1.0, 0.0)');
CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts(rowid, content, tags)
    VALUES (new.id, new.content, {_tags("new.")});
END;
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, content, tags)
    VALUES ('delete', old.id, old.content, {_tags("old.")});
END;
CREATE TRIGGER quotes_fts_update
AFTER UPDATE OF content, speaker_id, outlet, date, kind, type, cue_stance ON quotes BEGIN
    INSERT INTO quotes_fts(quotes_fts, rowid, content, tags)
    VALUES ('delete', old.id, old.content, {_tags("old.")});
    INSERT INTO quotes_fts(rowid, content, tags)
    VALUES (new.id, new.content, {_tags("new.")});
END;
INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild');
"""

# A repeated quote's appearances, earliest first, read in index order: the
# benchmark's most printed soundbite has 21,196 (#17).
M011_CLUSTER_DATE_INDEX = """
CREATE INDEX quotes_cluster_date ON quotes(cluster_id, date, article_id, position)
    WHERE cluster_id IS NOT NULL;
"""


Step = str | Callable[[sqlite3.Connection], str]
# (number, name, SQL or a function that returns a note); append only.
MIGRATIONS: tuple[tuple[int, str, Step], ...] = (
    (1, "m001_create_index", M001_CREATE_INDEX),
    (2, "m002_fts_filter_tags", M002_FTS_FILTER_TAGS),
    (3, "m003_speaker_kind_index", M003_SPEAKER_KIND_INDEX),
    (4, "m004_speaker_identity", M004_SPEAKER_IDENTITY),
    (5, "m005_counters", M005_COUNTERS),
    (6, "m006_speaker_kb_links", M006_SPEAKER_KB_LINKS),
    (7, "m007_voices", M007_VOICES),  # gender, source type, people (#15)
    (8, "m008_encoding_and_error_kinds", M008_ENCODING_AND_ERROR_KINDS),
    (9, "m009_article_ids_from_paths", _m009_article_ids_from_paths),
    (10, "m010_fts_prefix", M010_FTS_PREFIX),
    (11, "m011_cluster_date_index", M011_CLUSTER_DATE_INDEX),
    (12, "m012_voice_periods", M012_VOICE_PERIODS),  # month/week totals (#15)
    (13, "m013_voice_facets", M013_VOICE_FACETS),  # title/org counters (#15)
    (14, "m014_voice_article_people", M014_VOICE_ARTICLE_PEOPLE),  # (#15)
    (15, "m015_quote_cells", M015_QUOTE_CELLS),  # topic reports (#15)
    (16, "m016_voice_totals", M016_VOICE_TOTALS),  # periods without kind/type (#15)
    (17, "m017_voice_facets_lighter", M017_VOICE_FACETS_LIGHTER),  # ingest (#15)
    (18, "m018_voice_facet_people", M018_VOICE_FACET_PEOPLE),  # people per title (#15)
    (19, "m019_article_cells", M019_ARTICLE_CELLS),  # people per topic (#15)
    (20, "m020_voice_version", M020_VOICE_VERSION),  # topic pages in memory (#15)
    (21, "m021_voice_changes", M021_VOICE_CHANGES),  # which rows changed (#15)
)


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    """Return the names of the migrations recorded in the database, in order."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS _migrations "
        "(number INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    rows = conn.execute("SELECT name FROM _migrations ORDER BY number").fetchall()
    return [row[0] for row in rows]


def migrate(conn: sqlite3.Connection, notes: list[str] | None = None) -> list[str]:
    """Apply the migrations not yet recorded, each in its own transaction.

    Args:
        conn: The index.
        notes: Gets "name: what it did" for each migration that says so
            (a data migration such as m009).

    Returns:
        The names of the migrations applied now (empty when up to date).
    """
    done = set(applied_migrations(conn))
    applied = []
    for number, name, sql in MIGRATIONS:
        if name in done:
            continue
        # executescript() would commit on its own; run statements one by one
        # inside an explicit transaction so a failed migration leaves nothing.
        conn.execute("BEGIN IMMEDIATE")
        try:
            if callable(sql):
                note = sql(conn)
                if notes is not None and note:
                    notes.append(f"{name}: {note}")
            else:
                for statement in _statements(sql):
                    conn.execute(statement)
            conn.execute(
                "INSERT INTO _migrations (number, name, applied_at) VALUES (?, ?, ?)",
                (number, name, datetime.now(UTC).isoformat(timespec="seconds")),
            )
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        applied.append(name)
    return applied


def _statements(sql: str) -> list[str]:
    """Split a script into complete statements (triggers contain semicolons)."""
    statements, current = [], ""
    for line in sql.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    return [statement for statement in statements if statement]
