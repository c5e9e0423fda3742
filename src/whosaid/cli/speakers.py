"""`whosaid speakers` (list, merge, split, aliases) and `whosaid speaker NAME`."""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from whosaid.cli.options import (
    KINDS,
    date_option,
    db_option,
    emit,
    open_index,
    output_options,
    print_table,
    shorten,
)


@click.group("speakers", invoke_without_command=True)
@click.option("--top", type=click.IntRange(1), default=20, show_default=True)
@date_option("--since", "Count only quotes published on or after this date.")
@date_option("--until", "Count only quotes published on or before this date.")
@click.option("--kind", type=click.Choice(KINDS), default="all", show_default=True)
@click.option("--outlet", help="Count only quotes from this outlet.")
@db_option
@output_options
@click.pass_context
def speakers_group(
    ctx: click.Context, top: int, since: str | None, until: str | None, kind: str,
    outlet: str | None, db: str | None, fmt: str | None,
) -> None:  # fmt: skip
    """List the speakers with the most quotes; merge or split speakers.

    Example:

        whosaid speakers --top 10 --since 2026-01-01 --kind statement

        whosaid speakers merge "Thomas Reed" "Tom Reed"
    """
    ctx.ensure_object(dict)["db"] = db
    if ctx.invoked_subcommand is not None:
        return
    from whosaid.store.queries import list_speakers

    with open_index(db) as conn:
        speakers = list_speakers(
            conn, top=top, since=since, until=until, kind=kind, outlet=outlet
        )
    rows = [speaker.to_dict() for speaker in speakers]
    emit(rows, rows, fmt, lambda: print_table(
        ["id", "speaker", "quotes", "articles", "first seen", "last seen"],
        [[f"#{s.id}", s.name, s.quote_count, s.article_count, s.first_seen, s.last_seen]
         for s in speakers],
    ))  # fmt: skip


def _change(
    ctx: click.Context, db: str | None, action: Callable[[sqlite3.Connection], str]
) -> None:
    from whosaid.store import transaction

    with open_index(db or ctx.obj["db"], readonly=False) as conn, transaction(conn):
        message = action(conn)
    click.echo(message, err=True)


@speakers_group.command("merge")
@click.argument("name")
@click.argument("other")
@db_option
@click.pass_context
def merge_command(ctx: click.Context, db: str | None, name: str, other: str) -> None:
    """Merge speaker OTHER into NAME; it lasts across re-ingests.

    Example:

        whosaid speakers merge "Thomas Reed" "Tom Reed"
    """
    from whosaid.store.speakers import merge_speakers

    _change(ctx, db, lambda conn: f"merged {other!r} into {name!r}: "
            f"{merge_speakers(conn, name, other)} quotes moved")  # fmt: skip


@speakers_group.command("split")
@click.argument("name")
@click.argument("alias")
@db_option
@click.pass_context
def split_command(ctx: click.Context, db: str | None, name: str, alias: str) -> None:
    """Give the quotes written as ALIAS under NAME a speaker of their own.

    Example:

        whosaid speakers split "Thomas Reed" "Tom Reed"
    """
    from whosaid.store.speakers import split_speaker

    _change(ctx, db, lambda conn: f"split {alias!r} from {name!r}: "
            f"{split_speaker(conn, name, alias)} quotes moved")  # fmt: skip


@speakers_group.command("relink")
@db_option
@click.pass_context
def relink_command(ctx: click.Context, db: str | None) -> None:
    """Link every quote to its speaker again with the current rules.

    Run it once after upgrading whosaid: merges spelling variants ("Donald J.
    Trump", "TimeWarner"), drops generic speakers ("the company") and links
    bare surnames. Merge, split and alias decisions are kept; quotes do not
    change.

    Example:

        whosaid speakers relink --db news.db
    """
    from whosaid.store.relink import relink_speakers

    _change(ctx, db, lambda conn: relink_speakers(conn).summary())


@speakers_group.command("aliases")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@db_option
@click.pass_context
def aliases_command(ctx: click.Context, db: str | None, file: str) -> None:
    """Apply an alias file: CSV (name,aliases,external_id; aliases split by |) or JSON.

    Example:

        whosaid speakers aliases people.csv
    """
    from whosaid.store.speakers import apply_aliases, read_alias_file

    entries = read_alias_file(Path(file))
    _change(ctx, db, lambda conn: f"applied {len(entries)} alias entries: "
            f"{apply_aliases(conn, entries)} quotes relinked")  # fmt: skip


@click.command("speaker")
@click.argument("name")
@click.option(
    "--period", type=click.Choice(["day", "week", "month", "year"]), default="month"
)
@click.option("--top", type=click.IntRange(1), default=10, show_default=True)
@db_option
@output_options
def speaker_command(
    name: str, period: str, top: int, db: str | None, fmt: str | None
) -> None:
    """Show one speaker: names, titles, quotes over time, repeated quotes.

    Example:

        whosaid speaker "Thomas Reed" --period week
    """
    from whosaid.store.matching import resolve_one
    from whosaid.store.queries import get_speaker

    with open_index(db) as conn:
        row, match = resolve_one(conn, name)
        if match.others:
            click.echo(match.did_you_mean(), err=True)
        detail = get_speaker(conn, f"#{row['id']}", period=period, top=top)
    data = detail.to_dict()
    rows = [
        {"section": section, **item}
        for section in (
            "aliases",
            "titles",
            "over_time",
            "outlets",
            "kinds",
            "repeated",
        )
        for item in data[section]
    ]
    emit(data, rows, fmt, functools.partial(_print_speaker, detail))


def _print_speaker(detail: Any) -> None:
    speaker = detail.speaker
    ids = "".join(f", {value}" for value in (speaker.external_id,) if value)
    seen = (
        f", {speaker.first_seen} to {speaker.last_seen}" if speaker.first_seen else ""
    )
    lines = [
        f"{speaker.name} (#{speaker.id}{ids})",
        f"  {speaker.quote_count} quotes in {speaker.article_count} articles{seen}",
        "  names: " + "; ".join(f"{a.name} ({a.count})" for a in detail.aliases),
        "  kinds: " + ", ".join(f"{c.name} {c.count}" for c in detail.kinds),
    ]
    kb = detail.kb
    if kb is not None and kb.qid:
        facts = "; ".join(
            f"{label}: {value}"
            for label, value in (("party", kb.party), ("occupation", kb.occupation))
            if value
        )
        lines.append(
            f"  wikidata: {kb.url} {kb.description or ''}"
            + (f" ({facts})" if facts else "")
        )
    elif kb is not None and kb.status == "ambiguous":
        lines.append(
            "  wikidata: ambiguous between "
            + ", ".join(f"{c['qid']} ({c['description']})" for c in kb.candidates)
        )
    for span in detail.titles:
        role = ", ".join(part for part in (span.title, span.org) if part)
        when = (
            f"{span.first_seen} to {span.last_seen}" if span.first_seen else "undated"
        )
        lines.append(f"  title: {role} ({when}; {span.quotes} quotes)")
    if detail.over_time:
        lines.append(
            "  quotes over time: "
            + ", ".join(f"{c.name}: {c.count}" for c in detail.over_time)
        )
    outlets = [f"{c.name}: {c.count}" for c in detail.outlets if c.name]
    if outlets:
        lines.append("  outlets: " + ", ".join(outlets))
    lines += [
        f"  repeated by {cluster.article_count} articles: {shorten(cluster.text, 100)}"
        for cluster in detail.repeated
    ]
    lines += [f"  - {shorten(quote.content, 110)}" for quote in detail.recent[:5]]
    click.echo("\n".join(lines))


COMMANDS = (speakers_group, speaker_command)
