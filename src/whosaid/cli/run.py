"""`whosaid run`: extract from many inputs into Parquet shards, locally or on Ray."""

from __future__ import annotations

import sys

import click

from whosaid.cli.output import workers_option
from whosaid.errors import WhosaidError

RUN_ENGINES = ("local", "ray")


@click.command("run")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    required=True,
    help="Folder (or s3:// URI) for the articles/ and quotes/ Parquet shards.",
)
@click.option(
    "--engine",
    "run_engine",
    type=click.Choice(RUN_ENGINES),
    default="local",
    show_default=True,
    help="local: worker processes on this machine; ray: a Ray Data pipeline.",
)
@click.option(
    "--address",
    default=None,
    help="Ray cluster to connect to (ray://head:10001 or auto); "
    "default starts Ray on this machine.",
)
@workers_option
@click.option("--extractor", default=None, help="Extraction engine (default: setting).")
@click.option(
    "--shard-rows",
    type=click.IntRange(min=1),
    default=1000,
    show_default=True,
    help="Articles per shard pair.",
)
def run_command(
    paths: tuple[str, ...],
    output: str,
    run_engine: str,
    address: str | None,
    workers: int | None,
    extractor: str | None,
    shard_rows: int,
) -> None:
    """Extract quotes from many inputs into Parquet shards.

    PATHS are files or folders as for `whosaid extract`, including .warc,
    .warc.gz and .parquet. The shards load into the index with
    `whosaid ingest OUTPUT`, or into DuckDB or Spark as they are.

    Example:

        whosaid run crawl/*.warc.gz --output shards/

        whosaid run --engine ray crawl/ --output shards/ --address auto
    """
    if address and run_engine != "ray":
        raise click.UsageError("--address needs --engine ray")
    try:
        if run_engine == "ray":
            from whosaid.scale.ray_engine import run_ray

            report = run_ray(
                paths,
                output,
                address=address,
                workers=workers,
                engine=extractor,
                shard_rows=shard_rows,
            )
        else:
            from whosaid.scale.local import run_local

            report = run_local(
                paths, output, workers=workers, engine=extractor, shard_rows=shard_rows
            )
    except WhosaidError as err:
        raise click.ClickException(str(err)) from err
    for failure in report.failures:
        click.echo(f"error: {failure}", err=True)
    click.echo(report.summary(output), err=True)
    if report.failures:
        sys.exit(1)
