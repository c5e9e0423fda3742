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

from whosaid import settings
from whosaid.model import Article, Failure


@dataclass(frozen=True, slots=True)
class Skipped(Failure):
    """An input left out on purpose ("not HTML", "duplicate URL"), not an error."""


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How a run reads its inputs: one encoding for all, the language to keep.

    Attributes:
        encoding: Codec for every text input; None detects (`read.decode`).
        language: ISO 639-1 code of the articles to keep; None keeps all.
    """

    encoding: str | None = None
    language: str | None = "en"

    @classmethod
    def from_settings(
        cls, *, encoding: str | None = None, language: str | None = None
    ) -> ReadOptions:
        """Resolve flags against the settings `encoding` and `language`.

        Raises:
            WhosaidError: If the encoding is not one Python knows.
        """
        from whosaid.read.decode import check_encoding

        chosen = str(settings.get("language", language)).strip().lower()
        return cls(
            encoding=check_encoding(settings.get("encoding", encoding)),
            language=None if chosen in ("", "any") else chosen,
        )


class Pending(Protocol):
    """An input that becomes an article (or a failure) when loaded."""

    @property
    def source(self) -> str: ...

    def load(self) -> Article | Failure:
        """Do the costly part of reading: HTML extraction, language check."""
        ...


def load_item(
    item: Article | Failure | Pending, options: ReadOptions | None = None
) -> Article | Failure:
    """Return what `item` is or loads into, after the language check (#16).

    Every article passes here before it is parsed, whatever it was read from,
    so the check is the same for text, JSONL, HTML, WARC and Parquet.
    """
    from whosaid.read.language import check_language

    options = options or ReadOptions()
    if isinstance(item, Failure):
        return item
    if isinstance(item, Article):
        article = item
    else:
        try:
            loaded = item.load()
        except Exception as err:  # one bad page never stops a batch
            return Failure(
                item.source, f"cannot extract the page ({err})", kind="malformed"
            )
        if isinstance(loaded, Failure):
            return loaded
        article = loaded
    return check_language(article, options.language)
