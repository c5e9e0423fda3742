"""Score whosaid and the peers we can install through the same scorer, same texts.

Peers measured here: textacy's `extract.triples.direct_quotations` (textacy
0.13, a dev dependency), run on the same spaCy pipeline as whosaid. It finds
direct quotes only, so its attribution figures count every indirect and mixed
gold as missed; its direct-quote figures are the fair comparison.

textacy's content includes the quotation marks, as PolNeAR's gold does, so on
PolNeAR it is compared as is; on our gold set (content inside the marks) its
content is narrowed to the inside of the marks.

    .venv/bin/python benchmarks/peers.py [--data ../shared/data/polnear] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from whosaid.evaluate.items import CLOSE_MARKS, OPEN_MARKS
from whosaid.evaluate.match import Item
from whosaid.evaluate.report import Report
from whosaid.evaluate.run import (
    EvalDoc,
    Predictor,
    engine_predictor,
    evaluate,
    gold_set_docs,
    load_kind_function,
    polnear_docs,
)
from whosaid.evaluate.spans import span_at
from whosaid.model import Failure

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold"


def _tokens_span(tokens: Sequence[Any]) -> tuple[int, int] | None:
    if not tokens:
        return None
    start = min(token.idx for token in tokens)
    end = max(token.idx + len(token.text) for token in tokens)
    return start, end


def textacy_quotes(doc: Any, *, inside_marks: bool) -> list[Item]:
    """Run textacy's direct_quotations on a parsed doc and reduce each to an Item."""
    from textacy.extract.triples import direct_quotations

    items = []
    for triple in direct_quotations(doc):
        start, end = triple.content.start_char, triple.content.end_char
        text = doc.text
        if inside_marks and text[start] in OPEN_MARKS and text[end - 1] in CLOSE_MARKS:
            start, end = start + 1, end - 1
        speaker = _tokens_span(triple.speaker)
        cue = _tokens_span(triple.cue)
        items.append(
            Item(
                content=span_at(start, end),
                cue=span_at(*cue) if cue else None,
                source=span_at(*speaker) if speaker else None,
                name=" ".join(token.text for token in triple.speaker) or None,
                direct=True,
                kind="statement",
            )
        )
    return items


def textacy_predictor(nlp: Any, *, inside_marks: bool) -> Predictor:
    """A predictor running textacy's quote extraction over `nlp`'s parses."""

    def predict(docs: Sequence[EvalDoc]) -> Iterator[tuple[str, list[Item]] | Failure]:
        for eval_doc, doc in zip(docs, nlp.pipe(d.text for d in docs), strict=True):
            try:
                yield eval_doc.id, textacy_quotes(doc, inside_marks=inside_marks)
            except Exception as err:  # a peer's crash costs it that article only
                yield Failure(eval_doc.id, f"textacy error: {err}")

    return predict


def summarize(report: Report) -> dict[str, float]:
    """The figures of the README's comparison table."""
    row = {
        f"{mode}_{role}": report.roles[role][mode].f1
        for mode in ("exact", "begin")
        for role in ("source", "cue", "content")
    }
    row["attribution"] = report.attribution.f1
    row["direct_p"] = report.direct.precision
    row["direct_r"] = report.direct.recall
    row["direct"] = report.direct.f1
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--data", type=Path, default=ROOT.parent / "shared/data/polnear"
    )
    parser.add_argument("--split", default="dev", choices=["train", "dev"])
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args()

    from whosaid.pipeline import Extractor

    extractor = Extractor("rules")
    nlp = extractor.nlp  # the same pipeline for both
    datasets: list[tuple[str, list[EvalDoc], str]] = []
    if (args.data / args.split).is_dir():
        docs, _ = polnear_docs(args.data, args.split, kind_of_cue=load_kind_function())
        datasets.append((f"PolNeAR {args.split}", docs, "polnear"))
    else:
        print(f"PolNeAR not found at {args.data}; gold set only", file=sys.stderr)
    datasets.append(
        ("gold set", gold_set_docs(GOLD / "gold.jsonl", GOLD / "texts"), "whosaid")
    )

    results: dict[str, dict[str, dict[str, float]]] = {}
    for name, docs, convention in datasets:
        systems = {
            "whosaid rules": engine_predictor(extractor, convention=convention),
            "textacy 0.13": textacy_predictor(
                nlp, inside_marks=convention == "whosaid"
            ),
        }
        for system, predict in systems.items():
            results.setdefault(name, {})[system] = summarize(
                evaluate(docs, predict).report
            )
    columns = list(next(iter(next(iter(results.values())).values())))
    print(f"{'data':<12}{'system':<15}" + "".join(f"{c:>15}" for c in columns))
    for name, rows in results.items():
        for system, row in rows.items():
            print(
                f"{name:<12}{system:<15}" + "".join(f"{row[c]:>15.3f}" for c in columns)
            )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
