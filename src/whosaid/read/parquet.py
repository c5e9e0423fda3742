"""Parquet article dumps: the columns of the JSON-lines format, streamed.

A dump has `id` and `text` columns and optionally `url`, `title`, `outlet`,
`published` and `author`; other columns are ignored. Rows are read in batches
with pyarrow's `iter_batches`, so memory stays flat however large the file. A
bad row is a `Failure` naming the file and row number (1-based).

Quote shards written by `whosaid run` are not article dumps; they load with
`whosaid.scale.shards.read_shards`.
"""

from __future__ import annotations

from collections.abc import Iterator

from whosaid.model import Article, Failure
from whosaid.read.items import ReadOptions
from whosaid.read.jsonl import parse_article
from whosaid.read.walk import InputFile

COLUMNS = ("id", "text", "url", "title", "outlet", "published", "author")
BATCH_ROWS = 256


def read_parquet(file: InputFile, options: ReadOptions) -> Iterator[Article | Failure]:
    """Stream the articles of a Parquet file, one row batch at a time.

    Its strings are UTF-8 by the format; `options` are not needed to read them.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = file.path
    try:
        # pyarrow pre-buffers every row group by default: the whole file (#7).
        parquet = pq.ParquetFile(path, pre_buffer=False)
    except (OSError, pa.ArrowException) as err:
        yield Failure(
            str(path), f"not a readable Parquet file ({err})", kind="malformed"
        )
        return
    names = set(parquet.schema_arrow.names)
    if not {"id", "text"} <= names:
        hint = (
            "; this looks like a quote shard: load it with `whosaid ingest DIR`"
            if "content" in names
            else ""
        )
        yield Failure(
            str(path),
            f"an article dump needs 'id' and 'text' columns{hint}",
            kind="malformed",
        )
        return
    columns = [name for name in COLUMNS if name in names]
    row = 0
    try:
        for batch in parquet.iter_batches(batch_size=BATCH_ROWS, columns=columns):
            for record in batch.to_pylist():
                row += 1
                yield parse_article(record, f"{path}:{row}")
    except (OSError, pa.ArrowException) as err:
        yield Failure(
            f"{path}:{row + 1}", f"corrupt Parquet data ({err})", kind="malformed"
        )
