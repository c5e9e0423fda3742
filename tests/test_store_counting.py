"""Search totals (#17): the FTS-side count agrees with counting every match."""

from __future__ import annotations

import sqlite3

import pytest

from store_helpers import Said, dated_index
from whosaid.store import counting
from whosaid.store.counting import count_quotes
from whosaid.store.records import QuoteFilter
from whosaid.store.search import iter_quotes


@pytest.fixture(scope="module")
def conn() -> sqlite3.Connection:
    return dated_index(
        40,
        lambda n: [
            Said("Ann Lee", f"the harbour plan {n} will work", kind="statement"),
            Said("Bo Park", f"the harbour plan {n} may fail", stance="distancing"),
            Said("Ann Lee", f"I think the harbour {n} is fine", kind="belief"),
        ],
    )


FILTERS = [
    QuoteFilter(),
    QuoteFilter(kind="statement"),
    QuoteFilter(kind="all", speaker="Ann Lee"),
    QuoteFilter(speaker="Bo Park", stance="distancing", outlet="Gazette"),
    QuoteFilter(
        kind="statement", type="direct", since="2026-01-12", until="2026-02-20"
    ),
    QuoteFilter(kind="all", since="2026-02-01"),
    QuoteFilter(speaker="Nobody Known"),
]


@pytest.mark.parametrize("filters", FILTERS, ids=repr)
@pytest.mark.parametrize("text", ["harbour", "plan", None])
def test_count_is_exact_below_the_bound(
    conn: sqlite3.Connection, text: str | None, filters: QuoteFilter
) -> None:
    expected = sum(1 for _ in iter_quotes(conn, text, filters))
    assert count_quotes(conn, text, filters) == (expected, True)


def test_count_stops_at_the_bound_and_at_the_scan(
    conn: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(counting, "COUNT_BOUND", 10)
    assert count_quotes(conn, "harbour", QuoteFilter(kind="all")) == (10, False)
    monkeypatch.setattr(counting, "COUNT_BOUND", 1000)
    monkeypatch.setattr(counting, "COUNT_SCAN", 20)
    # Only the 20 newest matches were checked against the confidence: at least.
    found, exact = count_quotes(conn, "harbour", QuoteFilter(min_confidence=0.5))
    assert (found, exact) == (found, False) and 0 < found <= 20
