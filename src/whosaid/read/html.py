"""HTML pages: main text and metadata by trafilatura.

The text trafilatura extracts is the article text every offset points into.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from whosaid.model import Article, Failure
from whosaid.read.decode import check_article, decode_bytes, read_bytes
from whosaid.read.items import ReadOptions
from whosaid.read.walk import InputFile

NO_TEXT = "no article text found in the HTML"
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.I
)


def article_from_html(
    html: str | bytes,
    *,
    id: str,
    source: str,
    url: str | None = None,
    published: str | None = None,
    fallback_date: str | None = None,
    encoding: str | None = None,
) -> Article | Failure:
    """Extract an article from an HTML page, or fail when it has no main text.

    Args:
        html: The page; bytes are decoded by trafilatura (meta charset, then
            detection).
        id: The article id.
        source: Where the page was read from, for error messages.
        url: The page's URL; the page's canonical URL is used when None.
        published: Publication date that overrides the one in the page.
        fallback_date: Date used when the page states none (a crawl date).
        encoding: How `html` was decoded, kept with the article.
    """
    import trafilatura

    document = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
    )
    text = getattr(document, "text", None) if document is not None else None
    if not text or not text.strip():
        return Failure(source, NO_TEXT, kind="no-text")
    return check_article(
        Article(
            id=id,
            text=text,
            url=url or getattr(document, "url", None),
            title=getattr(document, "title", None),
            outlet=getattr(document, "sitename", None),
            published=published or getattr(document, "date", None) or fallback_date,
            author=getattr(document, "author", None),
            source=source,
            encoding=encoding,
        )
    )


def decode_html(
    data: bytes, source: str, encoding: str | None = None
) -> tuple[str, str] | Failure:
    """Decode a page: a forced encoding, else its meta charset, else as text.

    A charset the page declares wins over detection when it decodes the
    bytes; a wrong or unknown declaration falls back to `decode_bytes`.
    """
    if encoding is None and (match := _META_CHARSET.search(data[:4096])):
        declared = match.group(1).decode("ascii").lower()
        try:
            return data.decode(declared), declared
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(data, source, encoding)


def read_html(file: InputFile, options: ReadOptions) -> Iterator[Article | Failure]:
    """Yield the article of one `.html` file, under the id its path gives it."""
    source = str(file.path)
    data = read_bytes(file.path)
    if isinstance(data, Failure):
        yield data
        return
    decoded = decode_html(data, source, options.encoding)
    if isinstance(decoded, Failure):
        yield decoded
        return
    html, encoding = decoded
    yield article_from_html(html, id=file.doc_id, source=source, encoding=encoding)


@dataclass(frozen=True, slots=True)
class HtmlFile:
    """An `.html` file not yet read (a `Pending`): extraction runs in a worker."""

    file: InputFile
    options: ReadOptions

    @property
    def source(self) -> str:
        return str(self.file.path)

    def load(self) -> Article | Failure:
        """Read and extract the file, as `read_html` does."""
        return next(read_html(self.file, self.options))


def pending_html(file: InputFile, options: ReadOptions) -> Iterator[HtmlFile]:
    """Yield the file itself, to be read where it is extracted."""
    yield HtmlFile(file, options)
