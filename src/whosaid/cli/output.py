"""What the reading commands share: progress, reading options, the run report."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

import click

from whosaid.report import RunSummary

T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])
# Errors and warnings printed after a run; `whosaid errors` lists them all.
SHOWN = 20


def echo_run(
    summary: RunSummary,
    *,
    errors_shown: bool = False,
    db: str | None = None,
    output: str | None = None,
) -> None:
    """Print a run's errors, warnings, summary line and hints on stderr (#16).

    Args:
        summary: What the run did.
        errors_shown: The errors were printed as they came (extract).
        db: The index written, to name `whosaid errors --db DB` for the rest.
        output: The shard folder of `whosaid run`.
    """
    more = f"whosaid errors --db {db}" if db else None
    lines = [] if errors_shown else [f"error: {item}" for item in summary.failures]
    lines += [f"warning: {item}" for item in summary.warnings]
    for line in lines[:SHOWN]:
        click.echo(line, err=True)
    hidden = max(0, len(lines) - SHOWN)
    if hidden:
        click.echo(f"... {hidden} more" + (f": {more}" if more else ""), err=True)
    click.echo(summary.summary(output), err=True)
    listed = summary.failures or summary.warnings or summary.skipped
    if more and listed and not hidden:
        click.echo(f"every failed or skipped input: {more}", err=True)
    for hint in summary.hints():
        click.echo(f"hint: {hint}", err=True)


def progress(
    items: Iterable[T],
    *,
    silent: bool,
    label: str = "articles",
    total: int | None = None,
) -> Iterator[T]:
    """Wrap `items` in a progress bar on stderr when stderr is a terminal.

    It shows the count, the rate per second, and an ETA when `total` is known.
    """
    if silent or not sys.stderr.isatty():
        yield from items
        return
    from rich.progress import (
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = (
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, transient=True, redirect_stdout=False) as bar:
        task = bar.add_task(label, total=total, rate="")
        for item in items:
            yield item
            speed = bar.tasks[0].speed
            bar.update(task, advance=1, rate=f"{speed:.1f}/s" if speed else "")


silent_option = click.option(
    "--silent", is_flag=True, help="No progress bar (it shows only on a terminal)."
)


workers_option = click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes, each loading the model once (default: one per core; "
    "an input of one batch runs in this process).",
)


def read_options(command: F) -> F:
    """Add --encoding and --language (#16) to a command that reads inputs."""
    command = click.option(
        "--language",
        default=None,
        metavar="CODE|any",
        help="Keep articles in this language, skip and count the rest "
        "(default: setting language, en); any keeps all.",
    )(command)
    return click.option(
        "--encoding",
        default=None,
        metavar="NAME",
        help="Read every text input in this encoding, e.g. cp1252 (default: "
        "setting encoding, auto: UTF-8, else detected).",
    )(command)
