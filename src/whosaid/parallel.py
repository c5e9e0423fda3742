"""Extract on every core of one machine: worker processes, one model each.

`pipe_parallel` is a drop-in for `Extractor.pipe`: it takes articles, failures
and pending pages (`whosaid.read.read_pending`) and yields one `Result` or
`Failure` per input, in input order. The calling process reads the inputs and
consumes the results, so a database has a single writer; N spawned worker
processes each load the engine once and take chunks of inputs. At most
`2 * workers` chunks are in flight, so memory stays bounded however long the
input is.

Starting a worker costs seconds (Python, spaCy and the model), so an input of
one chunk or less is processed in the calling process instead.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import chain, islice
from typing import TYPE_CHECKING

from whosaid import settings
from whosaid.errors import WhosaidError
from whosaid.model import Article, Failure, Result
from whosaid.read.items import Pending, ReadOptions, load_item

if TYPE_CHECKING:
    from whosaid.pipeline import Extractor

log = logging.getLogger(__name__)

Item = Article | Failure | Pending
Chunk = list[Item]
# Chunks in flight per worker: one being processed, one waiting in its queue.
IN_FLIGHT_PER_WORKER = 2


class WorkerError(WhosaidError):
    """A worker process could not start or died."""


def default_workers() -> int:
    """The number of cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# The engine of a worker process, loaded once by `_start_worker`.
_worker_extractor: Extractor | None = None
_worker_error: str | None = None


# How often a worker checks that the process that started it is alive.
PARENT_CHECK_S = 0.5


def _start_worker(
    parent: int,
    engine: str,
    spacy_model: str,
    batch_size: int,
    log_level: int = logging.WARNING,
) -> None:
    global _worker_extractor, _worker_error
    from whosaid.pipeline import Extractor

    watch_parent(parent)
    quiet_warnings(log_level)
    try:
        _worker_extractor = Extractor(
            engine, spacy_model=spacy_model, batch_size=batch_size
        )
    except WhosaidError as err:  # re-raised with the first chunk, picklable
        _worker_error = str(err)


def watch_parent(parent: int, *, every_s: float = PARENT_CHECK_S) -> None:
    """Exit this process as soon as process `parent` is gone (#19).

    A worker blocks on its task queue, which it holds both ends of, so it
    never sees its parent die: after `kill -9` of `whosaid ingest` the workers
    (and multiprocessing's resource tracker, which waits for them) lived on.
    A daemon thread checks the parent's pid and ends the process when this
    process has been re-parented; it works wherever `os.getppid` does.
    """
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(every_s)
        os._exit(1)  # no clean-up to wait for: the parent is gone

    threading.Thread(target=watch, name="whosaid-parent-watch", daemon=True).start()


def _worker() -> Extractor:
    if _worker_extractor is None:
        raise WorkerError(_worker_error or "worker process was not started")
    return _worker_extractor


def _ping() -> int:
    _worker()
    return os.getpid()


def _extract_chunk(chunk: Chunk, options: ReadOptions) -> list[Result | Failure]:
    return list(_worker().pipe(load_item(item, options) for item in chunk))


def quiet_warnings(log_level: int) -> None:
    """Keep library warnings (dateutil's UnknownTimezoneWarning, ...) off stderr.

    They show with -v (`log_level` INFO or lower), once per place (#16). A
    spawned worker starts with default filters, so each worker calls this too.
    """
    import warnings

    warnings.simplefilter("default" if log_level <= logging.INFO else "ignore")


def _chunks(items: Iterable[Item], size: int) -> Iterator[Chunk]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def pipe_parallel(
    items: Iterable[Item],
    *,
    workers: int | None = None,
    engine: str | None = None,
    spacy_model: str | None = None,
    batch_size: int | None = None,
    options: ReadOptions | None = None,
) -> Iterator[Result | Failure]:
    """Extract quotes with `workers` processes; yield results in input order.

    The engine is loaded (and a bad engine or model name raised) before this
    returns; the inputs are then read lazily as results are consumed.

    Args:
        items: Articles, failures (passed through), and pending pages, which
            are loaded (HTML extraction, language check) in the workers.
        workers: Worker processes; default one per core. 1 runs in this process.
        engine: Engine name (default: setting `engine`).
        spacy_model: spaCy pipeline (default: setting `spacy_model`).
        batch_size: Inputs per chunk sent to a worker and per `nlp.pipe` batch
            (default: setting `batch_size`).
        options: How pending inputs are read, and the language check every
            article goes through (#16); default: keep English.

    Raises:
        WhosaidError: If the engine or its spaCy pipeline cannot be loaded.
    """
    engine = str(settings.get("engine", engine))
    spacy_model = str(settings.get("spacy_model", spacy_model))
    size = int(settings.get("batch_size", batch_size))
    workers = workers or default_workers()
    options = options or ReadOptions()
    chunks = _chunks(items, size)
    head = list(islice(chunks, 2))
    if workers == 1 or len(head) < 2:
        from whosaid.pipeline import Extractor

        extractor = Extractor(engine, spacy_model=spacy_model, batch_size=size)
        rest = (
            load_item(item, options) for chunk in chain(head, chunks) for item in chunk
        )
        return extractor.pipe(rest)
    pool = ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
        initargs=(
            os.getpid(),
            engine,
            spacy_model,
            size,
            logging.getLogger().getEffectiveLevel(),
        ),
    )
    try:
        pool.submit(_ping).result()
    except (WhosaidError, BrokenProcessPool) as err:
        pool.shutdown(cancel_futures=True)
        raise WorkerError(f"worker processes did not start: {err}") from err
    return _stream(pool, chain(head, chunks), workers * IN_FLIGHT_PER_WORKER, options)


def _stream(
    pool: ProcessPoolExecutor,
    chunks: Iterator[Chunk],
    limit: int,
    options: ReadOptions,
) -> Iterator[Result | Failure]:
    pending: deque[Future[list[Result | Failure]]] = deque()
    try:
        for chunk in chunks:
            pending.append(pool.submit(_extract_chunk, chunk, options))
            if len(pending) >= limit:
                yield from _collect(pending.popleft())
        while pending:
            yield from _collect(pending.popleft())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _collect(future: Future[list[Result | Failure]]) -> list[Result | Failure]:
    try:
        return future.result()
    except BrokenProcessPool as err:
        raise WorkerError(
            "a worker process died (out of memory?); lower --workers or batch_size"
        ) from err
