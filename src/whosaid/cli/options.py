"""Options and output the query commands share: --db, filters, --json/--nl/--csv.

Query commands print a table by default and take `--json`, `--nl` (one JSON
object per line) or `--csv` from one shared `output_options` decorator
(sqlite-utils); `open_index` turns whosaid errors into click errors.
"""

from __future__ import annotations

import csv
import json
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any, TypeVar

import click

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
    """Accept YYYY-MM-DD only."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError as err:
        raise click.BadParameter(f"expected YYYY-MM-DD; got {value!r}") from err


def date_option(name: str, help_text: str) -> Callable[[F], F]:
    """A YYYY-MM-DD option."""
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


def quote_filters(options: dict[str, Any]) -> Any:
    """Build the `QuoteFilter` of the options `filter_options` adds."""
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
    """Print rows as a rich table on stdout."""
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
    """Cut `text` to `width` characters with an ellipsis."""
    return text if len(text) <= width else text[: width - 1] + "\u2026"
