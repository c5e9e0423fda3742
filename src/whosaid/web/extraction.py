"""Extraction for the "Try it" page and `POST /api/extract`.

The engine is loaded lazily, once per app, on the first request that needs it,
and used by one request at a time (a spaCy pipeline is not meant to be shared
between threads). Requests reach it through `ExtractionPool`: one worker
thread, off the event loop, a bounded queue and a time limit per request, so
that no text keeps the server from answering other requests (#19). Nothing
here writes to the index.
"""

from __future__ import annotations

import asyncio
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from whosaid.model import Article, Failure, Quote, Result
from whosaid.web.errors import (
    BadParameterError,
    BusyError,
    TooLargeError,
    UnsupportedUploadError,
)

T = TypeVar("T")

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


class ExtractionPool:
    """Run extractions on one worker thread, a bounded number at a time.

    At most `max_waiting` requests wait behind the one running; more get 503
    at once. A request that does not finish within `timeout_s` (its wait
    included) gets 503. A thread cannot be stopped, so a timed-out
    extraction still runs to its end, but it keeps the worker and the queue
    bounded: the damage one request does is one busy worker, and the event
    loop and the read endpoints stay free.
    """

    def __init__(
        self,
        extractor: LazyExtractor,
        *,
        timeout_s: float = 30.0,
        max_waiting: int = 4,
    ) -> None:
        self.extractor = extractor
        self.timeout_s = timeout_s
        self.max_waiting = max_waiting
        self._executor = ThreadPoolExecutor(1, thread_name_prefix="whosaid-extract")
        self._pending = 0
        self._lock = threading.Lock()

    async def run(self, article: Article) -> Result:
        """Extract the quotes of one article on the worker.

        Raises:
            BusyError: If too many extractions are running or waiting, or this
                one took longer than `timeout_s` (503).
            BadParameterError: If the engine could not process the article.
        """
        return await self.call(self.extractor.run, article)

    async def call(self, function: Callable[[Article], T], article: Article) -> T:
        """Run `function(article)` on the worker, within the pool's limits."""
        with self._lock:
            if self._pending > self.max_waiting:
                raise BusyError(
                    f"the server is busy: {self._pending} extractions are running or "
                    "waiting; try again in a minute"
                )
            self._pending += 1
        future: Future[T] = self._executor.submit(function, article)
        future.add_done_callback(self._done)
        try:
            return await asyncio.wait_for(
                asyncio.wrap_future(future), timeout=self.timeout_s
            )
        except TimeoutError:
            future.cancel()  # only stops it if it had not started yet
            raise BusyError(
                f"extraction took longer than {self.timeout_s:g} s and was given up; "
                "send a shorter text (whosaid serve --extract-timeout)"
            ) from None

    def _done(self, _future: Future[T]) -> None:
        with self._lock:
            self._pending -= 1

    def close(self) -> None:
        """Stop taking work; a running extraction finishes in the background."""
        self._executor.shutdown(wait=False, cancel_futures=True)


def default_factory() -> QuoteFinder:
    """Build the default `whosaid.Extractor` (rules engine unless configured)."""
    from whosaid.pipeline import Extractor

    return Extractor()


_SURROGATE = re.compile("[\ud800-\udfff]")


def check_unicode(value: str | None, *, name: str) -> None:
    """Refuse a string with a lone surrogate ("\\ud800" in JSON) (#19).

    JSON may escape one, but it is no character: it cannot be encoded as
    UTF-8, hashed or stored.
    """
    if value is not None and (found := _SURROGATE.search(value)):
        raise BadParameterError(
            name,
            f"holds a lone surrogate (\\u{ord(found.group()):04x}) at character "
            f"{found.start():,}; send valid Unicode text",
        )


def check_text(text: str, *, name: str, max_chars: int) -> str:
    """Refuse empty text, invalid Unicode and text over `max_chars` characters."""
    check_unicode(text, name=name)
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
        BadParameterError: For a file no known encoding decodes, or with no article text.
        TooLargeError: For text over `max_chars`.
    """
    from whosaid.read.decode import decode_bytes
    from whosaid.read.html import article_from_html

    label = _label(filename)
    suffix = next((s for s in UPLOAD_SUFFIXES if label.lower().endswith(s)), None)
    if suffix is None:
        raise UnsupportedUploadError(
            f"file {label!r}: upload a .txt, .html or .htm file"
        )
    result = decode_bytes(data, label)  # UTF-8, else detected (#16)
    if isinstance(result, Failure):
        raise BadParameterError("file", result.reason)
    decoded = result[0]
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
