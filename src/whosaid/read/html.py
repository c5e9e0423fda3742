"""HTML pages: main text and metadata by trafilatura.

The text trafilatura extracts is the article text every offset points into.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from whosaid.model import Article, Failure
from whosaid.read.text import check_article, decode_text, read_bytes

NO_TEXT = "no article text found in the HTML"


def article_from_html(
    html: str | bytes,
    *,
    id: str,
    source: str,
    url: str | None = None,
    published: str | None = None,
    fallback_date: str | None = None,
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
        return Failure(source, NO_TEXT)
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
        )
    )


def read_html(path: Path) -> Iterator[Article | Failure]:
    """Yield the article of one `.html` file; its id is the file name."""
    data = read_bytes(path)
    if isinstance(data, Failure):
        yield data
        return
    html = decode_text(data, str(path))
    if isinstance(html, Failure):
        yield html
        return
    yield article_from_html(html, id=path.stem, source=str(path))


@dataclass(frozen=True, slots=True)
class HtmlFile:
    """An `.html` file not yet read (a `Pending`): extraction runs in a worker."""

    path: Path

    @property
    def source(self) -> str:
        return str(self.path)

    def load(self) -> Article | Failure:
        """Read and extract the file, as `read_html` does."""
        return next(read_html(self.path))


def pending_html(path: Path) -> Iterator[HtmlFile]:
    """Yield the file itself, to be read where it is extracted."""
    yield HtmlFile(path)
