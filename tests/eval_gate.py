"""The accuracy gate: figures on PolNeAR dev, real news and our gold set may not fall.

`make test` runs this module (pytest collects it by name). It scores both
engines, `model` and `rules`, once per session on ../shared/data/polnear/dev,
on the 24 hand-annotated real news articles in ../shared/data/realnews (#13:
the measure that matters; all kinds and statements, direct-quote speaker
accuracy, and the share of records whose content is not a pronoun) and on
tests/gold, and checks each figure against the floors pinned per engine in
eval_baseline.json, which also pins a digest of the data, so a changed data
set cannot pass silently. The PolNeAR and real-news checks are skipped, with
the reason, only when their data is absent (the gold-set checks still run).

Re-pin after an improvement (floors sit FLOOR_MARGIN below what was measured;
both engines are measured and pinned again)::

    .venv/bin/python tests/eval_gate.py --update

The engines are deterministic, so the margin is small (#12): a real
regression of a few thousandths shows. `--update` refuses to lower any floor
unless given `--reason "..."`; the reason, the date and every lowered floor
are then written into the baseline's `lowered` list.
"""

from __future__ import annotations

import argparse
import datetime
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
REALNEWS = HERE.parents[1] / "shared" / "data" / "realnews"
GOLD = HERE / "gold"
FLOOR_MARGIN = 0.003  # a floor sits this far below the pinned figure (#12)
ENGINES = ("model", "rules")  # gated engines; the fixture that loads each:
FIXTURES = {"model": "model_extractor", "rules": "extractor"}
SECTIONS = ("polnear_dev", "realnews", "gold_set")
DATA = {"polnear_dev": POLNEAR / "dev", "realnews": REALNEWS}


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


def speaker_figures(report: Report, prefix: str = "") -> dict[str, float]:
    """Direct-quote speaker accuracy, resolved names, and the share of records
    that are not a pronoun (#13)."""
    found, right = report.direct_speakers
    compared, named = report.names
    records = report.attribution.n_pred
    return {
        f"{prefix}direct_speaker_accuracy": right / found if found else 0.0,
        f"{prefix}resolved_name_accuracy": named / compared if compared else 0.0,
        f"{prefix}not_pronoun_share": 1 - report.pronoun_content / records
        if records
        else 1.0,
    }


def gold_digest(gold: Path = GOLD, texts: str = "texts") -> str:
    digest = hashlib.sha256()
    for path in sorted([gold / "gold.jsonl", *(gold / texts).glob("*.txt")]):
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


def measure_realnews(extractor: Extractor) -> dict[str, Any]:
    from whosaid.evaluate.run import (
        engine_predictor,
        evaluate,
        gold_set_docs,
        predict_once,
    )

    docs = gold_set_docs(REALNEWS / "gold.jsonl", REALNEWS / "text")
    predict = predict_once(engine_predictor(extractor), docs)
    everything = evaluate(docs, predict).report
    statements = evaluate(docs, predict, kind="statement").report
    measured = figures(everything) | figures(statements, "statement_")
    measured |= speaker_figures(everything) | speaker_figures(statements, "statement_")
    for name, counts in (
        ("", everything.attribution),
        ("statement_", statements.attribution),
    ):
        measured[f"{name}attribution_precision"] = counts.precision
        measured[f"{name}attribution_recall"] = counts.recall
    return {"digest": gold_digest(REALNEWS, "text"), "figures": measured}


MEASURES = {
    "polnear_dev": measure_polnear,
    "realnews": measure_realnews,
    "gold_set": measure_gold,
}


def _baseline() -> dict[str, Any]:
    if not BASELINE.is_file():
        return {}
    data: dict[str, Any] = json.loads(BASELINE.read_text(encoding="utf-8"))
    return data


def _pinned(engine: str) -> dict[str, Any]:
    pinned: dict[str, Any] = _baseline().get("engines", {}).get(engine, {})
    return pinned


def _floors(section: str) -> list[tuple[str, str]]:
    return [
        (engine, metric)
        for engine in ENGINES
        for metric in sorted(_pinned(engine).get(section, {}).get("floors", {}))
    ]


def test_baseline_is_pinned() -> None:
    assert _baseline(), f"no {BASELINE.name}: pin the floors with --update"
    for engine in ENGINES:
        for section in SECTIONS:
            assert _pinned(engine).get(section, {}).get("floors"), (
                f"no {section} floors for the {engine} engine: re-pin with --update"
            )


def test_default_engine_is_gated() -> None:
    from whosaid import settings

    assert settings.get("engine") in ENGINES


@pytest.fixture(scope="session")
def measured() -> dict[tuple[str, str], dict[str, Any]]:
    """Measurements by (engine, section), each taken the first time a test asks."""
    return {}


def _measure(
    request: pytest.FixtureRequest,
    cache: dict[tuple[str, str], dict[str, Any]],
    engine: str,
    section: str,
) -> dict[str, Any]:
    if section in DATA and not DATA[section].is_dir():
        pytest.skip(f"{DATA[section]} not found: the {section} accuracy gate needs it")
    if (engine, section) not in cache:
        extractor = request.getfixturevalue(FIXTURES[engine])
        assert extractor.engine.name == engine
        cache[engine, section] = MEASURES[section](extractor)
    return cache[engine, section]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("section", SECTIONS)
def test_data_is_the_pinned_data(
    request: pytest.FixtureRequest,
    measured: dict[tuple[str, str], dict[str, Any]],
    engine: str,
    section: str,
) -> None:
    digest = _measure(request, measured, engine, section)["digest"]
    assert digest == _pinned(engine)[section]["digest"], (
        f"{section} changed since the floors were pinned; re-pin with --update"
    )


@pytest.mark.parametrize(
    ("section", "engine", "metric"),
    [(section, *case) for section in SECTIONS for case in _floors(section)],
)
def test_figure_is_not_below_its_floor(
    request: pytest.FixtureRequest,
    measured: dict[tuple[str, str], dict[str, Any]],
    section: str,
    engine: str,
    metric: str,
) -> None:
    floor = _pinned(engine)[section]["floors"][metric]
    value = _measure(request, measured, engine, section)["figures"][metric]
    assert value >= floor, (
        f"{section} {metric} ({engine}) fell to {value:.4f}, below its floor {floor}"
    )


def _pin(measured: dict[str, Any]) -> dict[str, Any]:
    figures_ = {k: round(v, 4) for k, v in sorted(measured["figures"].items())}
    floors = {k: max(0.0, round(v - FLOOR_MARGIN, 3)) for k, v in figures_.items()}
    return {"digest": measured["digest"], "measured": figures_, "floors": floors}


class FloorLoweredError(Exception):
    """Re-pinning would lower floors, and no reason was given."""

    def __init__(self, lowered: list[str]) -> None:
        super().__init__(
            "re-pinning would lower these floors; give --reason to do it anyway:\n  "
            + "\n  ".join(lowered)
        )
        self.lowered = lowered


def lowered_floors(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """List each floor of `old` that `new` lowers or drops: "engine section metric"."""
    lowered = []
    for engine, sections in sorted(old.get("engines", {}).items()):
        for section in SECTIONS:
            floors = sections.get(section, {}).get("floors", {})
            new_floors = (
                new["engines"].get(engine, {}).get(section, {}).get("floors", {})
            )
            for metric, floor in sorted(floors.items()):
                now = new_floors.get(metric)
                if now is None or now < floor:
                    lowered.append(f"{engine} {section} {metric}: {floor} -> {now}")
    return lowered


def rebaseline(
    old: dict[str, Any], engines: dict[str, Any], *, reason: str | None = None
) -> dict[str, Any]:
    """Return the baseline that pins `engines`, keeping `old`'s record of lowerings.

    Raises:
        FloorLoweredError: If a floor would go down (or go away) and `reason`
            is empty.
    """
    history: list[dict[str, Any]] = list(old.get("lowered", []))
    baseline = {"floor_margin": FLOOR_MARGIN, "engines": engines, "lowered": history}
    lowered = lowered_floors(old, baseline)
    if lowered and not (reason and reason.strip()):
        raise FloorLoweredError(lowered)
    if lowered:
        history.append(
            {
                "date": datetime.date.today().isoformat(),
                "reason": reason,
                "floors": lowered,
            }
        )
    return baseline


def update(reason: str | None = None) -> None:
    """Measure both engines now and pin new floors; never lower one silently."""
    from whosaid.pipeline import Extractor

    engines: dict[str, Any] = {}
    for engine in ENGINES:
        extractor = Extractor(engine)
        engines[engine] = {"engine_version": extractor.engine.version}
        for section in SECTIONS:
            engines[engine][section] = _pin(MEASURES[section](extractor))
    try:
        baseline = rebaseline(_baseline(), engines, reason=reason)
    except FloorLoweredError as err:
        sys.exit(str(err))
    BASELINE.write_text(json.dumps(baseline, indent=2) + "\n", encoding="utf-8")
    for engine, pinned in engines.items():
        for section in SECTIONS:
            for metric, value in pinned[section]["measured"].items():
                print(f"{engine:6} {section:12} {metric:28} {value:.4f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--update", action="store_true", help="re-pin the floors")
    parser.add_argument(
        "--reason", help="why floors may go down; written into the baseline file"
    )
    args = parser.parse_args()
    if not args.update:
        sys.exit("run it with pytest, or with --update to re-pin the floors")
    update(args.reason)
