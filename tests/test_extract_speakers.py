"""Speaker resolution (#2): pronouns, surnames, shared surnames, organisations, titles."""

from __future__ import annotations

import pytest


def speakers(extractor, text: str) -> list[tuple[str | None, str | None, str | None]]:  # type: ignore[no-untyped-def]
    return [
        (q.speaker.text if q.speaker else None, q.speaker_name, q.resolved_by)
        for q in extractor.extract(text)
    ]


RESOLUTION = [
    # A pronoun goes to the person of matching gender, not the nearest name.
    (
        "Maria Okafor said the talks had failed. She met Thomas Reed on Monday. "
        "“It was a mistake,” she said.",
        [("Maria Okafor", "Maria Okafor", "name"), ("she", "Maria Okafor", "pronoun")],
    ),
    (
        "Thomas Reed said the talks had failed. He met Maria Okafor on Monday. "
        "He added that nobody had offered a compromise.",
        [("Thomas Reed", "Thomas Reed", "name"), ("He", "Thomas Reed", "pronoun")],
    ),
    # Same gender: the person who spoke or was the subject, not the object.
    (
        "Thomas Reed said the vote was close. Officials had briefed John Mendes on the count. "
        "“We need a recount,” he said.",
        [("Thomas Reed", "Thomas Reed", "name"), ("he", "Thomas Reed", "pronoun")],
    ),
    # A surname becomes the full name mentioned before.
    (
        "Thomas Reed arrived late. “We are ready,” Reed said.",
        [("Reed", "Thomas Reed", "surname")],
    ),
    (
        "Mr. Thomas Reed arrived late. “We are ready,” Mr. Reed said.",
        [("Mr. Reed", "Thomas Reed", "surname")],
    ),
    # Two people who share a surname stay two people.
    (
        "Bill Clinton said the plan was sound. Hillary Clinton said the plan was weak.",
        [
            ("Bill Clinton", "Bill Clinton", "name"),
            ("Hillary Clinton", "Hillary Clinton", "name"),
        ],
    ),
    (
        "Hillary Clinton spoke on Monday. Bill Clinton spoke on Tuesday. “It was fine,” Clinton said.",
        [("Clinton", "Bill Clinton", "surname")],
    ),
    # Organisations as speakers, with "the" as written.
    (
        "The Treasury Department said the deficit had grown.",
        [("The Treasury Department", "The Treasury Department", "name")],
    ),
    (
        "“Prices will fall,” the central bank said in a statement.",
        [("the central bank", "the central bank", "name")],
    ),
    # A role noun goes back to the person given that title.
    (
        "Maria Okafor, a Treasury spokeswoman, said the deal was done. "
        "The spokeswoman added that the money would arrive in June.",
        [
            ("Maria Okafor, a Treasury spokeswoman", "Maria Okafor", "name"),
            ("The spokeswoman", "Maria Okafor", "title"),
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), RESOLUTION)
def test_speaker_resolution(extractor, text: str, expected) -> None:  # type: ignore[no-untyped-def]
    assert speakers(extractor, text) == expected


TITLES = [
    (
        "Deputy National Security Adviser Thomas Reed said the plan would work.",
        "Deputy National Security Adviser",
    ),
    ("Spokeswoman Maria Okafor said the plan would work.", "Spokeswoman"),
    (
        "Maria Okafor, a Treasury spokeswoman, said the plan would work.",
        "Treasury spokeswoman",
    ),
    (
        "A Treasury spokeswoman, Maria Okafor, said the plan would work.",
        "Treasury spokeswoman",
    ),
]


@pytest.mark.parametrize(("text", "title"), TITLES)
def test_titles_from_premodifiers_and_appositions(
    extractor, text: str, title: str
) -> None:  # type: ignore[no-untyped-def]
    (quote,) = extractor.extract(text)
    assert quote.speaker_title == title


def test_title_names_the_organisation(extractor) -> None:  # type: ignore[no-untyped-def]
    (quote,) = extractor.extract(
        "Maria Okafor, a Treasury spokeswoman, said the plan would work."
    )
    assert quote.speaker_org == "Treasury"
    assert quote.speaker_is_org is False


def test_surname_keeps_the_title_from_the_first_mention(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Deputy National Security Adviser Thomas Reed arrived. “We are ready,” Reed said."
    (quote,) = extractor.extract(text)
    assert (quote.speaker_name, quote.speaker_title) == (
        "Thomas Reed",
        "Deputy National Security Adviser",
    )
    assert [span.text for span in quote.chain] == ["Thomas Reed"]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("“We are leaving,” a senior official said.", "senior official"),
        ("“We are leaving,” a man said.", None),
        ("“We are leaving,” sources said.", None),
    ],
)
def test_unnamed_speakers_keep_only_real_roles(
    extractor, text: str, title: str | None
) -> None:  # type: ignore[no-untyped-def]
    (quote,) = extractor.extract(text)
    assert (quote.speaker_name, quote.speaker_title) == (None, title)


def test_a_possessor_is_not_the_speaker(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "“That was outrageous,” Obama's former campaign strategist said in an interview."
    (quote,) = extractor.extract(text)
    assert quote.speaker_name is None
    assert (
        quote.speaker is not None
        and quote.speaker.text == "Obama's former campaign strategist"
    )


def test_pronoun_chain_points_at_the_antecedent(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "Maria Okafor spoke first. “It was a mistake,” she said."
    (quote,) = extractor.extract(text)
    assert quote.resolved_by == "pronoun"
    assert [span.text for span in quote.chain] == ["Maria Okafor"]


def test_relative_pronoun_speaker_is_resolved_through_its_antecedent(extractor) -> None:  # type: ignore[no-untyped-def]
    text = "The award went to Stevie Wonder, who said the night had been magical."
    (quote,) = extractor.extract(text)
    assert quote.speaker is not None and quote.speaker.text == "who"
    assert (quote.speaker_name, quote.resolved_by) == ("Stevie Wonder", "relative")
    assert quote.content.text == "the night had been magical"


@pytest.mark.issue(13)
def test_an_unnamed_antecedent_is_the_speaker_of_who_said(extractor) -> None:  # type: ignore[no-untyped-def]
    text = 'A newspaper quoted a senior official who said, "Staff are worried."'
    (quote,) = extractor.extract(text)
    assert quote.speaker is not None and quote.speaker.text == "a senior official"
