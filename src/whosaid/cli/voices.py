"""`whosaid voices` (whose voices are quoted) and `whosaid speakers set-gender` (#15)."""

from __future__ import annotations

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
)
from whosaid.model import QUOTE_TYPES


@click.group("voices", invoke_without_command=True)
@click.option(
    "--by",
    type=click.Choice(("outlet", "month", "week", "year", "kind", "type", "all")),
    default="outlet",
    show_default=True,
    help="One row per outlet, period, kind or type.",
)
@click.option(
    "--show",
    "measure",
    type=click.Choice(("gender", "source", "people")),
    default="gender",
    show_default=True,
    help="gender: quotes by named people, by gender; source: quotes by source "
    "type; people: people mentioned and quoted, by gender.",
)
@click.option("--outlet", help='Only this outlet ("unknown outlet" for none).')
@date_option("--since", "Only articles published on or after this date.")
@date_option("--until", "Only articles published on or before this date.")
@click.option(
    "--kind",
    type=click.Choice(KINDS),
    help="Only quotes of this kind. Default: statements (what people said), or "
    "every kind when grouped --by kind; 'all' counts beliefs, intentions and "
    "evaluations too.",
)
@click.option("--type", "quote_type", type=click.Choice(QUOTE_TYPES))
@click.option("--title", help="Only speakers whose title contains these words.")
@click.option("--org", help="Only speakers of this organisation (as written).")
@click.option("--topic", help="Only quotes matching these words (full-text search).")
@db_option
@output_options
@click.pass_context
def voices_group(
    ctx: click.Context, by: str, measure: str, outlet: str | None, since: str | None,
    until: str | None, kind: str | None, quote_type: str | None, title: str | None,
    org: str | None, topic: str | None, db: str | None, fmt: str | None,
) -> None:  # fmt: skip
    """Count whose voices are quoted: shares by gender, source type, people.

    Shares are of each row's total; "unknown" is always shown. Gender comes
    from the article text (pronouns, honorifics, role nouns), else from
    first-name statistics (setting name_gender); docs/voices.md has the method.

    Example:

        whosaid voices --by month --outlet BBC --since 2026-01-01

        whosaid voices --show source --by outlet --csv

        whosaid voices --show people --topic "interest rates"
    """
    ctx.ensure_object(dict)["db"] = db
    if ctx.invoked_subcommand is not None:
        return
    from whosaid.voices.cells import LOAD_COPIES
    from whosaid.voices.report import VoiceFilter, VoicesError, voices_report

    filters = VoiceFilter(
        outlet=outlet, since=since, until=until, kind=kind, type=quote_type,
        title=title, org=org, topic=topic,
    )  # fmt: skip
    # One report a process: a copy in memory would cost more than it saves (#15).
    one_report = LOAD_COPIES.set(False)
    with open_index(db) as conn:
        try:
            report = voices_report(conn, by=by, measure=measure, filters=filters)
        except VoicesError as err:
            raise click.UsageError(str(err)) from err
        finally:
            LOAD_COPIES.reset(one_report)
    emit(report.to_dict(), report.rows(), fmt, lambda: _print_report(report))


def _print_report(report: Any) -> None:
    categories = list(report.categories)
    groups = report.groups if report.by == "all" else [*report.groups, report.overall]
    rows = [
        [group.group, group.total,
         *(f"{group.counts[c]} ({100 * group.shares[c]:.1f}%)" for c in categories)]
        for group in groups
    ]  # fmt: skip
    what = {"gender": "quotes by named people", "source": "quotes by source type",
            "people": "people mentioned and quoted (per article)"}[report.measure]  # fmt: skip
    total = "mentioned" if report.measure == "people" else "total"
    print_table([report.by, total, *categories], rows, title=f"{what}, by {report.by}")
    if not report.groups:
        click.echo("no quotes match; nothing to count", err=True)


@voices_group.command("rebuild")
@db_option
@click.pass_context
def rebuild_command(ctx: click.Context, db: str | None) -> None:
    """Recompute genders, source types and counters from the stored quotes.

    Run it after changing the name_gender setting, or on an index made before
    voices existed (ingest keeps them up to date otherwise).

    Example:

        WHOSAID_NAME_GENDER=off whosaid voices rebuild --db whosaid.db
    """
    from whosaid.store import transaction
    from whosaid.voices.store import rebuild_voices

    with open_index(db or ctx.obj["db"], readonly=False) as conn, transaction(conn):
        done = rebuild_voices(conn)
    click.echo(f"rebuilt voices for {done} articles", err=True)


@click.command("set-gender")
@click.argument("name")
@click.argument("gender", type=click.Choice(("female", "male", "unknown", "clear")))
@db_option
@click.pass_context
def set_gender_command(
    ctx: click.Context, db: str | None, name: str, gender: str
) -> None:
    """Set a speaker's gender by hand, or clear it to use the evidence again.

    The setting survives re-ingest and beats all evidence; "unknown" keeps a
    speaker out of both female and male counts.

    Example:

        whosaid speakers set-gender "Jo Brand" female

        whosaid speakers set-gender "#12" clear
    """
    from whosaid.store import transaction
    from whosaid.voices.store import set_gender

    parent = ctx.parent.obj if ctx.parent and ctx.parent.obj else {}
    with open_index(db or parent.get("db"), readonly=False) as conn, transaction(conn):
        message = set_gender(conn, name, None if gender == "clear" else gender)
    click.echo(message, err=True)
