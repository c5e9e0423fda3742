"""Long runs without spaces and very long articles stay linear (#19)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import spacy

from whosaid.extract.long_runs import MAX_RUN, bound_run_length
from whosaid.model import Article, Result
from whosaid.windows import Window, parse_text, place_quotes, plan_windows

HOSTILE = ["!" * 20_000, "\U0001f600" * 40_000, "'s" * 5_000, "?!" * 8_000]


def _counting_nlp() -> tuple[Any, list[int]]:
    """A blank English tokenizer that counts the characters its suffix search reads."""
    nlp = spacy.blank("en")
    scanned: list[int] = []
    search = nlp.tokenizer.suffix_search

    def counting(text: str) -> Any:
        scanned.append(len(text))
        return search(text)

    nlp.tokenizer.suffix_search = counting
    return nlp, scanned


@pytest.mark.issue(19)
@pytest.mark.parametrize("text", HOSTILE, ids=["bangs", "emoji", "apostrophe-s", "?!"])
def test_a_long_run_is_tokenized_in_linear_work(text: str) -> None:
    nlp, scanned = _counting_nlp()
    bound_run_length(nlp)
    doc = nlp(text)
    assert doc.text == text
    # Unbounded, the suffix loop reads about len(text)²/2 characters (2·10⁸
    # for the 20,000 "!"); in pieces of MAX_RUN it reads about len·MAX_RUN/2.
    assert sum(scanned) <= len(text) * MAX_RUN


@pytest.mark.issue(19)
def test_text_without_long_runs_is_tokenized_as_before() -> None:
    text = (
        "Visit https://example.org/" + "a" * 150 + '?q=1 now. "Wow!!!" '
        "she said 😀😀, I'd say so... (really)\n\n  Done."
    )
    plain = spacy.blank("en")
    bounded = bound_run_length(spacy.blank("en"))
    assert [(t.text, t.whitespace_) for t in bounded(text)] == [
        (t.text, t.whitespace_) for t in plain(text)
    ]


@pytest.mark.issue(19)
def test_runs_of_single_character_tokens_keep_their_tokens() -> None:
    """Emoji and punctuation are one token each, cut into pieces or not."""
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # a ZWJ sequence
    text = "Start " + family * 100 + " mid " + "?!" * 300 + "\n" + "😀" * 450
    plain = spacy.blank("en")
    bounded = bound_run_length(spacy.blank("en"))
    doc = bounded(text)
    assert doc.text == text
    assert [t.text for t in doc] == [t.text for t in plain(text)]


@pytest.mark.issue(19)
@pytest.mark.parametrize("text", ["!" * 20_000, "\U0001f600" * 40_000])
def test_the_engine_answers_a_wall_of_punctuation(extractor: Any, text: str) -> None:
    (result,) = extractor.pipe([Article(id="wall", text=text)])
    assert isinstance(result, Result)
    assert result.quotes == []
    # Blanked before parsing: one whitespace token, not 20,000 parsed tokens.
    assert parse_text(text, plan_windows(text)[0]).strip() == ""


@pytest.mark.issue(19)
def test_a_quote_around_a_blanked_run_reads_as_written(extractor: Any) -> None:
    text = f'"We will win {"!" * 300} today," Maria Okafor said on Monday.'
    (result,) = extractor.pipe([Article(id="run", text=text)])
    assert isinstance(result, Result)
    for quote in result.quotes:
        for span in (quote.content, quote.cue, quote.speaker, *quote.chain):
            if span is not None:
                assert text[span.start : span.end] == span.text
    assert any("!" * 300 in quote.content.text for quote in result.quotes)


def test_a_normal_article_is_one_window() -> None:
    text = "A paragraph.\n" * 2_000
    assert plan_windows(text, window_chars=len(text)) == [
        Window(0, len(text), 0, len(text))
    ]


@pytest.mark.issue(19)
def test_window_cores_cover_every_paragraph_once() -> None:
    text = "".join(f"Paragraph number {i}.\n" for i in range(1_000))
    windows = plan_windows(text, window_chars=2_000, context=3)
    assert len(windows) > 5
    assert windows[0].core_start == 0
    assert windows[-1].core_end == len(text)
    for before, after in zip(windows, windows[1:], strict=False):
        assert before.core_end == after.core_start
        assert after.start < after.core_start  # context before
        assert before.end > before.core_end  # context after
        assert text[after.core_start - 1] == "\n"  # cut at paragraph starts
    assert all(w.core_end - w.core_start <= 2_000 for w in windows)


@pytest.mark.issue(19)
def test_windows_find_the_quotes_of_one_parse(extractor: Any) -> None:
    """Windowed, a long article gives the quotes of the whole-text parse."""
    paragraphs = [
        '"We will not stop," Maria Okafor said on Monday.',
        "The vote is due next week.",
        "Tom Reyes said the costs would rise sharply.",
        "Critics were not convinced by either of them.",
    ]
    text = "\n".join(paragraphs * 30) + "\n"
    whole, _ = extractor.engine.find_quotes(extractor.nlp(text), "a")
    windows = plan_windows(text, window_chars=800, context=3)
    assert len(windows) > 4
    windowed = []
    for window in windows:
        doc = extractor.nlp(parse_text(text, window))
        quotes, _ = extractor.engine.find_quotes(doc, "a")
        windowed += place_quotes(quotes, text, window)

    def key(quote: Any) -> tuple[Any, ...]:
        cue = quote.cue.to_dict() if quote.cue else None
        return (quote.content.start, quote.type, str(cue), quote.speaker_name)

    assert sorted(map(key, windowed)) == sorted(map(key, whole))


SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"


@pytest.mark.issue(19)
def test_every_shared_article_is_parsed_as_before() -> None:
    """One window, no blanked run, no run cut: the engines see the same text."""
    paths = [
        *SHARED.glob("realnews/text/*"),
        *SHARED.glob("polnear/*/text/*.txt"),
        *SHARED.glob("bbc/*/*.txt"),
    ]
    if not paths:
        pytest.skip("../shared/data is absent")
    long_run = re.compile(rf"\S{{{MAX_RUN + 1},}}")
    for path in paths:
        text = path.read_bytes().decode("utf-8", errors="replace")
        (window,) = plan_windows(text)
        assert parse_text(text, window) == text, path
        assert long_run.search(text) is None, path


@pytest.mark.issue(18)
def test_a_batch_is_parsed_in_groups_of_at_most_batch_chars(
    extractor: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Groups of at most BATCH_CHARS characters, and the records of one by one."""
    from whosaid.pipeline import BATCH_CHARS

    paragraph = (
        '"The plan will cost more than anyone admits," Maria Okafor said on '
        "Monday. Tom Reyes, the council leader, said the figures were sound.\n"
    )
    text = paragraph * (BATCH_CHARS // len(paragraph) // 3 + 1)  # a third of a group
    articles = [Article(id=f"a{i}", text=text) for i in range(7)]
    alone = [extractor.extract(a.text, doc_id=a.id) for a in articles]
    nlp = extractor.engine.nlp
    groups: list[list[int]] = []
    pipe = nlp.pipe

    def spy(texts: Any, **kwargs: Any) -> Any:
        texts = list(texts)
        groups.append([len(t) for t in texts])
        return pipe(texts, **kwargs)

    monkeypatch.setattr(nlp, "pipe", spy)
    results = list(extractor.pipe(articles))
    assert all(sum(sizes) <= BATCH_CHARS or len(sizes) == 1 for sizes in groups)
    assert len(groups) >= 3 and max(map(len, groups)) >= 2  # grouped, and bounded
    assert [
        [q.to_record() for q in r.quotes] for r in results if isinstance(r, Result)
    ] == [[q.to_record() for q in quotes] for quotes in alone]
