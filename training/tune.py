"""Tune the recognizer's entity-start bias per label on PolNeAR dev.

The greedy recognizer favours precision (dev exact precision well above
recall). Adding a constant to the score of its B-/U- actions for a label makes
it open more entities of that label. This script scores each setting with the
repo's scorer (`whosaid.evaluate`), linking as the model engine does but
with speakers as written (no resolution, to keep it fast), and prints one line
per setting. The chosen biases go to `package.py --bias`.

Usage:
    python training/tune.py training/output/wide/model-best \
        CONTENT=0,SOURCE=0,CUE=0 CONTENT=0.5,SOURCE=1,CUE=0.5
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from whosaid.evaluate.items import item_from_quote
from whosaid.evaluate.match import Item
from whosaid.evaluate.run import EvalDoc, evaluate, polnear_docs
from whosaid.extract.tagger.link import link_spans, tagged_spans
from whosaid.model import Failure, Quote

DATA = "../shared/data/polnear"


def parse_bias(spec: str) -> dict[str, float]:
    """Parse "CONTENT=0.5,SOURCE=1" into a label -> bias mapping."""
    if not spec:
        return {}
    return {k: float(v) for k, v in (kv.split("=") for kv in spec.split(","))}


def set_bias(
    nlp: Language, bias: dict[str, float], base: object | None = None
) -> object:
    """Add `bias[label]` to the B-/U- action scores; return the original bias vector."""
    ner = nlp.get_pipe("ner")
    n_moves = len(ner.move_names)  # type: ignore[attr-defined]
    upper = next(
        node
        for node in ner.model.walk()
        if node.name == "linear"
        and node.has_param("b")
        and node.get_param("b").shape[0] == n_moves + 1
    )
    original = upper.get_param("b").copy() if base is None else base
    b = original.copy()  # type: ignore[attr-defined]
    for i, name in enumerate(ner.move_names):  # type: ignore[attr-defined]
        if name[:2] in ("B-", "U-"):
            b[i] += bias.get(name[2:], 0.0)
    upper.set_param("b", b)
    return original


def _items(doc: Doc, doc_id: str) -> list[Item]:
    quotes = [
        Quote(
            doc=doc_id,
            type=a.type,
            content=a.content,
            cue=a.cue,
            speaker=a.source,
            speaker_name=a.source.text if a.source else None,
            speaker_title=None,
            confidence=a.confidence,
        )
        for a in link_spans(doc, tagged_spans(doc))
    ]
    return [item_from_quote(q, doc.text, convention="polnear") for q in quotes]


def main(model: str, specs: Sequence[str]) -> None:
    nlp = spacy.load(model)
    if "sentencizer" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer")
    docs, _ = polnear_docs(DATA, "dev")
    # tok2vec once; the recognizer (and its own layers) per setting.
    parsed = list(nlp.pipe((d.text for d in docs), disable=["ner", "sentencizer"]))
    ner, sentencizer = nlp.get_pipe("ner"), nlp.get_pipe("sentencizer")
    base = None
    for spec in specs:
        base = set_bias(nlp, parse_bias(spec), base)
        for doc in parsed:
            doc.set_ents([], default="missing")
        tagged = [sentencizer(doc) for doc in ner.pipe(parsed)]  # type: ignore[attr-defined]

        def predict(
            eval_docs: Sequence[EvalDoc], tagged: list[Doc] = tagged
        ) -> Iterator[tuple[str, list[Item]] | Failure]:
            for eval_doc, doc in zip(eval_docs, tagged, strict=True):
                yield eval_doc.id, _items(doc, eval_doc.id)

        report = evaluate(docs, predict).report.to_dict()
        roles = " | ".join(
            f"{role} "
            + " ".join(
                f"{report['roles'][role][m]['f1']:.3f}"
                for m in ("exact", "lenient", "begin")
            )
            + f" (p{report['roles'][role]['exact']['precision']:.2f} r{report['roles'][role]['exact']['recall']:.2f})"
            for role in ("source", "cue", "content")
        )
        print(
            f"{spec or 'none'}: {roles} | attribution {report['attribution']['f1']:.3f}",
            flush=True,
        )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
