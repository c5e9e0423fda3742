"""`whosaid check`: is the index file sound, what does it hold, what to do (#19)."""

from __future__ import annotations

import json
import sys

import click

from whosaid.errors import WhosaidError


@click.command("check")
@click.option(
    "--db",
    default=None,
    metavar="FILE",
    help="Quote index to check (default: setting db, whosaid.db).",
)
@click.option(
    "--quick",
    is_flag=True,
    help="SQLite's quick_check: faster on a big file; skips comparing indexes "
    "with their tables.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def check_command(db: str | None, quick: bool, as_json: bool) -> None:
    """Check an index file for damage, count what it holds, and say what to do.

    Runs SQLite's integrity check without writing to the file. Exits 1 when
    the file is damaged, empty or not a whosaid index.

    Example:

        whosaid check --db news.db

        whosaid check --db news.db --quick --json
    """
    from whosaid.store.check import check_index
    from whosaid.store.db import db_path

    try:
        report = check_index(db_path(db), quick=quick)
    except WhosaidError as err:
        raise click.ClickException(str(err)) from err
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2))
    counts = ", ".join(
        f"{'unreadable' if n is None else f'{n:,}'} {table}"
        for table, n in report.counts.items()
    )
    if report.ok:
        click.echo(f"{report.path}: ok ({counts}; schema {report.schema})", err=True)
        return
    click.echo(
        f"{report.path}: damaged: {len(report.problems)} problem(s) found", err=True
    )
    for problem in report.problems[:5]:
        click.echo(f"  {problem}", err=True)
    if counts:
        click.echo(f"still readable: {counts}", err=True)
    click.echo(f"what to do: {report.advice()}", err=True)
    sys.exit(1)
