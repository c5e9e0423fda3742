"""Request size limits, enforced before a body reaches any endpoint.

`BodyLimitMiddleware` refuses a request whose declared `Content-Length` is over
the limit, and stops reading one that streams more than it declared (or sends
chunked data without a length), answering 413 with a JSON message either way.
A URL whose query string is over `max_query_bytes` gets 414 (#19). Text
length (characters, after decoding) is checked separately by the extraction
endpoints, since a small body can still hold more characters than the engine
should parse in one request.

Uvicorn reads a request head of up to `MAX_REQUEST_HEAD_BYTES` (`whosaid
serve` raises h11's default of 16 KB to it), so a long query string reaches
the 414 here; a head longer than that still gets uvicorn's own plain 400.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from markupsafe import escape
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send


@dataclass(frozen=True, slots=True)
class Limits:
    """What one request may carry."""

    max_body_bytes: int = 2_000_000
    max_text_chars: int = 100_000
    page_size: int = 20
    max_page_size: int = 100
    extract_timeout_s: float = 30.0  # then 503; the pool stays bounded (#19)
    max_waiting_extractions: int = 4  # more get 503 at once (#19)
    max_query_bytes: int = 16_384  # longer query strings get 414 (#19)


MAX_REQUEST_HEAD_BYTES = 1_048_576
"""Request line and headers uvicorn reads before answering 400 itself."""


class BodyTooLarge(HTTPException):
    """Raised inside `receive` when a streamed body passes the limit.

    An `HTTPException` so that FastAPI's body parsing re-raises it as it is
    instead of turning it into a generic 400.
    """

    def __init__(self, limit: int) -> None:
        super().__init__(413, _too_large_message(limit))


def _too_large_message(limit: int) -> str:
    return (
        f"request body is over the limit of {limit:,} bytes; send a shorter text "
        "or a smaller file"
    )


_HEADINGS = {403: "Forbidden", 413: "Too large", 414: "Too long"}


async def send_error(send: Send, status: int, message: str, *, html: bool) -> None:
    """Answer from a middleware: JSON `{"detail": ...}`, or a short page.

    For refusals made before the app runs (size limits, the request guard),
    where FastAPI's error handlers cannot answer.
    """
    if html:
        heading = _HEADINGS.get(status, "Error")
        body = (
            '<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f'<title>{heading} · whosaid</title><link rel="stylesheet" '
            f'href="/static/style.css"></head><body><main><h1>{heading}</h1>'
            f'<p class="error" role="alert">{escape(message)}</p>'
            '<p><a href="/">Back to search</a> · <a href="/try">Try it</a></p>'
            "</main></body></html>"
        ).encode()
        content_type = b"text/html; charset=utf-8"
    else:
        body = json.dumps({"detail": message}).encode()
        content_type = b"application/json"
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", content_type),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


async def send_too_large(send: Send, limit: int, *, html: bool = False) -> None:
    """Answer 413 with the body limit in the message."""
    await send_error(send, 413, _too_large_message(limit), html=html)


class BodyLimitMiddleware:
    """Refuse request bodies over `max_bytes` with a 413."""

    def __init__(
        self, app: ASGIApp, *, max_bytes: int, max_query_bytes: int = 16_384
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.max_query_bytes = max_query_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        html = not scope.get("path", "").startswith("/api/")
        query = len(scope.get("query_string", b""))
        if query > self.max_query_bytes:
            message = (
                f"the query string is {query:,} bytes; at most "
                f"{self.max_query_bytes:,} allowed"
            )
            await send_error(send, 414, message, html=html)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            await send_too_large(send, self.max_bytes, html=html)
            return
        received = 0
        response_started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal response_started
            if message["type"] == "http.response.start":
                response_started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge:
            if response_started:
                raise
            await send_too_large(send, self.max_bytes, html=html)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None
