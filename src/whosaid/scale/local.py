"""The local engine of `whosaid run`: worker processes on this machine."""

from __future__ import annotations

from collections.abc import Iterable

from whosaid.parallel import pipe_parallel
from whosaid.read import read_pending
from whosaid.scale.shards import SHARD_ROWS, RunReport, write_shards


def run_local(
    paths: Iterable[str],
    output: str,
    *,
    workers: int | None = None,
    engine: str | None = None,
    spacy_model: str | None = None,
    shard_rows: int = SHARD_ROWS,
) -> RunReport:
    """Extract quotes from `paths` with `pipe_parallel`; write shard pairs.

    The shards are the same as the Ray engine's, numbered in input order.
    """
    results = pipe_parallel(
        read_pending(paths), workers=workers, engine=engine, spacy_model=spacy_model
    )
    return write_shards(results, output, shard_rows=shard_rows)
