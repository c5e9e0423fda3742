"""The ingest pipeline: read -> skip what is indexed -> extract -> write.

`ingest_paths` is what `whosaid ingest` runs: inputs are read and listed in
order (`whosaid.read`), articles whose text is already indexed are dropped
before they are parsed, the rest are extracted on every core
(`pipe_parallel`) and written by the one `Ingester`. Output folders of
`whosaid run` are loaded from their shards without extracting again.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from typing import Any

from whosaid import settings
from whosaid.read.items import ReadOptions
from whosaid.report import RunSummary

Wrap = Callable[[Iterable[Any]], Iterator[Any]]


def _as_is(items: Iterable[Any]) -> Iterator[Any]:
    yield from items


def ingest_paths(
    conn: sqlite3.Connection,
    paths: Iterable[str],
    *,
    engine: str | None = None,
    workers: int | None = None,
    reextract: bool = False,
    batch_size: int = 50,
    options: ReadOptions | None = None,
    wrap: Wrap = _as_is,
) -> RunSummary:
    """Extract quotes from `paths` and write them into the index `conn`.

    Args:
        conn: A writable index.
        paths: Files, folders, "-" for stdin, or `whosaid run` output folders.
        engine: Extraction engine (default: setting `engine`).
        workers: Worker processes (default: one per core).
        reextract: Replace quotes made by another engine version.
        batch_size: Articles per database transaction.
        options: Encoding and language for reading (default: the settings).
        wrap: Wraps the stream of inputs, e.g. in a progress bar.

    Returns:
        The run's summary; its failures are also in `ingest_errors`.
    """
    from whosaid.parallel import pipe_parallel
    from whosaid.read import read_pending
    from whosaid.scale.shards import is_shard_folder, read_shards
    from whosaid.store.ingest import Ingester, engine_label

    paths = list(paths)
    name = str(settings.get("engine", engine))
    options = options or ReadOptions.from_settings()
    ingester = Ingester(
        conn, engine=engine_label(name), reextract=reextract, batch_size=batch_size
    )
    if paths and all(is_shard_folder(path) for path in paths):  # `run` output (#7)
        shards = chain.from_iterable(read_shards(path) for path in paths)
        return ingester.ingest(wrap(shards))
    items = ingester.skip_indexed(wrap(read_pending(paths, options)))
    return ingester.ingest(
        pipe_parallel(items, workers=workers, engine=name, options=options)
    )


def count_inputs(paths: Iterable[str]) -> int | None:
    """Estimate the number of articles for a progress bar's ETA (None: unknown)."""
    from whosaid.read.walk import InputFile, list_inputs, suffix_of

    total = 0
    for file in list_inputs(paths):
        if not isinstance(file, InputFile):
            continue
        suffix = suffix_of(file.path)
        if file.is_stdin or suffix in (".warc", ".warc.gz", ".parquet"):
            return None
        if suffix != ".jsonl":
            total += 1
            continue
        try:
            with file.path.open("rb") as f:
                total += sum(1 for line in f if line.strip())
        except OSError:
            continue
    return total
