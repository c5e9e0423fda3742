"""`whosaid ingest`: extract quotes from articles into the index."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from whosaid.cli.options import db_option, open_index
from whosaid.cli.output import (
    echo_run,
    progress,
    read_options,
    silent_option,
    workers_option,
)
from whosaid.errors import WhosaidError


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
@read_options
@silent_option
def ingest_command(
    paths: tuple[str, ...],
    db: str | None,
    workers: int | None,
    reextract: bool,
    batch_size: int,
    aliases: str | None,
    engine: str | None,
    encoding: str | None,
    language: str | None,
    silent: bool,
) -> None:
    """Extract quotes from articles and add them to the index.

    PATHS are what `extract` reads: .txt, .jsonl, .html, .warc(.gz), .parquet
    files, folders, - for stdin; or output folders of `whosaid run`, whose
    Parquet shards are loaded as they are, without extracting again. A file's
    article id is its path in the folder given (politics/001). Articles
    already indexed (same text) are skipped, so an interrupted run can simply
    be run again; `whosaid errors` lists what failed.

    Example:

        whosaid ingest samples/ --db news.db

        whosaid ingest dump.jsonl --workers 2 --reextract

        whosaid ingest old-news/ --encoding cp1252 --language any
    """
    from whosaid.read.items import ReadOptions
    from whosaid.store import transaction
    from whosaid.store.db import db_path
    from whosaid.store.load import count_inputs, ingest_paths
    from whosaid.store.speakers import apply_aliases, read_alias_file

    try:
        options = ReadOptions.from_settings(encoding=encoding, language=language)
    except WhosaidError as err:
        raise click.BadParameter(str(err), param_hint="--encoding") from err
    total = None if silent or not sys.stderr.isatty() else count_inputs(paths)
    with open_index(db, readonly=False, check=True) as conn:
        if aliases:
            entries = read_alias_file(Path(aliases))
            with transaction(conn):
                apply_aliases(conn, entries)
        summary = ingest_paths(
            conn,
            paths,
            engine=engine,
            workers=workers,
            reextract=reextract,
            batch_size=batch_size,
            options=options,
            wrap=lambda items: progress(items, silent=silent, total=total),
        )
    echo_run(summary, db=str(db_path(db)))
    if summary.failed:
        sys.exit(1)
