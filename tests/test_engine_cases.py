"""Hand-made cases the rules engine once got wrong, and their neighbours (#2, #8).

Each case lists every record the rules engine must return for a text, as rows
`(type, speaker_name, cue, content, kind)`, so a case fails on a missing
record, a wrong field and an extra record alike. The texts were written for
these tests.
"""

from __future__ import annotations

from typing import Any

import pytest

from whosaid import Extractor

Row = tuple[str, str | None, str | None, str, str]


@pytest.fixture(scope="session")
def rules(extractor: Extractor) -> Extractor:
    """The rules engine: the session's extractor when it is the rules engine."""
    if extractor.engine.name == "rules":
        return extractor
    return Extractor("rules")


def rows(rules: Extractor, text: str) -> list[Row]:
    return [
        (
            quote.type,
            quote.speaker_name,
            quote.cue.text if quote.cue else None,
            quote.content.text,
            quote.kind,
        )
        for quote in rules.extract(text)
    ]


# A belief, intention or fear reported inside someone's statement is part of
# that statement, not a quote of its own.
NESTED = [
    (
        "Okafor said the department expected revenue to fall.",
        [
            (
                "indirect",
                "Okafor",
                "said",
                "the department expected revenue to fall",
                "statement",
            )
        ],
    ),
    (
        "Okafor told reporters that officials feared a recession.",
        [
            (
                "indirect",
                "Okafor",
                "told",
                "officials feared a recession",
                "statement",
            )
        ],
    ),
    (
        "Reed said he hoped the talks would resume.",
        [("indirect", "Reed", "said", "he hoped the talks would resume", "statement")],
    ),
    # negative: a belief not inside a statement is still a quote
    (
        "Okafor believes the department will cut spending.",
        [
            (
                "indirect",
                "Okafor",
                "believes",
                "the department will cut spending",
                "belief",
            )
        ],
    ),
    # negative: a belief the sentence reports, with its source after it, stays
    (
        "Governor Ana Ruiz believes the party can win the seat, according to "
        "two aides.",
        [
            (
                "indirect",
                None,
                "according to",
                "Governor Ana Ruiz believes the party can win the seat",
                "statement",
            ),
            (
                "indirect",
                "Ana Ruiz",
                "believes",
                "the party can win the seat",
                "belief",
            ),
        ],
    ),
    # negative: a speech act reported inside a statement keeps its record
    (
        "The mayor said the council praised the plan.",
        [
            ("indirect", None, "said", "the council praised the plan", "statement"),
            ("indirect", "the council", "praised", "the plan", "evaluation"),
        ],
    ),
]

# One fragment belongs to exactly one record.
FRAGMENTS = [
    (
        "Reed said the plan “will not work,” adding: “We need more time.”",
        [
            ("mixed", "Reed", "said", "the plan “will not work,”", "statement"),
            ("direct", "Reed", "adding", "We need more time.", "statement"),
        ],
    ),
    (
        'Reed said the plan "will not work" and added: "We need more time."',
        [
            ("mixed", "Reed", "said", 'the plan "will not work"', "statement"),
            ("direct", "Reed", "added", "We need more time.", "statement"),
        ],
    ),
    (
        '"We are ready," she said, "and we will not wait."',
        [
            ("direct", None, "said", "We are ready,", "statement"),
            ("direct", None, "said", "and we will not wait.", "statement"),
        ],
    ),
    (
        "Reed said on Monday that the budget was balanced, adding that taxes "
        "would not rise.",
        [
            ("indirect", "Reed", "said", "the budget was balanced", "statement"),
            ("indirect", "Reed", "adding", "taxes would not rise", "statement"),
        ],
    ),
]

# A second cue coordinated with the first reports for the same speaker.
FRAGMENTS += [
    (
        'Reed said the talks had stalled and added that "nobody is to blame."',
        [
            ("indirect", "Reed", "said", "the talks had stalled", "statement"),
            ("mixed", "Reed", "added", '"nobody is to blame."', "statement"),
        ],
    ),
    (
        'Reed said the talks had stalled, adding: "We need more time."',
        [
            ("indirect", "Reed", "said", "the talks had stalled", "statement"),
            ("direct", "Reed", "adding", "We need more time.", "statement"),
        ],
    ),
    (
        '"We need more time," Reed said, adding that the talks would go on.',
        [
            ("direct", "Reed", "said", "We need more time,", "statement"),
            ("indirect", "Reed", "adding", "the talks would go on", "statement"),
        ],
    ),
]

# A quoted sentence with its speaker after it is a direct quote, whatever the
# marks and however the speaker's title is tagged.
DIRECT_AFTER = [
    (
        "“We will appeal the ruling,” Lena Park said.",
        [("direct", "Lena Park", "said", "We will appeal the ruling,", "statement")],
    ),
    (
        "The court ruled against the city.\n\n“We will appeal the ruling,” Lena Park said.",
        [("direct", "Lena Park", "said", "We will appeal the ruling,", "statement")],
    ),
    (
        "“We will appeal the ruling,” said Lena Park.",
        [("direct", "Lena Park", "said", "We will appeal the ruling,", "statement")],
    ),
    (
        "The harbour will reopen next week.\n\n“We expect the first ships to dock "
        "on Monday,” harbour master Lena Park said on Friday.",
        [
            (
                "direct",
                "Lena Park",
                "said",
                "We expect the first ships to dock on Monday,",
                "statement",
            )
        ],
    ),
    (
        "“The figures are final,” Maria Okafor, a Treasury spokeswoman, said.",
        [("direct", "Maria Okafor", "said", "The figures are final,", "statement")],
    ),
    (
        '"The talks have failed," Reed said.\n\n"We will try again in the spring. '
        'Nobody should give up."',
        [
            ("direct", "Reed", "said", "The talks have failed,", "statement"),
            (
                "direct",
                "Reed",
                None,
                "We will try again in the spring. Nobody should give up.",
                "statement",
            ),
        ],
    ),
    # negative: "added that “…”" reports a clause, a mixed quote
    (
        "“We expect ships on Monday,” Lena Park said. She added that “the "
        "channel is deep enough again.”",
        [
            ("direct", "Lena Park", "said", "We expect ships on Monday,", "statement"),
            (
                "mixed",
                "Lena Park",
                "added",
                "“the channel is deep enough again.”",
                "statement",
            ),
        ],
    ),
]

# A title before a name the NER missed is not part of the name.
TITLED = [
    "“We will appeal the ruling,” said deputy mayor Ana Ruiz.",
    "“We will appeal the ruling,” said Interior Minister Ana Ruiz.",
    "“We will appeal the ruling,” lead counsel Ana Ruiz said.",
    "“We will appeal the ruling,” said press secretary Ana Ruiz.",
    "The court ruled on Monday.\n\n“We will appeal the ruling,” head coach Ana "
    "Ruiz said on Friday.",
]
DIRECT_AFTER += [
    (text, [("direct", "Ana Ruiz", "said", "We will appeal the ruling,", "statement")])
    for text in TITLED
]

# Frames of reported speech, organisations and appositions as speakers.
REPORTED = [
    (
        "Maria Okafor, a Treasury spokeswoman, said the figures were final.",
        [("indirect", "Maria Okafor", "said", "the figures were final", "statement")],
    ),
    (
        "The Treasury Department said it would publish the figures on Friday.",
        [
            (
                "indirect",
                "The Treasury Department",
                "said",
                "it would publish the figures on Friday",
                "statement",
            )
        ],
    ),
    (
        "According to the Treasury Department, revenue rose by 4 percent.",
        [
            (
                "indirect",
                "the Treasury Department",
                "According to",
                "revenue rose by 4 percent",
                "statement",
            )
        ],
    ),
    (
        "Revenue rose by 4 percent, according to Maria Okafor.",
        [
            (
                "indirect",
                "Maria Okafor",
                "according to",
                "Revenue rose by 4 percent",
                "statement",
            )
        ],
    ),
    # a quoted fragment in a noun-phrase complement is a direct quote (#13)
    (
        'Reed described the call as "productive and frank."',
        [("direct", "Reed", "described", "productive and frank.", "statement")],
    ),
    # a "that"-clause the parser hangs on a prepositional object
    (
        "Park wrote in a letter that the ruling was unfair.",
        [("indirect", "Park", "wrote", "the ruling was unfair", "statement")],
    ),
    # "that" as the clause's subject is part of what was said
    (
        "Reed said that was the end of the matter.",
        [("indirect", "Reed", "said", "that was the end of the matter", "statement")],
    ),
    (
        "Reed told reporters at a briefing that the talks had stalled.",
        [("indirect", "Reed", "told", "the talks had stalled", "statement")],
    ),
    # a quoted noun phrase after "warned of": the quoted words are Hale's (#13)
    (
        'Hale warned of "a free-for-all for predators" if the ruling stood.',
        [("direct", "Hale", "warned of", "a free-for-all for predators", "statement")],
    ),
    # a relative clause: the report starts after the cue; a speaker ends before it
    (
        "The book, which I said was not a memoir, sold well.",
        [("indirect", None, "said", "was not a memoir", "other")],  # cut off (#13)
    ),
    (
        "Police received 911 calls saying shots had been fired at the center.",
        [
            (
                "indirect",
                None,
                "saying",
                "shots had been fired at the center",
                "statement",
            )
        ],
    ),
    # a role with a name the NER missed in apposition
    (
        "A spokesman for the ministry, Ana Ruiz, said the talks would resume.",
        [("indirect", "Ana Ruiz", "said", "the talks would resume", "statement")],
    ),
    # what a speaker calls something, in quotation marks, is the speaker's
    # words (#13, the real-news convention): a direct quote
    (
        "The senator called it 'fake news.'",
        [("direct", None, "called", "fake news.", "statement")],
    ),
    (
        'The senator called it "a hoax."',
        [("direct", None, "called", "a hoax.", "statement")],
    ),
    # negative: a short quote set off by a colon is speech
    (
        'Asked about the plan, Reed said: "No."',
        [("direct", "Reed", "said", "No.", "statement")],
    ),
    # negatives: a relative clause, a scare quote, a title
    ("The report that the committee had approved was published on Monday.", []),
    (
        'The senator called the report "fake news" on Monday.',
        [("direct", None, "called", "fake news", "statement")],
    ),
    ('The film "The Long Road Home" opened on Friday.', []),
]

# Pronouns and surnames resolve to the right person.
PEOPLE = [
    (
        "Thomas Reed met Maria Okafor on Monday. Reed said the talks went well. "
        "She added that more meetings would follow.",
        [
            ("indirect", "Thomas Reed", "said", "the talks went well", "statement"),
            (
                "indirect",
                "Maria Okafor",
                "added",
                "more meetings would follow",
                "statement",
            ),
        ],
    ),
    (
        "Hillary Clinton spoke in Ohio on Monday. Bill Clinton said the campaign "
        "was strong.",
        [("indirect", "Bill Clinton", "said", "the campaign was strong", "statement")],
    ),
    (
        "Bill Clinton spoke in Iowa. Hillary Clinton said the campaign was strong. "
        "Clinton added that the polls were wrong.",
        [
            (
                "indirect",
                "Hillary Clinton",
                "said",
                "the campaign was strong",
                "statement",
            ),
            (
                "indirect",
                "Hillary Clinton",
                "added",
                "the polls were wrong",
                "statement",
            ),
        ],
    ),
    # a surname the tagger reads as another word still speaks
    (
        "Long said the department expected revenue to fall.",
        [
            (
                "indirect",
                "Long",
                "said",
                "the department expected revenue to fall",
                "statement",
            )
        ],
    ),
    (
        "Early said the plan would fail.",
        [("indirect", "Early", "said", "the plan would fail", "statement")],
    ),
    # negative: a sentence adverb is no speaker
    ("Also said to be at risk were the harbour and the bridge.", []),
    # the pronoun goes to the subject, not to the nearest name
    (
        "Maria Okafor thanked Thomas Reed for his help. She said the talks had "
        "gone well.",
        [("indirect", "Maria Okafor", "said", "the talks had gone well", "statement")],
    ),
    (
        "Thomas Reed called Maria Okafor on Monday. He told her the deal was off.",
        [("indirect", "Thomas Reed", "told", "the deal was off", "statement")],
    ),
    (
        "Ana Lopes, who met Maria Okafor on Monday, said the talks had gone well. "
        "She added that a deal was close.",
        [
            ("indirect", "Ana Lopes", "said", "the talks had gone well", "statement"),
            ("indirect", "Ana Lopes", "added", "a deal was close", "statement"),
        ],
    ),
    (
        'Sen. Tom Hale praised Maria Okafor. "She has done a great job," he said.',
        [
            ("indirect", "Tom Hale", "praised", "Maria Okafor", "evaluation"),
            ("direct", "Tom Hale", "said", "She has done a great job,", "statement"),
        ],
    ),
    # a quoted paragraph continues the person named as subject since
    (
        '"We will appeal," Lena Park said.\n\nMaria Okafor disagreed with the '
        'decision.\n\n"This ruling is fair and it is final."',
        [
            ("direct", "Lena Park", "said", "We will appeal,", "statement"),
            (
                "direct",
                "Maria Okafor",
                None,
                "This ruling is fair and it is final.",
                "statement",
            ),
        ],
    ),
    (
        'Lena Park said the city would appeal. "The ruling ignores the evidence."',
        [
            ("indirect", "Lena Park", "said", "the city would appeal", "statement"),
            (
                "direct",
                "Lena Park",
                None,
                "The ruling ignores the evidence.",
                "statement",
            ),
        ],
    ),
    # a speaker the NER did not tag still takes the pronoun that follows
    (
        "“The budget is balanced,” Okafor said. “Nobody will pay more tax.”\n\n"
        "“We have done the work,” she added.",
        [
            ("direct", "Okafor", "said", "The budget is balanced,", "statement"),
            ("direct", "Okafor", None, "Nobody will pay more tax.", "statement"),
            ("direct", "Okafor", "added", "We have done the work,", "statement"),
        ],
    ),
    (
        "The Treasury Department said on Tuesday that the deficit had narrowed. "
        "It added that revenue was up.",
        [
            (
                "indirect",
                "The Treasury Department",
                "said",
                "the deficit had narrowed",
                "statement",
            ),
            (
                "indirect",
                "The Treasury Department",
                "added",
                "revenue was up",
                "statement",
            ),
        ],
    ),
    (
        'Said Ellis: "The numbers do not add up."',
        [("direct", "Ellis", "Said", "The numbers do not add up.", "statement")],
    ),
]

# Negation, refusal and hearsay (#8).
KINDS = [
    (
        "Reed did not say when the talks would resume.",
        [("indirect", "Reed", "did not say", "when the talks would resume", "other")],
    ),
    (
        "Reed never said that the talks had failed.",
        [("indirect", "Reed", "never said", "the talks had failed", "other")],
    ),
    (
        "Reed declined to say whether the talks would resume.",
        [("indirect", "Reed", "to say", "whether the talks would resume", "other")],
    ),
    (
        "Reed is said to believe the talks will fail.",
        [("indirect", "Reed", "to believe", "the talks will fail", "belief")],
    ),
    (
        "Reed was quoted as saying the talks had failed.",
        [("indirect", "Reed", "saying", "the talks had failed", "statement")],
    ),
    (
        "Reed is believed to have told aides that the deal was off.",
        [("indirect", "Reed", "to have told", "the deal was off", "statement")],
    ),
    (
        "Okafor refused to say whether taxes would rise.",
        [("indirect", "Okafor", "to say", "whether taxes would rise", "other")],
    ),
    (
        '"We will not comment," Reed declined to say.',
        [("direct", "Reed", "declined", "We will not comment,", "other")],
    ),
    (
        "Reed did not criticize the ruling.",
        [("indirect", "Reed", "did not criticize", "the ruling", "other")],
    ),
    # a negated state of mind inside a statement: one record, the statement
    (
        "Reed said he did not believe the figures.",
        [("indirect", "Reed", "said", "he did not believe the figures", "statement")],
    ),
    (
        "Reed did not say that the plan had failed, but he said it needed work.",
        [
            ("indirect", "Reed", "did not say", "the plan had failed", "other"),
            ("indirect", "Reed", "said", "it needed work", "statement"),
        ],
    ),
]

CASES = NESTED + FRAGMENTS + DIRECT_AFTER + REPORTED + PEOPLE + KINDS


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_engine_case(rules: Extractor, text: str, expected: list[Row]) -> None:
    assert rows(rules, text) == expected


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("Reed is said to believe the talks will fail.", "distancing"),
        ("Reed was quoted as saying the talks had failed.", "distancing"),
        ("Reed declined to say whether the talks would resume.", "neutral"),
        ("Reed reportedly said the talks had failed.", "distancing"),
        ("Reed may have said that the deal was off.", "distancing"),
        ("Reed flatly denied that he had met the lobbyists.", "distancing"),
        ("Reed repeatedly said the vote was rigged.", "assertive"),
        ("Okafor admitted that the figures were wrong.", "conceding"),
        ("Reed said the talks had failed.", "neutral"),
    ],
)
def test_hearsay_and_refusal_stance(rules: Extractor, text: str, stance: str) -> None:
    [quote] = rules.extract(text)
    assert quote.cue_stance == stance


def _overlapping(quotes: list[Any]) -> list[tuple[str, str]]:
    spans = sorted((q.content.start, q.content.end, q.content.text) for q in quotes)
    return [(a[2], b[2]) for a, b in zip(spans, spans[1:], strict=False) if b[0] < a[1]]


def test_no_two_records_share_words(rules: Extractor) -> None:
    text = (
        "Thomas Reed, the deputy adviser, said the plan “will not work,” adding: "
        "“We need more time.” Okafor said the department expected revenue to "
        "fall, and she warned that “nothing is settled.”\n\n"
        "“We will appeal the ruling,” Lena Park said."
    )
    quotes = rules.extract(text)
    assert _overlapping(quotes) == []
    for quote in quotes:
        for span in (quote.cue, quote.speaker):
            if span is not None:
                assert not quote.content.start < span.end <= quote.content.end


def _token(doc: Any, word: str) -> Any:
    return next(token for token in doc if token.text == word)


@pytest.mark.parametrize(
    ("text", "other", "content"),
    [
        (
            "Reed said the plan “will not work,” adding: “We need more time.”",
            "adding",
            "the plan “will not work,”",
        ),
        (
            'Reed said the plan "will not work" and added: "We need more time."',
            "added",
            'the plan "will not work"',
        ),
        # negative: a cue inside the reported clause does not end it
        (
            'Reed says he would sit Putin down and tell him "no more nonsense."',
            "tell",
            'he would sit Putin down and tell him "no more nonsense."',
        ),
    ],
)
def test_reported_clause_ends_before_the_next_cue(
    rules: Extractor, text: str, other: str, content: str
) -> None:
    from whosaid.extract.rules.nesting import cut_before_cues
    from whosaid.model import Span

    doc = rules.nlp(text)
    cue = doc[1]
    start = doc[2].idx
    whole = Span.of(text, start, len(text))
    cut = cut_before_cues(doc, whole, cue, [cue, _token(doc, other)])
    assert cut is not None and cut.text == content


def test_a_fragment_in_a_mixed_quote_is_not_also_direct() -> None:
    from whosaid.extract.rules.nesting import drop_duplicated_fragments
    from whosaid.model import Attribution, Span

    text = 'Reed said the plan "will not work," adding more.'
    said, adding = Span.of(text, 5, 9), Span.of(text, 36, 42)
    reed = Span.of(text, 0, 4)
    mixed = Attribution("mixed", Span.of(text, 10, 35), said, reed, 0.8)
    direct = Attribution("direct", Span.of(text, 20, 34), adding, reed, 0.9)
    assert drop_duplicated_fragments([mixed, direct]) == [mixed]
    # a report within a report, cue and all, stays
    text = '"We won," Sanders said, according to CNN.'
    said = Span.of(text, 18, 22)
    outer = Attribution("mixed", Span.of(text, 0, 22), Span.of(text, 24, 36), None, 0.7)
    inner = Attribution("direct", Span.of(text, 1, 8), said, None, 0.9)
    assert drop_duplicated_fragments([outer, inner]) == [outer, inner]


def test_untangle_keeps_clause_cue_and_speaker_apart() -> None:
    from whosaid.extract.rules.nesting import untangle
    from whosaid.model import Span

    def at(text: str, part: str) -> Span:
        start = text.index(part)
        return Span.of(text, start, start + len(part))

    text = "The wall, which he said Mexico should pay for, was built."
    clause = at(text, "which he said Mexico should pay for")
    found = untangle(text, clause, at(text, "said"), at(text, "he"))
    assert found is not None
    assert (found[0].text, found[1].text) == ("Mexico should pay for", "he")
    text = "Calls saying shots were fired came in."
    found = untangle(
        text,
        at(text, "shots were fired"),
        at(text, "saying"),
        at(text, "Calls saying shots were fired"),
    )
    assert found is not None
    assert (found[0].text, found[1].text) == ("shots were fired", "Calls")
    # nothing left of the clause after its cue: no report
    text = "It was, he said."
    assert (
        untangle(text, at(text, "It was, he said"), at(text, "said"), at(text, "he"))
        is None
    )


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("“We will appeal the ruling,” said deputy mayor Ana Ruiz.", "deputy mayor"),
        ("“We will appeal,” said Interior Minister Ana Ruiz.", "Interior Minister"),
        ("“We will appeal,” head coach Ana Ruiz said.", "head coach"),
        ("“We will appeal,” said Reed.", None),
    ],
)
def test_title_before_a_name_the_ner_missed(
    rules: Extractor, text: str, title: str | None
) -> None:
    [quote] = rules.extract(text)
    assert quote.speaker_title == title
