"""The quote index: articles, quotes, speakers and repeated quotes in SQLite.

`connect()` opens (and migrates) the index; `Ingester` is its single writer;
`whosaid.store.queries` answers questions about it.
"""

from __future__ import annotations

from whosaid.store.db import StoreError, connect, transaction
from whosaid.store.ingest import Ingester

__all__ = ["Ingester", "StoreError", "connect", "transaction"]
