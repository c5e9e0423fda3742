"""The quote index commands: ingest, search, article, repeated, stats, export.

`speakers` and `speaker` live in `cli/speakers.py` and share these options.

Query commands print a table by default and take `--json`, `--nl` (one JSON
object per line) or `--csv` from one shared `output_options` decorator.
"""

from __future__ import annotations

import csv
import functools
import json
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from itertools import chain
from pathlib import Path
from typing import Any, TypeVar

import click

from whosaid.cli.output import progress, silent_option, workers_option
from whosaid.errors import WhosaidError
from whosaid.model import QUOTE_KINDS, QUOTE_TYPES

F = TypeVar("F", bound=Callable[..., Any])
KINDS = (*QUOTE_KINDS, "all")
STANCES = ("neutral", "assertive", "distancing", "conceding")

db_option = click.option(
    "--db",
    type=click.Path(dir_okay=False),
    default=None,
    help="Index file (default: setting db, whosaid.db).",
)


def output_options(command: F) -> F:
    """Add --json / --nl / --csv; the command receives `fmt` ("table" if none)."""
    for flag, help_text in (
        ("csv", "Output CSV."),
        ("nl", "Output one JSON object per line."),
        ("json", "Output JSON."),
    ):
        command = click.option(f"--{flag}", "fmt", flag_value=flag, help=help_text)(
            command
        )
    return command


def _check_date(
    _ctx: click.Context, param: click.Parameter, value: str | None
) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError as err:
        raise click.BadParameter(f"expected YYYY-MM-DD; got {value!r}") from err


def date_option(name: str, help_text: str) -> Callable[[F], F]:
    return click.option(
        name, callback=_check_date, metavar="YYYY-MM-DD", help=help_text
    )


def filter_options(command: F) -> F:
    """Add the quote filters shared by search and export."""
    decorators = [
        click.option("--speaker", help="Speaker name, alias, surname or #ID."),
        click.option("--outlet", help="Only this outlet."),
        date_option("--since", "Only quotes published on or after this date."),
        date_option("--until", "Only quotes published on or before this date."),
        click.option("--type", "quote_type", type=click.Choice(QUOTE_TYPES)),
        click.option(
            "--kind",
            type=click.Choice(KINDS),
            default="all",
            show_default=True,
            help="What the attribution reports (#8).",
        ),
        click.option("--stance", type=click.Choice(STANCES), help="The cue's stance."),
    ]
    for decorator in reversed(decorators):
        command = decorator(command)
    return command


def _filters(options: dict[str, Any]) -> Any:
    from whosaid.store.queries import QuoteFilter

    return QuoteFilter(
        speaker=options.get("speaker"),
        outlet=options.get("outlet"),
        since=options.get("since"),
        until=options.get("until"),
        type=options.get("quote_type"),
        kind=options.get("kind"),
        stance=options.get("stance"),
    )


def hint_speaker(conn: sqlite3.Connection, name: str | None) -> None:
    """Say on stderr whom `--speaker NAME` chose and whom else it may mean (#14)."""
    if not name:
        return
    from whosaid.store.matching import match_speaker

    match = match_speaker(conn, name)
    if match.chosen is None:
        click.echo(
            f"no speaker named {name!r}; list them with: whosaid speakers", err=True
        )
    elif match.others:
        click.echo(match.did_you_mean(), err=True)


@contextmanager
def open_index(
    db: str | None, *, readonly: bool = True, check: bool = False
) -> Iterator[sqlite3.Connection]:
    """Open the index and turn whosaid and SQLite errors into click errors.

    `check` runs SQLite's quick check before a writer touches the file (#19).
    """
    from whosaid.store import connect
    from whosaid.store.db import db_path, store_error

    try:
        conn = connect(db, readonly=readonly, check=check)
    except WhosaidError as err:
        raise click.ClickException(str(err)) from err
    try:
        yield conn
    except WhosaidError as err:
        raise click.ClickException(str(err)) from err
    except sqlite3.DatabaseError as err:  # a damaged file, a lock held too long
        raise click.ClickException(str(store_error(err, db_path(db)))) from err
    finally:
        conn.close()


def emit(
    data: Any, rows: list[dict[str, Any]], fmt: str | None, table: Callable[[], None]
) -> None:
    """Print `data` as JSON, `rows` as JSON lines or CSV, or call `table`."""
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    elif fmt == "nl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
    elif fmt == "csv":
        columns: dict[str, None] = {}
        for row in rows:
            columns.update(dict.fromkeys(row))
        writer = csv.DictWriter(sys.stdout, fieldnames=list(columns), restval="")
        writer.writeheader()
        writer.writerows(
            {
                k: json.dumps(v) if isinstance(v, (dict, list)) else v
                for k, v in row.items()
            }
            for row in rows
        )
    else:
        table()


def print_table(
    columns: list[str], rows: list[list[Any]], title: str | None = None
) -> None:
    from rich.console import Console
    from rich.table import Table

    cells = [["" if value is None else str(value) for value in row] for row in rows]
    # Columns empty in every row (no outlet or date in .txt input) are left out.
    keep = [i for i in range(len(columns)) if not rows or any(row[i] for row in cells)]
    table = Table(*(columns[i] for i in keep), title=title, show_lines=False)
    for row in cells:
        table.add_row(*(row[i] for i in keep))
    Console(width=max(100, Console().width)).print(table)


def shorten(text: str, width: int = 160) -> str:
    return text if len(text) <= width else text[: width - 1] + "\u2026"


def _count_inputs(paths: tuple[str, ...]) -> int | None:
    """Estimate the number of articles for the progress bar's ETA."""
    from whosaid.read import READERS

    total = 0
    for raw in paths:
        path = Path(raw)
        if raw == "-" or not path.exists():
            return None
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in files:
            if file.name.endswith(".jsonl"):
                with file.open("rb") as f:
                    total += sum(1 for line in f if line.strip())
            elif file.is_file() and file.suffix.lower() in READERS:
                total += 1
    return total


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@db_option
@workers_option
@click.option("--reextract", is_flag=True,
              help="Re-extract articles indexed by another engine version.")  # fmt: skip
@click.option("--batch-size", type=click.IntRange(1), default=50, show_default=True,
              help="Articles per database transaction.")  # fmt: skip
@click.option("--aliases", type=click.Path(exists=True, dir_okay=False),
              help="Alias file (CSV or JSON) to apply first.")  # fmt: skip
@click.option("--engine", default=None, help="Extraction engine (default: setting).")
@silent_option
def ingest_command(
    paths: tuple[str, ...],
    db: str | None,
    workers: int | None,
    reextract: bool,
    batch_size: int,
    aliases: str | None,
    engine: str | None,
    silent: bool,
) -> None:
    """Extract quotes from articles and add them to the index.

    PATHS are what `extract` reads: .txt, .jsonl, .html, .warc(.gz), .parquet
    files, folders, - for stdin; or output folders of `whosaid run`, whose
    Parquet shards are loaded as they are, without extracting again.
    Articles already indexed (same id or same text) are skipped, so an
    interrupted run can simply be run again.

    Example:

        whosaid ingest samples/ --db news.db

        whosaid ingest dump.jsonl --workers 2 --reextract
    """
    from whosaid import settings
    from whosaid.parallel import pipe_parallel
    from whosaid.read import read_pending
    from whosaid.scale.shards import is_shard_folder, read_shards
    from whosaid.store import Ingester, transaction
    from whosaid.store.ingest import engine_label
    from whosaid.store.speakers import apply_aliases, read_alias_file

    name = str(settings.get("engine", engine))
    with open_index(db, readonly=False, check=True) as conn:
        if aliases:
            entries = read_alias_file(Path(aliases))
            with transaction(conn):
                apply_aliases(conn, entries)
        ingester = Ingester(
            conn, engine=engine_label(name), reextract=reextract, batch_size=batch_size
        )
        if all(is_shard_folder(path) for path in paths):  # `whosaid run` output (#7)
            shards = chain.from_iterable(read_shards(path) for path in paths)
            report = ingester.ingest(progress(shards, silent=silent))
        else:
            total = None if silent or not sys.stderr.isatty() else _count_inputs(paths)
            items = ingester.skip_indexed(
                progress(read_pending(paths), silent=silent, total=total)
            )
            report = ingester.ingest(pipe_parallel(items, workers=workers, engine=name))
    for failure in report.failures[:20]:
        click.echo(f"error: {failure}", err=True)
    if len(report.failures) > 20:
        click.echo(
            f"... {len(report.failures) - 20} more in table ingest_errors", err=True
        )
    click.echo(report.summary(), err=True)
    if report.failures:
        sys.exit(1)


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
        page = search_quotes(conn, text, _filters(options), limit=limit, offset=offset)
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


@click.command("export")
@click.argument("text", required=False)
@click.option("--format", "export_format", type=click.Choice(["jsonl", "csv", "parquet"]),
              default="jsonl", show_default=True)  # fmt: skip
@click.option("-o", "--output", type=click.Path(dir_okay=False),
              help="Write here instead of stdout (needed for parquet).")  # fmt: skip
@filter_options
@db_option
def export_command(
    text: str | None,
    export_format: str,
    output: str | None,
    db: str | None,
    **options: Any,
) -> None:
    """Export quotes (all, or those matching TEXT and filters) with article fields.

    Example:

        whosaid export --format parquet -o quotes.parquet --since 2026-01-01

        whosaid export --format csv --speaker "Thomas Reed" > reed.csv
    """
    from whosaid.store.export import export_quotes

    with open_index(db) as conn:
        out = Path(output) if output else sys.stdout
        count = export_quotes(
            conn, out, export_format, text=text, filters=_filters(options)
        )
    click.echo(f"exported {count} quotes", err=True)


@click.command("migrate")
@db_option
def migrate_command(db: str | None) -> None:
    """Bring an index made by an older whosaid up to this version's schema.

    Writing commands (ingest, speakers merge/split) migrate on open; readers
    (search, serve) never write, so they ask for this first.

    Example:

        whosaid migrate --db news.db
    """
    from whosaid.store.migrations import applied_migrations

    with open_index(db, readonly=False, check=True) as conn:
        names = applied_migrations(conn)
    click.echo(
        f"index at schema {names[-1]} ({len(names)} migrations applied)", err=True
    )


COMMANDS = (
    ingest_command, search_command, article_command, repeated_command,
    stats_command, export_command, migrate_command,
)  # fmt: skip
