"""`whosaid errors`: every failed or skipped input of an index (#16)."""

from __future__ import annotations

import click

from whosaid.cli.options import db_option, emit, open_index, output_options, print_table
from whosaid.report import HINTS


@click.command("errors")
@click.option(
    "--kind",
    type=click.Choice(sorted(HINTS)),
    default=None,
    help="Only this kind of failure, skip or warning.",
)
@click.option("--run", "run_id", type=click.IntRange(1), default=None,
              help="Only this ingest run (default: the latest).")  # fmt: skip
@click.option("--all-runs", is_flag=True, help="Every run, oldest first.")
@db_option
@output_options
def errors_command(
    kind: str | None,
    run_id: int | None,
    all_runs: bool,
    db: str | None,
    fmt: str | None,
) -> None:
    """List the inputs an ingest run could not index, skipped or warned about.

    Each row names the input (file, file:line, file@offset), the kind of
    failure (encoding, unreadable, malformed, language, duplicate, ...) and
    the reason. Without --run or --all-runs it lists the latest run's.

    Example:

        whosaid errors --db news.db

        whosaid errors --kind encoding --csv > encoding.csv
    """
    from whosaid.store.errors import count_kinds, last_run, list_errors

    if run_id is not None and all_runs:
        raise click.UsageError("--run and --all-runs exclude each other")
    with open_index(db) as conn:
        run = None if all_runs else (run_id or last_run(conn))
        errors = list_errors(conn, run=run, kind=kind)
        kinds = count_kinds(conn, run)
    rows = [error.to_dict() for error in errors]
    emit(rows, rows, fmt, lambda: print_table(
        ["run", "kind", "input", "reason"],
        [[e.run, e.kind + (" (kept)" if e.stored else ""), e.source, e.reason]
         for e in errors],
    ))  # fmt: skip
    scope = "every run" if run is None else f"run {run}"
    counts = ", ".join(f"{name} {count}" for name, count in kinds.items())
    click.echo(f"{len(errors)} listed ({scope}: {counts or 'none'})", err=True)
