"""Drive the web app in headless Chromium: search, speaker, article, Try it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")

TRY_TEXT = (
    "The harbour will reopen next week.\n\n"
    "\u201cWe expect the first ships to dock on Monday,\u201d harbour master "
    "Lena Park said on Friday. She added that \u201cthe channel is deep enough "
    "again.\u201d"
)


def _shot(page: Any, shots: Path | None, name: str, *, full_page: bool = True) -> None:
    if shots is not None:
        page.screenshot(path=str(shots / f"{name}.png"), full_page=full_page)


def test_search_speaker_article_flow(page: Any, shots: Path | None) -> None:
    page.goto("/")
    page.fill("#q", "taxes")
    page.click("form.search button[type=submit]")
    page.wait_for_url("**/?q=taxes*")
    cards = page.locator("ol.cards > li.card")
    assert cards.count() >= 2
    assert "We will not raise taxes" in cards.first.inner_text()
    assert page.locator("text=also reported by").count() >= 1
    _shot(page, shots, "search")

    page.locator("ol.cards .who a", has_text="Maria Okafor").first.click()
    page.wait_for_url("**/speakers/*")
    assert page.locator("h1").inner_text().startswith("Maria Okafor")
    bars = page.locator("svg.chart rect.bar")
    assert bars.count() >= 2
    assert page.locator("svg.chart").bounding_box()["height"] > 50
    assert "Treasury spokeswoman" in page.locator("main").inner_text()
    _shot(page, shots, "speaker")

    page.goto("/?q=taxes")
    page.locator("ol.cards .meta a[href^='/articles/']").first.click()
    page.wait_for_url("**/articles/**")
    marks = page.locator(".article-text mark.q-content")
    assert marks.count() >= 2
    assert page.locator(".article-text b.q-speaker").count() >= 1
    assert page.locator(".article-text b.q-cue").count() >= 1
    marks.first.click()
    popover = page.locator(".popover")
    popover.wait_for(state="visible")
    assert "Okafor" in popover.inner_text()
    assert page.problems == []


def test_article_shows_the_resolution_chain(page: Any, shots: Path | None) -> None:
    page.goto("/articles/gazette-2024-03-04-budget")
    chain = page.locator(".attributions .chain", has_text="resolved by pronoun")
    assert chain.count() >= 1
    assert "She" in chain.first.inner_text() and "Okafor" in chain.first.inner_text()
    page.locator(".article-text b.q-speaker", has_text="She").first.hover()
    _shot(page, shots, "article")
    assert page.problems == []


def test_article_shows_script_as_text(page: Any) -> None:
    page.goto("/articles/herald-2024-03-05-taxes")
    assert "<script>alert('x')</script>" in page.locator(".article-text").inner_text()
    assert page.evaluate("document.querySelectorAll('main script').length") == 0
    assert page.problems == []


def test_try_it_shows_quotes(page: Any, shots: Path | None) -> None:
    page.goto("/try")
    page.fill("#text", TRY_TEXT)
    assert "characters" in page.locator(".counter").inner_text()
    page.click("form.try button[type=submit]")
    page.locator("#result-heading").wait_for()
    assert "quote" in page.locator("#result-heading").inner_text()
    marks = page.locator(".extraction mark.q-content")
    assert marks.count() >= 2
    assert "Lena Park" in page.locator(".attributions").inner_text()
    _shot(page, shots, "try-it")
    assert page.problems == []


def test_cluster_and_overview(page: Any, shots: Path | None) -> None:
    page.goto("/?q=taxes")
    page.locator("a", has_text="also reported by").first.click()
    page.wait_for_url("**/clusters/*")
    rows = page.locator("table tbody tr")
    assert rows.count() >= 3
    assert "earliest" in rows.first.inner_text()
    _shot(page, shots, "cluster")
    page.goto("/overview")
    assert page.locator("svg.chart rect.bar").count() >= 1
    assert page.locator(".stats li").count() == 5
    _shot(page, shots, "overview")
    assert page.problems == []


def test_phone_sized_screen(browser: Any, server: str, shots: Path | None) -> None:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, base_url=server, is_mobile=True
    )
    page = context.new_page()
    try:
        paths = (
            "/?q=school",
            "/articles/gazette-2024-03-04-budget",
            "/overview",
            "/try",
            "/speakers",
            "/api/docs",
        )
        for path in paths:
            page.goto(path)
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
        page.goto("/?q=school")
        _shot(page, shots, "phone-search")
    finally:
        context.close()


def test_quotes_open_from_the_keyboard(page: Any) -> None:
    page.goto("/articles/gazette-2024-03-04-budget")
    mark = page.locator(".article-text mark.q-content").first
    mark.focus()
    page.keyboard.press("Enter")
    page.locator(".popover").wait_for(state="visible")
    page.keyboard.press("Escape")
    assert page.locator(".popover").count() == 0


LABELLED = """() => [...document.querySelectorAll('input, select, textarea')]
  .filter((el) => el.type !== 'hidden' && el.type !== 'checkbox')
  .filter((el) => !(el.id && document.querySelector('label[for="' + el.id + '"]')))
  .map((el) => el.name)"""


@pytest.mark.parametrize("path", ["/", "/try", "/speakers"])
def test_every_form_field_has_a_label(page: Any, path: str) -> None:
    page.goto(path)
    assert page.evaluate(LABELLED) == []
    assert page.evaluate("document.documentElement.lang") == "en"
