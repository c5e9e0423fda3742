"""A live server over a sample index, and headless Chromium driven by Playwright.

The index is built from `articles.jsonl` (hand-written for these tests) with
the real engine, as `whosaid ingest` would. Chromium is Debian's
`/usr/bin/chromium` (`make chromium` installs it); Playwright's own browser
download is never used. Without Chromium the tests are skipped, except in CI
(`CI=true`), where they fail.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).parent
CHROMIUM = Path(os.environ.get("WHOSAID_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def sample_index(tmp_path_factory: pytest.TempPathFactory, extractor: Any) -> Path:
    from whosaid.read import read_inputs
    from whosaid.store import Ingester, connect

    path = tmp_path_factory.mktemp("browser") / "sample.db"
    conn = connect(path)
    try:
        items = extractor.pipe(read_inputs([HERE / "articles.jsonl"]))
        report = Ingester(conn, engine="rules:test").ingest(items)
    finally:
        conn.close()
    assert report.articles == 6, report.summary()
    return path


@pytest.fixture(scope="session")
def server(sample_index: Path, extractor: Any) -> Iterator[str]:
    """Serve the sample index with uvicorn in a thread on a free loopback port."""
    import uvicorn

    from whosaid.web import create_app

    app = create_app(sample_index, extractor_factory=lambda: extractor)
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing; install it with: make chromium")
        pytest.skip(f"{CHROMIUM} is missing; install it with: make chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


def _failed(page: Any, request: Any) -> None:
    """A request that failed is a problem, unless a navigation cancelled it.

    Leaving a page while its favicon is still loading aborts that request
    (`net::ERR_ABORTED`); the resource is fine, so only other failures count.
    A missing resource still shows as its HTTP status (the `response` hook).
    """
    if request.failure != "net::ERR_ABORTED":
        page.problems.append(f"failed: {request.url} ({request.failure})")


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    """A desktop-sized page that records console errors and failed requests."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, base_url=server
    )
    page = context.new_page()
    page.problems = []
    page.on(
        "console",
        lambda msg: page.problems.append(msg.text) if msg.type == "error" else None,
    )
    page.on("pageerror", lambda err: page.problems.append(str(err)))
    page.on("requestfailed", lambda req: _failed(page, req))
    page.on(
        "response",
        lambda res: (
            page.problems.append(f"HTTP {res.status}: {res.url}")
            if res.status >= 400
            else None
        ),
    )
    yield page
    context.close()


@pytest.fixture(scope="session")
def shots() -> Path | None:
    """Where to save screenshots: `WHOSAID_SCREENSHOTS` (make screenshots), else none."""
    target = os.environ.get("WHOSAID_SCREENSHOTS")
    if not target:
        return None
    path = Path(target)
    path.mkdir(parents=True, exist_ok=True)
    return path


AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
# Impacts that fail a page; "minor" and "moderate" findings are reported only.
AXE_FAILING = ("serious", "critical")


@pytest.fixture(scope="session")
def axe() -> Callable[[Any], list[str]]:
    """Return `axe_violations` bound to axe-core's script (`make axe`, #17)."""
    if not AXE.exists():
        message = f"{AXE} is missing; install it with: make axe"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    source = AXE.read_text(encoding="utf-8")
    return lambda page: axe_violations(page, source)


def axe_violations(page: Any, axe_source: str) -> list[str]:
    """Run axe-core on the page; return its serious and critical violations.

    The script is evaluated through the DevTools protocol, which the app's
    Content-Security-Policy (script-src 'self') does not block, so the page is
    checked with its real headers.
    """
    page.evaluate(axe_source)
    result = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']}))"
        ".violations.map(v => ({id: v.id, impact: v.impact, help: v.help, "
        "nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 3)}))"
    )
    return [
        f"{v['impact']}: {v['id']} ({v['help']}) at {', '.join(v['nodes'])}"
        for v in result
        if v["impact"] in AXE_FAILING
    ]
