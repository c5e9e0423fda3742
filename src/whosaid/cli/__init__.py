"""The `whosaid` command: the only part of whosaid that prints.

Each command is a thin wrapper over a silent library function. Results go to
stdout; messages, progress and the summary line go to stderr. Exit codes: 0
success, 1 an error (or any input that failed), 2 a usage error.
"""

from __future__ import annotations

import logging

import click

from whosaid import __version__
from whosaid.cli import query, speakers
from whosaid.cli.check import check_command
from whosaid.cli.errors import errors_command
from whosaid.cli.evaluate import eval_group
from whosaid.cli.export import export_command
from whosaid.cli.extract import extract_command
from whosaid.cli.ingest import ingest_command
from whosaid.cli.link import (
    link_command,
    speaker_link_command,
    speaker_unlink_command,
)
from whosaid.cli.migrate import migrate_command
from whosaid.cli.run import run_command
from whosaid.cli.serve import serve_command
from whosaid.cli.voices import set_gender_command, voices_group
from whosaid.parallel import quiet_warnings


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="whosaid")
@click.option("-v", "--verbose", count=True, help="-v for INFO, -vv for DEBUG logs.")
def main(verbose: int) -> None:
    """Find who said what in news articles.

    Example:

        whosaid extract samples/ --format table
    """
    level = {0: logging.WARNING, 1: logging.INFO}.get(verbose, logging.DEBUG)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    # Its errors repeat what our one-line error already says (#19).
    quiet = logging.CRITICAL if not verbose else logging.NOTSET
    logging.getLogger("trafilatura").setLevel(quiet)
    # Library warnings (dateutil's UnknownTimezoneWarning on every run) only
    # with -v (#16); worker processes do the same.
    quiet_warnings(level)


speakers.speakers_group.add_command(speaker_link_command)
speakers.speakers_group.add_command(speaker_unlink_command)
for command in (
    extract_command,
    ingest_command,
    run_command,
    serve_command,
    eval_group,
    link_command,
    check_command,
    *query.COMMANDS,
    export_command,
    errors_command,
    migrate_command,
    *speakers.COMMANDS,
):
    main.add_command(command)
main.add_command(voices_group)
speakers.speakers_group.add_command(set_gender_command)
