"""Parquet shards of articles and quotes: what `whosaid run` writes.

An output folder holds pairs of files with the same name:

    OUT/articles/part-<name>.parquet   one row per input (ARTICLE_SCHEMA)
    OUT/quotes/part-<name>.parquet     one row per quote of those articles

A quotes row is `Quote.to_record()` (nested `content`, `cue`, `speaker` as
`{start, end, text}` structs, `chain` a list of them) plus the article's `url`,
`title`, `outlet`, `published` and `author`, so the quotes alone answer "who
said what, where, when" in DuckDB or Spark:

    SELECT speaker_name, content.text, outlet FROM 'OUT/quotes/*.parquet'

An articles row keeps the extracted text the offsets point into, the article
metadata, `status` ("ok", "skipped", "failed") with `reason`, the number of
quotes and the engine's skip counts. Pairing the files keeps every article's
quotes beside it, so `read_shards` streams one pair at a time.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from whosaid.model import Article, Failure, Quote, Result
from whosaid.read.items import Skipped
from whosaid.report import RunSummary

if TYPE_CHECKING:
    import pyarrow as pa

META = ("url", "title", "outlet", "published", "author")
SHARD_ROWS = 1000  # articles per shard pair


def _span_type() -> pa.DataType:
    import pyarrow as pa

    return pa.struct(
        [("start", pa.int64()), ("end", pa.int64()), ("text", pa.string())]
    )


def quote_schema() -> pa.Schema:
    """The columns of a quotes shard: `Quote.to_record()` plus article metadata."""
    import pyarrow as pa

    span = _span_type()
    text = pa.string()
    return pa.schema(
        [
            ("doc", text),
            ("type", text),
            ("content", span),
            ("cue", span),
            ("speaker", span),
            ("speaker_name", text),
            ("speaker_title", text),
            ("confidence", pa.float64()),
            ("kind", text),
            ("cue_stance", text),
            ("speaker_org", text),
            ("speaker_is_org", pa.bool_()),
            ("resolved_by", text),
            ("chain", pa.list_(span)),
            ("engine", text),
            *((name, text) for name in META),
        ]
    )


def article_schema() -> pa.Schema:
    """The columns of an articles shard: one row per input."""
    import pyarrow as pa

    text = pa.string()
    return pa.schema(
        [
            ("id", text),
            ("text", text),
            *((name, text) for name in META),
            ("source", text),
            ("status", text),
            ("reason", text),
            ("quotes", pa.int32()),
            ("skipped", pa.map_(text, pa.int64())),
            ("kind", text),  # of a failure or skip (#16)
            ("encoding", text),  # the input's bytes were decoded with (#16)
            ("detail", text),  # of a skip: the language found
        ]
    )


def _article_row(item: Result | Failure) -> dict[str, Any]:
    if isinstance(item, Failure):
        status = "skipped" if isinstance(item, Skipped) else "failed"
        return {
            "source": item.source,
            "status": status,
            "reason": item.reason,
            "kind": item.kind,
            "detail": item.detail,
        }
    article = item.article
    row: dict[str, Any] = {
        "id": article.id,
        "text": article.text,
        "source": article.source,
        "status": "ok",
        "quotes": len(item.quotes),
        "skipped": sorted(item.skipped.items()),
        "encoding": article.encoding,
    }
    row.update((name, getattr(article, name)) for name in META)
    return row


def _quote_rows(item: Result) -> Iterator[dict[str, Any]]:
    meta = {name: getattr(item.article, name) for name in META}
    for quote in item.quotes:
        yield quote.to_record() | meta


def write_shard(items: list[Result | Failure], output: str, name: str) -> RunSummary:
    """Write one pair of shards `part-<name>.parquet` for `items`.

    `output` is a local folder or any URI pyarrow can write (s3://, gs://).
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    report = RunSummary(command="run", shards=1)
    articles: list[dict[str, Any]] = []
    quotes: list[dict[str, Any]] = []
    for item in items:
        report.add(item)
        articles.append(_article_row(item))
        if isinstance(item, Result):
            quotes.extend(_quote_rows(item))
    filesystem, root = pa.fs.FileSystem.from_uri(_uri(output))
    for folder, rows, schema in (
        ("articles", articles, article_schema()),
        ("quotes", quotes, quote_schema()),
    ):
        filesystem.create_dir(f"{root}/{folder}", recursive=True)
        table = pa.Table.from_pylist(rows, schema=schema)
        pq.write_table(
            table, f"{root}/{folder}/part-{name}.parquet", filesystem=filesystem
        )
    return report


def _uri(output: str) -> str:
    return output if "://" in output else str(Path(output).resolve())


def write_shards(
    items: Iterable[Result | Failure], output: str, *, shard_rows: int = SHARD_ROWS
) -> RunSummary:
    """Write results as numbered shard pairs (`part-00000`, ...), one writer."""
    report = RunSummary(command="run")
    batch: list[Result | Failure] = []
    for item in items:
        batch.append(item)
        if len(batch) >= shard_rows:
            report.merge(write_shard(batch, output, f"{report.shards:05d}"))
            batch = []
    if batch or not report.shards:
        report.merge(write_shard(batch, output, f"{report.shards:05d}"))
    return report


def _result(row: dict[str, Any], quotes: list[Quote]) -> Result | Failure:
    # Shards written before #16 have no kind, detail or encoding column.
    kind, detail = row.get("kind") or "error", row.get("detail")
    if row["status"] == "skipped":
        return Skipped(row["source"], row["reason"], kind=kind, detail=detail)
    if row["status"] != "ok":
        return Failure(row["source"], row["reason"], kind=kind, detail=detail)
    article = Article(
        id=row["id"],
        text=row["text"],
        source=row["source"],
        encoding=row.get("encoding"),
        **{name: row[name] for name in META},
    )
    return Result(article, quotes, dict(row["skipped"] or []))


def read_shards(folder: str | Path) -> Iterator[Result | Failure]:
    """Stream the results stored in an output folder of `whosaid run`.

    Yields, per articles row, a `Result` with its quotes rebuilt by
    `Quote.from_record`, a `Skipped`, or a `Failure`, shard by shard in name
    order; one shard pair is in memory at a time. Quotes rows are stored in
    the order of their articles, `quotes` rows per article.

    Raises:
        FileNotFoundError: If `folder` has no `articles/` shards.
    """
    import pyarrow.parquet as pq

    root = Path(folder)
    names = sorted(path.name for path in (root / "articles").glob("*.parquet"))
    if not names:
        raise FileNotFoundError(f"{root}: no articles/*.parquet shards")
    for name in names:
        quotes_path = root / "quotes" / name
        records = pq.read_table(quotes_path).to_pylist() if quotes_path.exists() else []
        position = 0
        for row in pq.read_table(root / "articles" / name).to_pylist():
            count = row["quotes"] or 0
            quotes = [
                Quote.from_record(r) for r in records[position : position + count]
            ]
            position += count
            yield _result(row, quotes)


def is_shard_folder(path: str | Path) -> bool:
    """Say whether `path` is an output folder of `whosaid run`."""
    return any((Path(path) / "articles").glob("*.parquet"))
