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

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from whosaid.model import Article, Failure, Quote, Result
from whosaid.read.items import Skipped

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
        ]
    )


def _article_row(item: Result | Failure) -> dict[str, Any]:
    if isinstance(item, Failure):
        status = "skipped" if isinstance(item, Skipped) else "failed"
        return {"source": item.source, "status": status, "reason": item.reason}
    article = item.article
    row: dict[str, Any] = {
        "id": article.id,
        "text": article.text,
        "source": article.source,
        "status": "ok",
        "quotes": len(item.quotes),
        "skipped": sorted(item.skipped.items()),
    }
    row.update((name, getattr(article, name)) for name in META)
    return row


def _quote_rows(item: Result) -> Iterator[dict[str, Any]]:
    meta = {name: getattr(item.article, name) for name in META}
    for quote in item.quotes:
        yield quote.to_record() | meta


@dataclass
class RunReport:
    """What a run wrote: counts for its one summary line."""

    articles: int = 0
    quotes: int = 0
    shards: int = 0
    failures: list[Failure] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)

    def add(self, item: Result | Failure) -> None:
        if isinstance(item, Skipped):
            self.skipped[item.reason] += 1
        elif isinstance(item, Failure):
            self.failures.append(item)
        else:
            self.articles += 1
            self.quotes += len(item.quotes)
            self.skipped.update(item.skipped)

    def merge(self, other: RunReport) -> None:
        self.articles += other.articles
        self.quotes += other.quotes
        self.shards += other.shards
        self.failures += other.failures
        self.skipped.update(other.skipped)

    def to_dict(self) -> dict[str, Any]:
        failures = [[failure.source, failure.reason] for failure in self.failures]
        return {
            "articles": self.articles,
            "quotes": self.quotes,
            "shards": self.shards,
            "failures": failures,
            "skipped": dict(self.skipped),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RunReport:
        return cls(
            articles=int(data["articles"]),
            quotes=int(data["quotes"]),
            shards=int(data["shards"]),
            failures=[Failure(source, reason) for source, reason in data["failures"]],
            skipped=Counter(data["skipped"]),
        )

    def summary(self, output: str) -> str:
        line = (
            f"extracted {self.quotes} quotes from {self.articles} articles "
            f"into {self.shards} shards in {output}"
        )
        notes = [f"{len(self.failures)} inputs failed"] if self.failures else []
        notes += [
            f"{count} skipped: {why}" for why, count in self.skipped.items() if count
        ]
        return line + (f" ({'; '.join(notes)})" if notes else "")


def write_shard(items: list[Result | Failure], output: str, name: str) -> RunReport:
    """Write one pair of shards `part-<name>.parquet` for `items`.

    `output` is a local folder or any URI pyarrow can write (s3://, gs://).
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    report = RunReport(shards=1)
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
) -> RunReport:
    """Write results as numbered shard pairs (`part-00000`, ...), one writer."""
    report = RunReport()
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
    if row["status"] == "skipped":
        return Skipped(row["source"], row["reason"])
    if row["status"] != "ok":
        return Failure(row["source"], row["reason"])
    article = Article(
        id=row["id"],
        text=row["text"],
        source=row["source"],
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
