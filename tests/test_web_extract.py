"""The web app without an index: Try it, /api/extract, limits, errors, headers."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient  # noqa: E402

from whosaid.model import Article, Failure, Quote, Result, Span  # noqa: E402
from whosaid.web import create_app  # noqa: E402
from whosaid.web.limits import Limits  # noqa: E402

QUOTED = re.compile(r"[\"“][^\"”]+[\"”]")


class QuotedSpans:
    """A stand-in engine: every double-quoted stretch is a quote by "Ann Lee".

    It lets these tests check the web layer (limits, escaping, shapes) without
    loading spaCy; `test_try_it_with_the_real_engine` uses the real one.
    """

    loads = 0

    def __init__(self) -> None:
        type(self).loads += 1

    def pipe(self, items: Iterable[Article | Failure]) -> Iterator[Result | Failure]:
        for article in items:
            assert isinstance(article, Article)
            quotes = [
                Quote(
                    doc=article.id,
                    type="direct",
                    content=Span.of(article.text, m.start(), m.end()),
                    cue=None,
                    speaker=None,
                    speaker_name="Ann Lee",
                    speaker_title="mayor",
                    confidence=0.9,
                )
                for m in QUOTED.finditer(article.text)
            ]
            yield Result(article, quotes)


@pytest.fixture
def client(tmp_path) -> TestClient:  # type: ignore[no-untyped-def]
    limits = Limits(max_body_bytes=50_000, max_text_chars=1_000)
    app = create_app(tmp_path / "none.db", limits=limits, extractor_factory=QuotedSpans)
    return TestClient(app)


def test_extract_returns_quote_records(client: TestClient) -> None:
    response = client.post(
        "/api/extract", json={"text": 'She said "we will win" today.'}
    )
    assert response.status_code == 200
    body = response.json()
    assert [q["content"]["text"] for q in body["quotes"]] == ['"we will win"']
    assert body["quotes"][0]["speaker_name"] == "Ann Lee"
    assert body["article"]["chars"] == 29


def test_extractor_loads_once(client: TestClient) -> None:
    QuotedSpans.loads = 0
    for _ in range(3):
        assert (
            client.post("/api/extract", json={"text": '"a b c" x'}).status_code == 200
        )
    assert QuotedSpans.loads == 1


def test_extractor_is_not_loaded_to_serve_a_page(client: TestClient) -> None:
    QuotedSpans.loads = 0
    assert client.get("/try").status_code == 200
    assert QuotedSpans.loads == 0


def test_over_long_text_gets_413_with_the_limit(client: TestClient) -> None:
    response = client.post("/api/extract", json={"text": "x" * 1_001})
    assert response.status_code == 413
    assert response.json()["detail"] == (
        "text is 1,001 characters; the limit is 1,000 characters per request "
        "(whosaid serve --max-chars)"
    )


def test_over_large_body_gets_413_before_parsing(client: TestClient) -> None:
    body = b'{"text": "' + b"x" * 60_000 + b'"}'
    response = client.post(
        "/api/extract", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    assert "over the limit of 50,000 bytes" in response.json()["detail"]


def test_streamed_body_without_length_is_cut_at_the_limit(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(100):
            yield b"x" * 1_000
        yield b'"}'

    response = client.post(
        "/api/extract", content=chunks(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 413


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({}, "text: Field required"),
        ({"text": 5}, "text: Input should be a valid string"),
        ({"text": "   "}, "text: is empty; paste an article's text"),
    ],
)
def test_bad_extract_requests_get_400_with_a_message(
    client: TestClient, payload: dict[str, object], message: str
) -> None:
    response = client.post("/api/extract", json=payload)
    assert response.status_code == 400
    assert response.json() == {"detail": message}


def test_malformed_json_gets_400(client: TestClient) -> None:
    response = client.post(
        "/api/extract", content=b"{nope", headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json() == {"detail": "request body is not valid JSON"}


def test_upload_txt_and_html(client: TestClient) -> None:
    txt = client.post(
        "/api/extract/file",
        files={"file": ("story.txt", b'He said "up and up" then.')},
    )
    assert txt.status_code == 200
    assert txt.json()["article"]["id"] == "story"
    html = (
        "<html><head><title>Budget row</title></head><body><article><p>"
        + "The council met on Monday to argue about the budget for the year. " * 4
        + '</p><p>Lee said "the budget is fair to every district" after the vote.</p>'
        "</article></body></html>"
    )
    page = client.post(
        "/api/extract/file", files={"file": ("page.html", html.encode())}
    )
    assert page.status_code == 200, page.text
    assert [q["content"]["text"] for q in page.json()["quotes"]] == [
        '"the budget is fair to every district"'
    ]


@pytest.mark.parametrize(
    ("name", "data", "status", "message"),
    [
        ("evil.exe", b"MZ", 415, "file 'evil.exe': upload a .txt, .html or .htm file"),
        ("bad.txt", b"x\x00\x01y", 400, "file: binary data"),
        ("long.txt", b"y" * 1_001, 413, "file is 1,001 characters"),
    ],
)
def test_bad_uploads_get_a_clear_4xx(
    client: TestClient, name: str, data: bytes, status: int, message: str
) -> None:
    response = client.post("/api/extract/file", files={"file": (name, data)})
    assert response.status_code == status
    assert response.json()["detail"].startswith(message)


def test_upload_without_a_file_gets_400(client: TestClient) -> None:
    response = client.post("/api/extract/file", data={"text": "x"})
    assert response.status_code == 400
    assert response.json() == {"detail": "file: Field required"}


def test_upload_name_is_never_a_path(client: TestClient) -> None:
    response = client.post(
        "/api/extract/file",
        files={"file": ("../../../etc/passwd.txt", b'A "quoted line here" ok')},
    )
    assert response.status_code == 200
    assert response.json()["article"]["id"] == "passwd"
    assert "root:" not in response.text


def test_try_it_marks_quotes_and_escapes_html(client: TestClient) -> None:
    text = 'The note read "<script>alert(1)</script> now" and <b>bold</b>.'
    response = client.post("/try", data={"text": text})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
    assert '<mark class="q-content" data-q="0"' in response.text
    assert "1 quote found" in response.text


def test_try_it_shows_errors_in_the_form(client: TestClient) -> None:
    response = client.post("/try", data={"text": "x" * 1_001})
    assert response.status_code == 413
    assert "the limit is 1,000 characters" in response.text
    assert "<textarea" in response.text


def test_over_large_form_gets_an_html_413(client: TestClient) -> None:
    response = client.post("/try", files={"file": ("big.txt", b"x" * 60_000)})
    assert response.status_code == 413
    assert response.headers["content-type"].startswith("text/html")
    assert "over the limit of 50,000 bytes" in response.text


def test_try_it_uploads_a_file(client: TestClient) -> None:
    response = client.post(
        "/try", files={"file": ("a.txt", b'Kim said "trains run late" again.')}
    )
    assert response.status_code == 200
    assert "trains run late" in response.text


def test_security_headers_and_no_external_resources(client: TestClient) -> None:
    response = client.get("/try")
    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", response.text)


@pytest.mark.parametrize(
    "path",
    [
        "/static/../app.py",
        "/static/%2e%2e/app.py",
        "/static/..%2fapp.py",
        "/static/%2e%2e%2f%2e%2e%2fpyproject.toml",
        "/static//etc/passwd",
    ],
)
def test_static_files_do_not_leave_their_folder(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "create_app" not in response.text and "root:" not in response.text


def test_unknown_api_path_is_json_404(client: TestClient) -> None:
    response = client.get("/api/nothing")
    assert response.status_code == 404
    assert response.json() == {"detail": "no page at /api/nothing"}


def test_openapi_lists_the_endpoints(client: TestClient) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"/api/extract", "/api/extract/file"} <= set(paths)
    assert not any(not path.startswith("/api/") for path in paths)


def test_try_it_with_the_real_engine(tmp_path, extractor) -> None:  # type: ignore[no-untyped-def]
    app = create_app(tmp_path / "none.db", extractor_factory=lambda: extractor)
    text = (
        '"We will open the bridge in May," Mayor Ann Lee said on Tuesday. '
        "Critics said the plan was rushed."
    )
    response = TestClient(app).post("/api/extract", json={"text": text})
    assert response.status_code == 200
    quotes = response.json()["quotes"]
    assert any(
        "We will open the bridge" in q["content"]["text"]
        and q["speaker_name"] == "Ann Lee"
        for q in quotes
    ), quotes
