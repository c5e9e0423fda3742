"""Drive the Voices page in headless Chromium: charts, tables, filters, CSV (#15)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
pytestmark = pytest.mark.issue(15)


def test_voices_page_from_the_nav(page: Any, shots: Path | None) -> None:
    page.goto("/")
    page.locator("nav a", has_text="Voices").click()
    page.wait_for_url("**/voices")
    assert page.locator("h1").inner_text() == "Whose voices"
    charts = page.locator("svg.chart.stacked")
    assert charts.count() == 2  # per outlet and per month
    assert charts.first.bounding_box()["height"] > 40
    segment = page.locator("svg.chart.stacked rect.seg").first
    assert "female" in segment.locator("title").text_content() or "male" in (
        segment.locator("title").text_content()
    )
    tables = page.locator("table.voices-table")
    assert tables.count() == 2
    gazette = tables.first.locator("tr", has_text="The Harbor Gazette")
    assert gazette.count() == 1
    assert "%" in gazette.inner_text()
    # Every table ends with the whole, unknown included.
    header = tables.first.locator("thead").inner_text()
    assert "unknown" in header
    assert tables.first.locator("tr.total").count() == 1
    if shots is not None:
        page.screenshot(path=str(shots / "voices.png"), full_page=True)
    assert page.problems == []


def test_filters_live_in_the_url(page: Any) -> None:
    page.goto("/voices")
    page.select_option("#show", "source")
    page.fill("#outlet", "Northern Herald")
    page.click("form.voices-filters button[type=submit]")
    page.wait_for_url("**/voices?*show=source*")
    assert "outlet=Northern+Herald" in page.url
    table = page.locator("table.voices-table").first
    assert "anonymous" in table.locator("thead").inner_text()
    rows = table.locator("tbody tr:not(.total)")
    assert rows.count() == 1
    assert "Northern Herald" in rows.first.inner_text()
    # Reloading the URL gives the same view: the filters are all in it.
    page.goto(page.url)
    assert page.locator("#outlet").input_value() == "Northern Herald"
    assert page.locator("#show").input_value() == "source"
    assert page.problems == []


def test_csv_download_has_the_tables_numbers(page: Any) -> None:
    page.goto("/voices?show=people")
    link = page.locator("a.csv").first
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename == "voices-people-by-outlet.csv"
    text = Path(download.path()).read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0] == "group,category,count,share,group_total"
    assert any(
        line.startswith("The Harbor Gazette,mentioned female,") for line in lines
    )


def test_voices_fits_a_phone_and_labels_every_field(browser: Any, server: str) -> None:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, base_url=server, is_mobile=True
    )
    page = context.new_page()
    try:
        page.goto("/voices")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"/voices scrolls sideways by {overflow}px"
        unlabelled = page.evaluate(
            """() => [...document.querySelectorAll('input, select')]
              .filter((el) => !(el.id && document.querySelector('label[for="' + el.id + '"]')))
              .map((el) => el.name)"""
        )
        assert unlabelled == []
    finally:
        context.close()
