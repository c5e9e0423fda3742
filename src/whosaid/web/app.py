"""The web app: `create_app(db_path)` returns a FastAPI app over a quote index.

Pages are rendered on the server (Jinja2, autoescaped) with a little
progressive JavaScript; `/api/` mirrors them as JSON with an OpenAPI
description at `/api/docs` and `/api/openapi.json`. The index is opened
read-only for every request; writing (adding articles) is off unless the app
is created with a token, and then every write must carry it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from whosaid import __version__
from whosaid.web import api, pages, voices
from whosaid.web.context import WebContext, get_context
from whosaid.web.errors import WebError
from whosaid.web.extraction import (
    ExtractionPool,
    LazyExtractor,
    QuoteFinder,
    default_factory,
)
from whosaid.web.guard import DEFAULT_ALLOWED_HOSTS, RequestGuardMiddleware
from whosaid.web.limits import BodyLimitMiddleware, Limits

HERE = Path(__file__).parent
log = logging.getLogger(__name__)

# Pages and API ship their own CSS and JS; nothing is fetched from elsewhere.
SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; img-src 'self' data:; style-src 'self'; "
        b"script-src 'self'; object-src 'none'; base-uri 'none'; "
        b"frame-ancestors 'none'; form-action 'self'",
    ),
    (b"x-content-type-options", b"nosniff"),
    # same-origin, not no-referrer: under no-referrer Chromium sends
    # "Origin: null" with our own form posts, which the guard must refuse (#19).
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]


class SecurityHeadersMiddleware:
    """Add a strict Content-Security-Policy and friends to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(
    db_path: str | Path,
    *,
    token: str | None = None,
    limits: Limits | None = None,
    extractor_factory: Callable[[], QuoteFinder] | None = None,
    allowed_hosts: tuple[str, ...] = DEFAULT_ALLOWED_HOSTS,
) -> FastAPI:
    """Build the web app over the quote index at `db_path`.

    The index does not have to exist yet: "Try it" works without one, and the
    index pages say how to build it.

    Args:
        db_path: SQLite quote index, opened read-only per request.
        token: When set, `POST /api/articles` (and storing from "Try it") is
            allowed for requests that carry it; when None, the app never writes.
        limits: Request body and text size limits, page sizes, the time
            limit and queue of extractions.
        extractor_factory: Builds the extractor on first use; the default loads
            `whosaid.Extractor()` with the configured engine.
        allowed_hosts: Host names the app answers for (any port); others get
            403, which stops DNS rebinding. "*" allows any.
    """
    limits = limits or Limits()
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals["version"] = __version__
    templates.env.filters["quoted"] = display_quote
    templates.env.filters["inline_code"] = inline_code
    app = FastAPI(
        title="whosaid",
        version=__version__,
        description=(
            "Who said what in the news: search attributed quotes, speakers, "
            "articles and quote clusters in a whosaid index, or extract quotes "
            "from a text. Read-only unless the server was started with a token."
        ),
        docs_url=None,  # Swagger UI needs a CDN; /api/docs is ours (pages.py)
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    pool = ExtractionPool(
        LazyExtractor(extractor_factory or default_factory),
        timeout_s=limits.extract_timeout_s,
        max_waiting=limits.max_waiting_extractions,
    )
    app.state.ctx = WebContext(
        db_path=Path(db_path),
        token=token or None,
        limits=limits,
        pool=pool,
        templates=templates,
    )
    app.add_middleware(
        BodyLimitMiddleware,
        max_bytes=limits.max_body_bytes,
        max_query_bytes=limits.max_query_bytes,
    )
    app.add_middleware(RequestGuardMiddleware, allowed_hosts=allowed_hosts)
    app.add_middleware(SecurityHeadersMiddleware)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.include_router(api.router)
    app.include_router(voices.router)  # the Voices page and /api/voices (#15)
    app.include_router(pages.router)
    _add_error_handlers(app)
    return app


def display_quote(content: str, type: str = "direct") -> str:
    """Show a quote's words for reading: a direct quote in quotation marks.

    Engines cut direct quotes inside their marks and may keep the comma that
    led into the attribution ("We won,"); that comma is dropped for display.
    """
    text = content.strip()
    if type != "direct":
        return text
    text = text.rstrip(",;: ")
    if text[:1] in "\"“‘'":
        return text
    return f"“{text}”"


def inline_code(text: str) -> Markup:
    """Escape `text` and show its `backticked` words as code (API docstrings)."""
    parts = str(escape(text)).split("`")
    html = "".join(
        f"<code>{part}</code>" if index % 2 else part
        for index, part in enumerate(parts)
    )
    return Markup(html)  # noqa: S704 - escaped above


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def error_response(request: Request, status: int, message: str) -> Response:
    """Answer an error as JSON `{"detail": message}` under /api/, else as a page."""
    if _wants_json(request):
        return JSONResponse({"detail": message}, status_code=status)
    ctx = get_context(request)
    html = ctx.templates.get_template("error.html").render(
        request=request,
        status=status,
        message=message,
        title=f"Error {status}",
        writable=ctx.token is not None,  # the footer says so on every page (#19)
    )
    return HTMLResponse(html, status_code=status)


def _validation_message(errors: list[Any]) -> str:
    """Turn FastAPI's validation errors into one line: "since: ...; limit: ..."."""
    parts = []
    for error in errors:
        if error.get("type") == "json_invalid":
            parts.append("request body is not valid JSON")
            continue
        where = [
            str(part)
            for part in error.get("loc", ())
            if isinstance(part, str) and part not in ("query", "body", "path", "form")
        ]
        name = ".".join(where) or "request body"
        parts.append(f"{name}: {error.get('msg', 'invalid value')}")
    return "; ".join(parts) or "invalid request"


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(WebError)
    async def _web_error(request: Request, exc: WebError) -> Response:
        return error_response(request, exc.status, str(exc))

    @app.exception_handler(RequestValidationError)
    async def _validation_error(
        request: Request, exc: RequestValidationError
    ) -> Response:
        return error_response(request, 400, _validation_message(list(exc.errors())))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        # A bug, not the client's fault; still answered in the usual shape (#19).
        log.exception("unexpected error on %s", request.url.path, exc_info=exc)
        return error_response(
            request, 500, "internal error; the server's log has the details"
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = str(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"no page at {request.url.path}"
        return error_response(request, exc.status_code, message)
