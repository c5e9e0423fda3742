"""The one way the web app writes: add an article to the index, with the token.

Writing is off unless the app was created with a token. A write extracts the
article's quotes with the app's engine and hands the result to the index's
own writer (`whosaid.store.ingest.Ingester`), so an article added here is
stored exactly as `whosaid ingest` would store it (same id or text: nothing
added).
"""

from __future__ import annotations

import hmac
import sqlite3
import threading
from contextlib import closing
from typing import Any
from urllib.parse import quote

from whosaid.model import Result
from whosaid.web.context import WebContext
from whosaid.web.errors import (
    BadParameterError,
    BadTokenError,
    IndexUnusableError,
    WritingOffError,
)

# One writer per process; SQLite serialises writers across processes.
_write_lock = threading.Lock()


def check_token(ctx: WebContext, given: str | None) -> None:
    """Allow a write only when the server has a token and `given` matches it.

    Raises:
        WritingOffError: If the server was started without a token (403).
        BadTokenError: If `given` is missing or wrong (401).
    """
    if ctx.token is None:
        raise WritingOffError()
    if not given or not hmac.compare_digest(given.encode(), ctx.token.encode()):
        raise BadTokenError()


def bearer_token(authorization: str | None) -> str | None:
    """Return the token of an `Authorization: Bearer TOKEN` header."""
    if not authorization:
        return None
    scheme, _, value = authorization.partition(" ")
    return value.strip() if scheme.lower() == "bearer" else None


def store_result(ctx: WebContext, result: Result) -> dict[str, Any]:
    """Add an extracted article and its quotes to the index.

    Returns:
        `{"id", "added", "quotes", "url"}`; `added` is False when the index
        already held the article (same id or same text).

    Raises:
        IndexUnusableError: If the index cannot be opened for writing.
    """
    from whosaid.identity import text_digest
    from whosaid.store.db import StoreError, connect, store_error
    from whosaid.store.ingest import Ingester

    article = result.article
    try:
        with _write_lock, closing(connect(ctx.db_path)) as conn:
            ingester = Ingester(conn, engine=ctx.extractor.engine_label(), batch_size=1)
            report = ingester.ingest([result])
            # A taken id gives the new text a suffixed id (#16): link to that.
            row = conn.execute(
                "SELECT doc_id FROM articles WHERE text_hash = ?",
                (text_digest(article.text),),
            ).fetchone()
    except StoreError as err:
        raise IndexUnusableError(str(err)) from err
    except sqlite3.Error as err:  # a damaged file, a lock held too long (#19)
        raise IndexUnusableError(str(store_error(err, ctx.db_path))) from err
    if report.failures:
        raise BadParameterError("text", report.failures[0].reason)
    doc_id = str(row[0]) if row is not None else article.id
    return {
        "id": doc_id,
        "added": report.articles > 0,
        "quotes": len(result.quotes),
        "url": f"/articles/{quote(doc_id)}",
    }
