"""Plain-text articles: one `.txt` file is one article."""

from __future__ import annotations

import json
from collections.abc import Iterator

from whosaid.model import Article, Failure
from whosaid.read.decode import check_article, decode_bytes, read_bytes
from whosaid.read.items import ReadOptions
from whosaid.read.walk import InputFile


def read_text(file: InputFile, options: ReadOptions) -> Iterator[Article | Failure]:
    """Yield the article in a `.txt` file, under the id its path gives it."""
    source = str(file.path)
    data = read_bytes(file.path)
    if isinstance(data, Failure):
        yield data
        return
    decoded = decode_bytes(data, source, options.encoding)
    if isinstance(decoded, Failure):
        yield decoded
        return
    text, encoding = decoded
    yield check_article(
        Article(id=file.doc_id, text=text, source=source, encoding=encoding)
    )


def dumps(article: Article) -> str:
    """Serialise an article as one JSON line (the jsonl input format)."""
    record = {"id": article.id, "text": article.text}
    for key in ("url", "title", "outlet", "published", "author"):
        if value := getattr(article, key):
            record[key] = value
    return json.dumps(record, ensure_ascii=False)
