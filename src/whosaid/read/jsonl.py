"""JSON-lines article dumps: one article per line, streamed.

Each line is an object with `id` and `text`, and optionally `url`, `title`,
`outlet`, `published` and `author`. A bad line is a `Failure` naming the file
and line number; the lines around it are still read.

Lines end at "\\n" and nowhere else (#16): a text may hold a raw U+2028,
U+0085 or \\x1c, which is valid JSON and which `str.splitlines` would cut.
Files and stdin are split by the same function, on bytes, a line at a time.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import BinaryIO

from whosaid import settings
from whosaid.model import Article, Failure
from whosaid.read.decode import check_article, decode_bytes
from whosaid.read.items import ReadOptions
from whosaid.read.walk import InputFile

_OPTIONAL = ("url", "title", "outlet", "published", "author")
_FIELDS = ("id", "text", *_OPTIONAL)


def parse_article(
    record: object, source: str, encoding: str | None = None
) -> Article | Failure:
    """Turn one decoded JSON value (or Parquet row) into an article, or say why not."""
    if not isinstance(record, dict):
        return Failure(
            source, "expected a JSON object with 'id' and 'text'", kind="malformed"
        )
    text = record.get("text")
    if text is None:
        return Failure(source, "article has no 'text'", kind="malformed")
    if not isinstance(text, str):
        return Failure(
            source,
            f"'text' must be a string; got {type(text).__name__}",
            kind="malformed",
        )
    if "\x00" in text:
        return Failure(source, "article text contains NUL characters", kind="binary")
    raw_id = record.get("id")
    if raw_id is None or str(raw_id) == "":
        return Failure(source, "article has no 'id'", kind="malformed")
    if isinstance(raw_id, (dict, list, bool, float)):
        return Failure(
            source,
            f"'id' must be a string or an integer; got {type(raw_id).__name__}",
            kind="malformed",
        )
    meta = {}
    for key in _OPTIONAL:
        value = record.get(key)
        if isinstance(value, (dict, list)):
            return Failure(
                source,
                f"{key!r} must be a string; got {type(value).__name__}",
                kind="malformed",
            )
        meta[key] = None if value is None else str(value)
    article = Article(
        id=str(raw_id), text=text, source=source, encoding=encoding, **meta
    )
    return check_article(article)


def line_limit() -> int:
    """The longest line read, in bytes: longer ones are refused unread."""
    return int(settings.get("max_file_bytes"))


def iter_lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """Yield (line number, bytes) for every line; None for one over `limit` bytes.

    Memory holds one line of at most `limit` bytes: the rest of a longer line
    is read in pieces and dropped.
    """
    number = 0
    while line := stream.readline(limit + 1):
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := stream.readline(limit)) and not rest.endswith(b"\n"):
                pass
            yield number, None
            continue
        yield number, line


def parse_jsonl(
    stream: BinaryIO, name: str, options: ReadOptions
) -> Iterator[Article | Failure]:
    """Parse the JSON lines of a binary stream; blank lines are skipped."""
    limit = line_limit()
    found = False
    for number, line in iter_lines(stream, limit):
        source = f"{name}:{number}"
        found = found or line is None or bool(line.strip())
        if line is None:
            yield Failure(
                source,
                f"line is over {limit / 1e6:.1f} MB (setting max_file_bytes)",
                kind="too-large",
            )
            continue
        if not line.strip():
            continue
        yield parse_line(line, source, options)
    if not found:  # an empty dump is reported like an empty .txt (#16)
        yield Failure(name, "no JSON lines in the file", kind="empty")


def parse_line(line: bytes, source: str, options: ReadOptions) -> Article | Failure:
    """Decode and parse one JSON line."""
    decoded = decode_bytes(line, source, options.encoding)
    if isinstance(decoded, Failure):
        return decoded
    text, encoding = decoded
    try:
        record = json.loads(text)
    except json.JSONDecodeError as err:
        return Failure(
            source,
            f"not valid JSON ({err.msg} at column {err.colno})",
            kind="malformed",
        )
    return parse_article(record, source, encoding)


def read_jsonl(file: InputFile, options: ReadOptions) -> Iterator[Article | Failure]:
    """Stream the articles of a `.jsonl` file; memory stays flat."""
    try:
        with open(file.path, "rb") as f:
            yield from parse_jsonl(f, str(file.path), options)
    except OSError as err:
        yield Failure(
            str(file.path), f"cannot read: {err.strerror or err}", kind="unreadable"
        )
