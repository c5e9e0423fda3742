"""Check that FastAttributeRuler annotates exactly as spaCy's AttributeRuler.

Parses texts with the stock pipeline and with whosaid's (the stock one with
`FastAttributeRuler`) and compares every token's part of speech, tag,
morphology, lemma, dependency label and head; then times the two rulers'
pattern search on the same parsed docs, and the whole pipeline with each
(CPU seconds, the two alternating, best of `--rounds`), which is what decides
whether the fast ruler is worth its upkeep (#12).

    .venv/bin/python benchmarks/fast_ruler_check.py [--split dev train] [--limit N]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

from whosaid import settings
from whosaid.extract.fast_ruler import use_fast_attribute_ruler

POLNEAR = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear"
COLUMNS = [POS, TAG, MORPH, LEMMA, DEP, HEAD]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", nargs="+", default=["dev"])
    parser.add_argument("--limit", type=int, help="the first N texts of each split")
    parser.add_argument("--rounds", type=int, default=2, help="whole-pipeline passes")
    args = parser.parse_args()
    texts = [
        path.read_text(encoding="utf-8")
        for split in args.split
        for path in sorted((POLNEAR / split / "text").glob("*.txt"))[: args.limit]
    ]
    name = settings.get("spacy_model")
    stock, fast = spacy.load(name), spacy.load(name)
    use_fast_attribute_ruler(fast)
    batch_size = int(settings.get("batch_size"))
    differing = tokens = 0
    for a, b in zip(
        stock.pipe(texts, batch_size=batch_size),
        fast.pipe(texts, batch_size=batch_size),
        strict=True,
    ):
        tokens += len(a)
        same = (a.to_array(COLUMNS) == b.to_array(COLUMNS)).all()
        if not same or [str(t.morph) for t in a] != [str(t.morph) for t in b]:
            differing += 1
    print(f"{len(texts)} texts, {tokens} tokens: {differing} differ")
    docs = list(
        stock.pipe(
            texts,
            batch_size=batch_size,
            disable=["attribute_ruler", "lemmatizer", "ner"],
        )
    )
    for label, nlp in (("AttributeRuler", stock), ("FastAttributeRuler", fast)):
        ruler = nlp.get_pipe("attribute_ruler")
        for attempt in ("first pass", "second pass"):
            start = time.process_time()
            found = sum(len(ruler.match(doc)) for doc in docs)
            seconds = time.process_time() - start
            print(f"{label:<20}{attempt}: {seconds:.2f} CPU s, {found} matches")
    best = {"AttributeRuler": float("inf"), "FastAttributeRuler": float("inf")}
    for _ in range(args.rounds):
        for label, nlp in (("AttributeRuler", stock), ("FastAttributeRuler", fast)):
            start = time.process_time()
            for _doc in nlp.pipe(texts, batch_size=batch_size):
                pass
            best[label] = min(best[label], time.process_time() - start)
    stock_s, fast_s = best["AttributeRuler"], best["FastAttributeRuler"]
    print(
        f"whole pipeline, best of {args.rounds}: AttributeRuler {stock_s:.2f} CPU s, "
        f"FastAttributeRuler {fast_s:.2f} CPU s; stock / fast = {stock_s / fast_s:.3f}"
    )


if __name__ == "__main__":
    main()
