"""Open the quote index: one SQLite file in WAL mode, migrated on open.

WAL lets readers (`whosaid search`, the web app) run while `whosaid ingest`
writes; there is one writer at a time. Connections run in autocommit mode and
the store opens its own transactions (`transaction()`), so a batch of articles
is written all or nothing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from whosaid import settings
from whosaid.errors import WhosaidError
from whosaid.store.migrations import migrate


class StoreError(WhosaidError):
    """The quote index cannot be opened or used."""


def db_path(path: str | Path | None = None) -> Path:
    """Return the index path: `path`, else the `db` setting (`whosaid.db`)."""
    return Path(settings.get("db", None if path is None else str(path)))


def connect(
    path: str | Path | None = None,
    *,
    readonly: bool = False,
    check_same_thread: bool = True,
) -> sqlite3.Connection:
    """Open (and create or migrate, unless `readonly`) the index at `path`.

    Args:
        path: The database file; ":memory:" works for tests. Default: setting `db`.
        readonly: Open without writing: the file must exist and be up to date.
        check_same_thread: False lets one thread after another use the
            connection (a streamed download); never two at once.

    Raises:
        StoreError: If a read-only index is missing or needs migrating.
    """
    target = str(path) if str(path) == ":memory:" else str(db_path(path))
    if readonly and target != ":memory:":
        if not Path(target).is_file():
            raise StoreError(
                f"{target}: no such index; create it with: whosaid ingest PATH --db {target}"
            )
        conn = sqlite3.connect(
            f"file:{target}?mode=ro",
            uri=True,
            isolation_level=None,
            timeout=30,
            check_same_thread=check_same_thread,
        )
    else:
        conn = sqlite3.connect(
            target,
            isolation_level=None,
            timeout=30,
            check_same_thread=check_same_thread,
        )
    conn.row_factory = sqlite3.Row
    try:
        _configure(conn, readonly=readonly)
    except sqlite3.DatabaseError as err:
        conn.close()
        raise StoreError(f"{target}: not a whosaid index ({err})") from err
    return conn


def _configure(conn: sqlite3.Connection, *, readonly: bool) -> None:
    conn.execute("PRAGMA busy_timeout = 30000")
    conn.execute("PRAGMA foreign_keys = ON")
    # A bigger page cache (64 MB, default 2 MB) keeps index pages of a large
    # corpus in memory: ingest writes to several B-trees at random places.
    conn.execute("PRAGMA cache_size = -65536")
    if readonly:
        from whosaid.store.migrations import MIGRATIONS

        has_table = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE name = '_migrations'"
        ).fetchone()
        names = (
            [row[0] for row in conn.execute("SELECT name FROM _migrations")]
            if has_table
            else []
        )
        if len(names) < len(MIGRATIONS):
            raise StoreError(
                "the index is older than this whosaid; run `whosaid migrate` "
                "(or any ingest) on it once"
            )
        return
    conn.execute("PRAGMA journal_mode = WAL")
    # NORMAL in WAL mode: a power cut may lose the last commits, never corrupt;
    # a killed process loses nothing that was committed.
    conn.execute("PRAGMA synchronous = NORMAL")
    migrate(conn)


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """Run a block in one write transaction: all of it is committed, or none."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
