"""Stream the quotes of a search as CSV or JSON lines (#17).

A download is the current search, in its order, up to the `web_export_max`
setting. Rows are read from the index while the response is sent, so memory
stays flat whatever the size. The connection is the download's own: Starlette
pulls each chunk from a worker thread, not always the same one.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from fastapi.responses import StreamingResponse

from whosaid import settings
from whosaid.store.db import StoreError, connect
from whosaid.store.export import COLUMNS
from whosaid.store.search import iter_quotes
from whosaid.web.context import WebContext
from whosaid.web.errors import IndexUnusableError, NoIndexError
from whosaid.web.queries import SearchFilters, quote_filter

MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson"}
_CHUNK = 500


def stream_quotes(
    ctx: WebContext, filters: SearchFilters, fmt: str
) -> StreamingResponse:
    """Answer with every quote `filters` match, as `fmt` (csv or jsonl).

    Raises:
        NoIndexError: If there is no index at the app's path.
        IndexUnusableError: If the file is not a usable whosaid index.
    """
    if not ctx.db_path.is_file():
        raise NoIndexError(str(ctx.db_path))
    try:
        conn = connect(ctx.db_path, readonly=True, check_same_thread=False)
    except StoreError as err:
        raise IndexUnusableError(str(err)) from err
    limit = int(settings.get("web_export_max"))
    rows = iter_quotes(
        conn,
        filters.q or None,
        quote_filter(filters),
        sort=filters.sort or ("relevance" if filters.q else "date"),
        limit=limit,
    )

    def chunks() -> Iterator[str]:
        try:
            buffer = io.StringIO()
            writer = (
                csv.DictWriter(buffer, fieldnames=COLUMNS) if fmt == "csv" else None
            )
            if writer is not None:
                writer.writeheader()
            for count, row in enumerate(rows, start=1):
                if writer is not None:
                    writer.writerow(row.to_dict())
                else:
                    buffer.write(json.dumps(row.to_dict(), ensure_ascii=False) + "\n")
                if count % _CHUNK == 0:
                    yield buffer.getvalue()
                    buffer.seek(0)
                    buffer.truncate()
            yield buffer.getvalue()
        finally:
            conn.close()

    return StreamingResponse(
        chunks(),
        media_type=MEDIA_TYPES[fmt],
        headers={
            "content-disposition": f'attachment; filename="whosaid-quotes.{fmt}"',
            "x-whosaid-export-limit": str(limit),
        },
    )
