"""`whosaid migrate`: bring an older index up to this version."""

from __future__ import annotations

import click

from whosaid.cli.options import db_option
from whosaid.errors import WhosaidError


@click.command("migrate")
@db_option
def migrate_command(db: str | None) -> None:
    """Bring an index made by an older whosaid up to this version's schema.

    Writing commands (ingest, speakers merge/split) migrate on open; readers
    (search, serve) never write, so they ask for this first. An index whose
    file articles have the ids of before #16 ("001" for politics/001.txt)
    gets their path ids ("politics/001").

    Example:

        whosaid migrate --db news.db
    """
    from whosaid.store import connect
    from whosaid.store.migrations import applied_migrations

    notes: list[str] = []
    try:
        conn = connect(db, notes=notes, check=True)
    except WhosaidError as err:
        raise click.ClickException(str(err)) from err
    try:
        names = applied_migrations(conn)
    finally:
        conn.close()
    for note in notes:
        click.echo(note, err=True)
    click.echo(
        f"index at schema {names[-1]} ({len(names)} migrations applied)", err=True
    )
