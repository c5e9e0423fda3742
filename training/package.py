"""Package a trained pipeline as whosaid's shipped model.

Adds the sentencizer after the recognizer (it must run after it: spaCy's
recognizer never continues an entity over a sentence start), records the
training config's and data's SHA-256 and the dev scores in meta.json, and
writes the result to `src/whosaid/data/model/`.

Usage:
    python training/package.py training/output/wide/model-best training/config.cfg
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from pathlib import Path

import spacy

TARGET = Path(__file__).resolve().parents[1] / "src" / "whosaid" / "data" / "model"
CORPUS = Path(__file__).resolve().parent / "output" / "corpus"


def main(
    trained: str, config: str, name: str = "polnear_tagger", version: str = "1.0.0"
) -> None:
    nlp = spacy.load(trained)
    if "sentencizer" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer", last=True)
    data = json.loads((CORPUS / "data.json").read_text())
    training_meta = json.loads((Path(trained) / "meta.json").read_text())
    nlp.meta.update(
        {
            "name": name,
            "version": version,
            "description": "whosaid attribution tagger: SOURCE, CUE, CONTENT spans (PolNeAR)",
            "license": "MIT",
            "whosaid": {
                "config": Path(config).name,
                "config_sha256": hashlib.sha256(Path(config).read_bytes()).hexdigest(),
                "data": "PolNeAR train (selection on dev)",
                "data_sha256": data["data_sha256"],
                "corpus": {k: v for k, v in data.items() if k != "data_sha256"},
                "dev_ents": training_meta.get("performance", {}),
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
