"""Re-pinning the accuracy gate never lowers a floor silently (#12)."""

from __future__ import annotations

from typing import Any

import pytest

import eval_gate


def _engines(**floors: float) -> dict[str, Any]:
    section = {"digest": "d", "measured": {}, "floors": dict(floors)}
    return {"rules": {"polnear_dev": section, "gold_set": section}}


def test_floors_sit_a_small_margin_below_the_figure() -> None:
    pinned = eval_gate._pin({"digest": "d", "figures": {"attribution_f1": 0.71423}})
    assert pinned["measured"] == {"attribution_f1": 0.7142}
    assert 0.7142 - 0.004 < pinned["floors"]["attribution_f1"] < 0.7142


def test_raising_floors_needs_no_reason() -> None:
    old = {"engines": _engines(attribution_f1=0.65)}
    baseline = eval_gate.rebaseline(old, _engines(attribution_f1=0.70))
    assert baseline["lowered"] == []
    assert baseline["floor_margin"] == eval_gate.FLOOR_MARGIN


@pytest.mark.issue(12)
@pytest.mark.parametrize("reason", [None, "", "  "])
def test_lowering_a_floor_is_refused_without_a_reason(reason: str | None) -> None:
    old = {"engines": _engines(attribution_f1=0.70, direct_f1=0.90)}
    with pytest.raises(eval_gate.FloorLoweredError) as err:
        eval_gate.rebaseline(old, _engines(attribution_f1=0.69, direct_f1=0.91))
    assert err.value.lowered == [
        "rules polnear_dev attribution_f1: 0.7 -> 0.69",
        "rules gold_set attribution_f1: 0.7 -> 0.69",
    ]


def test_dropping_a_floor_counts_as_lowering_it() -> None:
    old = {"engines": _engines(attribution_f1=0.70, direct_f1=0.90)}
    with pytest.raises(eval_gate.FloorLoweredError, match="direct_f1: 0.9 -> None"):
        eval_gate.rebaseline(old, _engines(attribution_f1=0.70))


def test_a_reason_is_written_into_the_baseline_with_the_floors() -> None:
    earlier = {"date": "2026-12-01", "reason": "before", "floors": ["x"]}
    old = {"engines": _engines(attribution_f1=0.70), "lowered": [earlier]}
    reason = "PolNeAR's 'that' convention given up for real news (#13)"
    baseline = eval_gate.rebaseline(old, _engines(attribution_f1=0.68), reason=reason)
    assert baseline["lowered"][0] == earlier
    assert baseline["lowered"][1]["reason"] == reason
    assert baseline["lowered"][1]["floors"] == [
        "rules polnear_dev attribution_f1: 0.7 -> 0.68",
        "rules gold_set attribution_f1: 0.7 -> 0.68",
    ]
