"""Speaker titles are roles (#13): each kind of non-role found over the BBC set.

Made-up sentences, one per cause read in `benchmarks/titles.py`'s list of
titles judged not a role (docs/accuracy.md, "Titles over the BBC set").
"""

from __future__ import annotations

import pytest

TITLES = [
    # A headline run into the first paragraph is not the title of the name
    # that starts it.
    (
        "Chef floats low-cost menu plan\n\nTomas Rieger said the menu would be "
        "cheaper than before.\n\nHe said prices would fall.",
        "Tomas Rieger",
        None,
    ),
    (
        "Harbour fees row\n\nHarbour master Ines Duarte said the fees would rise.",
        "Ines Duarte",
        "Harbour master",
    ),
    # A word cut at a hyphen keeps its other half.
    (
        "“The figures are good,” said Anna Kowal, senior vice-president, sales, "
        "at Northwind.",
        "Anna Kowal",
        "senior vice-president",
    ),
    (
        "Pavel Duda, co-writer of the hit song, said he was proud.",
        "Pavel Duda",
        "co-writer",
    ),
    # A role cut before its prepositional phrase gets it back.
    (
        "Chief Secretary to the Treasury Tomas Rieger said the plan was costly.",
        "Tomas Rieger",
        "Chief Secretary to the Treasury",
    ),
    # ... but not a noun that is no role: a title never ends in "of".
    (
        "Critics said the departure of Mr Blunkett was overdue. Mr Blunkett said "
        "he had done nothing wrong.",
        "Blunkett",
        None,
    ),
    # A possessor, a nationality, a date, an age: no role.
    ("Arsenal's Tomas Rieger said the team was tired.", "Tomas Rieger", None),
    ("Australian Tomas Rieger said the course was hard.", "Tomas Rieger", None),
    (
        "In a statement issued on Wednesday Lord Tomas Rieger said the ruling "
        "was fair.",
        "Tomas Rieger",
        None,
    ),
    ("19-year-old Tomas Rieger said the race was hard.", "Tomas Rieger", None),
    # A relation to someone else, a person as such, a ranking: no role.
    (
        "His mother Katherine Ruiz told reporters her son was innocent.",
        "Katherine Ruiz",
        None,
    ),
    ("Top seed Tomas Rieger said he was tired.", "Tomas Rieger", None),
    ("One woman, Ana Ruiz, said the water had risen fast.", "Ana Ruiz", None),
    # A word before the name that is not a role leaves room for the
    # apposition after it.
    (
        "Ard Jan Vetham, the firm's principal consultant, said the data was safe.",
        "Jan Vetham",
        "the firm's principal consultant",
    ),
]


@pytest.mark.parametrize(("text", "name", "title"), TITLES)
def test_titles_are_roles(extractor, text: str, name: str, title: str | None) -> None:  # type: ignore[no-untyped-def]
    quotes = [q for q in extractor.extract(text) if q.speaker_name == name]
    assert quotes, [(q.speaker_name, q.speaker_title) for q in extractor.extract(text)]
    assert {q.speaker_title for q in quotes} == {title}


def test_labour_affiliation_is_the_organisation_not_the_title(extractor) -> None:  # type: ignore[no-untyped-def]
    (quote,) = extractor.extract("Labour's Maria Okafor said the vote was close.")
    assert (quote.speaker_title, quote.speaker_org) == (None, "Labour")


def test_an_organisation_described_as_one_is_an_organisation(extractor) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Steel makers face new tariffs\n\nRussian steel firm Novametall lied to a "
        "court, the judge said. Novametall said it would appeal."
    )
    quotes = [q for q in extractor.extract(text) if q.speaker_name == "Novametall"]
    assert [(q.speaker_title, q.speaker_is_org) for q in quotes] == [(None, True)]


def test_an_airline_is_an_organisation(extractor) -> None:  # type: ignore[no-untyped-def]
    # The NER takes some airlines for people ("Budget airline Ryanair" in the
    # BBC set); the description says it is an organisation.
    from spacy.tokens import Span as SpacySpan

    from whosaid.extract.speakers.titles import title_tokens

    doc = extractor.nlp("Budget airline Skyjet has placed an order for 70 planes.")
    doc.ents = [SpacySpan(doc, 2, 3, label="PERSON")]
    assert title_tokens(doc, doc.ents[0], {2}, {}) == ([], True)


@pytest.mark.parametrize(
    ("text", "name", "title", "is_org"),
    [
        # An organisation keeps its whole name, not "Executive".
        (
            "The Scottish Executive said the plan would cut waiting times.",
            "The Scottish Executive",
            None,
            True,
        ),
        # A capitalised role is the person given it, not someone called
        # "Chancellor".
        (
            "Gordon Brown, the Chancellor, spoke on Monday. The Chancellor said "
            "the economy was strong.",
            "Gordon Brown",
            "Chancellor",
            False,
        ),
        ("The Chancellor said the economy was strong.", None, "Chancellor", False),
    ],
)
def test_a_capitalised_role_is_no_name(  # type: ignore[no-untyped-def]
    extractor, text: str, name: str | None, title: str | None, is_org: bool
) -> None:
    quote = extractor.extract(text)[-1]
    assert (quote.speaker_name, quote.speaker_title, quote.speaker_is_org) == (
        name,
        title,
        is_org,
    )
