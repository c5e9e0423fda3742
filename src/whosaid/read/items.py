"""What readers yield besides articles: deliberate skips and deferred pages.

A `Skipped` is a `Failure` subclass, so every consumer that passes failures
through (`Extractor.pipe`, the index) passes skips through too; the CLI counts
skips by reason in the summary line instead of reporting them as errors.

A `Pending` input is one whose costly part (HTML main-text extraction) is left
to the worker that will also parse it, so `pipe_parallel` and the Ray engine
spread that work over every core instead of the one that reads the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from whosaid.model import Article, Failure


@dataclass(frozen=True, slots=True)
class Skipped(Failure):
    """An input left out on purpose ("not HTML", "duplicate URL"), not an error."""


class Pending(Protocol):
    """An input that becomes an article (or a failure) when loaded."""

    @property
    def source(self) -> str: ...

    def load(self) -> Article | Failure:
        """Do the costly part of reading: HTML extraction, language check."""
        ...


def load_item(item: Article | Failure | Pending) -> Article | Failure:
    """Return `item` itself, or what a pending input loads into."""
    if isinstance(item, (Article, Failure)):
        return item
    try:
        return item.load()
    except Exception as err:  # one bad page never stops a batch
        return Failure(item.source, f"cannot extract the page ({err})")
