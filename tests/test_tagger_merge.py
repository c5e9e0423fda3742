"""Merging the tagger's attributions with the rules' (the "model" engine, #4)."""

from __future__ import annotations

import pytest

from whosaid.extract.tagger.engine import ModelEngine
from whosaid.extract.tagger.link import trim_to_paragraph
from whosaid.extract.tagger.merge import headline_end, merge_direct, unattributed_drops
from whosaid.model import Attribution, Span

TEXT = "The plant will employ 300 people, the company said. Reed said it was late."


def _at(
    kind: str,
    content: str,
    cue: str | None = None,
    source: str | None = None,
    *,
    text: str = TEXT,
) -> Attribution:
    def span(piece: str | None) -> Span | None:
        if piece is None:
            return None
        start = text.index(piece)
        return Span.of(text, start, start + len(piece))

    found = span(content)
    assert found is not None
    return Attribution(kind, found, span(cue), span(source), 0.8)  # type: ignore[arg-type]  # test tables use plain strings


def test_rules_attribution_kept_for_a_cue_the_tagger_left_without_content() -> None:
    tagged = [_at("indirect", "it was late", "said it", "Reed")]
    rules = [
        _at("indirect", "The plant will employ 300 people", "said.", "the company"),
        _at("indirect", "it was late", "said it", "Reed"),
    ]
    orphan = Span.of(TEXT, TEXT.index("said."), TEXT.index("said.") + 4)
    merged = merge_direct(tagged, rules, orphan_cues=[orphan])
    assert [a.content.text for a in merged] == [
        "The plant will employ 300 people",
        "it was late",
    ]
    # Without an orphan cue the rules' reported speech is not added.
    assert merge_direct(tagged, rules) == tagged


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("Council backs plan for bridge\n\nThe council voted.", 29),
        ("  Mayor says budget is fine\nShe said so.", 27),
        ("Poll: Voters Abandon Party.\n\nA poll shows it.", 0),
        ("Reed said the plan failed.", 0),
        ("One line without a full stop", 0),
    ],
)
def test_headline_end(text: str, end: int) -> None:
    assert headline_end(text) == end


def test_source_over_a_paragraph_break_is_trimmed() -> None:
    text = "By Reuters\n\nUnion leader Tomas Brel said no."
    source = Span.of(text, 3, 35)
    assert trim_to_paragraph(text, source).text == "Union leader Tomas Brel"
    plain = Span.of(text, 12, 35)
    assert trim_to_paragraph(text, plain) == plain


@pytest.fixture(scope="module")
def engine() -> ModelEngine:
    return ModelEngine()


def _found(engine: ModelEngine, text: str) -> list[tuple[str, str]]:
    quotes, _ = engine.find_quotes(engine.nlp(text), "t")
    return [(q.content.text, q.cue.text if q.cue else "") for q in quotes]


def test_headline_event_is_not_a_quote(engine: ModelEngine) -> None:
    text = (
        "Hospital chief defends closure of night clinic\n\n"
        "The clinic will close in May, the hospital said on Monday.\n"
    )
    found = _found(engine, text)
    assert all(content.startswith("The clinic") for content, _ in found), found
    assert found, "the reported speech after the headline was missed"


def test_batched_parse_keeps_tags_and_gives_the_same_quotes(
    engine: ModelEngine,
) -> None:
    texts = [
        "Reed said the plan failed. Ng argued it would work.",
        '"We won," Ms. Ng said on Sunday.',
        "The plant will employ 300 people, the company said.",
    ]
    one_by_one = [engine.find_quotes(engine.nlp(text), "t")[0] for text in texts]
    batched = [
        engine.find_quotes(doc, "t")[0] for doc in engine.nlp.pipe(texts, batch_size=2)
    ]
    assert batched == one_by_one
    doc = engine.nlp(texts[0])
    assert {span.label_ for span in doc.spans["whosaid_tags"]} == {
        "SOURCE",
        "CUE",
        "CONTENT",
    }
    assert {ent.label_ for ent in doc.ents} <= {"PERSON", "ORG", "GPE", "NORP"}
    assert doc.has_annotation("DEP")


def test_content_before_its_cue_comes_from_the_rules(engine: ModelEngine) -> None:
    text = (
        "The plant will employ about 300 people, the company said.\n\n"
        "Prices rose sharply in March, according to the statistics office.\n"
    )
    found = _found(engine, text)
    assert ("The plant will employ about 300 people", "said") in found
    assert ("Prices rose sharply in March", "according to") in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A statement inside the one the rules supplied is part of it.
        (
            "Officers found the men inside a pharmacy shortly after 2 a.m., "
            "police said.\n",
            [("Officers found the men inside a pharmacy shortly after 2 a.m.", "said")],
        ),
        # A state of mind inside it stays an attribution of its own.
        (
            "Governor Ellen Frey believes the state party can win back the seat, "
            "according to two people close to her.\n",
            [
                (
                    "Governor Ellen Frey believes the state party can win back the seat",
                    "according to",
                ),
                ("the state party can win back the seat", "believes"),
            ],
        ),
    ],
)
def test_nested_attributions(
    engine: ModelEngine, text: str, expected: list[tuple[str, str]]
) -> None:
    assert _found(engine, text) == expected


def test_content_with_neither_cue_nor_source_is_dropped() -> None:
    lone = _at("indirect", "it was late")
    spoken = _at("indirect", "it was late", "said it", "Reed")
    follower = Attribution(
        "direct", lone.content, None, None, 0.8, continues=lone.content
    )
    assert unattributed_drops([lone, spoken, follower]) == [0]
