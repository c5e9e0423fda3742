"""`whosaid serve`: the web app and JSON API over a quote index."""

from __future__ import annotations

import click

from whosaid import settings


@click.command("serve")
@click.option(
    "--db",
    "db",
    default=None,
    metavar="FILE",
    help="Quote index to serve (default: setting db, whosaid.db).",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. The default, loopback, serves only this machine: "
    "the app has no user accounts, so expose it to a network (0.0.0.0) only "
    "behind a proxy you trust.",
)
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(1, 65535),
    help="Port to listen on.",
)
@click.option(
    "--token",
    envvar="WHOSAID_TOKEN",
    default=None,
    help="Allow adding articles (POST /api/articles, Try it's 'store') to "
    "requests that carry this token. Without it the server is read-only. "
    "Also read from WHOSAID_TOKEN, which keeps it out of the process list.",
)
@click.option(
    "--max-chars",
    default=100_000,
    show_default=True,
    type=click.IntRange(1, 1_000_000),
    help="Longest text one extraction request may send (longer gets 413).",
)
@click.option(
    "--extract-timeout",
    default=30.0,
    show_default=True,
    type=click.FloatRange(0.1, 3600),
    help="Seconds one extraction request may take, its wait in the queue "
    "included (longer gets 503).",
)
@click.option(
    "--allowed-host",
    "allowed_hosts",
    multiple=True,
    metavar="NAME",
    help="Host name the server answers for, besides localhost, 127.0.0.1, ::1 "
    "and --host (repeat it for more; '*' for any; default: setting "
    "allowed_hosts). Requests naming another host get 403, which stops "
    "DNS-rebinding attacks.",
)
def serve_command(
    db: str | None,
    host: str,
    port: int,
    token: str | None,
    max_chars: int,
    extract_timeout: float,
    allowed_hosts: tuple[str, ...],
) -> None:
    """Serve the quote index as a web app and JSON API.

    Pages: search, speakers, articles with their quotes marked, quote
    clusters, an overview, and "Try it" to extract quotes from pasted text.
    The API is under /api/ and described at /api/docs. The index is opened
    read-only.

    Binds to 127.0.0.1 by default, so only this machine can reach it.

    Example:

        whosaid serve --db whosaid.db

        WHOSAID_TOKEN=s3cret whosaid serve --db news.db --port 8080
    """
    try:
        import uvicorn

        from whosaid.web import create_app
        from whosaid.web.guard import DEFAULT_ALLOWED_HOSTS
        from whosaid.web.limits import MAX_REQUEST_HEAD_BYTES, Limits
    except ImportError as err:
        raise click.ClickException(
            f"the web app needs the [web] extra ({err.name} is missing); install it "
            "with: pip install 'whosaid[web]'"
        ) from err
    path = settings.get("db", db)
    limits = Limits(max_text_chars=max_chars, extract_timeout_s=extract_timeout)
    extra = allowed_hosts or tuple(
        name.strip()
        for name in str(settings.get("allowed_hosts")).split(",")
        if name.strip()
    )
    hosts = (*DEFAULT_ALLOWED_HOSTS, host, *extra)
    app = create_app(path, token=token, limits=limits, allowed_hosts=hosts)
    click.echo(f"serving {path} on http://{host}:{port}/ (Ctrl+C stops)", err=True)
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="warning",
        # Long query strings reach the app's 414 instead of h11's 400 (#19).
        h11_max_incomplete_event_size=MAX_REQUEST_HEAD_BYTES,
    )
