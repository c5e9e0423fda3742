"""benchmarks/speed.py (#3): the merging of rounds and the paired comparison run."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

SPEED = Path(__file__).resolve().parents[1] / "benchmarks" / "speed.py"


@pytest.fixture(scope="module")
def speed() -> ModuleType:
    spec = importlib.util.spec_from_file_location("speed", SPEED)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _row(rate: float, cpu_rate: float, peak: float, load: float) -> dict[str, float]:
    return {
        "articles_per_s": rate,
        "words_per_s": rate * 800,
        "articles_per_cpu_s": cpu_rate,
        "peak_rss_mb": peak,
        "load_s": load,
    }


def test_rounds_keep_the_best_rate_and_the_highest_peak(speed: ModuleType) -> None:
    first = speed._keep_best(None, _row(4.0, 5.0, 500, 2.0))
    merged = speed._keep_best(first, _row(3.0, 6.0, 520, 1.0))
    assert merged == _row(4.0, 6.0, 520, 1.0)


def test_paired_comparison_runs_whosaid_beside_a_bare_parse(speed: ModuleType) -> None:
    texts = [
        "“We won,” said Thomas Reed. The rest is silence.",
        "The mayor said the bridge would reopen on Monday.",
    ]
    report = speed.compare_paired(texts, ["spacy", "whosaid"], passes=2)
    lines = report.splitlines()
    assert lines[0].startswith(
        "one process, systems interleaved batch by batch, 2 passes"
    )
    assert [line.split()[0] for line in lines[1:3]] == ["spacy", "whosaid"]
    assert len(lines[2].split()) == 4  # two passes and the rate
    assert lines[3].startswith("  whosaid/spacy (articles per CPU s):")
