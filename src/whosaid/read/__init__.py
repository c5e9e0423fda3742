"""Read inputs into `Article`s: the first stage of the flow.

`read_inputs` takes paths (files, folders, "-" for stdin) and yields an
`Article` for every readable article and a `Failure` for every input that is
not, so one bad file never stops a batch. Readers are chosen by file suffix;
`walk.list_inputs` gives every file its article id (its path in the folder
given, #16).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

from whosaid.model import Article, Failure
from whosaid.read.html import pending_html, read_html
from whosaid.read.items import Pending, ReadOptions, load_item
from whosaid.read.jsonl import read_jsonl
from whosaid.read.parquet import read_parquet
from whosaid.read.stdin import read_stdin
from whosaid.read.text import read_text
from whosaid.read.walk import InputFile, list_inputs, suffix_of
from whosaid.read.warc import iter_warc, read_warc

__all__ = [
    "READERS",
    "InputFile",
    "ReadOptions",
    "list_inputs",
    "read_file",
    "read_inputs",
    "read_path",
    "read_pending",
]

Reader = Callable[[InputFile, ReadOptions], Iterator[Article | Failure]]
PendingReader = Callable[
    [InputFile, ReadOptions], Iterator[Article | Failure | Pending]
]

READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".jsonl": read_jsonl,
    ".html": read_html,
    ".htm": read_html,
    ".warc": read_warc,
    ".warc.gz": read_warc,
    ".parquet": read_parquet,
}
# Readers that leave HTML extraction to the worker (`read_pending`).
PENDING_READERS: dict[str, PendingReader] = {
    ".html": pending_html,
    ".htm": pending_html,
    ".warc": iter_warc,
    ".warc.gz": iter_warc,
}


def read_path(
    file: InputFile, options: ReadOptions | None = None
) -> Iterator[Article | Failure]:
    """Read one file with the reader its suffix selects."""
    reader = READERS.get(suffix_of(file.path))
    if reader is None:
        known = ", ".join(sorted(READERS))
        yield Failure(
            str(file.path),
            f"unsupported file type; expected one of {known}",
            kind="unsupported",
        )
        return
    yield from reader(file, options or ReadOptions())


def read_file(
    file: InputFile,
    options: ReadOptions,
    readers: Mapping[str, PendingReader] = PENDING_READERS,
) -> Iterator[Article | Failure | Pending]:
    """Read one listed file (or stdin), leaving HTML extraction pending."""
    if file.is_stdin:
        yield from read_stdin(sys.stdin.buffer, options)
        return
    reader = readers.get(suffix_of(file.path))
    yield from (reader or read_path)(file, options)


def _read(
    paths: Iterable[str | Path],
    readers: Mapping[str, PendingReader],
    options: ReadOptions,
) -> Iterator[Article | Failure | Pending]:
    for file in list_inputs(paths):
        if isinstance(file, Failure):
            yield file
        else:
            yield from read_file(file, options, readers)


def read_inputs(
    paths: Iterable[str | Path], options: ReadOptions | None = None
) -> Iterator[Article | Failure]:
    """Yield articles and failures from files, folders (recursive) and "-".

    Each article has passed the language check of `options` (default: keep
    English only).
    """
    options = options or ReadOptions()
    for item in _read(paths, {}, options):
        if isinstance(item, (Article, Failure)):
            yield load_item(item, options)


def read_pending(
    paths: Iterable[str | Path], options: ReadOptions | None = None
) -> Iterator[Article | Failure | Pending]:
    """Like `read_inputs`, but leave HTML extraction and the language check.

    WARC pages and .html files come as `Pending` items; `load_item(item,
    options)` turns any item into an article (language-checked) or a failure.
    `pipe_parallel` calls it in the worker processes, so extraction uses every
    core.
    """
    yield from _read(paths, PENDING_READERS, options or ReadOptions())
