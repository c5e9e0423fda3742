"""The accuracy gate: figures on PolNeAR dev and on our gold set may not fall.

`make test` runs this module (pytest collects it by name). It scores the
default engine once per session on ../shared/data/polnear/dev and on
tests/gold, and checks each figure against the floors pinned in
eval_baseline.json, which also pins a digest of the data, so a changed data
set cannot pass silently. Skipped, with the reason, only when PolNeAR is absent
(the gold-set checks still run).

Re-pin after an improvement (floors sit FLOOR_MARGIN below what was measured)::

    .venv/bin/python tests/eval_gate.py --update

Lowering a floor needs a reason in the commit message.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from whosaid.evaluate.report import Report
    from whosaid.pipeline import Extractor

HERE = Path(__file__).resolve().parent
BASELINE = HERE / "eval_baseline.json"
POLNEAR = HERE.parents[1] / "shared" / "data" / "polnear"
GOLD = HERE / "gold"
FLOOR_MARGIN = 0.02  # CI safety: a floor sits this far below the pinned figure


def figures(report: Report, prefix: str = "") -> dict[str, float]:
    """Flatten the gated figures of one report: F1s per role and mode, attributions."""
    flat = {
        f"{prefix}{role}_{mode}_f1": counts.f1
        for role, modes in report.roles.items()
        for mode, counts in modes.items()
    }
    flat[f"{prefix}attribution_f1"] = report.attribution.f1
    flat[f"{prefix}direct_f1"] = report.direct.f1
    return flat


def gold_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted([GOLD / "gold.jsonl", *(GOLD / "texts").glob("*.txt")]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def measure_polnear(extractor: Extractor) -> dict[str, Any]:
    from whosaid.evaluate.run import (
        engine_predictor,
        evaluate,
        load_kind_function,
        polnear_digest,
        polnear_docs,
        predict_once,
    )

    kind_of_cue = load_kind_function()
    docs, _ = polnear_docs(POLNEAR, "dev", kind_of_cue=kind_of_cue)
    predict = predict_once(engine_predictor(extractor, convention="polnear"), docs)
    measured = figures(evaluate(docs, predict).report)
    if kind_of_cue is not None:
        measured |= figures(
            evaluate(docs, predict, kind="statement").report, "statement_"
        )
    return {"digest": polnear_digest(POLNEAR, "dev"), "figures": measured}


def measure_gold(extractor: Extractor) -> dict[str, Any]:
    from whosaid.evaluate.run import (
        engine_predictor,
        evaluate,
        gold_set_docs,
        predict_once,
    )

    docs = gold_set_docs(GOLD / "gold.jsonl", GOLD / "texts")
    predict = predict_once(engine_predictor(extractor), docs)
    measured = figures(evaluate(docs, predict).report)
    measured |= figures(evaluate(docs, predict, kind="statement").report, "statement_")
    return {"digest": gold_digest(), "figures": measured}


def _baseline() -> dict[str, Any]:
    if not BASELINE.is_file():
        return {}
    data: dict[str, Any] = json.loads(BASELINE.read_text(encoding="utf-8"))
    return data


def _floors(section: str) -> list[str]:
    return sorted(_baseline().get(section, {}).get("floors", {}))


def test_baseline_is_pinned() -> None:
    baseline = _baseline()
    assert baseline, f"no {BASELINE.name}: pin the floors with --update"
    assert _floors("polnear_dev") and _floors("gold_set")


@pytest.fixture(scope="session")
def polnear_measured(extractor: Extractor) -> dict[str, Any]:
    if not (POLNEAR / "dev").is_dir():
        pytest.skip(
            f"PolNeAR not found at {POLNEAR}: the PolNeAR accuracy gate needs it"
        )
    return measure_polnear(extractor)


@pytest.fixture(scope="session")
def gold_measured(extractor: Extractor) -> dict[str, Any]:
    return measure_gold(extractor)


def test_gate_measures_the_pinned_engine(extractor: Extractor) -> None:
    assert extractor.engine.name == _baseline()["engine"]


def test_polnear_dev_is_the_pinned_data(polnear_measured: dict[str, Any]) -> None:
    assert polnear_measured["digest"] == _baseline()["polnear_dev"]["digest"], (
        "PolNeAR dev changed since the floors were pinned; re-pin with --update"
    )


@pytest.mark.parametrize("metric", _floors("polnear_dev"))
def test_polnear_dev_floor(polnear_measured: dict[str, Any], metric: str) -> None:
    floor = _baseline()["polnear_dev"]["floors"][metric]
    value = polnear_measured["figures"][metric]
    assert value >= floor, (
        f"PolNeAR dev {metric} fell to {value:.4f}, below its floor {floor}"
    )


def test_gold_set_is_the_pinned_data(gold_measured: dict[str, Any]) -> None:
    assert gold_measured["digest"] == _baseline()["gold_set"]["digest"], (
        "tests/gold changed since the floors were pinned; re-pin with --update"
    )


@pytest.mark.parametrize("metric", _floors("gold_set"))
def test_gold_set_floor(gold_measured: dict[str, Any], metric: str) -> None:
    floor = _baseline()["gold_set"]["floors"][metric]
    value = gold_measured["figures"][metric]
    assert value >= floor, (
        f"gold set {metric} fell to {value:.4f}, below its floor {floor}"
    )


def _pin(measured: dict[str, Any]) -> dict[str, Any]:
    figures_ = {k: round(v, 4) for k, v in sorted(measured["figures"].items())}
    floors = {k: max(0.0, round(v - FLOOR_MARGIN, 3)) for k, v in figures_.items()}
    return {"digest": measured["digest"], "measured": figures_, "floors": floors}


def update() -> None:
    """Measure the default engine now and pin new floors."""
    from whosaid.pipeline import Extractor

    extractor = Extractor()
    baseline = {
        "engine": extractor.engine.name,
        "engine_version": extractor.engine.version,
        "floor_margin": FLOOR_MARGIN,
        "polnear_dev": _pin(measure_polnear(extractor)),
        "gold_set": _pin(measure_gold(extractor)),
    }
    BASELINE.write_text(json.dumps(baseline, indent=2) + "\n", encoding="utf-8")
    for section in ("polnear_dev", "gold_set"):
        for metric, value in baseline[section]["measured"].items():
            print(f"{section:12} {metric:28} {value:.4f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--update", action="store_true", help="re-pin the floors")
    if not parser.parse_args().update:
        sys.exit("run it with pytest, or with --update to re-pin the floors")
    update()
