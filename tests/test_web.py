"""The web app over a small hand-built index: every page and /api/ endpoint."""

from __future__ import annotations

import html
import re
import sqlite3
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient  # noqa: E402

from whosaid.model import Article, Quote, Result, Span  # noqa: E402
from whosaid.store.db import connect  # noqa: E402
from whosaid.store.ingest import Ingester  # noqa: E402
from whosaid.web import create_app  # noqa: E402

REPEATED = "“We will not raise taxes on working families this year,”"
SCRIPT = '<script>alert("x")</script>'


def _article(doc_id: str, text: str, outlet: str, published: str) -> Article:
    return Article(
        id=doc_id,
        text=text,
        title=f"Story {doc_id}",
        outlet=outlet,
        published=published,
    )


def _quote(
    article: Article, content: str, cue: str, speaker: str, **fields: object
) -> Quote:
    text = article.text

    def span(part: str) -> Span:
        start = text.index(part)
        return Span.of(text, start, start + len(part))

    values: dict[str, object] = {
        "doc": article.id,
        "type": "direct",
        "content": span(content),
        "cue": span(cue),
        "speaker": span(speaker),
        "speaker_name": "Maria Okafor",
        "speaker_title": "Treasury spokeswoman",
        "confidence": 0.9,
        "speaker_org": "Treasury",
        "resolved_by": "name",
    }
    values.update(fields)
    return Quote(**values)  # type: ignore[arg-type]


def _name_span(text: str) -> Span:
    start = text.index("Maria Okafor")
    return Span.of(text, start, start + len("Maria Okafor"))


def build_index(path: Path) -> None:
    """Three outlets carry Okafor's repeated quote; one article has a pronoun chain."""
    first = _article(
        "gazette-1",
        f"{REPEATED} Treasury spokeswoman Maria Okafor said on Monday.\n\n"
        "She added that “the budget will balance by 2027.”",
        "Gazette",
        "2024-03-04",
    )
    second = _article(
        "herald/2",
        f"{REPEATED} Okafor told reporters.\n\n{SCRIPT} The mayor, Tom Reyes, "
        "said the city “cannot wait for the state any longer.”",
        "Herald",
        "2024-03-05",
    )
    third = _article(
        "courier-3",
        "“We will not raise taxes on working families,” Maria Okafor said.",
        "Courier",
        "2024-04-20",
    )
    results = [
        Result(
            first,
            [
                _quote(first, REPEATED, "said", "Treasury spokeswoman Maria Okafor"),
                _quote(
                    first,
                    "“the budget will balance by 2027.”",
                    "added",
                    "She",
                    resolved_by="pronoun",
                    chain=(_name_span(first.text),),
                ),
            ],
        ),
        Result(
            second,
            [
                _quote(second, REPEATED, "told", "Okafor", resolved_by="surname"),
                _quote(
                    second,
                    "“cannot wait for the state any longer.”",
                    "said",
                    "The mayor, Tom Reyes,",
                    type="mixed",
                    speaker_name="Tom Reyes",
                    speaker_title="mayor",
                    speaker_org=None,
                ),
            ],
        ),
        Result(
            third,
            [
                _quote(
                    third,
                    "“We will not raise taxes on working families,”",
                    "said",
                    "Maria Okafor",
                    speaker_title=None,
                    kind="intention",
                ),
            ],
        ),
    ]
    conn = connect(path)
    try:
        Ingester(conn, engine="test:1").ingest(results)
    finally:
        conn.close()


@pytest.fixture(scope="module")
def index_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "index.db"
    build_index(path)
    return path


@pytest.fixture
def client(index_path: Path) -> TestClient:
    return TestClient(create_app(index_path))


def _speaker_id(index_path: Path, name: str) -> int:
    with sqlite3.connect(index_path) as conn:
        return int(
            conn.execute("SELECT id FROM speakers WHERE name = ?", (name,)).fetchone()[
                0
            ]
        )


def _cluster_id(index_path: Path) -> int:
    with sqlite3.connect(index_path) as conn:
        return int(
            conn.execute(
                "SELECT id FROM clusters ORDER BY article_count DESC"
            ).fetchone()[0]
        )


# --- search -------------------------------------------------------------------


def test_search_api_finds_statements_with_cards(client: TestClient) -> None:
    body = client.get("/api/quotes", params={"q": "taxes"}).json()
    cards = body["quotes"]
    # The Courier quote is an intention: statements only by default (#8).
    assert [c["doc_id"] for c in cards] == ["herald/2", "gazette-1"] or [
        c["doc_id"] for c in cards
    ] == ["gazette-1", "herald/2"]
    card = cards[0]
    assert card["speaker"] == "Maria Okafor"
    assert card["also_outlets"] == 2
    assert body["next_cursor"] is None


def test_search_kind_all_includes_other_kinds(client: TestClient) -> None:
    cards = client.get("/api/quotes", params={"q": "taxes", "kind": "all"}).json()[
        "quotes"
    ]
    assert {c["doc_id"] for c in cards} == {"gazette-1", "herald/2", "courier-3"}


@pytest.mark.parametrize(
    ("params", "docs"),
    [
        ({"outlet": "Herald"}, {"herald/2"}),
        ({"outlet": "Nowhere"}, set()),
        ({"speaker": "tom reyes"}, {"herald/2"}),
        ({"type": "mixed"}, {"herald/2"}),
        ({"since": "2024-03-05", "kind": "all"}, {"herald/2", "courier-3"}),
        ({"until": "2024-03-04"}, {"gazette-1"}),
        ({"q": '"budget will balance"'}, {"gazette-1"}),
        ({"q": "balan*"}, {"gazette-1"}),
        ({"q": "NEAR(taxes) OR"}, set()),
        ({"q": "zebra"}, set()),
    ],
)
def test_search_filters(
    client: TestClient, params: dict[str, str], docs: set[str]
) -> None:
    response = client.get("/api/quotes", params=params)
    assert response.status_code == 200, response.text
    assert {c["doc_id"] for c in response.json()["quotes"]} == docs


def test_search_pages_with_a_cursor(client: TestClient) -> None:
    seen: list[int] = []
    cursor = None
    for _ in range(3):
        params = {"limit": "2", "kind": "all", **({"cursor": cursor} if cursor else {})}
        body = client.get("/api/quotes", params=params).json()
        seen += [card["id"] for card in body["quotes"]]
        cursor = body["next_cursor"]
    assert cursor is None
    assert len(seen) == len(set(seen)) == 5


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (
            {"type": "quoted"},
            "type: must be one of direct, indirect, mixed; got 'quoted'",
        ),
        ({"kind": "rumour"}, "kind: must be one of statement, belief, intention"),
        ({"since": "yesterday"}, "since: Input should be a valid date"),
        ({"since": "2024-05-01", "until": "2024-01-01"}, "since: 2024-05-01 is after"),
        ({"limit": "0"}, "limit: Input should be greater than or equal to 1"),
        ({"limit": "1000"}, "limit: Input should be less than or equal to 100"),
        ({"cursor": "!!!"}, "cursor: is not a cursor this server issued"),
        ({"cursor": "eyJvIjotNX0"}, "cursor: is not a cursor this server issued"),
        ({"q": "x" * 501}, "q: is 501 characters; at most 500 allowed"),
    ],
)
def test_search_bad_parameters_get_400(
    client: TestClient, params: dict[str, str], message: str
) -> None:
    response = client.get("/api/quotes", params=params)
    assert response.status_code == 400
    assert response.json()["detail"].startswith(message)


def test_search_page_shows_cards_and_filters(client: TestClient) -> None:
    html = client.get("/", params={"q": "taxes"}).text
    assert "Maria Okafor" in html and "Treasury spokeswoman" in html
    assert "also reported by 2 other outlets" in html
    assert 'href="/articles/herald/2#q-' in html
    assert 'name="kind"' in html


def test_search_page_bad_parameter_is_a_page_with_400(client: TestClient) -> None:
    response = client.get("/", params={"type": "nope"})
    assert response.status_code == 400
    assert "type: must be one of" in response.text
    assert "<form" in response.text


# --- speakers -----------------------------------------------------------------


def test_speakers_api_lists_by_quote_count(client: TestClient) -> None:
    speakers = client.get("/api/speakers").json()["speakers"]
    assert speakers[0]["name"] == "Maria Okafor"
    assert speakers[0]["quote_count"] == 4
    names = client.get("/api/speakers", params={"name": "rey"}).json()["speakers"]
    assert [s["name"] for s in names] == ["Tom Reyes"]
    assert client.get("/api/speakers", params={"name": "%"}).json()["speakers"] == []
    intentions = client.get("/api/speakers", params={"kind": "intention"}).json()
    assert [(s["name"], s["quote_count"]) for s in intentions["speakers"]] == [
        ("Maria Okafor", 1)
    ]
    herald = client.get("/api/speakers", params={"outlet": "Herald"}).json()
    assert {s["name"] for s in herald["speakers"]} == {"Maria Okafor", "Tom Reyes"}
    both = client.get("/api/speakers", params={"name": "x", "kind": "belief"})
    assert both.status_code == 400
    assert both.json()["detail"].startswith("name: cannot be combined")


def test_speaker_api_detail(client: TestClient, index_path: Path) -> None:
    speaker_id = _speaker_id(index_path, "Maria Okafor")
    body = client.get(f"/api/speakers/{speaker_id}").json()
    assert body["name"] == "Maria Okafor"
    assert {"title": "Treasury spokeswoman", "org": "Treasury"}.items() <= body[
        "titles"
    ][0].items()
    assert sum(point["quotes"] for point in body["timeline"]) == 4
    assert body["timeline"][0]["period"] == "week of 2024-03-04"
    assert body["repeated"][0]["outlet_count"] == 3
    assert {o["name"] for o in body["outlets"]} == {"Gazette", "Herald", "Courier"}
    assert len(body["recent"]) == 4


def test_speaker_page_has_a_chart(client: TestClient, index_path: Path) -> None:
    html = client.get(f"/speakers/{_speaker_id(index_path, 'Maria Okafor')}").text
    assert '<svg class="chart"' in html
    assert "week of 2024-03-04: 3 quotes" in html
    assert "Treasury spokeswoman" in html


@pytest.mark.parametrize(
    ("path", "status", "message"),
    [
        ("/api/speakers/999999", 404, "no speaker with id '999999' in the index"),
        ("/api/speakers/abc", 400, "speaker_id: Input should be a valid integer"),
        (
            "/api/speakers/0",
            400,
            "speaker_id: Input should be greater than or equal to 1",
        ),
        (
            "/api/speakers/99999999999999999999999",
            400,
            "speaker_id: Input should be less",
        ),
        ("/api/clusters/424242", 404, "no quote cluster with id '424242' in the index"),
        ("/api/clusters/x", 400, "cluster_id: Input should be a valid integer"),
        ("/api/articles/nope", 404, "no article with id 'nope' in the index"),
    ],
)
def test_missing_and_bad_ids(
    client: TestClient, path: str, status: int, message: str
) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert response.json()["detail"].startswith(message)


def test_missing_page_is_an_html_404(client: TestClient) -> None:
    response = client.get("/speakers/999999")
    assert response.status_code == 404
    assert "no speaker with id" in response.text and "<html" in response.text


# --- articles -----------------------------------------------------------------


def test_article_api_returns_text_and_records(client: TestClient) -> None:
    body = client.get("/api/articles/gazette-1").json()
    assert body["outlet"] == "Gazette"
    quote = body["quotes"][1]
    assert (
        body["text"][quote["content"]["start"] : quote["content"]["end"]]
        == quote["content"]["text"]
    )
    assert quote["resolved_by"] == "pronoun"
    assert quote["chain"] == [_name_span(body["text"]).to_dict()]


def test_article_page_marks_quotes_speakers_cues_and_chain(client: TestClient) -> None:
    html = client.get("/articles/gazette-1").text
    assert html.count('<mark class="q-content" data-q=') == 2
    assert '<b class="q-speaker" data-q="1">She</b>' in html
    assert '<b class="q-cue" data-q="1">added</b>' in html
    assert "Speaker resolved by pronoun" in html
    assert 'class="q-chain"' in html


def test_article_html_is_escaped(client: TestClient) -> None:
    html = client.get("/articles/herald/2").text
    assert SCRIPT not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    api = client.get("/api/articles/herald/2").json()
    assert SCRIPT in api["text"]  # JSON carries the text as it is


@pytest.mark.parametrize(
    "path",
    [
        "/articles/../../etc/passwd",
        "/articles/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/api/articles/..%2F..%2Fpyproject.toml",
        "/api/articles/%2Fetc%2Fpasswd",
        "/api/articles/..\\..\\whosaid.db",
    ],
)
def test_ids_are_never_paths(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "root:" not in response.text and "[project]" not in response.text


# --- clusters and overview ----------------------------------------------------


def test_cluster_api_lists_carriers_earliest_first(
    client: TestClient, index_path: Path
) -> None:
    body = client.get(f"/api/clusters/{_cluster_id(index_path)}").json()
    appearances = body["appearances"]
    assert [a["outlet"] for a in appearances] == ["Gazette", "Herald", "Courier"]
    assert [a["earliest"] for a in appearances] == [True, False, False]
    assert body["outlet_count"] == 3


def test_cluster_page_shows_wording_differences(
    client: TestClient, index_path: Path
) -> None:
    html = client.get(f"/clusters/{_cluster_id(index_path)}").text
    assert "earliest" in html
    assert re.search(r"<del>[^<]*this year", html)


def test_overview_api_and_page(client: TestClient) -> None:
    body = client.get("/api/overview").json()
    assert (body["articles"], body["quotes"], body["outlets"]) == (3, 5, 3)
    assert body["quotes_by_kind"] == {"intention": 1, "statement": 4}
    assert body["timeline"][0] == {"period": "week of 2024-03-04", "quotes": 4}
    assert body["top_speakers"][0]["name"] == "Maria Okafor"
    html = client.get("/overview").text
    assert '<svg class="chart"' in html and "Maria Okafor" in html
    assert "carried by 3 articles in 3 outlets" in html


def test_article_and_cluster_lists(client: TestClient) -> None:
    articles = client.get("/api/articles").json()
    assert [a["doc_id"] for a in articles["articles"]] == [
        "courier-3",
        "herald/2",
        "gazette-1",
    ]
    assert "text" not in articles["articles"][0]
    herald = client.get("/api/articles", params={"outlet": "Herald"}).json()
    assert [a["doc_id"] for a in herald["articles"]] == ["herald/2"]
    first = client.get("/api/articles", params={"limit": 2}).json()
    rest = client.get(
        "/api/articles", params={"limit": 2, "cursor": first["next_cursor"]}
    ).json()
    assert [a["doc_id"] for a in rest["articles"]] == ["gazette-1"]
    clusters = client.get("/api/clusters").json()["clusters"]
    assert [c["article_count"] for c in clusters] == [3]
    assert client.get("/api/clusters", params={"since": "2025-01-01"}).json() == {
        "clusters": [],
        "next_cursor": None,
    }
    assert client.get("/api/articles", params={"since": "x"}).status_code == 400


# --- no index, read-only, writes ----------------------------------------------


def test_no_index_gets_503_with_the_fix(tmp_path: Path) -> None:
    client = TestClient(create_app(tmp_path / "missing.db"))
    response = client.get("/api/quotes")
    assert response.status_code == 503
    assert response.json()["detail"] == (
        f"no quote index at {tmp_path / 'missing.db'}; build one with: "
        f"whosaid ingest FILES --db {tmp_path / 'missing.db'}"
    )
    assert client.get("/").status_code == 503
    assert not (tmp_path / "missing.db").exists()


def test_not_an_index_gets_503(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    response = TestClient(create_app(path)).get("/api/overview")
    assert response.status_code == 503
    assert "not a whosaid index" in response.json()["detail"]


def test_reads_never_change_the_index(client: TestClient, index_path: Path) -> None:
    before = index_path.read_bytes()
    for path in ("/", "/api/quotes?q=taxes", "/api/overview", "/articles/gazette-1"):
        client.get(path)
    assert index_path.read_bytes() == before


def test_writing_is_off_without_a_token(client: TestClient) -> None:
    response = client.post("/api/articles", json={"id": "x", "text": "Hi there."})
    assert response.status_code == 403
    assert "read-only" in response.json()["detail"]


WRITE_TEXT = (
    '"We will open the bridge in May," Mayor Ann Lee said on Tuesday. '
    "Critics said the plan was rushed."
)


@pytest.fixture
def writer(tmp_path: Path, index_path: Path, extractor) -> TestClient:  # type: ignore[no-untyped-def]
    path = tmp_path / "copy.db"
    path.write_bytes(index_path.read_bytes())
    app = create_app(path, token="s3cret", extractor_factory=lambda: extractor)
    return TestClient(app)


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 401),
        ({"Authorization": "Bearer wrong"}, 401),
        ({"Authorization": "s3cret"}, 401),
    ],
)
def test_writes_need_the_token(
    writer: TestClient, headers: dict[str, str], status: int
) -> None:
    response = writer.post(
        "/api/articles", json={"id": "w1", "text": WRITE_TEXT}, headers=headers
    )
    assert response.status_code == status
    assert "token" in response.json()["detail"]
    assert writer.get("/api/articles/w1").status_code == 404


def test_write_with_the_token_adds_the_article_once(writer: TestClient) -> None:
    auth = {"Authorization": "Bearer s3cret"}
    body = {
        "id": "w1",
        "text": WRITE_TEXT,
        "outlet": "Gazette",
        "published": "2024-05-01",
    }
    first = writer.post("/api/articles", json=body, headers=auth)
    assert first.status_code == 201, first.text
    assert first.json()["added"] is True and first.json()["quotes"] >= 1
    stored = writer.get("/api/articles/w1").json()
    assert stored["outlet"] == "Gazette"
    assert any("open the bridge" in q["content"]["text"] for q in stored["quotes"])
    again = writer.post("/api/articles", json=body, headers=auth)
    assert again.status_code == 200 and again.json()["added"] is False


def test_write_checks_text_length_and_fields(writer: TestClient) -> None:
    auth = {"Authorization": "Bearer s3cret"}
    long = writer.post(
        "/api/articles", json={"id": "w2", "text": "x" * 100_001}, headers=auth
    )
    assert long.status_code == 413
    missing = writer.post("/api/articles", json={"text": "hi"}, headers=auth)
    assert missing.status_code == 400
    assert missing.json()["detail"] == "id: Field required"


def test_try_it_stores_only_when_asked_with_the_token(writer: TestClient) -> None:
    shown = writer.post("/try", data={"text": WRITE_TEXT})
    assert shown.status_code == 200 and "Stored:" not in shown.text
    assert 'name="token"' in shown.text
    refused = writer.post(
        "/try", data={"text": WRITE_TEXT, "store": "1", "token": "no"}
    )
    assert refused.status_code == 401
    assert "token" in refused.text
    stored = writer.post(
        "/try", data={"text": WRITE_TEXT, "store": "1", "token": "s3cret"}
    )
    assert stored.status_code == 200
    link = re.search(r'Stored: <a href="(/articles/pasted-[0-9a-f]{12})"', stored.text)
    assert link, stored.text[-2000:]
    assert "open the bridge" in writer.get(link.group(1)).text


def test_read_only_try_it_has_no_store_option(client: TestClient) -> None:
    assert 'name="token"' not in client.get("/try").text


# --- pages, docs, CLI ---------------------------------------------------------


def test_speakers_page_filters_by_name(client: TestClient) -> None:
    html = client.get("/speakers", params={"name": "okaf"}).text
    assert "Maria Okafor" in html and "Tom Reyes" not in html


def test_query_text_is_escaped_in_pages(client: TestClient) -> None:
    html = client.get("/", params={"q": '<script>alert(1)</script>"'}).text
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_api_docs_page_lists_every_endpoint_offline(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    assert set(spec["paths"]) == {
        "/api/quotes",
        "/api/quotes.{fmt}",
        "/api/home",
        "/api/speakers",
        "/api/speakers/{speaker_id}",
        "/api/articles/{doc_id}",
        "/api/articles",
        "/api/clusters",
        "/api/clusters/{cluster_id}",
        "/api/overview",
        "/api/extract",
        "/api/extract/file",
        "/api/voices",
    }
    html = client.get("/api/docs").text
    for path in spec["paths"]:
        assert path in html
    assert "cdn" not in html.lower()


def test_serve_binds_loopback_by_default(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import uvicorn
    from click.testing import CliRunner

    from whosaid.cli import main

    calls: list[dict[str, object]] = []
    apps: list[object] = []
    monkeypatch.setattr(
        uvicorn, "run", lambda app, **kwargs: (apps.append(app), calls.append(kwargs))
    )
    monkeypatch.setenv("WHOSAID_TOKEN", "t0k")
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 0, result.output
    assert [(c["host"], c["port"], c["log_level"]) for c in calls] == [
        ("127.0.0.1", 8000, "warning")
    ]
    assert apps[0].state.ctx.token == "t0k"  # type: ignore[attr-defined]
    help_text = CliRunner().invoke(main, ["serve", "--help"]).output
    assert "127.0.0.1" in help_text and "only this machine" in help_text


def test_overview_is_cached_until_the_index_changes(
    tmp_path: Path, index_path: Path, extractor
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "copy.db"
    path.write_bytes(index_path.read_bytes())
    client = TestClient(
        create_app(path, token="t", extractor_factory=lambda: extractor)
    )
    assert client.get("/api/overview").json()["articles"] == 3
    assert client.get("/api/overview").json()["articles"] == 3
    added = client.post(
        "/api/articles",
        json={"id": "new", "text": WRITE_TEXT},
        headers={"Authorization": "Bearer t"},
    )
    assert added.status_code == 201
    assert client.get("/api/overview").json()["articles"] == 4


def test_search_page_links_the_next_and_previous_pages(index_path: Path) -> None:
    from whosaid.web.limits import Limits

    client = TestClient(create_app(index_path, limits=Limits(page_size=2)))
    first = client.get("/", params={"kind": "all"}).text
    link = re.search(r'<a rel="next" href="([^"]+)"', first)
    assert link, first
    second = client.get(link.group(1).replace("&amp;", "&")).text
    assert "showing 3–4" in second
    assert 'rel="prev"' in second
    assert re.findall(r"<blockquote>(.*?)</blockquote>", first) != re.findall(
        r"<blockquote>(.*?)</blockquote>", second
    )
    assert client.get("/", params={"page": "0"}).status_code == 400


def test_concurrent_requests_on_a_real_server(index_path: Path) -> None:
    """Each request opens its own connection in its own thread (SQLite's rule)."""
    import concurrent.futures
    import socket
    import threading
    import time

    import httpx
    import uvicorn

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(index_path), port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    paths = ["/api/quotes?q=taxes", "/api/overview", "/", "/articles/gazette-1"] * 10
    try:
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            statuses = list(
                pool.map(
                    lambda p: httpx.get(f"http://127.0.0.1:{port}{p}").status_code,
                    paths,
                )
            )
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    assert statuses == [200] * len(paths)


def test_article_links_only_http_urls(writer: TestClient) -> None:
    auth = {"Authorization": "Bearer s3cret"}
    body = {
        "id": "js",
        "text": WRITE_TEXT,
        "url": "javascript:alert(1)",
        "title": "<img src=x onerror=alert(1)>",
    }
    assert writer.post("/api/articles", json=body, headers=auth).status_code == 201
    html = writer.get("/articles/js").text
    assert "javascript:" not in html
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/api/clusters?since=soon", "since: Input should be a valid date"),
        ("/api/clusters?limit=-1", "limit: Input should be greater than or equal to 1"),
        ("/api/speakers?kind=gossip", "kind: must be one of"),
        ("/api/speakers?cursor=bad", "cursor: is not a cursor this server issued"),
        ("/api/articles?until=2024-13-01", "until: Input should be a valid date"),
        ("/speakers?page=x", "page: Input should be a valid integer"),
        ("/?since=tomorrow", "since: must be a date as YYYY-MM-DD; got 'tomorrow'"),
    ],
)
def test_more_bad_parameters_get_400(
    client: TestClient, path: str, message: str
) -> None:
    response = client.get(path)
    assert response.status_code == 400
    if path.startswith("/api/"):
        assert response.json()["detail"].startswith(message)
    else:
        assert message in html.unescape(response.text)
