"""Conventions between annotation schemes, and loading gold sets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from whosaid.evaluate.items import (
    is_quoted,
    item_from_quote,
    items_from_polnear,
    name_from_source,
    widen_to_marks,
)
from whosaid.evaluate.polnear import GoldArticle, parse_ann
from whosaid.evaluate.report import Report, score_document
from whosaid.evaluate.run import GoldSetError, gold_set_docs
from whosaid.evaluate.spans import span_at
from whosaid.model import Quote, Span

TEXT = "“He's absolutely right about the military,” Flynn, a top Trump surrogate, said Thursday."
GOLD_DIR = Path(__file__).parent / "gold"


@pytest.mark.parametrize(
    ("text", "inner", "widened"),
    [
        ("“Yes,” she said.", "Yes,", "“Yes,”"),
        ("“Yes,” she said.", "Yes", "“Yes,”"),  # comma left outside by the engine
        ('He said "no."', "no.", '"no."'),
        ("«Non», dit-il.", "Non", "«Non»"),
        ("'We won,' said Mr Rao.", "We won,", "'We won,'"),
        ("He said no.", "no", "no"),  # no marks: unchanged
        ("“Yes and no", "Yes", "Yes"),  # no closing mark: unchanged
    ],
)
def test_widen_to_marks(text: str, inner: str, widened: str) -> None:
    start = text.index(inner)
    new_start, new_end = widen_to_marks(text, start, start + len(inner))
    assert text[new_start:new_end] == widened


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        ("“He's right about the military,”", True),
        ('"It works."', True),
        ("'It works,' ", True),
        ("“A first paragraph.\n\n“A second one.”", True),  # reopened, closed once
        ("that she “will not accept any delay.”", False),  # mixed
        ("“A,” and B “C.”", False),
        ("It works.", False),
    ],
)
def test_is_quoted(text: str, quoted: bool) -> None:
    assert is_quoted(text, span_at(0, len(text))) is quoted


@pytest.mark.parametrize(
    ("source", "name"),
    [
        ("Flynn, a top Trump surrogate,", "Flynn"),
        ("Thomas Reed", "Thomas Reed"),
        (", odd", ", odd"),
    ],
)
def test_name_from_source(source: str, name: str) -> None:
    assert name_from_source(source) == name


def _quote(text: str, content: str, speaker: str, *, type_: str = "direct") -> Quote:
    start = text.index(content)
    speaker_start = text.index(speaker)
    return Quote(
        doc="d",
        type=type_,  # type: ignore[arg-type]  # literal chosen by the test table
        content=Span.of(text, start, start + len(content)),
        cue=None,
        speaker=Span.of(text, speaker_start, speaker_start + len(speaker)),
        speaker_name="Michael Flynn",
        speaker_title=None,
        confidence=0.8,
    )


def _ann(text: str, *spans: tuple[str, str]) -> str:
    """Write a brat .ann linking one span per (role, text) into one attribution."""
    lines, args = [], []
    for number, (role, piece) in enumerate(spans, 1):
        start = text.index(piece)
        lines.append(f"T{number}\t{role} {start} {start + len(piece)}\t{piece}")
        args.append(f"{role}:T{number}")
    return "\n".join([*lines, "E1\tAttribution:T2 " + " ".join(args)]) + "\n"


ANN = _ann(
    TEXT,
    ("Content", "“He's absolutely right about the military,”"),
    ("Source", "Flynn, a top Trump surrogate,"),
    ("Cue", "said Thursday"),
)


def test_polnear_convention_makes_direct_content_exact() -> None:
    article = GoldArticle("a", TEXT, "0000", parse_ann(TEXT, ANN))
    [gold] = items_from_polnear(article, kind_of_cue=lambda cue: "statement")
    assert gold.direct
    assert gold.name == "Flynn"
    quote = _quote(TEXT, "He's absolutely right about the military,", "Flynn")
    for convention, exact in (("polnear", 1.0), ("whosaid", 0.0)):
        pred = item_from_quote(quote, TEXT, convention=convention)
        report = Report()
        score_document(report, [pred], [gold])
        assert report.roles["content"]["exact"].f1 == exact
        assert report.roles["source"]["exact"].f1 == 0.0  # apposition in gold
        assert report.roles["source"]["begin"].f1 == 1.0
        assert report.attribution.f1 == 1.0


def test_polnear_convention_widens_reported_speech_over_its_that() -> None:
    text = "Flynn said that it works."
    quote = _quote(text, "it works", "Flynn", type_="indirect")
    pred = item_from_quote(quote, text, convention="polnear")
    assert (pred.content.start, pred.content.end) == (11, 24)  # "that it works"
    mine = item_from_quote(quote, text)
    assert (mine.content.start, mine.content.end) == (16, 24)


def test_polnear_convention_leaves_other_indirect_content_alone() -> None:
    text = "Flynn said it works, and that matters."
    quote = _quote(text, "it works", "Flynn", type_="indirect")
    pred = item_from_quote(quote, text, convention="polnear")
    assert (pred.content.start, pred.content.end) == (11, 19)


def test_polnear_kind_comes_from_the_cue() -> None:
    text = "Reed believes it works."
    ann = _ann(text, ("Source", "Reed"), ("Cue", "believes"), ("Content", "it works"))
    article = GoldArticle("a", text, "0000", parse_ann(text, ann))
    kinds = {"believes": "belief"}
    [gold] = items_from_polnear(
        article, kind_of_cue=lambda cue: kinds.get(cue, "statement")
    )
    assert gold.kind == "belief"
    [plain] = items_from_polnear(article)
    assert plain.kind == "statement"


def test_the_shipped_gold_set_loads_and_covers_the_phenomena() -> None:
    docs = gold_set_docs(GOLD_DIR / "gold.jsonl", GOLD_DIR / "texts")
    assert len(docs) >= 15
    items = [item for doc in docs for item in doc.gold]
    records = [
        json.loads(line) for line in (GOLD_DIR / "gold.jsonl").open(encoding="utf-8")
    ]
    assert {r["type"] for r in records} == {"direct", "indirect", "mixed"}
    assert {r["kind"] for r in records} == {
        "statement",
        "belief",
        "intention",
        "evaluation",
    }
    assert any(r["cue"] is None for r in records)  # continuing quotes
    assert any("\n\n" in r["content"]["text"] for r in records)  # multi-paragraph
    assert any(not doc.gold for doc in docs)  # an article with no quote at all
    assert len(items) == len(records) >= 80


def test_gold_set_errors_name_the_line(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Reed said it works.", encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    record = {
        "doc": "a",
        "type": "indirect",
        "content": {"start": 10, "end": 18, "text": "it work"},
    }
    gold.write_text(json.dumps(record) + "\n", encoding="utf-8")
    with pytest.raises(GoldSetError, match=r"gold.jsonl:1: content text 'it work'"):
        gold_set_docs(gold, tmp_path)
    gold.write_text(
        '{"doc": "b", "content": {"start": 0, "end": 1, "text": "R"}}\n',
        encoding="utf-8",
    )
    with pytest.raises(GoldSetError, match="no text b.txt"):
        gold_set_docs(gold, tmp_path)
    gold.write_text("not json\n", encoding="utf-8")
    with pytest.raises(GoldSetError, match="not JSON"):
        gold_set_docs(gold, tmp_path)
