"""Read inputs into `Article`s: the first stage of the flow.

`read_inputs` takes paths (files, folders, "-" for stdin) and yields an
`Article` for every readable article and a `Failure` for every input that is
not, so one bad file never stops a batch. Readers are chosen by file suffix.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from whosaid.model import Article, Failure
from whosaid.read.html import read_html
from whosaid.read.jsonl import read_jsonl
from whosaid.read.text import read_text, text_from_stdin

Reader = Callable[[Path], Iterator[Article | Failure]]

READERS: dict[str, Reader] = {
    ".txt": read_text,
    ".jsonl": read_jsonl,
    ".html": read_html,
    ".htm": read_html,
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


def read_inputs(paths: Iterable[str | Path]) -> Iterator[Article | Failure]:
    """Yield articles and failures from files, folders (recursive) and "-".

    Folders are walked in sorted order and only files with a known suffix are
    read; hidden files are skipped.
    """
    for raw in paths:
        if str(raw) == "-":
            yield from text_from_stdin(sys.stdin.buffer)
            continue
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(
                    part.startswith(".") for part in child.relative_to(path).parts
                )
                if child.is_file() and not hidden and _suffix(child) in READERS:
                    yield from read_path(child)
        elif path.is_file():
            yield from read_path(path)
        else:
            yield Failure(str(path), "no such file or folder")
