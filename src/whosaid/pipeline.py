"""Run an engine over articles: parse in batches, yield quotes per article.

`Extractor` loads the NLP pipeline once and processes an iterable of articles
with spaCy's `nlp.pipe`, yielding one `Result` per article (or the `Failure`
that stood in its place) in input order.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING

from whosaid import settings
from whosaid.model import Article, Failure, Quote, Result

if TYPE_CHECKING:
    from spacy.language import Language

    from whosaid.extract.engines import Engine

log = logging.getLogger(__name__)


class Extractor:
    """Find attributed statements in articles with one loaded engine.

    Example:
        >>> extractor = Extractor()
        >>> for result in extractor.pipe(articles):
        ...     print(result.article.id, len(result.quotes))
    """

    def __init__(
        self,
        engine: str | None = None,
        *,
        spacy_model: str | None = None,
        batch_size: int | None = None,
    ) -> None:
        from whosaid.extract.engines import load_engine

        self.engine: Engine = load_engine(
            settings.get("engine", engine),
            spacy_model=settings.get("spacy_model", spacy_model),
        )
        self.batch_size = int(settings.get("batch_size", batch_size))

    @property
    def nlp(self) -> Language:
        return self.engine.nlp

    def extract(self, text: str, *, doc_id: str = "text") -> list[Quote]:
        """Return the quotes in one text."""
        result = next(self.pipe([Article(id=doc_id, text=text)]))
        if isinstance(result, Failure):
            raise ValueError(result.reason)
        return result.quotes

    def pipe(self, items: Iterable[Article | Failure]) -> Iterator[Result | Failure]:
        """Yield a `Result` per article, and pass failures through, in input order.

        An article the engine cannot process becomes a `Failure`; the rest of
        its batch goes on.
        """
        iterator = iter(items)
        while batch := list(islice(iterator, self.batch_size)):
            articles = [item for item in batch if isinstance(item, Article)]
            docs = self.nlp.pipe(article.text for article in articles)
            by_position = dict(zip((id(a) for a in articles), docs, strict=True))
            for item in batch:
                if isinstance(item, Failure):
                    yield item
                    continue
                doc = by_position[id(item)]
                try:
                    quotes, skipped = self.engine.find_quotes(doc, item.id)
                except Exception as err:  # one bad article never stops the batch
                    log.exception("engine failed on %s", item.id)
                    yield Failure(item.source or item.id, f"engine error: {err}")
                    continue
                yield Result(item, quotes, skipped)


_default: Extractor | None = None


def extract(text: str) -> list[Quote]:
    """Return the attributed statements in `text`, using the default engine.

    The pipeline is loaded on the first call and reused.
    """
    global _default
    if _default is None:
        _default = Extractor()
    return _default.extract(text)
