"""The web app stays responsive and refuses foreign hosts and cross-site posts (#19)."""

from __future__ import annotations

import ast
import asyncio
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")

import httpx  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402

from whosaid.model import Article, Failure, Result  # noqa: E402
from whosaid.web import create_app  # noqa: E402
from whosaid.web.limits import Limits  # noqa: E402

WEB = Path(__file__).resolve().parents[1] / "src" / "whosaid" / "web"


class Blocking:
    """A stand-in engine that holds every extraction until `release` is set."""

    release = threading.Event()

    def pipe(self, items: Iterable[Article | Failure]) -> Iterator[Result | Failure]:
        for article in items:
            assert isinstance(article, Article)
            type(self).release.wait(timeout=10)
            yield Result(article, [])


@pytest.fixture
def blocking() -> Iterator[type[Blocking]]:
    Blocking.release = threading.Event()
    yield Blocking
    Blocking.release.set()


def _app(tmp_path: Path, **limits: Any) -> Any:
    return create_app(
        tmp_path / "none.db", limits=Limits(**limits), extractor_factory=Blocking
    )


def _concurrently(app: Any, *requests: tuple[str, str, Any]) -> list[Any]:
    """Send the requests 50 ms apart, each awaited on its own; return (response, s).

    On a thread of its own: Playwright's tests keep an event loop running in
    the main thread.
    """
    answers: list[Any] = []
    thread = threading.Thread(
        target=lambda: answers.extend(asyncio.run(_gather(app, *requests)))
    )
    thread.start()
    thread.join()
    return answers


async def _gather(app: Any, *requests: tuple[str, str, Any]) -> list[Any]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://127.0.0.1:8000"
    ) as client:

        async def one(method: str, url: str, body: Any, delay: float) -> Any:
            await asyncio.sleep(delay)
            started = time.perf_counter()
            response = await client.request(method, url, json=body)
            return response, time.perf_counter() - started

        return await asyncio.gather(
            *(one(m, u, b, 0.05 * i) for i, (m, u, b) in enumerate(requests))
        )


@pytest.mark.issue(19)
def test_a_slow_extraction_gets_503_at_its_time_limit(
    tmp_path: Path, blocking: type[Blocking]
) -> None:
    app = _app(tmp_path, extract_timeout_s=0.3)
    ((response, seconds),) = _concurrently(
        app, ("POST", "/api/extract", {"text": "Some text."})
    )
    assert response.status_code == 503
    assert "longer than 0.3 s" in response.json()["detail"]
    assert seconds < 5


@pytest.mark.issue(19)
def test_reads_are_answered_while_an_extraction_runs(
    tmp_path: Path, blocking: type[Blocking]
) -> None:
    app = _app(tmp_path, extract_timeout_s=3)
    (slow, slow_s), (read, read_s) = _concurrently(
        app,
        ("POST", "/api/extract", {"text": "Some text."}),
        ("GET", "/api/openapi.json", None),
    )
    assert read.status_code == 200
    assert read_s < 1
    assert slow.status_code == 503


@pytest.mark.issue(19)
def test_a_full_queue_is_refused_at_once(
    tmp_path: Path, blocking: type[Blocking]
) -> None:
    app = _app(tmp_path, extract_timeout_s=2, max_waiting_extractions=1)
    post = ("POST", "/api/extract", {"text": "Some text."})
    answers = _concurrently(app, post, post, post)
    busy = [(r, s) for r, s in answers if "busy" in r.json()["detail"]]
    assert len(busy) == 1
    assert busy[0][0].status_code == 503
    assert busy[0][1] < 1


@pytest.mark.issue(19)
def test_twenty_thousand_bangs_are_answered(tmp_path: Path, extractor: Any) -> None:
    """Before #19 this took 46 s, far past the 10 s limit given here."""
    app = create_app(
        tmp_path / "none.db",
        limits=Limits(max_text_chars=100_000, extract_timeout_s=10),
        extractor_factory=lambda: extractor,
    )
    client = TestClient(app)
    response = client.post("/api/extract", json={"text": "!" * 20_000})
    assert response.status_code == 200
    assert response.json()["quotes"] == []


class NoQuotes:
    """A stand-in engine that finds nothing, at once."""

    def pipe(self, items: Iterable[Article | Failure]) -> Iterator[Result | Failure]:
        for article in items:
            assert isinstance(article, Article)
            yield Result(article, [])


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    return TestClient(create_app(tmp_path / "none.db", extractor_factory=NoQuotes))


@pytest.mark.issue(19)
@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "10.0.0.1"])
def test_an_unknown_host_is_refused(client: TestClient, host: str) -> None:
    response = client.get("/api/openapi.json", headers={"Host": host})
    assert response.status_code == 403
    assert "is not served here" in response.json()["detail"]
    page = client.get("/try", headers={"Host": host})
    assert page.status_code == 403
    assert "text/html" in page.headers["content-type"]


@pytest.mark.issue(19)
@pytest.mark.parametrize(
    "host", ["localhost", "localhost:8000", "127.0.0.1:8000", "[::1]:8000"]
)
def test_local_hosts_are_served(client: TestClient, host: str) -> None:
    assert client.get("/try", headers={"Host": host}).status_code == 200


def test_allowed_hosts_can_be_widened(tmp_path: Path) -> None:
    app = create_app(tmp_path / "x.db", allowed_hosts=("quotes.example.org",))
    client = TestClient(app)
    headers = {"Host": "quotes.example.org:8080"}
    assert client.get("/try", headers=headers).status_code == 200
    assert client.get("/try", headers={"Host": "localhost"}).status_code == 403


@pytest.mark.issue(19)
@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.example"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site", "Origin": "http://testserver"},
    ],
)
def test_a_cross_site_form_post_is_refused(
    client: TestClient, headers: dict[str, str]
) -> None:
    response = client.post(
        "/try", data={"text": '"Hi there you," she said.'}, headers=headers
    )
    assert response.status_code == 403
    assert "Hi there" not in response.text
    assert "text/html" in response.headers["content-type"]
    api = client.post("/api/extract", json={"text": '"a b c"'}, headers=headers)
    assert api.status_code == 403
    assert "detail" in api.json()


@pytest.mark.issue(19)
@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Origin": "http://testserver"},
        {"Sec-Fetch-Site": "same-origin", "Origin": "http://testserver"},
        {"Sec-Fetch-Site": "none"},
        # Chromium under a no-referrer policy: the header decides (#19)
        {"Sec-Fetch-Site": "same-origin", "Origin": "null"},
    ],
)
def test_a_same_site_form_post_is_served(
    client: TestClient, headers: dict[str, str]
) -> None:
    response = client.post(
        "/try", data={"text": '"Hi there you," she said.'}, headers=headers
    )
    assert response.status_code == 200


def test_a_cross_site_read_is_served(client: TestClient) -> None:
    response = client.get("/try", headers={"Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 200


@pytest.mark.issue(12)
def test_routers_do_not_import_the_app() -> None:
    """`app` includes the routers; they take what they share from `context`."""
    for path in sorted(WEB.glob("*.py")):
        if path.name in ("app.py", "__init__.py"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {
            node.module
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module
        }
        assert "whosaid.web.app" not in imported, path.name


@pytest.mark.issue(19)
def test_a_huge_query_string_is_a_414(client: TestClient) -> None:
    response = client.get("/api/quotes", params={"q": "a" * 50_000})
    assert response.status_code == 414
    assert "query string" in response.json()["detail"]
    assert client.get("/", params={"q": "a" * 50_000}).status_code == 414


@pytest.mark.issue(19)
def test_uvicorn_lets_a_200k_query_string_reach_the_414(tmp_path: Path) -> None:
    """Uvicorn as `whosaid serve` runs it: h11's 16 KB head limit is raised."""
    import socket

    import uvicorn

    from whosaid.web.limits import MAX_REQUEST_HEAD_BYTES

    app = create_app(tmp_path / "none.db")
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=0,
        log_level="warning",
        h11_max_incomplete_event_size=MAX_REQUEST_HEAD_BYTES,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
            head = (
                f"GET /api/quotes?q={'a' * 200_000} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
            )
            conn.sendall(head.encode())
            answer = conn.recv(4096)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    assert answer.startswith(b"HTTP/1.1 414 "), answer[:200]


@pytest.mark.issue(19)
def test_error_pages_of_a_writable_server_do_not_say_read_only(tmp_path: Path) -> None:
    client = TestClient(create_app(tmp_path / "none.db", token="s3cret"))
    page = client.get("/no/such/page")
    assert page.status_code == 404
    assert "read-only" not in page.text
    assert "writes allowed" in page.text


@pytest.mark.issue(19)
@pytest.mark.parametrize(
    ("args", "env", "served", "refused"),
    [
        ([], None, ["localhost:8000", "127.0.0.1"], ["quotes.example.org"]),
        (["--allowed-host", "quotes.example.org"], None, ["quotes.example.org"], []),
        ([], "a.example, quotes.example.org", ["quotes.example.org:80"], ["b.example"]),
        (["--host", "10.1.2.3"], None, ["10.1.2.3:8000"], ["10.1.2.4"]),
    ],
)
def test_serve_allows_its_hosts(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    args: list[str],
    env: str | None,
    served: list[str],
    refused: list[str],
) -> None:
    import uvicorn
    from click.testing import CliRunner

    from whosaid.cli import main

    apps: list[Any] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: apps.append(app))
    if env is not None:
        monkeypatch.setenv("WHOSAID_ALLOWED_HOSTS", env)
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "x.db"), *args])
    assert result.exit_code == 0, result.output
    client = TestClient(apps[0])
    for host in served:
        assert client.get("/try", headers={"Host": host}).status_code == 200, host
    for host in refused:
        assert client.get("/try", headers={"Host": host}).status_code == 403, host
