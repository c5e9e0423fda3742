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


class CorruptIndexError(StoreError):
    """SQLite found the index file damaged (#19)."""

    def __init__(self, path: str | Path, detail: str) -> None:
        super().__init__(
            f"{path}: the index file is damaged ({detail}); see what is left with "
            f"`whosaid check --db {path}`, then restore it from a backup or "
            "re-ingest the articles into a new file"
        )


def is_corruption(err: sqlite3.Error) -> bool:
    """Say whether SQLite raised `err` because the file is damaged.

    "file is not a database" (SQLITE_NOTADB) is not counted: it is what any
    other file gives, and it gets "not a whosaid index".
    """
    name = getattr(err, "sqlite_errorname", "") or ""
    return name.startswith("SQLITE_CORRUPT") or "malformed" in str(err).lower()


def store_error(err: sqlite3.Error, path: str | Path) -> StoreError:
    """Turn an SQLite error on the index at `path` into one clear `StoreError`."""
    if is_corruption(err):
        return CorruptIndexError(path, str(err))
    return StoreError(f"{path}: {err}")


def readonly_uri(path: str | Path) -> str:
    """Return the SQLite URI that opens `path` read-only.

    The path is percent-encoded: pasted as it is, a `#` or `?` in it would
    end the path, and SQLite would open (and create) another file (#19).
    """
    return Path(path).resolve().as_uri() + "?mode=ro"


def db_path(path: str | Path | None = None) -> Path:
    """Return the index path: `path`, else the `db` setting (`whosaid.db`)."""
    return Path(settings.get("db", None if path is None else str(path)))


def connect(
    path: str | Path | None = None,
    *,
    readonly: bool = False,
    check_same_thread: bool = True,
    check: bool = False,
    notes: list[str] | None = None,
) -> sqlite3.Connection:
    """Open (and create or migrate, unless `readonly`) the index at `path`.

    Args:
        path: The database file; ":memory:" works for tests. Default: setting `db`.
        readonly: Open without writing: the file must exist and be up to date.
        check_same_thread: False lets one thread after another use the
            connection (a streamed download); never two at once.
        check: Run `PRAGMA quick_check` on an existing file before writing to
            it (ingest, migrate): writing into a damaged file spreads the damage.
        notes: Gets what each data migration applied now did (`migrate`).

    Raises:
        StoreError: If a read-only index is missing, empty or needs migrating.
        CorruptIndexError: If SQLite finds the file damaged.
    """
    target = str(path) if str(path) == ":memory:" else str(db_path(path))
    if readonly and target != ":memory:":
        if not Path(target).is_file():
            raise StoreError(
                f"{target}: no such index; create it with: whosaid ingest PATH --db {target}"
            )
        if Path(target).stat().st_size == 0:
            raise StoreError(
                f"{target}: the file is empty (0 bytes), not an index; build one "
                f"with: whosaid ingest PATH --db {target}"
            )
        conn = sqlite3.connect(
            readonly_uri(target),
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
        if check and not readonly and target != ":memory:":
            quick_check(conn, target)
        _configure(conn, readonly=readonly, notes=notes)
    except sqlite3.DatabaseError as err:
        conn.close()
        if is_corruption(err):
            raise CorruptIndexError(target, str(err)) from err
        raise StoreError(f"{target}: not a whosaid index ({err})") from err
    except StoreError:
        conn.close()
        raise
    return conn


def quick_check(conn: sqlite3.Connection, path: str | Path) -> None:
    """Raise `CorruptIndexError` unless `PRAGMA quick_check` finds the file sound."""
    rows = [
        " ".join(str(row[0]).split()) for row in conn.execute("PRAGMA quick_check(3)")
    ]
    if rows != ["ok"]:
        raise CorruptIndexError(path, "; ".join(rows))


def _configure(
    conn: sqlite3.Connection, *, readonly: bool, notes: list[str] | None = None
) -> None:
    conn.execute("PRAGMA busy_timeout = 30000")
    conn.execute("PRAGMA foreign_keys = ON")
    # A bigger page cache (64 MB, default 2 MB) keeps index pages of a large
    # corpus in memory: ingest writes to several B-trees at random places.
    conn.execute("PRAGMA cache_size = -65536")
    if readonly:
        from whosaid.store.migrations import MIGRATIONS

        # Readers map the file (#17): a search reads up to thousands of rows
        # by id, and each page read through the page cache was a system call
        # and a copy (2,000 rows: 11-15 ms of CPU time, 7-8 ms mapped, on the
        # 1,000,000-quote index). SQLite caps it at its build's limit (2 GB).
        conn.execute("PRAGMA mmap_size = 4294967296")

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
    migrate(conn, notes)


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
