"""Migrate an index whose file articles have the old ids (#16).

Before #16 a file's id was its name without the suffix, so `politics/001.txt`
and `sport/001.txt` were both "001" and the second was refused. Now the id is
the path relative to the folder given. The folder given was not stored, so
this migration rebuilds it: the articles each ingest run added (matched by
their `ingested_at` time) share the folder given, which is taken to be the
common folder of their source paths. For `whosaid ingest bbc/` that is `bbc/`
and the ids become `politics/001`; an article named by itself keeps its id.

Only articles read from .txt/.html/.htm files whose id is still their file
name are renamed; JSONL, Parquet and WARC ids were given by the data and
stay. A new id already taken gets the usual `~digest` suffix.
"""

from __future__ import annotations

import bisect
import os
import sqlite3
from collections import defaultdict
from pathlib import PurePath

from whosaid.identity import suffixed_id
from whosaid.read.walk import suffix_of

_FILE_SUFFIXES = (".txt", ".html", ".htm")


def _old_id(source: str) -> str:
    name = PurePath(source).name
    return name[: len(name) - len(suffix_of(PurePath(name)))]


def _new_id(source: str, root: str) -> str:
    relative = PurePath(os.path.relpath(source, root)).as_posix()
    return relative[: len(relative) - len(suffix_of(PurePath(relative)))]


def _file_articles(conn: sqlite3.Connection) -> list[tuple[int, str, str, str, str]]:
    """(row id, doc id, source, ingested_at, text hash) of articles read from files."""
    rows = conn.execute(
        "SELECT id, doc_id, source, ingested_at, text_hash FROM articles "
        "WHERE source IS NOT NULL"
    ).fetchall()
    return [
        (int(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4]))
        for r in rows
        if suffix_of(PurePath(str(r[2]))) in _FILE_SUFFIXES
    ]


def new_ids(conn: sqlite3.Connection) -> dict[int, str]:
    """Return {article row id: new doc id} for the articles whose id changes."""
    starts = [
        str(row[0])
        for row in conn.execute(
            "SELECT started_at FROM ingest_runs ORDER BY started_at"
        )
    ]
    groups: dict[int, list[tuple[int, str, str, str]]] = defaultdict(list)
    for row_id, doc_id, source, ingested_at, digest in _file_articles(conn):
        run = bisect.bisect_right(starts, ingested_at)
        groups[run].append((row_id, doc_id, source, digest))
    taken = {str(row[0]) for row in conn.execute("SELECT doc_id FROM articles")}
    renamed: dict[int, str] = {}
    for members in groups.values():
        try:
            root = os.path.commonpath([os.path.dirname(m[2]) or "." for m in members])
        except ValueError:  # absolute and relative paths mixed: leave them
            continue
        for row_id, doc_id, source, digest in members:
            new_id = _new_id(source, root)
            if new_id == doc_id or doc_id != _old_id(source):
                continue
            if new_id in taken:
                new_id = suffixed_id(new_id, digest)
            taken.add(new_id)
            renamed[row_id] = new_id
    return renamed


def rename_old_ids(conn: sqlite3.Connection) -> str:
    """Give file articles their path ids; return what was done, in words.

    Runs inside the migration's transaction.
    """
    renamed = new_ids(conn)
    # Through a temporary id, so no UNIQUE check sees two articles mid-way.
    for row_id in renamed:
        conn.execute(
            "UPDATE articles SET doc_id = ' migrating ' || id WHERE id = ?", (row_id,)
        )
    for row_id, new_id in renamed.items():
        conn.execute("UPDATE articles SET doc_id = ? WHERE id = ?", (new_id, row_id))
    refused = conn.execute(
        "SELECT count(DISTINCT source) FROM ingest_errors "
        "WHERE reason LIKE '%is already indexed with another text%'"
    ).fetchone()[0]
    note = f"{len(renamed)} article ids are now their path in the folder given"
    if refused:
        note += (
            f"; {refused} inputs were refused before for an id clash: run the same "
            "ingest again to add them"
        )
    return note
