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
from whosaid.read.html import NO_TEXT, article_from_html, decode_html
from whosaid.read.items import ReadOptions, Skipped
from whosaid.read.walk import InputFile

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


@dataclass(frozen=True, slots=True)
class WarcPage:
    """An HTML page out of a WARC record, not yet extracted (a `Pending`)."""

    source: str  # "crawl.warc.gz@1234": the file and the record's byte offset
    url: str
    html: bytes
    crawled: str | None = None  # WARC-Date
    charset: str | None = None  # from the HTTP Content-Type header
    encoding: str | None = None  # the run's --encoding, which overrides `charset`

    def load(self) -> Article | Failure:
        """Extract the main text; skip the page when it has none.

        The language check follows in `load_item`, as for every input (#16).
        """
        return article_from_page(self)


def _decode(page: WarcPage) -> tuple[str, str] | Failure:
    """Decode with the run's encoding, else the declared charset, else as HTML."""
    charset = page.encoding or page.charset
    if charset is not None:
        try:
            return page.html.decode(charset, errors="replace"), charset
        except LookupError:  # an unknown charset name in the header
            pass
    return decode_html(page.html, page.source)


def article_from_page(page: WarcPage) -> Article | Failure:
    """Turn a WARC page into an article, or a `Skipped` saying why not."""
    crawled = page.crawled[:10] if page.crawled else None
    decoded = _decode(page)
    if isinstance(decoded, Failure):
        return decoded
    html, encoding = decoded
    article = article_from_html(
        html,
        id=page.url,
        source=page.source,
        url=page.url,
        fallback_date=crawled,
        encoding=encoding,
    )
    if isinstance(article, Failure) and article.reason == NO_TEXT:
        return Skipped(page.source, NO_ARTICLE, kind="not-article")
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

    def __init__(self, name: str, encoding: str | None = None) -> None:
        self.name = name
        self.encoding = encoding
        self.seen: set[bytes] = set()
        self.limit = int(settings.get("max_file_bytes"))

    def check(self, record: ArcWarcRecord, source: str) -> Skipped | None:
        """Say why an HTTP response record is not an article page, if it is not."""
        http = record.http_headers
        if http is None or http.get_statuscode() != "200":
            return Skipped(source, NOT_200, kind="not-article")
        content_type = (http.get_header("Content-Type") or "").lower()
        if content_type.split(";")[0].strip() not in HTML_TYPES:
            return Skipped(source, NOT_HTML, kind="not-article")
        if record.length is not None and record.length > self.limit:
            return Skipped(source, TOO_LARGE, kind="too-large")
        key = _url_key(record.rec_headers.get_header("WARC-Target-URI") or "")
        if key in self.seen:
            return Skipped(source, DUPLICATE, kind="duplicate")
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
                kind="truncated",
            )
        headers = record.rec_headers
        content_type = record.http_headers.get_header("Content-Type") or ""
        return WarcPage(
            source=source,
            url=headers.get_header("WARC-Target-URI") or source,
            html=html,
            crawled=headers.get_header("WARC-Date"),
            charset=_charset(content_type),
            encoding=self.encoding,
        )


def iter_warc(file: InputFile, options: ReadOptions) -> Iterator[WarcPage | Failure]:
    """Yield the HTML pages of a WARC file unextracted, and what was skipped.

    The file is streamed record by record, so memory stays flat.
    """
    from warcio.archiveiterator import ArchiveIterator

    path = file.path
    scan = _Scan(str(path), options.encoding)
    read = 0
    reported: set[int] = set()  # offsets of records already reported as cut off
    end = last = 0  # where the last record read ends and starts
    try:
        with open(path, "rb") as f:
            iterator = ArchiveIterator(f)
            for record in iterator:
                read += 1
                offset = last = _offset(iterator)
                if not str(record.format).startswith("warc"):
                    yield Failure(
                        f"{path}@{offset}",
                        f"not a WARC record (read as {record.format}); "
                        "expected a .warc or .warc.gz file",
                        kind="malformed",
                    )
                    return
                item = _read_record(scan, record, f"{path}@{offset}", offset)
                end = _record_end(iterator)
                if isinstance(item, Failure) and item.kind == "truncated":
                    reported.add(offset)
                if item is not None:
                    yield item
    except OSError as err:
        yield Failure(
            str(path), f"cannot read: {err.strerror or err}", kind="unreadable"
        )
    except Exception as err:  # warcio raises bare exceptions on corrupt input
        log.debug("WARC %s unreadable after %d records", path, read, exc_info=True)
        yield Failure(
            f"{path}@{end}",
            f"unreadable WARC data after {read} records ({type(err).__name__}: "
            f"{err}); records before it were read",
            kind="truncated",
        )
        return
    if path.name.lower().endswith(".gz"):
        yield from _check_gzip(path, read, reported)
    elif not read and path.stat().st_size:
        yield Failure(
            f"{path}@0", "no whole WARC record in the file (cut off?)", kind="truncated"
        )
    elif (tail := _tail(path, end, last, reported)) is not None:
        yield tail


def _read_record(
    scan: _Scan, record: ArcWarcRecord, source: str, offset: int
) -> WarcPage | Failure | None:
    """A page, a skip or a failure for one record; None for one passed over."""
    # What warcio makes of a header cut off: no WARC-Type, or no
    # Content-Length (which every WARC record must have).
    length = (record.rec_headers.get_header("Content-Length") or "").strip()
    if record.rec_type is None or not length.isdigit():
        return Failure(
            source,
            "WARC record header cut off (no WARC-Type or Content-Length); records "
            "before it were read",
            kind="truncated",
        )
    if record.rec_type != "response":
        return _drain(record, source)
    skip = scan.check(record, source)
    if skip is None:
        return scan.page(record, offset)
    return _drain(record, source) or skip  # a cut-off record is an error


def _record_end(iterator: Any) -> int:
    """Where the record just read ends, header and body (0 when unknown)."""
    iterator.read_to_end()
    info = getattr(iterator, "member_info", None)
    return int(info[0] + info[1]) if info else 0


def _tail(path: Path, end: int, last: int, reported: set[int]) -> Failure | None:
    """Report an uncompressed file that ends inside its last record.

    A whole record ends with two CRLFs; bytes after the last whole record are
    a record whose header was cut off.
    """
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            f.seek(max(0, size - 4))
            closed = f.read() == b"\r\n\r\n"
    except OSError:
        return None
    if end and size - end > 4:
        return Failure(
            f"{path}@{end}",
            f"the file ends inside a WARC record header ({size - end:,} bytes "
            "after the last whole record): the record could not be read",
            kind="truncated",
        )
    if closed or last in reported:
        return None
    return Failure(
        f"{path}@{last}",
        "the file ends inside this WARC record (it does not end with the blank "
        "lines that close a record); records before it were read",
        kind="truncated",
    )


def _check_gzip(path: Path, read: int, reported: set[int]) -> Iterator[Failure]:
    """Report a cut-off or corrupt gzip member that warcio passed over quietly."""
    from whosaid.read.gzcheck import find_damage

    try:
        damage = find_damage(path)
    except OSError as err:
        yield Failure(str(path), f"cannot read: {err.strerror}", kind="unreadable")
        return
    if damage is None or damage[0] in reported:
        return
    offset, why = damage
    yield Failure(
        f"{path}@{offset}",
        f"{why}: the record starting here and any after it could not be read; "
        f"{read} records before it were read",
        kind="truncated",
    )


def _drain(record: ArcWarcRecord, source: str) -> Failure | None:
    """Read past a record that is not a page; report it when it is cut off.

    Reading in pieces keeps memory flat for a large image or PDF record.
    """
    stream = record.content_stream()
    while stream.read(1 << 16):
        pass
    missing = int(getattr(record.raw_stream, "limit", 0) or 0)
    if not missing:
        return None
    return Failure(
        source,
        f"WARC {record.rec_type} record cut off ({missing:,} bytes missing: "
        "truncated file); records before it were read",
        kind="truncated",
    )


def _offset(iterator: Any) -> int:
    """The byte offset where the current record starts (0 when unknown)."""
    return int(getattr(iterator, "offset", 0) or 0)


def read_warc(file: InputFile, options: ReadOptions) -> Iterator[Article | Failure]:
    """Yield the articles of a WARC file, skips and failures in file order."""
    for item in iter_warc(file, options):
        yield item.load() if isinstance(item, WarcPage) else item
