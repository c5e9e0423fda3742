"""`whosaid eval`: measure an engine against annotated articles."""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any

import click

from whosaid.errors import WhosaidError
from whosaid.evaluate.report import format_report
from whosaid.evaluate.run import (
    KINDS,
    Evaluation,
    engine_predictor,
    evaluate,
    gold_set_docs,
    load_kind_function,
    polnear_digest,
    polnear_docs,
)

DEFAULT_POLNEAR = "../shared/data/polnear"


def _common_options(function: Any) -> Any:
    options = [
        click.option(
            "--engine", default=None, help="Engine to measure (default: setting)."
        ),
        click.option(
            "--kind",
            type=click.Choice(KINDS),
            default="all",
            show_default=True,
            help="statement: score statements only (cue kinds from #8), on both sides.",
        ),
        click.option(
            "--json",
            "json_out",
            type=click.File("w", encoding="utf-8"),
            help="Write all figures as JSON here.",
        ),
        click.option(
            "--errors",
            "errors_out",
            type=click.File("w", encoding="utf-8"),
            help="Write every miss and false alarm with its context here (JSON lines).",
        ),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def _run_and_print(
    docs: Any,
    *,
    engine: str | None,
    convention: str,
    kind: str,
    title: str,
    meta: dict[str, Any],
    notes: list[str],
    json_out: IO[str] | None,
    errors_out: IO[str] | None,
) -> Evaluation:
    from whosaid.pipeline import Extractor

    try:
        extractor = Extractor(engine)
        evaluation = evaluate(
            docs, engine_predictor(extractor, convention=convention), kind=kind
        )
    except WhosaidError as err:
        raise click.ClickException(str(err)) from err
    for note in notes:
        click.echo(f"note: {note}", err=True)
    meta = {
        **meta,
        "engine": extractor.engine.name,
        "engine_version": extractor.engine.version,
    }
    click.echo(
        format_report(
            evaluation.report, title=f"{title}, engine {meta['engine']}, kind {kind}"
        )
    )
    if json_out:
        json.dump(
            {**meta, "kind": kind, "notes": notes, **evaluation.report.to_dict()},
            json_out,
            indent=2,
        )
        json_out.write("\n")
    if errors_out:
        for error in evaluation.errors:
            errors_out.write(json.dumps(error, ensure_ascii=False) + "\n")
    for failure in evaluation.report.failed:
        click.echo(f"error: {failure}", err=True)
    return evaluation


@click.group("eval")
def eval_group() -> None:
    """Measure extraction against annotated articles.

    Example:

        whosaid eval polnear --split dev
    """


@eval_group.command("polnear")
@click.option(
    "--data",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_POLNEAR,
    show_default=True,
    help="PolNeAR folder holding train/ and dev/ (brat standoff).",
)
@click.option(
    "--split", type=click.Choice(["train", "dev"]), default="dev", show_default=True
)
@_common_options
def polnear_command(
    data: Path,
    split: str,
    engine: str | None,
    kind: str,
    json_out: IO[str] | None,
    errors_out: IO[str] | None,
) -> None:
    """Score an engine on a PolNeAR split: span, attribution and direct-quote P/R/F1.

    Predicted direct-quote content is widened to its quotation marks before
    comparing, as PolNeAR's gold includes them (see README, Accuracy).

    Example:

        whosaid eval polnear --split dev --json dev.json --errors dev-errors.jsonl
    """
    kind_of_cue = load_kind_function()
    try:
        docs, notes = polnear_docs(data, split, kind_of_cue=kind_of_cue)
    except WhosaidError as err:
        raise click.ClickException(str(err)) from err
    meta = {"data": "polnear", "split": split, "digest": polnear_digest(data, split)}
    _run_and_print(
        docs,
        engine=engine,
        convention="polnear",
        kind=kind,
        title=f"PolNeAR {split}",
        meta=meta,
        notes=notes,
        json_out=json_out,
        errors_out=errors_out,
    )


@eval_group.command("gold")
@click.argument("gold", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option(
    "--texts",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    required=True,
    help="Folder of <doc>.txt files the gold offsets point into.",
)
@_common_options
def gold_command(
    gold: Path,
    texts: Path,
    engine: str | None,
    kind: str,
    json_out: IO[str] | None,
    errors_out: IO[str] | None,
) -> None:
    """Score an engine on a gold set written in whosaid's own quote format.

    GOLD is a JSON-lines file of quote records (as `whosaid extract` writes
    them, `kind` included); every .txt in --texts is an article, with or
    without gold quotes.

    Example:

        whosaid eval gold tests/gold/gold.jsonl --texts tests/gold/texts
    """
    try:
        docs = gold_set_docs(gold, texts)
    except WhosaidError as err:
        raise click.ClickException(str(err)) from err
    notes = [
        f"gold set {gold}: {len(docs)} articles, {sum(len(d.gold) for d in docs)} quotes"
    ]
    _run_and_print(
        docs,
        engine=engine,
        convention="whosaid",
        kind=kind,
        title=f"gold set {gold.name}",
        meta={"data": str(gold)},
        notes=notes,
        json_out=json_out,
        errors_out=errors_out,
    )
