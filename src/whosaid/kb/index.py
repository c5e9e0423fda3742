"""Index a Wikidata dump's people and organisations in SQLite, in bounded memory.

Two streaming passes over the dump: the first keeps people and organisations
(`whosaid.kb.entity`) with their names and claims, and records the items they
refer to in a table; the second keeps the labels of those items (offices,
parties, occupations, countries). Rows go to SQLite in batches, so memory does
not grow with the dump: what grows is the index file.

The index is written to a temporary file and renamed at the end, so a failed
build leaves no half index. `open_kb` reuses an index while its dump keeps the
same path, size and modification time.

Tables: `entities` (qid, kind, label, description, gender, born, died,
sitelinks), `names` (identity key of each label and alias -> qid), `claims`
(qid, property, value, start, end), `labels` (qid -> label of referenced
items), `meta`.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whosaid.kb.dump import KBFormatError, iter_lines, parse_entity
from whosaid.kb.entity import Entity, kind_of, label_of, read_entity, referenced
from whosaid.store.names import identity_key, speaker_key

FORMAT = "whosaid-kb-1"
_BATCH = 5000
_ID = re.compile(r'"id"\s*:\s*"([QP]\d+)"')

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE entities (
    qid TEXT PRIMARY KEY, kind TEXT NOT NULL, label TEXT NOT NULL,
    description TEXT, gender TEXT, born TEXT, died TEXT,
    sitelinks INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE TABLE names (
    ident TEXT NOT NULL, qid TEXT NOT NULL, is_label INTEGER NOT NULL,
    PRIMARY KEY (ident, qid)
) WITHOUT ROWID;
CREATE TABLE claims (
    qid TEXT NOT NULL, prop TEXT NOT NULL, value TEXT NOT NULL,
    start TEXT, end TEXT
);
CREATE TABLE wanted (qid TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE labels (qid TEXT PRIMARY KEY, label TEXT NOT NULL) WITHOUT ROWID;
"""


@dataclass
class KBStats:
    """What a build read and kept."""

    lines: int = 0
    people: int = 0
    orgs: int = 0
    labels: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        return (
            f"indexed {self.people:,} people and {self.orgs:,} organisations "
            f"from {self.lines:,} entities ({self.labels:,} labels of offices, "
            f"parties and occupations) in {self.seconds:.1f} s"
        )


def build_index(
    source: Path,
    target: Path,
    *,
    extra_org_classes: frozenset[str] = frozenset(),
    progress: Callable[[int], None] | None = None,
) -> KBStats:
    """Index the dump `source` into the SQLite file `target` (replaced).

    Raises:
        KBFormatError: If the dump is not in Wikidata's JSON format, or is
            truncated; the message names the file and line.
    """
    started = time.perf_counter()
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    conn = sqlite3.connect(partial, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        conn.executescript(SCHEMA)
        stats = KBStats()
        conn.execute("BEGIN")
        _keep_entities(conn, source, stats, extra_org_classes, progress)
        conn.execute("CREATE INDEX claims_qid ON claims(qid, prop)")
        _keep_labels(conn, source, stats)
        conn.execute("DROP TABLE wanted")
        stats.seconds = time.perf_counter() - started
        _write_meta(conn, source, stats)
        conn.execute("COMMIT")
    except BaseException:
        conn.close()
        partial.unlink(missing_ok=True)
        raise
    conn.close()
    partial.replace(target)
    return stats


def _keep_entities(
    conn: sqlite3.Connection,
    source: Path,
    stats: KBStats,
    extra_org_classes: frozenset[str],
    progress: Callable[[int], None] | None,
) -> None:
    batch: list[Entity] = []
    for number, text in iter_lines(source):
        stats.lines += 1
        data = parse_entity(source, number, text)
        kind = kind_of(data, extra_org_classes)
        entity = read_entity(data, kind) if kind else None
        if entity is None:
            continue
        stats.people += kind == "person"
        stats.orgs += kind == "org"
        batch.append(entity)
        if len(batch) >= _BATCH:
            _insert(conn, batch)
            batch = []
            if progress is not None:
                progress(stats.lines)
    _insert(conn, batch)


def _insert(conn: sqlite3.Connection, batch: list[Entity]) -> None:
    conn.executemany(
        "INSERT OR REPLACE INTO entities VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                e.qid,
                e.kind,
                e.label,
                e.description,
                e.gender,
                e.born,
                e.died,
                e.sitelinks,
            )
            for e in batch
        ],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO names VALUES (?, ?, ?)",
        [
            (ident, e.qid, int(i == 0))
            for e in batch
            for i, name in enumerate((e.label, *e.aliases))
            if (ident := identity_key(speaker_key(name)))
        ],
    )
    conn.executemany(
        "INSERT INTO claims VALUES (?, ?, ?, ?, ?)",
        [(e.qid, c.prop, c.value, c.start, c.end) for e in batch for c in e.claims],
    )
    conn.executemany(
        "INSERT OR IGNORE INTO wanted VALUES (?)",
        [(qid,) for e in batch for qid in referenced(e)],
    )


def _keep_labels(conn: sqlite3.Connection, source: Path, stats: KBStats) -> None:
    """Second pass: labels of the items people and organisations refer to."""
    rows: list[tuple[str, str]] = []
    for number, text in iter_lines(source):
        match = _ID.search(text, 0, 200)
        qid = match.group(1) if match else None
        if (
            qid is not None
            and not conn.execute(
                "SELECT 1 FROM wanted WHERE qid = ?", (qid,)
            ).fetchone()
        ):
            continue
        data = parse_entity(source, number, text)
        label = label_of(data)
        if label is not None and data["id"] == (qid or data["id"]):
            rows.append((str(data["id"]), label))
        if len(rows) >= _BATCH:
            stats.labels += len(rows)
            conn.executemany("INSERT OR REPLACE INTO labels VALUES (?, ?)", rows)
            rows = []
    stats.labels += len(rows)
    conn.executemany("INSERT OR REPLACE INTO labels VALUES (?, ?)", rows)


def _write_meta(conn: sqlite3.Connection, source: Path, stats: KBStats) -> None:
    status = source.stat()
    conn.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [
            ("format", FORMAT),
            ("source", str(source.resolve())),
            ("size", str(status.st_size)),
            ("mtime", str(status.st_mtime_ns)),
            ("people", str(stats.people)),
            ("orgs", str(stats.orgs)),
            ("built_at", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())),
        ],
    )


def is_index(path: Path) -> bool:
    """Whether `path` is already a whosaid KB index (an SQLite file)."""
    try:
        with path.open("rb") as stream:
            return stream.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def open_kb(
    source: Path, index: Path, *, rebuild: bool = False
) -> tuple[sqlite3.Connection, KBStats | None]:
    """Open the KB index for `source`, building it when missing or stale.

    `source` may itself be an index. Returns the read-only connection and the
    build's stats (None when an index was reused).

    Raises:
        KBFormatError: If the dump cannot be read or indexed.
    """
    if not source.is_file():
        raise KBFormatError(f"{source}: no such file; give a Wikidata JSON dump")
    if is_index(source):
        return _open(source), None
    stats = None
    if rebuild or not _is_current(index, source):
        stats = build_index(source, index)
    return _open(index), stats


def _is_current(index: Path, source: Path) -> bool:
    if not is_index(index):
        return False
    try:
        conn = _open(index)
        meta: dict[str, Any] = dict(
            conn.execute("SELECT key, value FROM meta").fetchall()
        )
        conn.close()
    except sqlite3.Error:
        return False
    status = source.stat()
    return bool(
        meta.get("format") == FORMAT
        and meta.get("source") == str(source.resolve())
        and meta.get("size") == str(status.st_size)
        and meta.get("mtime") == str(status.st_mtime_ns)
    )


def _open(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        conn.execute("SELECT 1 FROM entities LIMIT 1")
    except sqlite3.DatabaseError as err:
        conn.close()
        raise KBFormatError(f"{path}: not a whosaid KB index ({err})") from err
    return conn
