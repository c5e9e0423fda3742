"""`whosaid extract`: print who said what in articles."""

from __future__ import annotations

import dataclasses
import json
import sys
from typing import IO, Any

import click

from whosaid.cli.output import (
    echo_run,
    progress,
    read_options,
    silent_option,
    workers_option,
)
from whosaid.errors import WhosaidError
from whosaid.model import QUOTE_KINDS, Failure, Result
from whosaid.read.items import Skipped
from whosaid.report import RunSummary

FORMATS = ("jsonl", "json", "table")
KIND_CHOICES = (*QUOTE_KINDS, "all")


def _keep_kind(result: Result, kind: str) -> Result:
    """Drop quotes of other kinds (#8), counting them as skipped by reason."""
    if kind == "all":
        return result
    kept = [quote for quote in result.quotes if quote.kind == kind]
    skipped = dict(result.skipped)
    if dropped := len(result.quotes) - len(kept):
        reason = f"kind not {kind} (--kind all keeps them)"
        skipped[reason] = skipped.get(reason, 0) + dropped
    return dataclasses.replace(result, quotes=kept, skipped=skipped)


def _write_table(results: list[Result], out: IO[str]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(
        "doc", "speaker", "title", "type", "kind", "cue", "quote", show_lines=True
    )
    for result in results:
        for quote in result.quotes:
            table.add_row(
                quote.doc,
                quote.speaker_name or (quote.speaker.text if quote.speaker else "?"),
                quote.speaker_title or "",
                quote.type,
                quote.kind,
                quote.cue.text if quote.cue else "",
                quote.content.text,
            )
    Console(file=out, width=160).print(table)


@click.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="jsonl",
    show_default=True,
    help="jsonl streams one quote per line.",
)
@click.option(
    "-o",
    "--output",
    type=click.File("w", encoding="utf-8"),
    default="-",
    help="Write results here instead of stdout.",
)
@click.option("--engine", default=None, help="Extraction engine (default: setting).")
@click.option(
    "--kind",
    type=click.Choice(KIND_CHOICES),
    default=None,
    help="Keep only quotes of this kind: what was said (statement), or a "
    "belief, intention, evaluation, other. Default: statement for --format "
    "table, all otherwise.",
)
@workers_option
@read_options
@silent_option
def extract_command(
    paths: tuple[str, ...],
    fmt: str,
    output: IO[str],
    engine: str | None,
    kind: str | None,
    workers: int | None,
    encoding: str | None,
    language: str | None,
    silent: bool,
) -> None:
    """Extract attributed quotes from articles.

    PATHS are .txt, .jsonl (one article per line: id, text, optional url,
    title, outlet, published), .html, .warc, .warc.gz or .parquet files,
    folders of these, or - for stdin. A file's article id (`doc`) is its
    path in the folder given: politics/001 for politics/001.txt.

    Example:

        whosaid extract samples/ --format table

        whosaid extract samples/ --format table --kind all

        cat article.txt | whosaid extract - > quotes.jsonl
    """
    from whosaid.identity import UniqueIds
    from whosaid.parallel import pipe_parallel
    from whosaid.read import ReadOptions, read_pending

    try:
        options = ReadOptions.from_settings(encoding=encoding, language=language)
        results = pipe_parallel(
            read_pending(paths, options),
            workers=workers,
            engine=engine,
            options=options,
        )
    except WhosaidError as err:
        raise click.ClickException(str(err)) from err
    summary = RunSummary(command="extract")
    ids = UniqueIds()  # two texts under one id: the second gets a suffix (#16)
    kept: list[Result] = []
    kind = kind or ("statement" if fmt == "table" else "all")
    records: list[dict[str, Any]] = []
    for item in progress(ids.apply(results), silent=silent):
        if isinstance(item, Result):
            item = _keep_kind(item, kind)
        summary.add(item)
        if not isinstance(item, Result):
            if isinstance(item, Failure) and not isinstance(item, Skipped):
                click.echo(f"error: {item}", err=True)
            continue
        if fmt == "jsonl":
            for quote in item.quotes:
                output.write(json.dumps(quote.to_record(), ensure_ascii=False) + "\n")
            output.flush()
        elif fmt == "json":
            records.extend(quote.to_record() for quote in item.quotes)
        else:
            kept.append(item)
    if fmt == "json":
        json.dump(records, output, ensure_ascii=False, indent=2)
        output.write("\n")
    elif fmt == "table":
        _write_table(kept, output)
    summary.warnings += ids.warnings
    echo_run(summary, errors_shown=True)
    if summary.failed:
        sys.exit(1)
