"""Article identity: the digest of a text, and ids that never clash silently.

An article is its text: the same text read twice is the same article. Two
different texts under one id are both kept: the later one gets a stable
suffix, `id~` and the first 8 hex digits of its text's digest, and a warning
(#16). The suffix depends on the text only, so a rerun gives the same id.

`UniqueIds` applies the rule within one `extract` or `run`; the index applies
it against what it already holds (`store.ingest`).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Iterator

from whosaid.model import Failure, Result

SUFFIX_DIGITS = 8


def text_digest(text: str) -> str:
    """Return the identity of an article's text (same text, same article)."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def suffixed_id(doc_id: str, digest: str) -> str:
    """The id a second, different text with `doc_id` is kept under."""
    return f"{doc_id}~{digest[:SUFFIX_DIGITS]}"


def is_same_article(indexed_id: str, doc_id: str, digest: str) -> bool:
    """Say whether a text indexed as `indexed_id` was read as `doc_id` before.

    True for the id itself and for the suffixed ids the text would get.
    """
    return indexed_id in (doc_id, suffixed_id(doc_id, digest), f"{doc_id}~{digest}")


def renamed_warning(source: str, doc_id: str, new_id: str) -> Failure:
    """The warning for an article kept under a suffixed id."""
    return Failure(
        source,
        f"id {doc_id!r} is already taken by another text; kept as {new_id!r}",
        kind="id-renamed",
    )


def with_id(result: Result, doc_id: str) -> Result:
    """Return `result` with its article and quotes under `doc_id`."""
    article = dataclasses.replace(result.article, id=doc_id)
    quotes = [dataclasses.replace(quote, doc=doc_id) for quote in result.quotes]
    return dataclasses.replace(result, article=article, quotes=quotes)


class UniqueIds:
    """Keep article ids unique within one run.

    Memory: two 8-byte digests per article id seen (about 150 bytes each in
    a dict), so ten million articles take about 1.5 GB; `run` on more should
    go through the index or per-folder runs.
    """

    def __init__(self) -> None:
        self._texts: dict[bytes, bytes] = {}
        self.warnings: list[Failure] = []

    def apply(self, items: Iterable[Result | Failure]) -> Iterator[Result | Failure]:
        """Pass results through, each under an id no other text has."""
        for item in items:
            yield self.check(item) if isinstance(item, Result) else item

    def check(self, result: Result) -> Result | Failure:
        """Return `result` as it is, renamed, or a skip when read before."""
        from whosaid.read.items import Skipped

        article = result.article
        digest = text_digest(article.text)
        key, text = _short(article.id), bytes.fromhex(digest[:16])
        seen = self._texts.get(key)
        if seen is None:
            self._texts[key] = text
            return result
        if seen == text:  # the same id and text again: one article
            return Skipped(
                article.source or article.id,
                "the same article read again",
                kind="duplicate",
            )
        new_id = suffixed_id(article.id, digest)
        self._texts.setdefault(_short(new_id), text)
        self.warnings.append(
            renamed_warning(article.source or article.id, article.id, new_id)
        )
        return with_id(result, new_id)


def _short(doc_id: str) -> bytes:
    return hashlib.blake2b(
        doc_id.encode("utf-8", "surrogatepass"), digest_size=8
    ).digest()
