"""Check an index file: SQLite's integrity check, what it holds, what to do (#19).

`check_index` never writes: it opens the file read-only, runs
`PRAGMA integrity_check` (or the faster `quick_check`, which skips comparing
indexes with their tables), and counts the rows of the main tables, each on
its own, so a damaged table does not hide what the others still hold.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from whosaid.store.db import StoreError, readonly_uri

TABLES = ("articles", "quotes", "speakers", "clusters")
MAX_PROBLEMS = 20


@dataclass(frozen=True, slots=True)
class IndexCheck:
    """What `check_index` found."""

    path: str
    size: int
    problems: list[str] = field(default_factory=list)
    counts: dict[str, int | None] = field(default_factory=dict)
    schema: str | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    def advice(self) -> str:
        """Say what to do next, in one or two sentences."""
        if self.ok:
            return "nothing to do"
        if self.size == 0:
            return (
                f"the file is empty; build an index with: whosaid ingest FILES "
                f"--db {self.path}"
            )
        return (
            "restore the file from a backup, or re-ingest the articles into a new "
            f"file (whosaid ingest FILES --db new.db); `sqlite3 {self.path} .recover` "
            "may save what is still readable"
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "ok": self.ok,
            "size": self.size,
            "schema": self.schema,
            "counts": self.counts,
            "problems": self.problems,
            "advice": self.advice(),
        }


def check_index(path: str | Path, *, quick: bool = False) -> IndexCheck:
    """Check the index file at `path` without writing to it.

    Raises:
        StoreError: If there is no file at `path`.
    """
    target = Path(path)
    if not target.is_file():
        raise StoreError(f"{target}: no such index file")
    size = target.stat().st_size
    if size == 0:
        return IndexCheck(str(target), 0, ["the file is empty (0 bytes)"])
    problems: list[str] = []
    counts: dict[str, int | None] = {}
    schema = None
    with closing(sqlite3.connect(readonly_uri(target), uri=True)) as conn:
        pragma = "quick_check" if quick else "integrity_check"
        try:
            rows = conn.execute(f"PRAGMA {pragma}({MAX_PROBLEMS})").fetchall()
            problems += [str(row[0]) for row in rows if row[0] != "ok"]
        except sqlite3.DatabaseError as err:
            problems.append(f"SQLite cannot read the file: {err}")
            return IndexCheck(str(target), size, problems)
        for table in TABLES:
            counts[table] = _count(conn, table, problems)
        schema = _schema(conn)
    if schema is None and not problems:
        problems.append("not a whosaid index (no _migrations table)")
    return IndexCheck(str(target), size, problems, counts, schema)


def _count(conn: sqlite3.Connection, table: str, problems: list[str]) -> int | None:
    try:
        count: int = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    except sqlite3.DatabaseError as err:
        problems.append(f"table {table}: {err}")
        return None
    return count


def _schema(conn: sqlite3.Connection) -> str | None:
    try:
        row = conn.execute(
            "SELECT name FROM _migrations ORDER BY number DESC LIMIT 1"
        ).fetchone()
    except sqlite3.DatabaseError:
        return None
    return None if row is None else str(row[0])
