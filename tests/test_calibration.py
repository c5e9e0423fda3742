"""The model engine's confidence table: keys, smoothing, the shipped table."""

from __future__ import annotations

from pathlib import Path

import pytest

from whosaid.errors import WhosaidError
from whosaid.extract.calibration import (
    DEFAULT_KEY,
    calibrate,
    key_of,
    load_table,
    smoothed,
)
from whosaid.model import Quote, Span

TEXT = "Reed believes the plan will fail. Someone said the vote was close."


def quote(content: str, cue: str | None, name: str | None, type_: str) -> Quote:
    def span(part: str) -> Span:
        start = TEXT.index(part)
        return Span.of(TEXT, start, start + len(part))

    return Quote(
        doc="d",
        type=type_,  # type: ignore[arg-type]  # test data is well-formed
        content=span(content),
        cue=span(cue) if cue else None,
        speaker=None,
        speaker_name=name,
        speaker_title=None,
        confidence=0.5,
    )


def test_the_key_is_type_cue_kind_and_whether_a_name_was_resolved() -> None:
    belief = quote("the plan will fail", "believes", "Thomas Reed", "indirect")
    statement = quote("the vote was close", "said", None, "indirect")
    uncued = quote("the vote was close", None, None, "direct")
    assert key_of(belief) == "indirect:belief:named"
    assert key_of(statement) == "indirect:statement:unnamed"
    assert key_of(uncued) == "direct:none:unnamed"


def test_smoothing_pulls_rare_keys_towards_the_overall_rate() -> None:
    assert smoothed(1, 1, 0.5) == pytest.approx(6 / 11)
    assert smoothed(900, 1000, 0.5) == pytest.approx(905 / 1010)


def test_calibrate_sets_each_quote_from_its_key_or_the_overall_rate() -> None:
    table = {DEFAULT_KEY: 0.7, "indirect:belief:named": 0.45}
    belief = quote("the plan will fail", "believes", "Thomas Reed", "indirect")
    other = quote("the vote was close", "said", None, "indirect")
    assert [q.confidence for q in calibrate([belief, other], table)] == [0.45, 0.7]


def test_the_shipped_table_ranks_statements_above_beliefs() -> None:
    table = load_table()
    assert all(0.0 <= value <= 1.0 for value in table.values())
    assert table["indirect:statement:named"] > table["indirect:belief:named"]
    assert table["direct:statement:named"] > table["indirect:statement:named"]


def test_a_table_without_the_overall_rate_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "table.tsv"
    path.write_text("key\tpredictions\tright\tconfidence\nx\t1\t1\t0.9\n")
    with pytest.raises(WhosaidError, match="no '\\*' row"):
        load_table(path)
