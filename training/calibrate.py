"""Measure the model engine's confidence table on PolNeAR train.

Runs the model engine (with its current table) over the train split, scores
every article with `whosaid eval`'s matcher, and writes for each calibration
key (`whosaid.extract.calibration.key_of`) how many predictions were right,
smoothed towards the overall rate. Dev is never read: it stays for measuring.

    .venv/bin/python training/calibrate.py            # writes the shipped table
    .venv/bin/python training/calibrate.py --out /tmp/table.tsv --limit 50
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from whosaid.evaluate.items import item_from_quote
from whosaid.evaluate.report import Report, score_document
from whosaid.evaluate.run import load_kind_function, polnear_docs
from whosaid.extract.calibration import DEFAULT_KEY, TABLE, key_of, smoothed
from whosaid.model import Article, Result
from whosaid.pipeline import Extractor

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "polnear"


def measure(limit: int | None) -> tuple[Counter[str], Counter[str]]:
    """Return predictions and right predictions per key on PolNeAR train."""
    docs, _ = polnear_docs(DATA, "train", kind_of_cue=load_kind_function())
    docs = docs[:limit] if limit else docs
    extractor = Extractor("model")
    articles = (Article(id=doc.id, text=doc.text, source=doc.id) for doc in docs)
    total, right = Counter[str](), Counter[str]()
    for doc, result in zip(docs, extractor.pipe(articles), strict=True):
        if not isinstance(result, Result):
            continue
        preds = [
            item_from_quote(q, doc.text, convention="polnear") for q in result.quotes
        ]
        matching = score_document(Report(), preds, list(doc.gold))
        for quote, correct in zip(result.quotes, matching.pred_correct, strict=True):
            for key in (key_of(quote), DEFAULT_KEY):
                total[key] += 1
                right[key] += int(correct)
    return total, right


def write_table(path: Path, total: Counter[str], right: Counter[str]) -> None:
    prior = right[DEFAULT_KEY] / total[DEFAULT_KEY]
    with path.open("w", encoding="utf-8") as f:
        f.write("key\tpredictions\tright\tconfidence\n")
        for key in sorted(total):
            confidence = smoothed(right[key], total[key], prior)
            f.write(f"{key}\t{total[key]}\t{right[key]}\t{confidence:.3f}\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "src/whosaid/data" / TABLE)
    parser.add_argument("--limit", type=int, help="only the first N train articles")
    args = parser.parse_args()
    total, right = measure(args.limit)
    write_table(args.out, total, right)
    print(f"{args.out}: {len(total)} keys, {total[DEFAULT_KEY]} predictions")


if __name__ == "__main__":
    main()
