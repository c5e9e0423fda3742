"""`whosaid link --kb FILE`, `whosaid speakers link ID QID` and `speakers unlink ID`."""

from __future__ import annotations

from pathlib import Path

import click

from whosaid.cli.options import db_option, emit, open_index, output_options, print_table
from whosaid.errors import WhosaidError


@click.command("link")
@click.option(
    "--kb",
    "kb_file",
    required=True,
    type=click.Path(dir_okay=False),
    help="Wikidata JSON dump (plain, .gz or .bz2), or an index built from one.",
)
@click.option(
    "--kb-index",
    type=click.Path(dir_okay=False),
    help="Where to keep the dump's SQLite index (default: next to --db, "
    "INDEX.kb.sqlite); rebuilt when the dump changes.",
)
@click.option("--rebuild", is_flag=True, help="Index the dump again even if unchanged.")
@db_option
@output_options
def link_command(
    kb_file: str, kb_index: str | None, rebuild: bool, db: str | None, fmt: str | None
) -> None:
    """Link speakers to Wikidata items from a local knowledge base.

    Scores each speaker's candidates (same name or alias) on the titles and
    organisations written next to its quotes and the articles' dates against
    the offices the item held. Prints the speakers left ambiguous with their
    candidates; `speakers link ID QID` decides one for good.

    Example:

        whosaid link --kb samples/kb.json --db demo.db

        whosaid link --kb latest-all.json.gz --kb-index wikidata.sqlite
    """
    from whosaid.kb.index import open_kb
    from whosaid.kb.link import link_speakers
    from whosaid.store import transaction
    from whosaid.store.db import db_path

    index = Path(kb_index) if kb_index else db_path(db).with_suffix(".kb.sqlite")
    try:
        kb, stats = open_kb(Path(kb_file), index, rebuild=rebuild)
    except WhosaidError as err:
        raise click.ClickException(str(err)) from err
    if stats is not None:
        click.echo(stats.summary(), err=True)
    with open_index(db, readonly=False) as conn, transaction(conn):
        report = link_speakers(conn, kb)
    kb.close()
    rows = [
        {
            "id": item["id"],
            "speaker": item["speaker"],
            "candidates": "; ".join(
                f"{c['qid']} {c['label']} ({c['description'] or '?'}) {c['score']}"
                for c in item["candidates"]
            ),
        }
        for item in report.ambiguous
    ]
    if rows or fmt:
        emit(report.ambiguous, rows, fmt, lambda: print_table(
            ["id", "ambiguous speaker", "candidates (score)"],
            [[f"#{r['id']}", r["speaker"], r["candidates"]] for r in rows],
        ))  # fmt: skip
    click.echo(report.summary(), err=True)


def _decide(db: str | None, name: str, qid: str | None, kb_file: str | None) -> str:
    from whosaid.kb.decisions import decide_link
    from whosaid.kb.index import open_kb
    from whosaid.store import transaction
    from whosaid.store.db import db_path
    from whosaid.store.matching import resolve_one

    kb = None
    if kb_file:
        kb, _ = open_kb(Path(kb_file), db_path(db).with_suffix(".kb.sqlite"))
    with open_index(db, readonly=False) as conn, transaction(conn):
        row, _ = resolve_one(conn, name)
        decide_link(conn, row, qid, kb)
    return f"#{row['id']} {row['name']}"


@click.command("link")
@click.argument("name")
@click.argument("qid")
@click.option(
    "--kb", "kb_file", type=click.Path(dir_okay=False),
    help="Knowledge base to copy the item's description, party and occupation from.",
)  # fmt: skip
@db_option
def speaker_link_command(
    name: str, qid: str, kb_file: str | None, db: str | None
) -> None:
    """Link speaker NAME (or #ID) to Wikidata item QID, on every later run too.

    Example:

        whosaid speakers link "#12" Q990000014
    """
    try:
        who = _decide(db, name, qid.upper(), kb_file)
    except WhosaidError as err:
        raise click.ClickException(str(err)) from err
    click.echo(f"linked {who} to {qid.upper()}", err=True)


@click.command("unlink")
@click.argument("name")
@db_option
def speaker_unlink_command(name: str, db: str | None) -> None:
    """Unlink speaker NAME (or #ID) from any item, on every later run too.

    Example:

        whosaid speakers unlink "#12"
    """
    try:
        who = _decide(db, name, None, None)
    except WhosaidError as err:
        raise click.ClickException(str(err)) from err
    click.echo(f"unlinked {who}; `whosaid link` will leave it unlinked", err=True)
