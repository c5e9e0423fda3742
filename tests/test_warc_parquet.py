"""Parquet in and out: article dumps streamed in, shard pairs written and read."""

from __future__ import annotations

import pickle
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from whosaid.model import Article, Failure, Quote, Result, Span
from whosaid.read import read_inputs
from whosaid.read.items import Skipped
from whosaid.report import RunSummary
from whosaid.scale.shards import (
    article_schema,
    is_shard_folder,
    quote_schema,
    read_shards,
    write_shards,
)


def test_parquet_dump_streams_rows_as_articles(tmp_path: Path) -> None:
    path = tmp_path / "dump.parquet"
    rows = [
        {"id": f"a{n}", "text": f"Story {n}.", "url": f"https://x.example/{n}"}
        for n in range(600)
    ]
    rows[7]["text"] = ""
    table = pa.Table.from_pylist(rows).append_column("extra", pa.array([1] * 600))
    pq.write_table(table, path, row_group_size=100)
    items = list(read_inputs([path]))
    assert len(items) == 600
    assert isinstance(items[7], Failure)
    assert items[7].source == f"{path}:8"
    first = items[0]
    assert isinstance(first, Article)
    assert (first.id, first.text, first.url, first.title) == (
        "a0",
        "Story 0.",
        "https://x.example/0",
        None,
    )
    last = items[599]
    assert isinstance(last, Article) and last.id == "a599"


def test_parquet_without_text_column_is_one_failure(tmp_path: Path) -> None:
    path = tmp_path / "quotes.parquet"
    pq.write_table(pa.table({"doc": ["a"], "content": ["x"]}), path)
    (failure,) = list(read_inputs([path]))
    assert isinstance(failure, Failure)
    assert "'id' and 'text'" in failure.reason and "quote shard" in failure.reason


def test_corrupt_parquet_is_one_failure(tmp_path: Path) -> None:
    path = tmp_path / "broken.parquet"
    path.write_bytes(b"PAR1 not really")
    (failure,) = list(read_inputs([path]))
    assert isinstance(failure, Failure)
    assert "Parquet" in failure.reason


def _result(n: int) -> Result:
    text = f'"We will build it," Ana Ruiz {n} said. She added that it is late.'
    article = Article(
        id=f"doc{n}",
        text=text,
        url=f"https://x.example/{n}",
        title=f"Title {n}",
        outlet="Courier",
        published="2026-03-01",
        author="Kim Lo",
        source=f"dump.jsonl:{n}",
    )
    end = text.index(" said")
    speaker = Span.of(text, text.index("Ana"), end)
    quotes = [
        Quote(
            doc=article.id,
            type="direct",
            content=Span.of(text, 0, 19),
            cue=Span.of(text, end + 1, end + 5),
            speaker=speaker,
            speaker_name=speaker.text,
            speaker_title=None,
            confidence=0.9,
            chain=(speaker,),
            engine="test.v1",
        ),
        Quote(
            doc=article.id,
            type="indirect",
            content=Span.of(text, text.index("it is"), len(text) - 1),
            cue=None,
            speaker=None,
            speaker_name=None,
            speaker_title=None,
            confidence=0.5,
            kind="belief",
            speaker_is_org=True,
            engine="test.v1",
        ),
    ]
    return Result(article, quotes[: n % 3], {"unbalanced quotes": n % 2})


def test_shards_round_trip(tmp_path: Path) -> None:
    items: list[Result | Failure] = [_result(n) for n in range(7)]
    items.insert(3, Skipped("crawl.warc@10", "not HTML"))
    items.insert(5, Failure("crawl.warc@99", "WARC record cut off"))
    report = write_shards(items, str(tmp_path / "out"), shard_rows=4)
    assert (report.articles, report.shards) == (7, 3)
    assert report.quotes == sum(len(i.quotes) for i in items if isinstance(i, Result))
    assert report.skipped["not HTML"] == 1 and len(report.failures) == 1
    assert is_shard_folder(tmp_path / "out")
    assert list(read_shards(tmp_path / "out")) == items


def test_quote_shards_read_as_plain_parquet(tmp_path: Path) -> None:
    write_shards([_result(n) for n in range(4)], str(tmp_path))
    quotes = pq.read_table(tmp_path / "quotes")
    assert quotes.schema.equals(quote_schema())
    row = quotes.to_pylist()[0]
    assert row["content"]["text"] == '"We will build it,"'
    assert (row["outlet"], row["url"]) == ("Courier", "https://x.example/1")
    assert pq.read_table(tmp_path / "articles").schema.equals(article_schema())


def test_quote_schema_holds_every_record_field() -> None:
    record = _result(2).quotes[0].to_record()
    assert set(record) <= set(quote_schema().names)


def test_run_report_pickles_for_ray() -> None:
    report = RunSummary(command="run", articles=2, quotes=3, shards=1)
    report.add(Skipped("a", "duplicate URL"))
    assert pickle.loads(pickle.dumps(report)) == report
    assert "1 skipped: duplicate URL" in report.summary("out")


def test_parquet_dump_is_read_batch_by_batch(tmp_path: Path) -> None:
    path = tmp_path / "big.parquet"
    text = "The council met again and argued about the harbour budget. " * 40
    rows = 8000  # about 19 MB of text
    table = pa.table(
        {
            "id": [str(n) for n in range(rows)],
            "text": [f"{n} {text}" for n in range(rows)],
        }
    )
    pq.write_table(table, path, row_group_size=250, compression="none")
    del table
    baseline, peak, count = pa.total_allocated_bytes(), 0, 0
    for item in read_inputs([path]):
        assert isinstance(item, Article)
        count += 1
        peak = max(peak, pa.total_allocated_bytes() - baseline)
    assert count == rows
    assert peak < len(text) * rows / 6  # a few row groups at a time, not the file
