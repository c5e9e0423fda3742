"""Web archives (.warc, .warc.gz): news pages out of a crawl, streamed.

Only HTTP 200 `response` records of HTML pages are articles. Other record types
(warcinfo, request, metadata, revisit) are not pages and pass silently; every
other left-out record is a `Skipped` with one of the reasons in `SKIP_REASONS`,
so a run can say how many it left out and why. The article id and URL are the
record's WARC-Target-URI; the WARC-Date stands in for the publication date when
the page states none.

A record cut off by the end of the file (a broken download, a truncated gzip
member) is a `Failure`: the records before it are still yielded, and the file
ends there. Duplicate URLs are dropped within one file, the first capture kept.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from whosaid import settings
from whosaid.model import Article, Failure
from whosaid.read.html import NO_TEXT, article_from_html
from whosaid.read.items import Skipped

if TYPE_CHECKING:
    from warcio.recordloader import ArcWarcRecord

log = logging.getLogger(__name__)

NOT_HTML = "not HTML"
NOT_200 = "HTTP status not 200"
NOT_ENGLISH = "not English"
NO_ARTICLE = "no article text"
DUPLICATE = "duplicate URL"
TOO_LARGE = "page over max_file_bytes"
SKIP_REASONS = (NOT_HTML, NOT_200, NOT_ENGLISH, NO_ARTICLE, DUPLICATE, TOO_LARGE)

HTML_TYPES = ("text/html", "application/xhtml+xml")
# Enough text for the language identifier; more only costs time.
LANGUAGE_SAMPLE_CHARS = 2000


@dataclass(frozen=True, slots=True)
class WarcPage:
    """An HTML page out of a WARC record, not yet extracted (a `Pending`)."""

    source: str  # "crawl.warc.gz@1234": the file and the record's byte offset
    url: str
    html: bytes
    crawled: str | None = None  # WARC-Date
    charset: str | None = None  # from the HTTP Content-Type header

    def load(self) -> Article | Failure:
        """Extract the main text; skip the page when it has none or is not English."""
        return article_from_page(self)


def _decode(page: WarcPage) -> str | bytes:
    """Decode with the declared charset; undeclared bytes go to trafilatura."""
    if page.charset is None:
        return page.html
    try:
        return page.html.decode(page.charset, errors="replace")
    except LookupError:  # an unknown charset name in the header
        return page.html


def is_english(text: str) -> bool:
    """Say whether `text` is English, by py3langid on its first 2,000 characters."""
    import py3langid

    language, _ = py3langid.classify(text[:LANGUAGE_SAMPLE_CHARS])
    return bool(language == "en")


def article_from_page(page: WarcPage) -> Article | Failure:
    """Turn a WARC page into an article, or a `Skipped` saying why not."""
    crawled = page.crawled[:10] if page.crawled else None
    article = article_from_html(
        _decode(page),
        id=page.url,
        source=page.source,
        url=page.url,
        fallback_date=crawled,
    )
    if isinstance(article, Failure):
        if article.reason == NO_TEXT:
            return Skipped(page.source, NO_ARTICLE)
        return article
    if not is_english(article.text):
        return Skipped(page.source, NOT_ENGLISH)
    return article


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'").lower()
    return None


def _url_key(url: str) -> bytes:
    """A short digest of the URL without its fragment: 8 bytes per page seen."""
    return hashlib.blake2b(url.split("#")[0].encode(), digest_size=8).digest()


class _Scan:
    """The state of one pass over a WARC file: URLs seen, the limit on pages."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.seen: set[bytes] = set()
        self.limit = int(settings.get("max_file_bytes"))

    def check(self, record: ArcWarcRecord, source: str) -> Skipped | None:
        """Say why an HTTP response record is not an article page, if it is not."""
        http = record.http_headers
        if http is None or http.get_statuscode() != "200":
            return Skipped(source, NOT_200)
        content_type = (http.get_header("Content-Type") or "").lower()
        if content_type.split(";")[0].strip() not in HTML_TYPES:
            return Skipped(source, NOT_HTML)
        if record.length is not None and record.length > self.limit:
            return Skipped(source, TOO_LARGE)
        key = _url_key(record.rec_headers.get_header("WARC-Target-URI") or "")
        if key in self.seen:
            return Skipped(source, DUPLICATE)
        self.seen.add(key)
        return None

    def page(self, record: ArcWarcRecord, offset: int) -> WarcPage | Failure:
        """Read the page's payload, or report the record as cut off."""
        html = record.content_stream().read()
        source = f"{self.name}@{offset}"
        missing = int(getattr(record.raw_stream, "limit", 0) or 0)
        if missing:
            return Failure(
                source,
                f"WARC record cut off ({missing:,} of {record.length:,} bytes "
                "missing: truncated file or gzip member); records before it were read",
            )
        headers = record.rec_headers
        content_type = record.http_headers.get_header("Content-Type") or ""
        return WarcPage(
            source=source,
            url=headers.get_header("WARC-Target-URI") or source,
            html=html,
            crawled=headers.get_header("WARC-Date"),
            charset=_charset(content_type),
        )


def iter_warc(path: Path) -> Iterator[WarcPage | Failure]:
    """Yield the HTML pages of a WARC file unextracted, and what was skipped.

    The file is streamed record by record, so memory stays flat.
    """
    from warcio.archiveiterator import ArchiveIterator

    scan = _Scan(str(path))
    read = 0
    try:
        with open(path, "rb") as f:
            iterator = ArchiveIterator(f)
            for record in iterator:
                read += 1
                if not str(record.format).startswith("warc"):
                    yield Failure(
                        f"{path}@{_offset(iterator)}",
                        f"not a WARC record (read as {record.format}); "
                        "expected a .warc or .warc.gz file",
                    )
                    return
                if record.rec_type != "response":
                    continue
                skip = scan.check(record, f"{path}@{_offset(iterator)}")
                if skip is not None:
                    yield skip
                    continue
                offset = _offset(iterator)
                yield scan.page(record, offset)
    except OSError as err:
        yield Failure(str(path), f"cannot read: {err.strerror or err}")
    except Exception as err:  # warcio raises bare exceptions on corrupt input
        log.debug("WARC %s unreadable after %d records", path, read, exc_info=True)
        yield Failure(
            str(path),
            f"unreadable WARC data after {read} records ({type(err).__name__}: "
            f"{err}); records before it were read",
        )


def _offset(iterator: Any) -> int:
    """The byte offset where the current record starts (0 when unknown)."""
    return int(getattr(iterator, "offset", 0) or 0)


def read_warc(path: Path) -> Iterator[Article | Failure]:
    """Yield the articles of a WARC file, skips and failures in file order."""
    for item in iter_warc(path):
        yield item.load() if isinstance(item, WarcPage) else item
