"""Real-news behaviour of both engines on texts written for these tests (#13).

Every rule here is a general rule of English news writing: statements, not
noun phrases; direct quotes to the right speaker; an unbalanced quotation mark
costs only its own quote.
"""

from __future__ import annotations

from typing import Any

import pytest

Row = tuple[str, str | None, str]


def rows(extractor: Any, text: str, *, kind: str = "statement") -> list[Row]:
    return [
        (quote.type, quote.speaker_name, quote.content.text)
        for quote in extractor.extract(text)
        if kind == "all" or quote.kind == kind
    ]


@pytest.fixture(params=["rules", "model"], scope="module")
def engine(request: pytest.FixtureRequest) -> Any:
    fixture = "extractor" if request.param == "rules" else "model_extractor"
    return request.getfixturevalue(fixture)


@pytest.mark.issue(13)
@pytest.mark.parametrize("line_end", ["\n", "\r\n"])
def test_unclosed_mark_costs_only_its_own_quote(engine: Any, line_end: str) -> None:
    text = (
        'Graham Holt said the union had "run out of patience with the plan.'
        + line_end * 2
        + '"We will not back down," Aisha Bello told reporters.'
        + line_end
    )
    quotes = engine.extract(text)
    assert [(q.type, q.speaker_name) for q in quotes] == [
        ("mixed", "Graham Holt"),
        ("direct", "Aisha Bello"),
    ]
    holt, bello = quotes
    assert holt.content.text.startswith("the union had")
    assert "Graham Holt" not in bello.content.text
    assert bello.content.text == "We will not back down,"
    assert holt.confidence < 0.7 < bello.confidence  # the unclosed one says so


SPEAKERS = [
    # "he" is the man just named as the subject, even when his gender is not
    # known and an earlier "Mr" is
    (
        'Mr Dale added: "Costs are high." Trade economist Kofi Mensah said demand '
        'was slowing. "The outlook is weak," he said.',
        [("Dale", "Costs are high."), ("Kofi Mensah", "The outlook is weak,")],
    ),
    # a name inside someone's quote is not the antecedent of "he"
    (
        'Tom Hale spoke on Monday. "Even Ana Ruiz agreed with me on that point," '
        "he said.",
        [("Tom Hale", "Even Ana Ruiz agreed with me on that point,")],
    ),
    # a quote that ends its sentence is not attributed by the next report
    (
        'Ms Ruiz said: "We will appeal. "The ruling is wrong." Bank economist '
        "Tom Hale said rates would stay on hold.",
        [("Ruiz", 'We will appeal. "The ruling is wrong.')],
    ),
    # the comma missing after an opening phrase
    (
        'Speaking in Leeds Mr Hale said: "We need a new plan for the town."',
        [("Hale", "We need a new plan for the town.")],
    ),
    # whoever issues a statement says what it says
    (
        'Senator Ana Ruiz issued a statement saying: "This is a grave mistake."',
        [("Ana Ruiz", "This is a grave mistake.")],
    ),
    # the person named in apposition to an unnamed mention is the speaker
    (
        '"He served the town for forty years," said his son, retired county '
        "judge Richard Allen Roe Jr.",
        [("Richard Allen Roe Jr.", "He served the town for forty years,")],
    ),
    # a quote paragraph with no cue continues the previous quote's speaker,
    # not the last name mentioned
    (
        '"We are ready," said coach Maria Lind, whose side beat Tom Hale\'s team '
        'last year.\n\n"We have trained for months."',
        [
            ("Maria Lind", "We are ready,"),
            ("Maria Lind", "We have trained for months."),
        ],
    ),
]


@pytest.mark.issue(13)
@pytest.mark.parametrize(("text", "expected"), SPEAKERS)
def test_direct_quotes_go_to_the_right_speaker(
    extractor: Any, text: str, expected: list[tuple[str, str]]
) -> None:
    got = [
        (q.speaker_name or (q.speaker.text if q.speaker else ""), q.content.text)
        for q in extractor.extract(text)
        if q.type == "direct"
    ]
    assert [(name.split()[-1], content) for name, content in got] == [
        (name.split()[-1], content) for name, content in expected
    ]


TITLES = [
    # a headline run into the first line is neither title nor speaker
    (
        "Budget row\n\nTory leader Michael Howard said taxes would fall.",
        ("Tory leader Michael Howard", "Tory leader"),
    ),
    # an honorific alone is not a title
    ("Mr Ellis said prices would fall.", ("Mr Ellis", None)),
    # nor one left at the end of a role
    (
        "Usability expert Dr Ana Ruiz said the sites were slow.",
        ("Usability expert Dr Ana Ruiz", "Usability expert"),
    ),
]


@pytest.mark.issue(13)
@pytest.mark.parametrize(("text", "expected"), TITLES)
def test_titles_are_roles(
    extractor: Any, text: str, expected: tuple[str, str | None]
) -> None:
    (quote,) = extractor.extract(text)
    assert quote.speaker is not None
    assert (quote.speaker.text, quote.speaker_title) == expected


REPORTS = [
    # the addressee of "told" before a "that"-clause
    (
        "Mr Hale told BBC Radio's morning programme that the strike would end soon.",
        ("Hale", "told", "the strike would end soon"),
    ),
    # a cue set off by commas inside the clause it reports
    (
        "There were other offers, the official said, but none was serious.",
        ("official", "said", "There were other offers"),
    ),
    (
        "Whether she would stand again, she said, was for voters to decide.",
        ("she", "said", "Whether she would stand again"),
    ),
]


@pytest.mark.issue(13)
@pytest.mark.parametrize(("text", "expected"), REPORTS)
def test_reports_the_parse_hides(
    extractor: Any, text: str, expected: tuple[str, str, str]
) -> None:
    got = [
        (
            q.speaker.text.split()[-1] if q.speaker else "",
            q.cue.text if q.cue else "",
            q.content.text,
        )
        for q in extractor.extract(text)
        if q.kind == "statement"
    ]
    assert expected in got


@pytest.mark.issue(13)
@pytest.mark.parametrize(
    "text",
    [
        "The minister, who had promised a review, said little else.",
        "Ms Ruiz described him, and the board backed him.",
        "Eerdekens identified her before the match.",
        "Okafor said the council, which he leads, voted for him.",
    ],
)
def test_no_record_has_a_pronoun_for_content(engine: Any, text: str) -> None:
    from whosaid.pronouns import is_pronoun_content

    assert not [q for q in engine.extract(text) if is_pronoun_content(q.content.text)]


NOT_STATEMENTS = [
    # an evidence verb whose subject is an inquiry or a poll
    "An investigation into the fire revealed the alarm had failed.",
    "The view is backed by recent polls suggesting voters want lower taxes.",
    # nobody said it
    "Nobody is attempting to suggest that the figures are wrong.",
    # a noun-phrase complement and a wh-complement
    "Ms Park announced the launch of a new fund.",
    "He explained how the plan would work.",
]


@pytest.mark.issue(13)
@pytest.mark.parametrize("text", NOT_STATEMENTS)
def test_reports_that_are_not_statements(extractor: Any, text: str) -> None:
    assert [
        q.content.text for q in extractor.extract(text) if q.kind == "statement"
    ] == []
