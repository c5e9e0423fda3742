"""`whosaid run`: extract from many inputs into Parquet shards, locally or on Ray."""

from __future__ import annotations

import sys

import click

from whosaid.cli.output import echo_run, read_options, workers_option
from whosaid.errors import WhosaidError

RUNNERS = ("local", "ray")


@click.command("run")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    required=True,
    help="Folder (or s3:// URI) for the articles/ and quotes/ Parquet shards.",
)
@click.option(
    "--runner",
    type=click.Choice(RUNNERS),
    default=None,
    help="local (the default): worker processes on this machine; "
    "ray: a Ray Data pipeline.",
)
@click.option(
    "--address",
    default=None,
    help="Ray cluster to connect to (ray://head:10001 or auto); "
    "default starts Ray on this machine.",
)
@workers_option
@click.option(
    "--engine",
    default=None,
    help="Extraction engine, model or rules (default: setting). "
    "The old `--engine local|ray` means --runner and still works, with a warning.",
)
@click.option("--extractor", default=None, hidden=True, help="Old name of --engine.")
@click.option(
    "--shard-rows",
    type=click.IntRange(min=1),
    default=1000,
    show_default=True,
    help="Articles per shard pair.",
)
@read_options
def run_command(
    paths: tuple[str, ...],
    output: str,
    runner: str | None,
    address: str | None,
    workers: int | None,
    engine: str | None,
    extractor: str | None,
    shard_rows: int,
    encoding: str | None,
    language: str | None,
) -> None:
    """Extract quotes from many inputs into Parquet shards.

    PATHS are files or folders as for `whosaid extract`, including .warc,
    .warc.gz and .parquet. The shards load into the index with
    `whosaid ingest OUTPUT`, or into DuckDB or Spark as they are.

    Example:

        whosaid run crawl/*.warc.gz --output shards/

        whosaid run --runner ray crawl/ --output shards/ --address auto
    """
    from whosaid.read import ReadOptions

    runner, engine = _runner_and_engine(runner, engine, extractor)
    if address and runner != "ray":
        raise click.UsageError("--address needs --runner ray")
    try:
        options = ReadOptions.from_settings(encoding=encoding, language=language)
        if runner == "ray":
            from whosaid.scale.ray_engine import run_ray

            report = run_ray(
                paths,
                output,
                address=address,
                workers=workers,
                engine=engine,
                shard_rows=shard_rows,
                options=options,
            )
        else:
            from whosaid.scale.local import run_local

            report = run_local(
                paths,
                output,
                workers=workers,
                engine=engine,
                shard_rows=shard_rows,
                options=options,
            )
    except WhosaidError as err:
        raise click.ClickException(str(err)) from err
    echo_run(report, output=output)
    if report.failed:
        sys.exit(1)


def _runner_and_engine(
    runner: str | None, engine: str | None, extractor: str | None
) -> tuple[str, str | None]:
    """Read the old spellings: `--engine local|ray` (the runner), `--extractor`.

    Before #12 `--engine` chose the runner here and the extraction engine
    everywhere else; it now means the extraction engine in every command.
    """
    if engine in RUNNERS:
        if runner is not None:
            raise click.UsageError(
                f"--engine {engine} is the old spelling of --runner; give one of them"
            )
        click.echo(
            f"warning: --engine {engine} is deprecated here; use --runner {engine} "
            "(--engine now chooses the extraction engine, as in other commands)",
            err=True,
        )
        runner, engine = engine, None
    if extractor is not None:
        if engine is not None:
            raise click.UsageError("--extractor is the old name of --engine; give one")
        click.echo("warning: --extractor is deprecated; use --engine", err=True)
        engine = extractor
    return runner or "local", engine
