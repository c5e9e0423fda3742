"""Extraction for the "Try it" page and `POST /api/extract`.

The engine is loaded lazily, once per app, on the first request that needs it,
and used by one request at a time (a spaCy pipeline is not meant to be shared
between threads). Nothing here writes to the index.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

from whosaid.model import Article, Failure, Quote, Result
from whosaid.web.errors import BadParameterError, TooLargeError, UnsupportedUploadError

UPLOAD_SUFFIXES = (".txt", ".html", ".htm")


class QuoteFinder(Protocol):
    """What the app needs from `whosaid.Extractor`."""

    def pipe(self, items: Iterable[Article | Failure]) -> Iterator[Result | Failure]:
        """Yield a result or failure per input, in order."""
        ...


@dataclass(slots=True)
class LazyExtractor:
    """Load an extractor on first use, once, and serialise its use."""

    factory: Callable[[], QuoteFinder]
    _extractor: QuoteFinder | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def run(self, article: Article) -> Result:
        """Extract the quotes of one article.

        Raises:
            BadParameterError: If the engine could not process the article.
        """
        with self._lock:
            if self._extractor is None:
                self._extractor = self.factory()
            result = next(iter(self._extractor.pipe([article])))
        if isinstance(result, Failure):
            raise BadParameterError("text", result.reason)
        return result

    def engine_label(self) -> str:
        """Return "name:version" of the loaded engine, as the index records it."""
        with self._lock:
            if self._extractor is None:
                self._extractor = self.factory()
        engine = getattr(self._extractor, "engine", None)
        name = getattr(engine, "name", None) or type(self._extractor).__name__
        version = getattr(engine, "version", None)
        return f"{name}:{version}" if version else str(name)


def default_factory() -> QuoteFinder:
    """Build the default `whosaid.Extractor` (rules engine unless configured)."""
    from whosaid.pipeline import Extractor

    return Extractor()


def check_text(text: str, *, name: str, max_chars: int) -> str:
    """Refuse empty text and text over `max_chars` characters."""
    if not text.strip():
        raise BadParameterError(name, "is empty; paste an article's text")
    if len(text) > max_chars:
        raise TooLargeError(
            f"{name} is {len(text):,} characters; the limit is {max_chars:,} "
            "characters per request (whosaid serve --max-chars)"
        )
    return text


def article_from_upload(filename: str, data: bytes, *, max_chars: int) -> Article:
    """Read an uploaded .txt or .html file into an article.

    The file name is only used for its suffix and as a label; it is never
    opened as a path.

    Raises:
        UnsupportedUploadError: For a file type other than .txt/.html/.htm.
        BadParameterError: For a file that is not UTF-8 or has no article text.
        TooLargeError: For text over `max_chars`.
    """
    from whosaid.read.html import article_from_html
    from whosaid.read.text import decode_text

    label = _label(filename)
    suffix = next((s for s in UPLOAD_SUFFIXES if label.lower().endswith(s)), None)
    if suffix is None:
        raise UnsupportedUploadError(
            f"file {label!r}: upload a .txt, .html or .htm file"
        )
    decoded = decode_text(data, label)
    if isinstance(decoded, Failure):
        raise BadParameterError("file", decoded.reason)
    if suffix == ".txt":
        text = check_text(decoded, name="file", max_chars=max_chars)
        return Article(id=_stem(label), text=text, source=label)
    article = article_from_html(decoded, id=_stem(label), source=label)
    if isinstance(article, Failure):
        raise BadParameterError("file", article.reason)
    check_text(article.text, name="file", max_chars=max_chars)
    return article


def _label(filename: str) -> str:
    """Keep only the last path component of a client-supplied file name."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1].strip()
    return name[:200] or "upload.txt"


def _stem(label: str) -> str:
    return label.rsplit(".", 1)[0] or "upload"


def quote_records(quotes: list[Quote]) -> list[dict[str, object]]:
    """Return the JSON records of `quotes`."""
    return [quote.to_record() for quote in quotes]
