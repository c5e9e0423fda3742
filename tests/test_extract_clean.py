"""Scraped-residue detection (#2): regions to ignore, text never changed."""

from __future__ import annotations

import pytest

from whosaid.clean import find_residue, in_residue


def residue(text: str) -> list[tuple[str, str]]:
    return [(r.kind, text[r.start : r.end]) for r in find_residue(text)]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Prime Minister Ana Ruiz. Reuters", "caption"),
        ("Prime Minister Ana Ruiz speaks in Madrid. REUTERS/Juan Medina", "caption"),
        ("Firefighters at the scene (AP Photo/Jane Roe)", "caption"),
        ("Photo: The harbour at dawn", "caption"),
        ("This story was edited by Sam Patel.", "boilerplate"),
        ("Short URL: https://example.org/x1", "boilerplate"),
        ("Read more: Budget talks stall again", "boilerplate"),
        ("Share this article", "boilerplate"),
        ("Subscribe to our newsletter", "boilerplate"),
        ("Sign up for our morning briefing", "boilerplate"),
        ("By Jane Doe and John Smith", "boilerplate"),
        ("Reporting by Ana Lima; Editing by Tom Hale", "boilerplate"),
        ("Agency closes its review Facebook Twitter Google Plus Embed", "widget"),
        ("Mara Quill: Agency closes its review 2:25", "widget"),
        ("The power of the blazer  Play Video3:26", "widget"),
        ("0:00", "widget"),
    ],
)
def test_whole_lines_of_residue(line: str, kind: str) -> None:
    text = f"Opening sentence.\n\n{line}\n\nClosing sentence."
    assert residue(text) == [(kind, line)]


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("WASHINGTON (AP) — The talks failed.", "WASHINGTON (AP) — "),
        ("LAGOS, Nigeria (Reuters) - Markets fell.", "LAGOS, Nigeria (Reuters) - "),
        ("LONDON — Britain said on Monday it would act.", "LONDON — "),
    ],
)
def test_datelines_cover_only_the_dateline(text: str, dateline: str) -> None:
    assert residue(text) == [("dateline", dateline)]


@pytest.mark.parametrize(
    "line",
    [
        "The result was a draw, AP reported.",
        "By the way, he said it was fine.",
        '"Read more books," the minister said.',
        "The Reuters correspondent said the bridge was closed.",
        "Subscribers to the service said prices rose.",
        "The match kicks off at 15:00.",
        "He shared the post on Facebook and Twitter.",
    ],
)
def test_story_lines_are_not_residue(line: str) -> None:
    assert residue(line) == []


def test_in_residue_checks_overlap() -> None:
    regions = find_residue("Share this\nStory text.")
    assert in_residue(regions, 0, 3)
    assert not in_residue(regions, 11, 15)


@pytest.mark.issue(13)
@pytest.mark.parametrize(
    ("text", "kind", "region"),
    [
        (
            "Crowds at the rally (Maria Lopez/Daily Courier)\nShe spoke.",
            "credit",
            "(Maria Lopez/Daily Courier)",
        ),
        (
            'Firefighters at work (CARLO ALLEGRI/REUTERS) said "it was hot".',
            "credit",
            "(CARLO ALLEGRI/REUTERS)",
        ),
        (
            "The mayor (left) at the opening.Photo: Tom Banks\nText.",
            "caption",
            "The mayor (left) at the opening.Photo: Tom Banks",
        ),
        ("07.49 The minister said talks had failed.", "timestamp", "07.49 "),
        ("14:05 GMT - Rain stopped play.", "timestamp", "14:05 GMT - "),
        ("It closed in May.16He said so.", "footnote", "16"),
        ('He said "no."4She agreed.', "footnote", "4"),
        ("Key points:\n• Plane thought to be upside down\n", "bullet", None),
        (
            "THE SHOW GOES ON Not even rain stopped the parade.",
            "crosshead",
            "THE SHOW GOES ON",
        ),
        (
            "It ended in 1968. THE SHOW GOES ON Not even rain stopped it.",
            "crosshead",
            "THE SHOW GOES ON",
        ),
    ],
)
def test_residue_inside_lines(text: str, kind: str, region: str | None) -> None:
    found = [(k, t) for k, t in residue(text) if k == kind]
    assert len(found) == 1, residue(text)
    if region is not None:
        assert found[0][1] == region


@pytest.mark.issue(13)
@pytest.mark.parametrize(
    "line",
    [
        "Sales rose (and/or fell) in 2004.",
        "The vote is at 10.30 on Monday.",
        "He said in 2004.The firm was sold.",
        "Its drives hold 3.5Mb each.",
        '• "We will fight on," the chairman said.',
        "Credit card debt rose by 10% last year.",
        "She won 6-3 6-4 (Smith/Jones beat them in the doubles).",
    ],
)
def test_story_lines_with_digits_slashes_and_bullets_are_kept(line: str) -> None:
    assert residue(line) == []


@pytest.mark.issue(13)
def test_crlf_line_residue_stops_before_the_cr() -> None:
    text = "Share this\r\nStory text.\r\n"
    assert residue(text) == [("boilerplate", "Share this")]


RESIDUE_ARTICLE = (
    "Talks collapse in port strike\n\n"
    "By Helen Marsh\n\n"
    "07.49 Union leader Graham Holt said the strike would go on.\n\n"
    "Dock workers outside the gates (Peter Quill/Harbour Press)\n\n"
    "• Strike enters third week\n"
    "• Ships diverted, says Port Authority\n\n"
    "Ships waited offshore.3Mr Holt added that members were united.\n\n"
    '"We will not move," he told reporters.\n'
)


@pytest.mark.issue(13)
@pytest.mark.parametrize("line_end", ["\n", "\r\n"])
def test_residue_gives_no_speaker_title_or_quote(extractor, line_end: str) -> None:  # type: ignore[no-untyped-def]
    text = RESIDUE_ARTICLE.replace("\n", line_end)
    # The rules engine; the model engine shares the speaker tail.
    quotes = extractor.extract(text)
    said = " | ".join(
        f"{q.speaker.text if q.speaker else ''} {q.speaker_name} {q.speaker_title}"
        for q in quotes
    )
    for residue_word in ("Marsh", "Quill", "Harbour", "Authority", "3", "07"):
        assert residue_word not in said
    assert not any("Ships diverted" in q.content.text for q in quotes)
    assert [q.speaker_name for q in quotes] == ["Graham Holt"] * 3


def test_a_related_headline_over_read_more_is_residue() -> None:
    text = (
        "The two leaders spoke for an hour on Monday.\n"
        "Don't let trade talks slide into open conflict, minister urges allies\n"
        " Read more\n"
        "The talks resume next week."
    )
    headline = text.index("Don't")
    kinds = {r.kind for r in find_residue(text) if r.start == headline}
    assert kinds == {"related"}
    # A sentence over "Read more" is the story, not a headline.
    story = "The minister said the talks would go on.\nRead more\n"
    assert all(r.kind != "related" for r in find_residue(story))


def test_a_headline_over_a_blank_line_is_residue() -> None:
    text = "Mayor hails 'great year' for port\n\nThe mayor said trade had grown."
    assert [(r.start, r.end, r.kind) for r in find_residue(text)] == [
        (0, 33, "headline")
    ]
    # A first paragraph that ends its sentence is the story, not a headline.
    story = "The mayor said trade had grown.\n\nShe thanked the dockers."
    assert find_residue(story) == []
