"""Run an engine over articles: parse in batches, yield quotes per article.

`Extractor` loads the NLP pipeline once and processes an iterable of articles
with spaCy's `nlp.pipe`, yielding one `Result` per article (or the `Failure`
that stood in its place) in input order.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING

from whosaid import settings
from whosaid.extract.blas import one_blas_thread
from whosaid.model import Article, Failure, Quote, Result
from whosaid.voices.people import person_names, resolve_people
from whosaid.windows import Window, parse_text, place_quotes, plan_windows

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from whosaid.extract.engines import Engine

log = logging.getLogger(__name__)

BATCH_CHARS = 20_000
"""Most characters parsed in one `nlp.pipe` call (a batch of articles or windows).

One window longer than this (up to `windows.WINDOW_CHARS`) is parsed alone.
Smaller groups hold less at once for the same records and CPU (#18;
figures in docs/speed.md)."""


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
        from whosaid.extract.long_runs import bound_run_length

        self.engine: Engine = load_engine(
            settings.get("engine", engine),
            spacy_model=settings.get("spacy_model", spacy_model),
        )
        bound_run_length(self.engine.nlp)  # no quadratic tokenizing (#19)
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
        its batch goes on. A long article is parsed in windows of paragraphs
        (`whosaid.windows`), so time and memory grow linearly with its length.
        """
        iterator = iter(items)
        while batch := list(islice(iterator, self.batch_size)):
            # spaCy keeps every new word of every article in its vocab: a
            # worker's memory would grow over millions of articles. A memory
            # zone per batch frees them; nothing spaCy made outlives it (#18).
            # One BLAS thread: whosaid scales out by processes (#18).
            with self.nlp.memory_zone(), one_blas_thread():
                results = list(self._pipe_batch(batch))
            yield from results

    def _pipe_batch(self, batch: list[Article | Failure]) -> Iterator[Result | Failure]:
        jobs = [
            (item, window)
            for item in batch
            if isinstance(item, Article)
            for window in plan_windows(item.text)
        ]
        found: dict[int, tuple[list[Quote], Counter[str], Counter[str]] | str] = {}
        for article, window, doc in self._parse(jobs):
            so_far = found.setdefault(id(article), ([], Counter(), Counter()))
            if isinstance(so_far, str):
                continue
            try:
                quotes, skipped = self.engine.find_quotes(doc, article.id)
            except Exception as err:  # one bad article never stops the batch
                log.exception("engine failed on %s", article.id)
                found[id(article)] = f"engine error: {err}"
                continue
            so_far[0].extend(place_quotes(quotes, article.text, window))
            so_far[1].update(skipped)
            so_far[2].update(person_names(doc))  # people mentioned (#15)
        for item in batch:
            if isinstance(item, Failure):
                yield item
                continue
            outcome = found.get(id(item), ([], Counter(), Counter()))
            if isinstance(outcome, str):
                yield Failure(item.source or item.id, outcome)
            else:
                people = resolve_people(outcome[2])
                yield Result(item, outcome[0], dict(outcome[1]), people)

    def _parse(
        self, jobs: list[tuple[Article, Window]]
    ) -> Iterator[tuple[Article, Window, Doc]]:
        """Parse the jobs' texts in groups of at most `BATCH_CHARS` characters.

        A group bounds what spaCy holds at once: `nlp.pipe` keeps a whole
        batch's docs and activations in memory (#19).
        """
        group: list[tuple[Article, Window]] = []
        chars = 0
        for job in [*jobs, None]:
            size = 0 if job is None else job[1].end - job[1].start
            if group and (job is None or chars + size > BATCH_CHARS):
                texts = (parse_text(article.text, window) for article, window in group)
                docs = self.nlp.pipe(texts, batch_size=self.batch_size)
                for (article, window), doc in zip(group, docs, strict=True):
                    yield article, window, doc
                group, chars = [], 0
            if job is not None:
                group.append(job)
                chars += size


_default: Extractor | None = None


def extract(text: str) -> list[Quote]:
    """Return the attributed statements in `text`, using the default engine.

    The pipeline is loaded on the first call and reused.
    """
    global _default
    if _default is None:
        _default = Extractor()
    return _default.extract(text)
