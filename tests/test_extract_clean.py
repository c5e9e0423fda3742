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
    ],
)
def test_story_lines_are_not_residue(line: str) -> None:
    assert residue(line) == []


def test_in_residue_checks_overlap() -> None:
    regions = find_residue("Share this\nStory text.")
    assert in_residue(regions, 0, 3)
    assert not in_residue(regions, 11, 15)
