"""The commands that read the index: search, article, repeated, stats."""

from __future__ import annotations

import functools
from typing import Any

import click

from whosaid.cli.options import (
    date_option,
    db_option,
    emit,
    filter_options,
    hint_speaker,
    open_index,
    output_options,
    print_table,
    quote_filters,
    shorten,
)


@click.command("search")
@click.argument("text", required=False)
@filter_options
@click.option("--limit", type=click.IntRange(1), default=20, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0, help="Skip this many.")
@db_option
@output_options
def search_command(
    text: str | None,
    limit: int,
    offset: int,
    db: str | None,
    fmt: str | None,
    **options: Any,
) -> None:
    """Search quotes: full text (ranked), phrases, prefixes, filters.

    All words must match; "a phrase" matches in order; elect* is a prefix;
    AND, OR, NOT combine. Without TEXT, the newest quotes come first.

    Example:

        whosaid search "back down" --speaker "Thomas Reed" --since 2026-01-01

        whosaid search 'tariff*' --kind statement --json
    """
    from whosaid.store.queries import search_quotes

    with open_index(db) as conn:
        hint_speaker(conn, options.get("speaker"))
        page = search_quotes(
            conn, text, quote_filters(options), limit=limit, offset=offset
        )
    rows = [quote.to_dict() for quote in page.quotes]
    emit(page.to_dict(), rows, fmt, lambda: print_table(
        ["date", "outlet", "speaker", "type", "quote", "doc"],
        [[q.date, q.outlet, q.speaker or q.speaker_name, f"{q.type} {q.kind}",
          shorten(q.content), q.doc_id] for q in page.quotes],
    ))  # fmt: skip


@click.command("article")
@click.argument("doc_id")
@db_option
@output_options
def article_command(doc_id: str, db: str | None, fmt: str | None) -> None:
    """Show an article's text with its quotes marked [1 ...].

    Example:

        whosaid article reed-briefing
    """
    from whosaid.store.queries import get_article

    with open_index(db) as conn:
        article = get_article(conn, doc_id)
    rows = [quote.to_dict() for quote in article.quotes]
    emit(article.to_dict(), rows, fmt, functools.partial(_print_article, article))


def _print_article(article: Any) -> None:
    header = " | ".join(
        str(v) for v in (article.title, article.outlet, article.date) if v
    )
    click.echo(f"{article.doc_id}: {header}\n" if header else f"{article.doc_id}\n")
    text, cursor, parts = article.text, 0, []
    for number, quote in enumerate(article.quotes, start=1):
        if quote.content_start < cursor:
            continue  # overlapping spans are listed below, not marked twice
        parts += [
            text[cursor : quote.content_start],
            f"[{number} ",
            text[quote.content_start : quote.content_end],
            "]",
        ]
        cursor = quote.content_end
    click.echo("".join([*parts, text[cursor:]]) + "\n")
    for number, quote in enumerate(article.quotes, start=1):
        who = quote.speaker or quote.speaker_name or quote.speaker_text or "?"
        click.echo(
            f"[{number}] {who} ({quote.cue or 'no cue'}; {quote.type}, {quote.kind})"
        )


@click.command("repeated")
@click.argument("cluster_id", type=int, required=False)
@click.option("--top", type=click.IntRange(1), default=20, show_default=True)
@date_option("--since", "Only quotes still printed on or after this date.")
@db_option
@output_options
def repeated_command(
    cluster_id: int | None, top: int, since: str | None, db: str | None, fmt: str | None
) -> None:
    """List the most-repeated quotes, or show one with every article that printed it.

    Example:

        whosaid repeated --top 5

        whosaid repeated 12
    """
    from whosaid.store.queries import get_cluster, list_clusters

    with open_index(db) as conn:
        if cluster_id is None:
            clusters = list_clusters(conn, top=top, since=since)
            rows = [cluster.to_dict() for cluster in clusters]
            emit(rows, rows, fmt, lambda: print_table(
                ["id", "articles", "outlets", "first", "last", "quote"],
                [[c.id, c.article_count, c.outlet_count, c.first_date, c.last_date,
                  shorten(c.text, 120)] for c in clusters],
            ))  # fmt: skip
            return
        detail = get_cluster(conn, cluster_id)
    items = [item.to_dict() for item in detail.appearances]
    emit(detail.to_dict(), items, fmt, lambda: print_table(
        ["date", "outlet", "speaker", "doc", "quote"],
        [[("* " if a.earliest else "") + (a.date or "?"), a.outlet, a.speaker, a.doc_id,
          shorten(a.content, 100)] for a in detail.appearances],
        title=shorten(detail.cluster.text, 100),
    ))  # fmt: skip


@click.command("stats")
@db_option
@output_options
def stats_command(db: str | None, fmt: str | None) -> None:
    """Count what the index holds: articles, quotes by type and kind, speakers.

    Example:

        whosaid stats --json
    """
    from whosaid.store.queries import overview

    with open_index(db) as conn:
        data = overview(conn).to_dict()
    flat = {k: v for k, v in data.items() if not isinstance(v, dict)}
    for group in ("quotes_by_type", "quotes_by_kind"):
        flat |= {f"{group[10:]}_{name}": count for name, count in data[group].items()}
    emit(
        data,
        [flat],
        fmt,
        lambda: print_table(["", "count"], [[k, v] for k, v in flat.items()]),
    )


COMMANDS = (search_command, article_command, repeated_command, stats_command)
