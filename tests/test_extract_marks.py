"""Quotation-mark pairing (#2): doubles, guillemets, singles, apostrophes, paragraphs."""

from __future__ import annotations

import pytest

from whosaid.extract.rules.marks import pair_quote_marks, split_paragraphs


def quoted(text: str) -> list[str]:
    return [text[span.start : span.end] for span in pair_quote_marks(text).spans]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"We won," she said.', ["We won,"]),
        ("“We won,” she said.", ["We won,"]),
        ("« Nous avons gagné », a-t-il dit.", ["Nous avons gagné"]),
        ("„Wir haben gewonnen“, sagte sie.", ["Wir haben gewonnen"]),
        ("''It's done,'' Mr. Lee said.", ["It's done,"]),
        ("She said: 'We will not accept this.'", ["We will not accept this."]),
        ("‘We will not accept this,’ she said.", ["We will not accept this,"]),
        ('"A," she said, "B."', ["A,", "B."]),
        (
            "“One. Two. Three sentences here.” Reed said.",
            ["One. Two. Three sentences here."],
        ),
        ('He said "yes" and "no".', ["yes", "no"]),
        (
            "“He called it ‘fake news,’ again,” she said.",
            ["He called it ‘fake news,’ again,"],
        ),
    ],
)
def test_pairs_quotation_marks(text: str, expected: list[str]) -> None:
    assert quoted(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Israel's leaders don't agree.",
        "The rock of the '90s is back.",
        "The players' union met on Monday.",
        "It's the teachers' and nurses' turn, isn't it?",
        "No quotation marks at all.",
        "",
    ],
)
def test_apostrophes_are_never_quotes(text: str) -> None:
    assert quoted(text) == []


def test_multi_paragraph_quote_reopens_each_paragraph() -> None:
    text = "“First paragraph.\n\n“Second paragraph.\n\n“Last one,” she said.\n\nAfter."
    result = pair_quote_marks(text)
    assert result.unbalanced == 0
    assert len(result.spans) == 1
    span = result.spans[0]
    assert span.paragraphs == 3
    assert text[span.start : span.end].startswith("First paragraph.")
    assert text[span.start : span.end].endswith("Last one,")


@pytest.mark.issue(13)
def test_unclosed_mark_costs_only_its_own_quote() -> None:
    text = (
        "“This never closes.\n\nThe next paragraph is plain text.\n\n“Fine,” he said."
    )
    result = pair_quote_marks(text)
    assert result.unbalanced == 0
    assert [(text[s.start : s.end], s.unclosed) for s in result.spans] == [
        ("This never closes.", True),
        ("Fine,", False),
    ]


@pytest.mark.issue(13)
@pytest.mark.parametrize("line_end", ["\n", "\r\n"])
def test_unclosed_mid_sentence_quote_does_not_swallow_the_next_paragraph(
    line_end: str,
) -> None:
    text = (
        'Graham Holt said the union had "run out of patience with the plan.'
        + line_end * 2
        + '"We will not back down," Aisha Bello told reporters.'
    )
    spans = pair_quote_marks(text).spans
    assert [(text[s.start : s.end], s.unclosed) for s in spans] == [
        ("run out of patience with the plan.", True),
        ("We will not back down,", False),
    ]


@pytest.mark.issue(13)
def test_flattened_paragraph_break_keeps_one_quote() -> None:
    # "A. "B." with no closing mark after A: one quote, as the archive lost
    # the paragraph break between them.
    text = 'He said: "Rates will rise. "Borrowers should prepare." Then he left.'
    spans = pair_quote_marks(text).spans
    assert [text[s.start : s.end] for s in spans] == [
        'Rates will rise. "Borrowers should prepare.'
    ]
    assert spans[0].paragraphs == 2


def test_stray_closing_mark_is_counted() -> None:
    result = pair_quote_marks("He was 6 feet 2” tall.\n\n“Yes,” he said.")
    assert result.unbalanced == 1
    assert len(result.spans) == 1


def test_reopening_needs_the_same_mark_style() -> None:
    text = '"Stray straight mark.\n\n“Curly quote,” she said.'
    result = pair_quote_marks(text)
    assert [(text[s.start : s.end], s.unclosed) for s in result.spans] == [
        ("Stray straight mark.", True),
        ("Curly quote,", False),
    ]


def test_offsets_point_into_the_text() -> None:
    text = "Intro.\r\n\r\n“Quoted text here,” she said. ''Second one.''"
    for span in pair_quote_marks(text).spans:
        assert text[span.open] in "“'"
        assert span.close_end <= len(text)
        assert text[span.start : span.end].strip() == text[span.start : span.end]


def test_paragraphs_split_on_blank_lines_else_newlines() -> None:
    assert split_paragraphs("a\n\nb\n\nc") == [(0, 1), (3, 4), (6, 7)]
    assert split_paragraphs("a\nb") == [(0, 1), (2, 3)]
