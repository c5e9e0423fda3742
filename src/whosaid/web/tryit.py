"""What "Try it" and `POST /api/extract` share: run the engine on one text.

Nothing is stored here; storing goes through `whosaid.web.writes` and needs
the server's token.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from whosaid.model import Article, Quote, Result
from whosaid.web.context import WebContext
from whosaid.web.extraction import article_from_upload, check_text, check_unicode
from whosaid.web.highlight import render_marked_text


@dataclass(frozen=True, slots=True)
class Extraction:
    """The result of one extraction request, ready for JSON or a page."""

    result: Result

    @property
    def article(self) -> Article:
        return self.result.article

    @property
    def quotes(self) -> list[Quote]:
        return self.result.quotes

    def marked_text(self) -> Markup:
        return render_marked_text(self.article.text, self.quotes)

    def to_json(self) -> dict[str, Any]:
        return {
            "article": {
                "id": self.article.id,
                "title": self.article.title,
                "outlet": self.article.outlet,
                "published": self.article.published,
                "chars": len(self.article.text),
            },
            "quotes": [quote.to_record() for quote in self.quotes],
            "skipped": dict(self.result.skipped),
        }


def article_from_text(
    text: str, *, ctx: WebContext, title: str | None = None
) -> Article:
    """Check pasted text and wrap it as an article.

    Its id comes from the text ("pasted-" and 12 hex digits of its SHA-1), so
    storing the same text twice adds it once and different texts never share
    an id.
    """
    check_text(text, name="text", max_chars=ctx.limits.max_text_chars)
    check_unicode(title, name="title")
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
    return Article(id=f"pasted-{digest}", text=text, title=title or None, source="web")


def article_from_file(filename: str, data: bytes, *, ctx: WebContext) -> Article:
    """Read an uploaded .txt/.html file as an article."""
    return article_from_upload(filename, data, max_chars=ctx.limits.max_text_chars)


async def run_extraction(article: Article, *, ctx: WebContext) -> Extraction:
    """Extract the quotes of `article` with the app's (lazily loaded) engine.

    It runs in the app's extraction pool: off the event loop, queued, with a
    time limit (503 past it or when the queue is full).
    """
    return Extraction(await ctx.pool.run(article))
