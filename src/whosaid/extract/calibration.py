"""Confidence for the model engine: how often quotes like this one were right.

The tagger's own scores are not probabilities, so the model engine sets each
quote's confidence from a table measured on PolNeAR train
(`training/calibrate.py`): the share of right predictions among quotes with
the same key — type, the kind its cue reads as, and whether a speaker name
was resolved. Keys too rare on train fall back towards the overall rate.
"""

from __future__ import annotations

import csv
import dataclasses
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path

from whosaid.errors import WhosaidError
from whosaid.extract.kinds.classify import kind_of_cue
from whosaid.model import Quote

TABLE = "model_confidence.v1.tsv"
PRIOR_WEIGHT = 10  # predictions' worth of the overall rate mixed into each key
DEFAULT_KEY = "*"


def key_of(quote: Quote) -> str:
    """Return the calibration key: type, cue kind (or "none"), named or not."""
    cue = kind_of_cue(quote.cue.text, default="other") if quote.cue else "none"
    named = "named" if quote.speaker_name else "unnamed"
    return f"{quote.type}:{cue}:{named}"


def smoothed(right: int, total: int, prior: float) -> float:
    """Return right / total pulled towards `prior` by PRIOR_WEIGHT predictions."""
    return (right + PRIOR_WEIGHT * prior) / (total + PRIOR_WEIGHT)


def load_table(path: Path | None = None) -> dict[str, float]:
    """Read key -> confidence from the shipped table (or `path`)."""
    source = path or resources.files("whosaid").joinpath("data", TABLE)
    try:
        text = source.read_text(encoding="utf-8")
        rows = list(csv.DictReader(text.splitlines(), delimiter="\t"))
        table = {row["key"]: float(row["confidence"]) for row in rows}
    except (OSError, KeyError, ValueError) as err:
        raise WhosaidError(f"{source}: not a confidence table ({err})") from err
    if DEFAULT_KEY not in table:
        raise WhosaidError(f"{source}: no {DEFAULT_KEY!r} row (the overall rate)")
    return table


def calibrate(quotes: Iterable[Quote], table: Mapping[str, float]) -> list[Quote]:
    """Return `quotes` with the confidence their key earned on train."""
    return [
        dataclasses.replace(
            quote, confidence=table.get(key_of(quote), table[DEFAULT_KEY])
        )
        for quote in quotes
    ]
