"""Every page as a reader sees it (#17): what it shows, the keyboard, and
axe-core's accessibility rules (no serious or critical violation)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")

PAGES = [
    "/",
    "/?q=taxes&kind=all&sort=confidence",
    "/?q=zzzz-nothing",
    "/articles/",
    "/articles/gazette-2024-03-04-budget",
    "/clusters",
    "/clusters?sort=recent",
    "/confidence",
    "/speakers",
    "/overview",
    "/voices",
    "/try",
    "/api/docs",
]


def _shot(page: Any, shots: Path | None, name: str) -> None:
    if shots is not None:
        page.screenshot(path=str(shots / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_violations(
    page: Any, axe: Callable[[Any], list[str]], path: str
) -> None:
    page.goto(path)
    assert axe(page) == []
    assert page.problems == []


def test_cluster_and_speaker_pages_pass_axe(
    page: Any, axe: Callable[[Any], list[str]]
) -> None:
    page.goto("/clusters")
    page.locator("ol.cards a[href^='/clusters/']").first.click()
    page.wait_for_url("**/clusters/*")
    assert axe(page) == []
    page.goto("/speakers")
    page.locator("table a[href^='/speakers/']").first.click()
    page.wait_for_url("**/speakers/*")
    assert axe(page) == []


def test_search_with_filters_total_and_export(
    page: Any, shots: Path | None, server: str
) -> None:
    page.goto("/")
    page.fill("#q", "taxes")
    page.locator("details.filter-panel summary").click()
    page.select_option("#kind", "all")
    page.select_option("#min_confidence", "0.5")
    page.select_option("#sort", "confidence")
    page.click("form.search button[type=submit]")
    page.wait_for_url("**/?q=taxes*")
    assert "min_confidence=0.5" in page.url and "sort=confidence" in page.url
    heading = page.locator("#results-heading").inner_text()
    cards = page.locator("ol.cards > li.card")
    assert f"{cards.count()} quote" in heading
    first = cards.first.inner_text()
    assert "confidence 0." in first and "original" in first
    values = [
        float(text.split()[-1])
        for text in page.locator("ol.cards a.confidence").all_inner_texts()
    ]
    assert values == sorted(values, reverse=True) and min(values) >= 0.5
    _shot(page, shots, "search-filters")

    with page.expect_download() as download:
        page.click("a:text('CSV')")
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text())))
    assert len(rows) == cards.count()
    assert all(float(row["confidence"]) >= 0.5 for row in rows)
    assert page.problems == []


def test_search_filters_from_the_keyboard(page: Any) -> None:
    page.goto("/")
    page.focus("#q")
    page.keyboard.type("taxes")
    page.keyboard.press("Tab")  # the Search button
    page.keyboard.press("Tab")  # the Filters summary
    page.keyboard.press("Enter")
    assert page.locator("#speaker").is_visible()
    page.focus("#outlet")
    page.keyboard.type("The Harbor Gazette")
    page.keyboard.press("Enter")
    page.wait_for_url("**/?q=taxes*outlet=The+Harbor+Gazette*")
    outlets = page.locator(
        "ol.cards .meta:not(.links) > span:first-child"
    ).all_inner_texts()
    assert outlets and set(outlets) == {"The Harbor Gazette"}


def test_home_shows_latest_leaders_and_date_range(
    page: Any, shots: Path | None
) -> None:
    page.goto("/")
    main = page.locator("main").inner_text()
    assert "The index holds articles from 2024-" in main
    assert "Most quoted this month" in main and "Most repeated this week" in main
    latest = page.locator("section[aria-labelledby=latest-heading] li.card")
    assert latest.count() >= 3
    articles = {
        link.get_attribute("href").split("#")[0]
        for link in latest.locator(".links a[href^='/articles/']").all()
    }
    assert len(articles) == latest.count()  # one card per article
    assert page.locator("#speakers-heading + p + table tbody tr").count() >= 1
    _shot(page, shots, "home")
    assert page.problems == []


def test_articles_list_with_outlet_filter(page: Any, shots: Path | None) -> None:
    page.goto("/articles/")
    rows = page.locator("table tbody tr")
    assert rows.count() == 6
    dates = page.locator("table tbody td.date").all_inner_texts()
    assert dates == sorted(dates, reverse=True)
    _shot(page, shots, "articles")
    page.select_option("#outlet", "The Harbor Gazette")
    page.click("form button[type=submit]")
    page.wait_for_url("**/articles/?outlet=*")
    outlets = set(page.locator("table tbody td:nth-child(2)").all_inner_texts())
    assert outlets == {"The Harbor Gazette"}
    counts = page.locator("table tbody td.num").all_inner_texts()
    assert all(int(n) >= 0 for n in counts) and any(int(n) > 0 for n in counts)
    page.locator("table tbody a").first.click()
    page.wait_for_url("**/articles/*")
    assert page.locator(".article-text mark.q-content").count() >= 1
    assert page.problems == []


def test_clusters_list_by_spread_and_recency(page: Any, shots: Path | None) -> None:
    page.goto("/clusters")
    cards = page.locator("ol.cards > li.card")
    assert cards.count() >= 1
    assert "First printed by" in cards.first.inner_text()
    assert "outlets" in cards.first.inner_text()
    _shot(page, shots, "clusters")
    page.click("a:text('Most recent')")
    page.wait_for_url("**/clusters?sort=recent")
    current = page.locator("nav.tabs a[aria-current=page]").inner_text()
    assert current == "Most recent"
    page.locator("ol.cards a[href^='/clusters/']").first.click()
    page.wait_for_url("**/clusters/*")
    assert "First printed by" in page.locator("main").inner_text()
    assert page.problems == []


def test_confidence_page_is_linked_from_every_card(
    page: Any, shots: Path | None
) -> None:
    page.goto("/?q=taxes")
    page.locator("ol.cards a.confidence").first.click()
    page.wait_for_url("**/confidence")
    text = page.locator("main").inner_text()
    assert "What confidence means" in text
    assert "How it is measured" in text and "PolNeAR" in text
    _shot(page, shots, "confidence")
    assert page.problems == []
