"""What every request handler shares: the app's context and the read-only index.

Kept apart from `whosaid.web.app` so that the routers (`api`, `pages`) import
it without importing the app that includes them (#12).
"""

from __future__ import annotations

import copy
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.templating import Jinja2Templates

from whosaid.web.errors import IndexUnusableError, NoIndexError
from whosaid.web.extraction import ExtractionPool, LazyExtractor
from whosaid.web.limits import Limits


@dataclass(frozen=True, slots=True)
class WebContext:
    """What every request handler needs, held on `app.state.ctx`."""

    db_path: Path
    token: str | None
    limits: Limits
    pool: ExtractionPool
    templates: Jinja2Templates
    cache: IndexCache = field(default_factory=lambda: IndexCache())

    @property
    def extractor(self) -> LazyExtractor:
        """The lazily loaded engine (use `pool` to run it from a request)."""
        return self.pool.extractor

    def overview(self, conn: sqlite3.Connection) -> dict[str, Any]:
        """Return the index overview, recomputed only after the index changed."""
        from whosaid.web.queries import get_overview

        overview: dict[str, Any] = self.cache.get(
            "overview", self.db_path, lambda: get_overview(conn)
        )
        return overview


@dataclass(slots=True)
class IndexCache:
    """Whole-index answers (counts over every quote), kept until the files change.

    The key is the size and modification time of the database and its WAL, so
    an ingest running beside the server invalidates it.
    """

    entries: dict[str, tuple[tuple[int, ...], Any]] = field(default_factory=dict)

    def get(self, name: str, db_path: Path, compute: Callable[[], Any]) -> Any:
        stamp = _file_stamp(db_path)
        hit = self.entries.get(name)
        if hit is not None and hit[0] == stamp:
            return copy.deepcopy(hit[1])
        value = compute()
        self.entries[name] = (stamp, value)
        return copy.deepcopy(value)


def _file_stamp(db_path: Path) -> tuple[int, ...]:
    stamp: list[int] = []
    for path in (db_path, db_path.with_name(db_path.name + "-wal")):
        try:
            info = path.stat()
        except OSError:
            stamp += [-1, -1]
            continue
        stamp += [info.st_size, info.st_mtime_ns]
    return tuple(stamp)


def get_context(request: Request) -> WebContext:
    """Return the app's context (a FastAPI dependency)."""
    ctx: WebContext = request.app.state.ctx
    return ctx


_local = threading.local()


@contextmanager
def read_index(ctx: WebContext) -> Iterator[sqlite3.Connection]:
    """Lend the index, read-only, to the body of one request handler.

    Handlers call this themselves, inside the worker thread that runs them: an
    SQLite connection may only be used by the thread that opened it, and a
    FastAPI dependency's set-up and tear-down can run on other threads. Each
    worker thread keeps its connection (and so its warm page cache) while the
    file stays the same; connections run in autocommit mode, so every query
    sees what an ingest running beside the server has committed.

    Raises:
        NoIndexError: If there is no index at the app's path.
        IndexUnusableError: If the file is not a usable whosaid index, or
            SQLite fails while reading it: damaged, locked (503).
    """
    from whosaid.store.db import StoreError, connect, store_error

    try:
        info = ctx.db_path.stat()
    except OSError:
        raise NoIndexError(str(ctx.db_path)) from None
    key = (str(ctx.db_path.resolve()), info.st_dev, info.st_ino)
    cached: dict[tuple[str, int, int], sqlite3.Connection] = _local.__dict__.setdefault(
        "connections", {}
    )
    conn = cached.pop(key, None)
    if conn is None:
        try:
            conn = connect(ctx.db_path, readonly=True)
        except StoreError as err:
            raise IndexUnusableError(str(err)) from err
    healthy = True
    try:
        yield conn
    except sqlite3.Error as err:  # a damaged file, a lock held too long (#19)
        healthy = False
        raise IndexUnusableError(str(store_error(err, ctx.db_path))) from err
    finally:
        if healthy:
            cached[key] = conn
        else:
            conn.close()
