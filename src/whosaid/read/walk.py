"""List the input files that paths name, and give each its article id.

A file's id is its path relative to the folder given, without the suffix:
`whosaid ingest bbc/` reads `bbc/politics/001.txt` as `politics/001` and
`bbc/sport/001.txt` as `sport/001` (#16); a file named by itself is its name
without the suffix. `extract`, `ingest` and `run` all list inputs here.

Nothing is lost without a word: a folder that cannot be read, a symbolic link
that loops or points nowhere, and a path that does not exist are each a
`Failure`, and the walk goes on with everything else.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePath

from whosaid.model import Failure

SUFFIXES = (".txt", ".jsonl", ".html", ".htm", ".warc", ".warc.gz", ".parquet")
STDIN = "-"


@dataclass(frozen=True, slots=True)
class InputFile:
    """A file to read, and the id an article read from it as a whole gets."""

    path: Path
    doc_id: str

    @property
    def is_stdin(self) -> bool:
        return str(self.path) == STDIN


def suffix_of(path: PurePath) -> str:
    """The reader suffix of `path` (".warc.gz" counts as one), lower case."""
    name = path.name.lower()
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix):
            return suffix
    return path.suffix.lower()


def _doc_id(relative: Path) -> str:
    suffix = suffix_of(relative)
    text = relative.as_posix()
    return text[: len(text) - len(suffix)] if suffix else text


def list_inputs(paths: Iterable[str | Path]) -> Iterator[InputFile | Failure]:
    """Yield the files `paths` name, walking folders; "-" stands for stdin.

    Folders are walked in sorted order (symbolic links to folders followed,
    loops reported); only files with a known suffix are listed, hidden files
    and folders are skipped.
    """
    for raw in paths:
        path = Path(raw)
        if str(raw) == STDIN:
            yield InputFile(path, "stdin")
            continue
        try:
            mode = path.stat().st_mode
        except OSError as err:
            reason = "no such file or folder" if not path.is_symlink() else None
            yield Failure(
                str(path),
                reason or f"cannot read: {err.strerror or err}",
                kind="missing" if reason else "unreadable",
            )
            continue
        if stat.S_ISDIR(mode):
            yield from _walk(path, path, {_identity(path)})
        else:
            yield InputFile(path, _doc_id(Path(path.name)))


def _identity(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_dev, info.st_ino


def _walk(
    root: Path, folder: Path, ancestors: set[tuple[int, int]]
) -> Iterator[InputFile | Failure]:
    """Walk `folder` depth first in name order: the order of sorted full paths."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as err:
        yield Failure(
            f"{folder}{os.sep}",
            f"cannot read folder: {err.strerror or err}; its files were not read",
            kind="unreadable",
        )
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir()
            is_file = entry.is_file()
        except OSError as err:
            yield Failure(str(path), f"cannot read: {err.strerror}", kind="unreadable")
            continue
        if is_dir:
            yield from _walk_link(root, path, ancestors)
        elif is_file:
            if suffix_of(path) in SUFFIXES:
                yield InputFile(path, _doc_id(path.relative_to(root)))
        elif entry.is_symlink() and suffix_of(path) in SUFFIXES:
            yield Failure(
                str(path),
                "symbolic link that points nowhere (or loops)",
                kind="unreadable",
            )


def _walk_link(
    root: Path, path: Path, ancestors: set[tuple[int, int]]
) -> Iterator[InputFile | Failure]:
    try:
        identity = _identity(path)
    except OSError as err:
        yield Failure(str(path), f"cannot read: {err.strerror}", kind="unreadable")
        return
    if identity in ancestors:
        yield Failure(
            str(path),
            "symbolic link loop (links to a folder above it); not followed",
            kind="unreadable",
        )
        return
    yield from _walk(root, path, ancestors | {identity})
