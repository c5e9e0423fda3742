"""Write indexed quotes to JSON lines, CSV or Parquet, streaming."""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import fields
from itertools import islice
from pathlib import Path
from typing import IO, Any

from whosaid.errors import WhosaidError
from whosaid.store.queries import QuoteFilter, QuoteRow, iter_quotes

FORMATS = ("jsonl", "csv", "parquet")
COLUMNS = [f.name for f in fields(QuoteRow)]
_PARQUET_BATCH = 10_000


class ExportError(WhosaidError):
    """An export that cannot be written."""


def export_quotes(
    conn: sqlite3.Connection,
    out: IO[str] | Path,
    fmt: str,
    *,
    text: str | None = None,
    filters: QuoteFilter | None = None,
) -> int:
    """Write every matching quote to `out`; return how many were written.

    Args:
        out: A text stream (jsonl, csv) or a file path (any format; parquet
            needs a path).
        fmt: jsonl, csv or parquet.
        text: Optional full-text query, as for `search_quotes`.
        filters: Speaker, outlet, dates, type, kind, stance.

    Raises:
        ExportError: If the format is unknown or parquet has no file path.
    """
    if fmt not in FORMATS:
        raise ExportError(f"--format must be one of {', '.join(FORMATS)}; got {fmt!r}")
    rows = (row.to_dict() for row in iter_quotes(conn, text, filters))
    if fmt == "parquet":
        if not isinstance(out, Path):
            raise ExportError("parquet is binary; name a file with --output FILE")
        return _write_parquet(rows, out)
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8", newline="") as stream:
            return _write_text(rows, stream, fmt)
    return _write_text(rows, out, fmt)


def _write_text(rows: Iterable[dict[str, Any]], out: IO[str], fmt: str) -> int:
    count = 0
    writer = None
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=COLUMNS)
        writer.writeheader()
    for row in rows:
        if writer is not None:
            writer.writerow(row)
        else:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


def _write_parquet(rows: Iterable[dict[str, Any]], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    integer, text, real = pa.int64(), pa.string(), pa.float64()
    types = {
        "id": integer, "speaker_id": integer, "cluster_id": integer,
        "cluster_articles": integer, "cluster_outlets": integer,
        "content_start": integer, "content_end": integer,
        "cue_start": integer, "cue_end": integer, "speaker_start": integer,
        "speaker_end": integer, "confidence": real,
    }  # fmt: skip
    schema = pa.schema([(name, types.get(name, text)) for name in COLUMNS])
    count = 0
    iterator = iter(rows)
    with pq.ParquetWriter(str(path), schema) as writer:
        while batch := list(islice(iterator, _PARQUET_BATCH)):
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count
