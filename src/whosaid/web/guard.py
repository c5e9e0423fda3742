"""Refuse requests for other host names and cross-site writes (#19).

A page on another site can make a visitor's browser send a form to the
server (`POST /try` runs the engine; with the token in the form it writes),
and a site whose name is re-pointed at 127.0.0.1 (DNS rebinding) can even
read the answers. `RequestGuardMiddleware` answers 403 to both:

- a `Host` header whose name is not in `allowed_hosts` (the port is ignored);
- a POST (or any method but GET/HEAD/OPTIONS) that a browser marks as sent
  from another site: `Sec-Fetch-Site` other than `same-origin` or `none`, or,
  from a browser too old to send that header, an `Origin` whose host and port
  differ from the request's `Host` ("null" included).

Clients that send neither `Origin` nor `Sec-Fetch-Site` (curl, scripts) are
not browsers acting for a third party and pass.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.types import ASGIApp, Receive, Scope, Send

from whosaid.web.limits import send_error

DEFAULT_ALLOWED_HOSTS: tuple[str, ...] = (
    "localhost",
    "127.0.0.1",
    "::1",
    "testserver",  # Starlette's TestClient
)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
SAME_SITE_FETCHES = frozenset({"same-origin", "none"})


def host_name(host: str) -> str:
    """Return the name of a `Host` value without its port: "[::1]:80" -> "::1"."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:].partition("]")[0]
    if host.count(":") == 1:
        return host.partition(":")[0]
    return host


class RequestGuardMiddleware:
    """Answer 403 to unknown host names and to cross-site writes."""

    def __init__(self, app: ASGIApp, *, allowed_hosts: tuple[str, ...]) -> None:
        self.app = app
        self.allowed = frozenset(host_name(h) for h in allowed_hosts)
        self.any_host = "*" in allowed_hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {
            name.decode("latin-1"): value.decode("latin-1")
            for name, value in scope.get("headers", [])
        }
        host = headers.get("host", "")
        problem = self._check_host(host) or _check_origin(
            scope.get("method", "GET"), host, headers
        )
        if problem is None:
            await self.app(scope, receive, send)
            return
        html = not scope["path"].startswith("/api/")
        await send_error(send, 403, problem, html=html)

    def _check_host(self, host: str) -> str | None:
        if self.any_host or host_name(host) in self.allowed:
            return None
        shown = host[:100] or "(none)"
        return (
            f"host {shown!r} is not served here; allowed: "
            f"{', '.join(sorted(self.allowed))} (whosaid serve --allowed-host NAME)"
        )


def _check_origin(method: str, host: str, headers: dict[str, str]) -> str | None:
    if method.upper() in SAFE_METHODS:
        return None
    fetch_site = headers.get("sec-fetch-site")
    if fetch_site is not None:  # set by the browser itself: decisive when sent
        if fetch_site.lower() in SAME_SITE_FETCHES:
            return None
        return "cross-site requests may not write or extract; use this site's own form"
    origin = headers.get("origin")
    if origin is not None and urlsplit(origin).netloc.lower() != host.lower():
        return (
            f"requests from {origin[:100]!r} may not write or extract; "
            "use this site's own form"
        )
    return None
