"""The web app as a newsroom tool (#17): totals, order, filters, downloads,
lists of articles and repeated quotes, the home page, the confidence page.

Every filter is checked twice: the page and `/api/quotes` must find the same
quotes (API parity).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from pathlib import Path

import pytest

from store_helpers import Said, make_result

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient  # noqa: E402

from whosaid.model import Result  # noqa: E402
from whosaid.store import Ingester, connect  # noqa: E402
from whosaid.web import create_app  # noqa: E402
from whosaid.web.highlight import render_wording_diff  # noqa: E402

BRIDGE = "we will build the bridge by the summer"


def _result(
    doc_id: str,
    said: list[tuple[Said, float]],
    *,
    outlet: str,
    published: str,
) -> Result:
    result = make_result(
        doc_id, [s for s, _ in said], outlet=outlet, published=published
    )
    article = dataclasses.replace(
        result.article, url=f"https://{doc_id}.example/story", title=f"Story {doc_id}"
    )
    quotes = [
        dataclasses.replace(quote, confidence=confidence)
        for quote, (_, confidence) in zip(result.quotes, said, strict=True)
    ]
    return Result(article, quotes)


def build_index(path: Path) -> None:
    """Five outlets; Ann Lee's bridge quote is printed three times; one live blog."""
    blog = [
        (Said("Cy Roe", f"update number {n} on the road works"), 0.8) for n in range(12)
    ]
    results = [
        _result(
            "gazette-1",
            [
                (Said("Ann Lee", BRIDGE, title="mayor"), 0.95),
                (Said("Ann Lee", "the bridge is safe", kind="belief"), 0.44),
            ],
            outlet="Gazette",
            published="2026-03-01",
        ),
        _result(
            "herald-2",
            [
                (Said("Ann Lee", "We will build the bridge by the summer!"), 0.9),
                (
                    Said("Bo Park", "taxes will fall next year", stance="distancing"),
                    0.5,
                ),
            ],
            outlet="Herald",
            published="2026-03-03",
        ),
        _result(
            "courier-3",
            [
                (Said("Ann Lee", f"\u201c{BRIDGE}\u201d"), 0.92),
                (Said("Bo Park", "bridge tolls will stay low", type="indirect"), 0.7),
            ],
            outlet="Courier",
            published="2026-03-05",
        ),
        _result("blog-4", blog, outlet="Live Blog", published="2026-03-06"),
        _result(
            "old-5",
            [(Said("Di Ng", "the old bridge was a mistake"), 0.85)],
            outlet="Gazette",
            published="2025-11-02",
        ),
    ]
    conn = connect(path)
    try:
        Ingester(conn, engine="test:1").ingest(results)
    finally:
        conn.close()


@pytest.fixture(scope="module")
def index_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("newsroom") / "index.db"
    build_index(path)
    return path


@pytest.fixture
def client(index_path: Path) -> TestClient:
    return TestClient(create_app(index_path))


def _page_ids(html: str) -> list[int]:
    """Quote ids of the cards on a page, in order (from their article links)."""
    return [int(n) for n in re.findall(r'href="/articles/[^"#]+#q-(\d+)"', html)]


def _api_ids(client: TestClient, params: dict[str, str]) -> list[int]:
    body = client.get("/api/quotes", params={**params, "limit": "100"}).json()
    return [quote["id"] for quote in body["quotes"]]


FILTERS = [
    ({"q": "bridge"}, 5),
    ({"speaker": "Ann Lee"}, 3),
    ({"speaker": "Ann Lee", "kind": "all"}, 4),
    ({"kind": "belief"}, 1),
    ({"type": "indirect"}, 1),
    ({"stance": "distancing"}, 1),
    ({"outlet": "Herald"}, 2),
    ({"since": "2026-03-03", "until": "2026-03-05"}, 4),
    ({"min_confidence": "0.9"}, 3),
    ({"q": "bridge", "min_confidence": "0.9", "outlet": "Courier"}, 1),
]


@pytest.mark.parametrize(("params", "expected"), FILTERS, ids=str)
def test_every_filter_finds_the_same_quotes_on_page_and_api(
    client: TestClient, params: dict[str, str], expected: int
) -> None:
    api = client.get("/api/quotes", params={**params, "limit": "100"}).json()
    assert api["total"] == expected and api["total_exact"] is True
    page = client.get("/", params={**params, "sort": "date"}).text
    assert f"{expected} quote{'' if expected == 1 else 's'}" in page
    assert sorted(_page_ids(page)) == sorted(q["id"] for q in api["quotes"][:20])
    # The filters stay in the URL of the next page and of both downloads.
    for name, value in params.items():
        assert f"{name}={value.replace(' ', '+')}" in page.replace("%3A", ":")


def test_sort_by_confidence_and_by_date(client: TestClient) -> None:
    by_confidence = client.get(
        "/api/quotes", params={"q": "bridge", "sort": "confidence", "kind": "all"}
    ).json()["quotes"]
    values = [quote["confidence"] for quote in by_confidence]
    assert values == sorted(values, reverse=True) and values[0] == 0.95
    by_date = client.get("/api/quotes", params={"q": "bridge", "sort": "date"}).json()
    days = [quote["date"] for quote in by_date["quotes"]]
    assert days == sorted(days, reverse=True)
    no_text = _api_ids(client, {"sort": "confidence", "kind": "all"})
    assert (
        no_text
        == _page_ids(
            client.get("/", params={"sort": "confidence", "kind": "all"}).text
        )[:20]
    )


def test_total_says_more_than_the_bound(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from whosaid.store import counting

    monkeypatch.setattr(counting, "COUNT_BOUND", 3)
    body = client.get("/api/quotes", params={"kind": "all"}).json()
    assert (body["total"], body["total_exact"]) == (3, False)
    assert "More than 3 quotes" in client.get("/", params={"kind": "all"}).text


@pytest.mark.parametrize(
    "param", [{"sort": "newest"}, {"stance": "angry"}, {"min_confidence": "2"}]
)
def test_bad_filters_get_400_on_page_and_api(
    client: TestClient, param: dict[str, str]
) -> None:
    assert client.get("/api/quotes", params=param).status_code in (400,)
    page = client.get("/", params=param)
    assert page.status_code == 400 and next(iter(param)) in page.text


def test_cards_show_cue_confidence_and_both_links(client: TestClient) -> None:
    html = client.get("/", params={"q": "taxes"}).text
    card = html[html.index('<li class="card">') :]
    assert "Bo Park" in card and '<span class="cue">said</span>' in card
    assert '<a class="confidence" href="/confidence"' in card and "0.50" in card
    assert 'href="https://herald-2.example/story"' in card
    assert 'href="/articles/herald-2#q-' in card


def test_confidence_page_explains_the_measure(client: TestClient) -> None:
    text = client.get("/confidence").text
    assert "PolNeAR" in text and "0.9" in text
    assert "right" in text and "not about whether" in text


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_downloads_hold_the_current_result(client: TestClient, fmt: str) -> None:
    params = {"q": "bridge", "outlet": "Courier", "kind": "all"}
    answer = client.get(f"/api/quotes.{fmt}", params=params)
    assert answer.status_code == 200
    assert f'filename="whosaid-quotes.{fmt}"' in answer.headers["content-disposition"]
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(answer.text)))
    else:
        rows = [json.loads(line) for line in answer.text.splitlines()]
    assert {row["outlet"] for row in rows} == {"Courier"}
    assert len(rows) == 2 and all("bridge" in row["content"] for row in rows)
    page = client.get("/", params=params).text
    assert f'href="/api/quotes.{fmt}?q=bridge&amp;outlet=Courier&amp;kind=all"' in page


def test_downloads_stop_at_the_setting(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WHOSAID_WEB_EXPORT_MAX", "5")
    lines = client.get("/api/quotes.jsonl", params={"kind": "all"}).text.splitlines()
    assert len(lines) == 5
    newest = json.loads(lines[0])
    assert newest["date"] == "2026-03-06"  # the search's order: newest first
    assert client.get("/api/quotes.csv", params={"sort": "bad"}).status_code == 400


def test_articles_list_filters_by_outlet_and_date(client: TestClient) -> None:
    body = client.get("/api/articles", params={"outlet": "Gazette"}).json()
    assert [a["doc_id"] for a in body["articles"]] == ["gazette-1", "old-5"]
    assert [a["quote_count"] for a in body["articles"]] == [2, 1]
    html = client.get("/articles/", params={"since": "2026-03-04"}).text
    rows = re.findall(r'<a href="/articles/([^"]+)">', html)
    assert rows == ["blog-4", "courier-3"]
    assert '<td class="num">12</td>' in html
    assert client.get("/articles").status_code == 200
    assert client.get("/articles/", params={"since": "March"}).status_code == 400


def test_repeated_quotes_by_spread_and_recency(client: TestClient) -> None:
    spread = client.get("/api/clusters", params={"sort": "spread"}).json()["clusters"]
    top = spread[0]
    assert (top["outlet_count"], top["article_count"]) == (3, 3)
    assert (top["first_outlet"], top["first_doc_id"]) == ("Gazette", "gazette-1")
    html = client.get("/clusters", params={"sort": "recent"}).text
    assert (
        "First printed by Gazette on" in html
        and 'aria-current="page">Most recent' in html
    )
    assert client.get("/api/clusters", params={"sort": "loudest"}).status_code == 400


def test_cluster_page_says_who_printed_it_first(client: TestClient) -> None:
    cluster_id = client.get("/api/clusters").json()["clusters"][0]["id"]
    html = client.get(f"/clusters/{cluster_id}").text
    assert "First printed by <strong>Gazette</strong>" in html
    # Herald's "We will ... summer!" and Courier's quoted copy differ only in
    # case, marks and punctuation: nothing is marked as changed.
    table = html[html.index("<table") :]
    assert "<ins>" not in table and "<del>" not in table


@pytest.mark.parametrize(
    ("base", "other", "marked"),
    [
        ("we will run", "\u201cWe will RUN!\u201d", ""),
        ("we will run", '"we will - run."', ""),
        ("we will run", "we will not run", "<ins>not</ins>"),
        ("we will run fast", "we will run", "<del>fast</del>"),
    ],
)
def test_wording_diff_ignores_marks_case_and_punctuation(
    base: str, other: str, marked: str
) -> None:
    html = str(render_wording_diff(base, other))
    assert re.findall(r"<(?:ins|del)>.*?</(?:ins|del)>", html) == (
        [marked] if marked else []
    )


def test_home_shows_latest_across_outlets_and_this_months_leaders(
    client: TestClient,
) -> None:
    html = client.get("/").text
    assert 'from <time datetime="2025-11-02">2025-11-02</time> to' in html
    latest = html[html.index('id="latest-heading"') :]
    articles = re.findall(r'href="/articles/([^"#]+)#q-', latest)
    assert len(articles) == len(set(articles)) == 5  # one card per article
    assert articles[0] == "blog-4"  # the live blog is one card, not the page
    speakers = html[
        html.index('id="speakers-heading"') : html.index('id="repeated-heading"')
    ]
    assert speakers.index("Cy Roe") < speakers.index("Ann Lee")
    assert "Di Ng" not in speakers  # quoted in November only
    repeated = html[
        html.index('id="repeated-heading"') : html.index('id="latest-heading"')
    ]
    assert "3 articles in 3 outlets this week" in repeated
    home = client.get("/api/home").json()
    assert home["last_date"] == "2026-03-06" and home["month_since"] == "2026-02-05"
    assert [s["name"] for s in home["top_speakers"]][:2] == ["Cy Roe", "Ann Lee"]


def test_cluster_page_shows_the_earliest_rows_of_a_large_cluster(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from whosaid.web import pages

    monkeypatch.setattr(pages, "CLUSTER_PAGE_ROWS", 2)
    cluster_id = client.get("/api/clusters").json()["clusters"][0]["id"]
    html = client.get(f"/clusters/{cluster_id}").text
    assert "Showing the earliest 2 of 3 appearances" in html
    assert html[html.index("<tbody>") :].count("<tr>") == 2
