"""Standard input ("-"): JSON lines or one plain-text article.

Stdin is JSON lines when its first non-blank line is a JSON object; anything
else, a text that merely starts with "{" included, is one article with id
"stdin" (#16). JSON lines are split on "\\n" only, by the same function as
.jsonl files.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import BinaryIO

from whosaid.model import Article, Failure
from whosaid.read.decode import check_article, decode_bytes
from whosaid.read.items import ReadOptions
from whosaid.read.jsonl import parse_jsonl

NAME = "<stdin>"


def read_stdin(
    stream: BinaryIO, options: ReadOptions | None = None
) -> Iterator[Article | Failure]:
    """Read stdin: JSON lines when it starts with a JSON object, else one text."""
    options = options or ReadOptions()
    data = stream.read()
    if _is_jsonl(data):
        yield from parse_jsonl(io.BytesIO(data), NAME, options)
        return
    decoded = decode_bytes(data, NAME, options.encoding)
    if isinstance(decoded, Failure):
        yield decoded
        return
    text, encoding = decoded
    yield check_article(Article(id="stdin", text=text, source="-", encoding=encoding))


def _is_jsonl(data: bytes) -> bool:
    """Say whether the first non-blank line of `data` is a JSON object."""
    for line in io.BytesIO(data):
        if not line.strip():
            continue
        if not line.lstrip().startswith(b"{"):
            return False
        try:
            return isinstance(json.loads(line), dict)
        except ValueError:  # not JSON, or not UTF-8
            return False
    return False
