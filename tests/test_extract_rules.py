"""The rules engine end to end (#2): direct, split, follow-on, indirect, mixed, negatives.

Each case is `(text, expected)` with expected rows `(type, speaker_name, cue,
content)`; the pipeline is loaded once per session (`extractor` fixture).
"""

from __future__ import annotations

import pytest

Row = tuple[str, str | None, str | None, str]


def rows(extractor, text: str) -> list[Row]:  # type: ignore[no-untyped-def]
    return [
        (q.type, q.speaker_name, q.cue.text if q.cue else None, q.content.text)
        for q in extractor.extract(text)
    ]


DIRECT = [
    ('"We won," Ms. Ng said.', [("direct", "Ng", "said", "We won,")]),
    ("“We won,” said Reed.", [("direct", "Reed", "said", "We won,")]),
    (
        "“We will not back down,” Deputy National Security Adviser Thomas Reed told a briefing Monday.",
        [("direct", "Thomas Reed", "told", "We will not back down,")],
    ),
    (
        "Thomas Reed said: “We will win. Nobody can stop us now.”",
        [("direct", "Thomas Reed", "said", "We will win. Nobody can stop us now.")],
    ),
    (
        "Thomas Reed told reporters on Monday: “The deal is dead.”",
        [("direct", "Thomas Reed", "told", "The deal is dead.")],
    ),
    (
        "« Nous ne céderons pas », said Amélie Laurent.",
        [("direct", "Amélie Laurent", "said", "Nous ne céderons pas")],
    ),
    (
        "'We will not accept this,' said Ana Ruiz.",
        [("direct", "Ana Ruiz", "said", "We will not accept this,")],
    ),
    (
        "''It is a fair plan,'' said Mr. Kamin.",
        [("direct", "Kamin", "said", "It is a fair plan,")],
    ),
    (
        "“Yes,” Maria Okafor said.",
        [("direct", "Maria Okafor", "said", "Yes,")],
    ),
    (
        "“We will keep the school open,” ― Esther Tapia",
        [("direct", "Esther Tapia", "―", "We will keep the school open,")],
    ),
    (
        "According to Maria Okafor, “the talks are over.”",
        [("direct", "Maria Okafor", "According to", "the talks are over.")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), DIRECT)
def test_direct_quotes(extractor, text: str, expected: list[Row]) -> None:  # type: ignore[no-untyped-def]
    assert rows(extractor, text) == expected


def test_split_quote_gives_two_records_with_one_speaker_and_cue(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Maria Okafor spoke first. “A deal is close,” she said, “but it is not done.”"
    )
    quotes = extractor.extract(text)
    assert [q.content.text for q in quotes] == [
        "A deal is close,",
        "but it is not done.",
    ]
    assert {q.speaker_name for q in quotes} == {"Maria Okafor"}
    assert quotes[0].cue == quotes[1].cue and quotes[0].cue is not None
    assert quotes[0].speaker == quotes[1].speaker


def test_following_quoted_sentence_continues_the_speaker(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "“We won,” said Thomas Reed. “It was hard, and it took all year.”"
    first, second = extractor.extract(text)
    assert second.content.text == "It was hard, and it took all year."
    assert second.cue is None
    assert second.speaker_name == "Thomas Reed"
    assert second.resolved_by == "previous"
    assert second.speaker == first.speaker


def test_quoted_paragraph_continues_the_previous_paragraphs_speaker(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "“The port will reopen on Friday,” Harbour Master Ines Duarte said on Monday.\n\n"
        "“We have cleared the wreck and checked every berth twice.”\n\n"
        "Shipping firms welcomed the news."
    )
    quotes = [q for q in extractor.extract(text) if q.type == "direct"]
    assert [q.speaker_name for q in quotes] == ["Ines Duarte", "Ines Duarte"]
    assert quotes[1].cue is None


def test_multi_paragraph_quote_is_one_record(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Thomas Reed said:\n\n“The first part of the plan is simple.\n\n"
        "“The second part is harder, and it will take years,” he added.\n\nEnd."
    )
    quotes = [q for q in extractor.extract(text) if q.type == "direct"]
    assert len(quotes) == 1
    assert quotes[0].content.text.startswith("The first part")
    assert quotes[0].content.text.endswith("take years,")
    assert quotes[0].speaker_name == "Thomas Reed"


@pytest.mark.issue(13)
def test_unclosed_quote_is_kept_to_its_paragraph_end_and_stray_marks_counted(
    extractor,  # type: ignore[no-untyped-def]
) -> None:
    from whosaid import Article

    text = (
        "“This never closes at all,” Ana Ruiz said. “Then it does not.\n\n"
        "The rest of the story was 6 feet 2” long.\n\n“Fine,” Ana Ruiz said."
    )
    (result,) = extractor.pipe([Article("a", text)])
    assert [q.content.text for q in result.quotes] == [
        "This never closes at all,",
        "Then it does not.",
        "Fine,",
    ]
    assert result.quotes[1].confidence < 0.7  # the unclosed one says so
    assert result.skipped == {"unbalanced quotes": 1}  # the stray closing mark


INDIRECT = [
    (
        "Thomas Reed said the talks had collapsed.",
        [("indirect", "Thomas Reed", "said", "the talks had collapsed")],
    ),
    (
        "Thomas Reed said that the talks had collapsed.",
        [("indirect", "Thomas Reed", "said", "the talks had collapsed")],
    ),
    (
        "Maria Okafor told reporters the deal was dead.",
        [("indirect", "Maria Okafor", "told", "the deal was dead")],
    ),
    (
        "Maria Okafor warned of a long and painful recession.",
        [("indirect", "Maria Okafor", "warned of", "a long and painful recession")],
    ),
    (
        "Maria Okafor asked Congress to act before the summer.",
        [("indirect", "Maria Okafor", "asked", "Congress to act before the summer")],
    ),
    (
        "According to the Treasury Department, the deficit grew last year.",
        [
            (
                "indirect",
                "the Treasury Department",
                "According to",
                "the deficit grew last year",
            )
        ],
    ),
    (
        "The talks have collapsed, officials said.",
        [("indirect", None, "said", "The talks have collapsed")],
    ),
    (
        "Thomas Reed has pointed out that the budget is balanced.",
        [("indirect", "Thomas Reed", "has pointed out", "the budget is balanced")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), INDIRECT)
def test_indirect_speech(extractor, text: str, expected: list[Row]) -> None:  # type: ignore[no-untyped-def]
    assert rows(extractor, text) == expected


def test_added_that_after_a_first_report(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Thomas Reed said the plan would work, and added that the team would stay."
    assert [row[2:] for row in rows(extractor, text)] == [
        ("said", "the plan would work"),
        ("added", "the team would stay"),
    ]


MIXED = [
    (
        "The ministry said Paris “will not accept any delay.”",
        [("mixed", "The ministry", "said", "Paris “will not accept any delay.”")],
    ),
    # a quoted fragment in a noun-phrase complement is a direct quote (#13)
    (
        "Joan Petrie described the decision as “a joke”.",
        [("direct", "Joan Petrie", "described", "a joke")],
    ),
    (
        "Thomas Reed described it as “productive and frank.”",
        [("direct", "Thomas Reed", "described", "productive and frank.")],
    ),
    (
        "Thomas Reed described the call as “productive and frank.”",
        [("direct", "Thomas Reed", "described", "productive and frank.")],
    ),
    (
        "Maria Okafor said she was “very happy with the result” of the vote.",
        [
            (
                "mixed",
                "Maria Okafor",
                "said",
                "she was “very happy with the result” of the vote",
            )
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), MIXED)
def test_mixed_quotes(extractor, text: str, expected: list[Row]) -> None:  # type: ignore[no-untyped-def]
    assert rows(extractor, text) == expected


NOT_QUOTES = [
    "The film “The Long Road Home” opened on Friday.",
    "They watched “Fox and Friends” on Sunday morning.",
    "The so-called “reform” failed in the Senate.",
    "Israel's leaders don't agree about the '90s.",
    "The rain fell all day and the river rose.",
    "",
    "   \n\n  ",
    "“This is a long quotation that nobody in the story ever says out loud.”",
    "Prime Minister Ana Ruiz. Reuters",
    "Short URL: https://example.org/a1",
    "Read more: “We will win,” says the minister",
    "This story was edited by Sam Patel, who said it was finished.",
    "By Jane Doe and John Smith",
    "She wrote “The Quiet Harbour” in 2004.",
    "The report, titled “How We Pay for Roads,” came out in May.",
]


@pytest.mark.parametrize("text", NOT_QUOTES)
def test_not_quotes(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    assert rows(extractor, text) == []


def test_dateline_agency_is_never_the_speaker(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "WASHINGTON (AP) — “We won,” Thomas Reed said."
    assert rows(extractor, text) == [("direct", "Thomas Reed", "said", "We won,")]


def test_caption_names_are_never_speakers(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Prime Minister Ana Ruiz in Madrid. Reuters\n\n"
        "“The budget is balanced,” she said on Monday."
    )
    (quote,) = extractor.extract(text)
    assert quote.speaker_name is None


@pytest.mark.parametrize(
    "text",
    [
        "Sunday on Fox News’s “Sunday Morning Futures,” Rep. Darrell Issa said the vote was rigged.",
        "Thomas Reed spoke to the crowd, shouting “Go!”\n\nThe “disaster” came later.",
    ],
)
def test_titles_after_a_possessive_are_not_direct_quotes(extractor, text: str) -> None:  # type: ignore[no-untyped-def]
    direct = [q.content.text for q in extractor.extract(text) if q.type == "direct"]
    assert "Sunday Morning Futures," not in direct
    assert "disaster" not in direct


THINKING_VERBS = {  # cues.en.v3 (#12): they were class speech in v2
    "guess": "cognition",
    "surmise": "cognition",
    "reckon": "cognition",
    "ponder": "cognition",
    "judge": "cognition",
    "determine": "cognition",
    "decide": "intention",
}


def test_thinking_and_deciding_verbs_are_not_speech() -> None:
    from whosaid.extract.cues import load_lexicon

    lexicon = load_lexicon()
    assert {verb: lexicon.lookup(verb).cls for verb in THINKING_VERBS} == THINKING_VERBS  # type: ignore[union-attr]


def test_a_decision_inside_a_statement_is_the_statement(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Reed said the council had decided that the road would close."
    assert [q.cue.text for q in extractor.extract(text) if q.cue] == ["said"]


def test_a_guess_is_a_belief_less_sure_than_a_statement_and_still_quotes(
    extractor,  # type: ignore[no-untyped-def]
) -> None:
    said, guessed = (
        extractor.extract(f"Hale {verb} that the vote would be close.")[0]
        for verb in ("said", "guessed")
    )
    assert (guessed.kind, said.kind) == ("belief", "statement")
    assert guessed.confidence < said.confidence
    (quote,) = extractor.extract('"Ten more days," Hale guessed.')
    assert (quote.type, quote.speaker_name) == ("direct", "Hale")
