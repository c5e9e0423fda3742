"""Extractor.pipe frees the words spaCy learns from each batch (#18, RSS per worker)."""

from __future__ import annotations

from typing import Any

import pytest

from whosaid.model import Article, Result

pytestmark = pytest.mark.issue(18)


def _articles(n: int) -> list[Article]:
    return [
        Article(
            id=str(i),
            text=(
                f"“Zorblatt{i} quux{i} frobnicated every widget in town,” said "
                f"Xylia Qwertzen{i}, the mayor of Plimbury{i}."
            ),
        )
        for i in range(n)
    ]


def test_new_words_do_not_stay_in_the_vocab(extractor: Any) -> None:
    list(extractor.pipe(_articles(2)))  # the words every article shares
    before = len(extractor.nlp.vocab.strings)
    results = list(extractor.pipe(_articles(3 * extractor.batch_size)))
    assert len(extractor.nlp.vocab.strings) == before
    last = results[-1]
    assert isinstance(last, Result)  # the records outlive the batch's docs
    n = 3 * extractor.batch_size - 1
    assert [(q.content.text, q.speaker_name) for q in last.quotes] == [
        (f"Zorblatt{n} quux{n} frobnicated every widget in town,", f"Xylia Qwertzen{n}")
    ]
