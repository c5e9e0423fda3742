"""The local engine of `whosaid run`: worker processes on this machine."""

from __future__ import annotations

from collections.abc import Iterable

from whosaid.identity import UniqueIds
from whosaid.parallel import pipe_parallel
from whosaid.read import ReadOptions, read_pending
from whosaid.report import RunSummary
from whosaid.scale.shards import SHARD_ROWS, write_shards


def run_local(
    paths: Iterable[str],
    output: str,
    *,
    workers: int | None = None,
    engine: str | None = None,
    spacy_model: str | None = None,
    shard_rows: int = SHARD_ROWS,
    options: ReadOptions | None = None,
) -> RunSummary:
    """Extract quotes from `paths` with `pipe_parallel`; write shard pairs.

    The shards are the same as the Ray engine's, numbered in input order. Two
    different texts under one id are both kept, the second with a suffix and
    a warning (#16).
    """
    options = options or ReadOptions.from_settings()
    results = pipe_parallel(
        read_pending(paths, options),
        workers=workers,
        engine=engine,
        spacy_model=spacy_model,
        options=options,
    )
    ids = UniqueIds()
    summary = write_shards(ids.apply(results), output, shard_rows=shard_rows)
    summary.warnings += ids.warnings
    return summary
