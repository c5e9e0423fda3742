"""JSON-lines article dumps: one article per line, streamed.

Each line is an object with `id` and `text`, and optionally `url`, `title`,
`outlet`, `published` and `author`. A bad line is a `Failure` naming the file
and line number; the lines around it are still read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from whosaid import settings
from whosaid.model import Article, Failure
from whosaid.read.text import check_article

_OPTIONAL = ("url", "title", "outlet", "published", "author")


def parse_article(record: object, source: str) -> Article | Failure:
    """Turn one decoded JSON value into an article, or say what is wrong."""
    if not isinstance(record, dict):
        return Failure(source, "expected a JSON object with 'id' and 'text'")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return Failure(source, "article has no text ('text' missing or empty)")
    if "\x00" in text:
        return Failure(source, "article text contains NUL characters")
    raw_id = record.get("id")
    if raw_id is None or isinstance(raw_id, (dict, list)) or str(raw_id) == "":
        return Failure(source, "article has no 'id'")
    meta = {}
    for key in _OPTIONAL:
        value = record.get(key)
        meta[key] = None if value is None else str(value)
    return check_article(Article(id=str(raw_id), text=text, source=source, **meta))


def parse_jsonl_lines(lines: Iterable[str], name: str) -> Iterator[Article | Failure]:
    """Parse JSON lines; blank lines are skipped."""
    limit = int(settings.get("max_article_chars")) * 2
    for number, line in enumerate(lines, start=1):
        source = f"{name}:{number}"
        if not line.strip():
            continue
        if len(line) > limit:
            yield Failure(source, f"line is {len(line):,} characters; too long")
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield Failure(source, f"not valid JSON ({err.msg} at column {err.colno})")
            continue
        yield parse_article(record, source)


def read_jsonl(path: Path) -> Iterator[Article | Failure]:
    """Stream the articles of a `.jsonl` file; memory stays flat."""
    try:
        with open(path, encoding="utf-8", newline="") as f:
            yield from parse_jsonl_lines(f, str(path))
    except UnicodeDecodeError as err:
        yield Failure(str(path), f"not UTF-8 text (bad byte at offset {err.start})")
    except OSError as err:
        yield Failure(str(path), f"cannot read: {err.strerror}")
