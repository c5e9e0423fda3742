"""What the commands share: progress on stderr, the summary line, errors."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TypeVar

import click

from whosaid.model import Failure, Result
from whosaid.read.items import Skipped

T = TypeVar("T")


@dataclass
class Tally:
    """Counts for a run's one summary line."""

    articles: int = 0
    quotes: int = 0
    failed: list[Failure] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)

    def add(self, item: Result | Failure) -> None:
        if isinstance(item, Skipped):  # left out on purpose: counted, not an error
            self.skipped[item.reason] += 1
            return
        if isinstance(item, Failure):
            self.failed.append(item)
            click.echo(f"error: {item}", err=True)
            return
        self.articles += 1
        self.quotes += len(item.quotes)
        self.skipped.update(item.skipped)

    def summary(self, verb: str = "extracted") -> str:
        line = f"{verb} {self.quotes} quotes from {self.articles} articles"
        notes = []
        if self.failed:
            notes.append(f"{len(self.failed)} inputs failed")
        notes += [
            f"{count} skipped: {reason}" for reason, count in self.skipped.items()
        ]
        return line + (f" ({'; '.join(notes)})" if notes else "")


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
