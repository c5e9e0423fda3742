"""The functions `training/small-resume.cfg` registers (#18): a resumed run
continues the checkpoint's weight averages and stops at its deadline."""

from __future__ import annotations

from types import ModuleType
from typing import Any

import numpy
import pytest
from thinc.api import Adam

from scripts import ROOT, load_script

FUNCTIONS = ROOT / "training" / "small_functions.py"


@pytest.fixture(scope="module")
def functions() -> ModuleType:
    return load_script(FUNCTIONS, "small_functions")


def _one_update(optimizer: Any) -> Any:
    weights = numpy.full(4, 2.0, dtype="float32")
    gradient = numpy.full(4, 0.5, dtype="float32")
    optimizer((1, "W"), weights, gradient)
    return optimizer.averages[(1, "W")]


def test_resumed_averages_start_from_the_weights(functions: ModuleType) -> None:
    # thinc's Adam starts the averages at zero: after one update they are
    # 9/11 of the weights, which cost a resumed run 5 points of entity F1.
    assert _one_update(Adam(0.001))[0] == pytest.approx(2.0 * 9 / 11, abs=1e-3)
    resumed = functions.adam_resume(0.001, avg_offset=7200)
    assert _one_update(resumed)[0] == pytest.approx(2.0, abs=1e-3)


def test_resumed_averages_move_slowly_with_the_offset(functions: ModuleType) -> None:
    optimizer = functions.adam_resume(0.1, avg_offset=7200, L2=0.0)
    weights = numpy.full(4, 2.0, dtype="float32")
    for _ in range(10):
        gradient = numpy.full(4, 1.0, dtype="float32")
        weights, _ = optimizer((1, "W"), weights, gradient)
    assert weights[0] == pytest.approx(1.0, abs=0.05)  # ten steps of 0.1
    # a window of about 800 updates: the averages have barely moved
    assert optimizer.averages[(1, "W")][0] == pytest.approx(2.0, abs=0.01)


def test_deadline_stops_the_run(
    functions: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WHOSAID_DEADLINE", "0")
    with pytest.raises(functions.Deadline):
        functions.deadline()(None, {"step": 1, "epoch": 0})
    monkeypatch.delenv("WHOSAID_DEADLINE")
    functions.deadline()(None, {"step": 1, "epoch": 0})  # no deadline: runs on
