"""benchmarks/speed.py (#3): the merging of rounds and the paired comparison run."""

from __future__ import annotations

from types import ModuleType

import pytest

from scripts import ROOT, load_script

SPEED = ROOT / "benchmarks" / "speed.py"


@pytest.fixture(scope="module")
def speed() -> ModuleType:
    return load_script(SPEED, "speed")


def _row(rate: float, cpu_rate: float, peak: float, load: float) -> dict[str, float]:
    return {
        "articles_per_s": rate,
        "words_per_s": rate * 800,
        "articles_per_cpu_s": cpu_rate,
        "articles_per_s_with_load": rate / 2,
        "articles_per_cpu_s_with_load": cpu_rate / 2,
        "peak_rss_mb": peak,
        "load_s": load,
        "load_cpu_s": load / 2,
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
    assert lines[4] == "100M-article projection from the paired rates:"
    assert lines[6].startswith("  whosaid" + " " * 17 + "100,000,000 / ")
    assert lines[6].endswith(" core-hours")


@pytest.mark.issue(18)
def test_the_projection_divides_100m_articles_by_the_rate_per_core(
    speed: ModuleType,
) -> None:
    line = speed.projection("whosaid", 5.0)
    assert line.split() == [
        "whosaid",
        "100,000,000",
        "/",
        "5.00",
        "articles",
        "per",
        "CPU",
        "s",
        "/",
        "3,600",
        "=",
        "5,556",
        "core-hours",
    ]


@pytest.mark.issue(18)
def test_a_variant_sets_its_settings_only_while_it_loads(
    speed: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    from whosaid import settings

    monkeypatch.setenv("WHOSAID_FAST_ATTRIBUTE_RULER", "0")
    # the default: every variant's setting unset
    with speed.variant_settings("whosaid"):
        assert settings.get("fast_attribute_ruler") is True
    with speed.variant_settings("whosaid-stockruler"):
        assert settings.get("fast_attribute_ruler") is False
    assert settings.get("fast_attribute_ruler") is False
