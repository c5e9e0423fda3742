"""Plain-text articles: one `.txt` file is one article."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from whosaid import settings
from whosaid.model import Article, Failure


def decode_text(data: bytes, source: str) -> str | Failure:
    """Decode UTF-8 bytes exactly (no newline translation), or say why not."""
    if b"\x00" in data:
        return Failure(source, "binary file (contains NUL bytes); expected UTF-8 text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        return Failure(source, f"not UTF-8 text (bad byte at offset {err.start})")


def check_article(article: Article) -> Article | Failure:
    """Refuse an article whose text is over the length limit."""
    limit = int(settings.get("max_article_chars"))
    if len(article.text) > limit:
        return Failure(
            article.source or article.id,
            f"article is {len(article.text):,} characters; the limit is {limit:,} "
            "(setting max_article_chars)",
        )
    return article


def read_bytes(path: Path) -> bytes | Failure:
    """Read a whole file, refusing one over the size limit before reading it."""
    limit = int(settings.get("max_file_bytes"))
    try:
        size = path.stat().st_size
        if size > limit:
            return Failure(
                str(path),
                f"file is {size / 1e6:.1f} MB; the limit is "
                f"{limit / 1e6:.1f} MB (setting max_file_bytes)",
            )
        return path.read_bytes()
    except OSError as err:
        return Failure(str(path), f"cannot read: {err.strerror}")


def read_text(path: Path) -> Iterator[Article | Failure]:
    """Yield the article in a `.txt` file; its id is the file name without suffix."""
    data = read_bytes(path)
    if isinstance(data, Failure):
        yield data
        return
    text = decode_text(data, str(path))
    if isinstance(text, Failure):
        yield text
        return
    yield check_article(Article(id=path.stem, text=text, source=str(path)))


def text_from_stdin(stream: BinaryIO) -> Iterator[Article | Failure]:
    """Read stdin: JSON lines when it starts with "{", else one text article."""
    data = stream.read()
    text = decode_text(data, "<stdin>")
    if isinstance(text, Failure):
        yield text
        return
    if text.lstrip().startswith("{"):
        from whosaid.read.jsonl import parse_jsonl_lines

        yield from parse_jsonl_lines(text.splitlines(keepends=True), "<stdin>")
        return
    yield check_article(Article(id="stdin", text=text, source="-"))


def dumps(article: Article) -> str:
    """Serialise an article as one JSON line (the jsonl input format)."""
    record = {"id": article.id, "text": article.text}
    for key in ("url", "title", "outlet", "published", "author"):
        if value := getattr(article, key):
            record[key] = value
    return json.dumps(record, ensure_ascii=False)
