"""No request gets a 5xx: a bounded fuzz over every parameter of every route (#19).

Every route of the app is listed from the app itself, so a new route is
fuzzed without editing this file. Each gets a few dozen requests with
arbitrary path, query and body values (lone surrogates, huge numbers, empty
strings, percent-encoded bytes that are not UTF-8); every answer must be
below 500 and, under /api/, in the `{"detail": ...}` shape.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import quote, quote_from_bytes

import pytest

pytest.importorskip("fastapi")
hypothesis = pytest.importorskip("hypothesis")

from fastapi.routing import APIRoute  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from whosaid.model import Article, Failure, Result  # noqa: E402
from whosaid.web import create_app  # noqa: E402

BIG = [2**31, 2**53, 2**63 - 1, 2**63, 2**64, 10**30, -(2**63) - 1]
values = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec=None), max_size=10),  # surrogates too
    st.integers().map(str),
    st.sampled_from([str(n) for n in BIG] + ["", " ", "0", "-1", "nan", "%", "\x00"]),
    st.binary(max_size=12).map(lambda b: quote_from_bytes(b) + "\udcff"),
)
cursors = st.one_of(
    values,
    st.sampled_from(BIG).map(
        lambda n: __import__("whosaid.web.params", fromlist=["x"]).encode_cursor(n)
    ),
)


class NoQuotes:
    def pipe(self, items: Iterable[Article | Failure]) -> Iterator[Result | Failure]:
        for article in items:
            assert isinstance(article, Article)
            yield Result(article, [])


@pytest.fixture(scope="module")
def fuzz_client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    from test_web import build_index

    path = tmp_path_factory.mktemp("fuzz") / "index.db"
    build_index(path)
    app = create_app(path, token="s3cret", extractor_factory=NoQuotes)
    return TestClient(app, raise_server_exceptions=False)


def _api_routes(routes: Iterable[Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    """Every APIRoute, also inside included routers (FastAPI 0.16x nests them)."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield prefix + route.path, route
        included = getattr(route, "original_router", None)
        if included is not None:
            context = getattr(route, "include_context", None)
            yield from _api_routes(
                included.routes, prefix + getattr(context, "prefix", "")
            )


def _routes() -> list[tuple[str, str, list[str]]]:
    app = create_app("unused.db", extractor_factory=NoQuotes)
    found = []
    for path, route in _api_routes(app.routes):
        params = [p.alias for p in route.dependant.query_params]
        for method in sorted(route.methods - {"HEAD"}):
            found.append((method, path, params))
    assert len(found) > 20, found  # the walk found the routers' routes
    return found


def _url(path: str, path_value: str, query: dict[str, str]) -> str:
    value = quote(path_value.encode("utf-8", "replace"), safe="")
    path = re.sub(r"\{[^}]+\}", lambda _: value, path)
    pairs = [
        f"{quote(k)}={quote(v.encode('utf-8', 'surrogatepass'), safe='%')}"
        for k, v in query.items()
    ]
    return path + ("?" + "&".join(pairs) if pairs else "")


def _check(response: Any, url: str) -> None:
    assert response.status_code < 500, (url, response.status_code, response.text[:300])
    if url.startswith("/api/") and response.status_code >= 400:
        assert set(response.json()) == {"detail"}, (url, response.text[:300])


@pytest.mark.issue(19)
@pytest.mark.parametrize(("method", "path", "params"), _routes())
def test_no_route_answers_5xx(
    fuzz_client: TestClient, method: str, path: str, params: list[str]
) -> None:
    @settings(
        max_examples=15,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(
        path_value=values,
        query=st.fixed_dictionaries(
            {},
            optional={name: cursors if name == "cursor" else values for name in params},
        ),
        text=values,
        title=st.one_of(st.none(), values),
    )
    def fuzz(
        path_value: str, query: dict[str, str], text: str, title: str | None
    ) -> None:
        url = _url(path, path_value, query)
        headers = {"Authorization": "Bearer s3cret", "Content-Type": "application/json"}
        if method == "GET":
            response = fuzz_client.get(url)
        elif path.startswith("/api/"):
            body = {"text": text, "title": title, "id": path_value[:50] or "x"}
            content = json.dumps(body).encode()  # "\ud800" travels as an escape
            response = fuzz_client.request(
                method, url, content=content, headers=headers
            )
        else:
            response = fuzz_client.request(
                method, url, data={"text": text.encode("utf-8", "replace").decode()}
            )
        _check(response, url)

    fuzz()


@pytest.mark.issue(19)
@pytest.mark.parametrize(
    ("url", "offset"),
    [
        ("/api/quotes", 2**63),
        ("/api/clusters", 2**63 - 1),
        ("/api/speakers", 2**63 - 1),
    ],
)
def test_a_huge_cursor_offset_is_a_400(
    fuzz_client: TestClient, url: str, offset: int
) -> None:
    from whosaid.web.params import encode_cursor

    response = fuzz_client.get(url, params={"cursor": encode_cursor(offset)})
    assert response.status_code == 400
    assert "cursor" in response.json()["detail"]


@pytest.mark.issue(19)
@pytest.mark.parametrize("field", ["text", "title"])
@pytest.mark.parametrize("url", ["/api/extract", "/api/articles"])
def test_a_lone_surrogate_is_a_400(
    fuzz_client: TestClient, url: str, field: str
) -> None:
    body = {"id": "surrogate", "text": "A plain text.", "title": "A title"}
    body[field] = "bad \ud800 text"
    response = fuzz_client.post(
        url,
        content=json.dumps(body).encode(),
        headers={"Authorization": "Bearer s3cret", "Content-Type": "application/json"},
    )
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert detail.startswith(f"{field}: ")
    assert "surrogate" in detail or "unicode" in detail
