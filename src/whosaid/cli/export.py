"""`whosaid export`: quotes with their article fields as JSONL, CSV or Parquet."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from whosaid.cli.options import db_option, filter_options, open_index, quote_filters


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
            conn, out, export_format, text=text, filters=quote_filters(options)
        )
    click.echo(f"exported {count} quotes", err=True)
