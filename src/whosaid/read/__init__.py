"""Read inputs into `Article`s: the first stage of the flow.

`read_inputs` takes paths (files, folders, "-" for stdin) and yields an
`Article` for every readable article and a `Failure` for every input that is
not, so one bad file never stops a batch. Readers are chosen by file suffix.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

from whosaid.model import Article, Failure
from whosaid.read.html import pending_html, read_html
from whosaid.read.items import Pending
from whosaid.read.jsonl import read_jsonl
from whosaid.read.parquet import read_parquet
from whosaid.read.text import read_text, text_from_stdin
from whosaid.read.warc import iter_warc, read_warc

Reader = Callable[[Path], Iterator[Article | Failure]]
PendingReader = Callable[[Path], Iterator[Article | Failure | Pending]]

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


def _suffix(path: Path) -> str:
    name = path.name.lower()
    for suffix in sorted(READERS, key=len, reverse=True):
        if name.endswith(suffix):
            return suffix
    return path.suffix.lower()


def read_path(path: Path) -> Iterator[Article | Failure]:
    """Read one file with the reader its suffix selects."""
    reader = READERS.get(_suffix(path))
    if reader is None:
        known = ", ".join(sorted(READERS))
        yield Failure(str(path), f"unsupported file type; expected one of {known}")
        return
    yield from reader(path)


def list_inputs(paths: Iterable[str | Path]) -> Iterator[Path | Failure]:
    """Yield the files `paths` name, walking folders; "-" passes as `Path("-")`.

    Folders are walked in sorted order and only files with a known suffix are
    listed; hidden files are skipped.
    """
    for raw in paths:
        path = Path(raw)
        if str(raw) == "-":
            yield path
        elif path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(
                    part.startswith(".") for part in child.relative_to(path).parts
                )
                if child.is_file() and not hidden and _suffix(child) in READERS:
                    yield child
        elif path.is_file():
            yield path
        else:
            yield Failure(str(path), "no such file or folder")


def _read(
    paths: Iterable[str | Path], readers: Mapping[str, PendingReader]
) -> Iterator[Article | Failure | Pending]:
    for path in list_inputs(paths):
        if isinstance(path, Failure):
            yield path
        elif str(path) == "-":
            yield from text_from_stdin(sys.stdin.buffer)
        else:
            yield from readers.get(_suffix(path), read_path)(path)


def read_inputs(paths: Iterable[str | Path]) -> Iterator[Article | Failure]:
    """Yield articles and failures from files, folders (recursive) and "-"."""
    for item in _read(paths, {}):
        if isinstance(item, (Article, Failure)):
            yield item


def read_pending(paths: Iterable[str | Path]) -> Iterator[Article | Failure | Pending]:
    """Like `read_inputs`, but leave HTML extraction to the consumer.

    WARC pages and .html files come as `Pending` items, which turn into an
    article with `load()`; `pipe_parallel` calls it in the worker processes,
    so extraction uses every core.
    """
    yield from _read(paths, PENDING_READERS)
