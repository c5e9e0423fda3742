"""`whosaid extract`: print who said what in articles."""

from __future__ import annotations

import json
import sys
from typing import IO, Any

import click

from whosaid.cli.output import Tally, progress, silent_option
from whosaid.errors import WhosaidError
from whosaid.model import Result

FORMATS = ("jsonl", "json", "table")


def _write_table(results: list[Result], out: IO[str]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table("doc", "speaker", "title", "type", "cue", "quote", show_lines=True)
    for result in results:
        for quote in result.quotes:
            table.add_row(
                quote.doc,
                quote.speaker_name or (quote.speaker.text if quote.speaker else "?"),
                quote.speaker_title or "",
                quote.type,
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
@silent_option
def extract_command(
    paths: tuple[str, ...], fmt: str, output: IO[str], engine: str | None, silent: bool
) -> None:
    """Extract attributed quotes from articles.

    PATHS are .txt, .jsonl (one article per line: id, text, optional url,
    title, outlet, published) or .html files, folders of these, or - for stdin.

    Example:

        whosaid extract samples/ --format table

        cat article.txt | whosaid extract - > quotes.jsonl
    """
    from whosaid.pipeline import Extractor
    from whosaid.read import read_inputs

    try:
        extractor = Extractor(engine)
    except WhosaidError as err:
        raise click.ClickException(str(err)) from err
    tally = Tally()
    kept: list[Result] = []
    records: list[dict[str, Any]] = []
    for item in progress(extractor.pipe(read_inputs(paths)), silent=silent):
        tally.add(item)
        if not isinstance(item, Result):
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
    click.echo(tally.summary(), err=True)
    if tally.failed:
        sys.exit(1)
