"""The counters of migration m004 (#17) stay equal to counts over the quotes.

Ingest, re-extraction and speaker merges change quotes; the triggers must keep
every counter exact, or the overview and speaker pages would drift.
"""

from __future__ import annotations

import sqlite3

import pytest

from store_helpers import Said, make_result
from whosaid.model import Result
from whosaid.store import Ingester, connect, transaction
from whosaid.store import queries as q
from whosaid.store.speakers import merge_speakers

RECOUNT = {
    "quote_counts": "SELECT coalesce(date, ''), kind, type, count(*) FROM quotes "
    "GROUP BY 1, 2, 3",
    "speaker_days": "SELECT speaker_id, coalesce(date, ''), kind, count(*) FROM quotes "
    "WHERE speaker_id IS NOT NULL GROUP BY 1, 2, 3",
    "speaker_outlets": "SELECT speaker_id, coalesce(outlet, ''), count(*) FROM quotes "
    "WHERE speaker_id IS NOT NULL GROUP BY 1, 2",
    "speaker_names": "SELECT speaker_id, coalesce(speaker_name, ''), "
    "coalesce(speaker_title, ''), coalesce(speaker_org, ''), coalesce(date, ''), "
    "count(*) FROM quotes WHERE speaker_id IS NOT NULL GROUP BY 1, 2, 3, 4, 5",
}


def assert_counters_exact(conn: sqlite3.Connection) -> None:
    for table, recount in RECOUNT.items():
        stored = sorted(tuple(row) for row in conn.execute(f"SELECT * FROM {table}"))
        assert stored == sorted(tuple(row) for row in conn.execute(recount)), table


@pytest.fixture
def conn() -> sqlite3.Connection:
    conn = connect(":memory:")
    Ingester(conn, engine="test:1").ingest(
        [
            make_result(
                "a1",
                [
                    Said("Ann Lee", "we will build the bridge", title="mayor"),
                    Said("Ann Lee", "the bridge is safe", kind="belief"),
                    Said(None, "nobody knows who said this"),
                ],
                published="2026-03-01",
            ),
            make_result(
                "a2",
                [Said("A. Lee", "we will build it", type="indirect")],
                outlet="Gazette",
                published=None,
            ),
            make_result(
                "a3", [Said("Bo Park", "taxes will fall")], published="2026-03-02"
            ),
        ]
    )
    return conn


def test_counters_match_the_quotes_after_ingest(conn: sqlite3.Connection) -> None:
    assert conn.execute("SELECT sum(n) FROM quote_counts").fetchone()[0] == 5
    assert_counters_exact(conn)


def test_counters_follow_reextraction(conn: sqlite3.Connection) -> None:
    # The same text of a1 (#16: a new text would be a new article), for which
    # the new engine finds only the first of its three quotes.
    again = make_result(
        "a1",
        [
            Said("Ann Lee", "we will build the bridge", title="mayor"),
            Said("Ann Lee", "the bridge is safe", kind="belief"),
            Said(None, "nobody knows who said this"),
        ],
        engine="test:2",
    )
    replaced = Result(again.article, again.quotes[:1])
    Ingester(conn, engine="test:2", reextract=True).ingest([replaced])
    assert_counters_exact(conn)
    assert q.overview(conn).quotes == 3


def test_counters_follow_a_speaker_merge(conn: sqlite3.Connection) -> None:
    with transaction(conn):
        merge_speakers(conn, "Ann Lee", "A. Lee")
    assert_counters_exact(conn)
    detail = q.get_speaker(conn, "Ann Lee")
    assert {a.name: a.count for a in detail.aliases} == {"Ann Lee": 2, "A. Lee": 1}
    assert {k.name: k.count for k in detail.kinds} == {"statement": 2, "belief": 1}
    assert [(t.title, t.first_seen, t.quotes) for t in detail.titles] == [
        ("mayor", "2026-03-01", 1)
    ]
    assert {o.name: o.count for o in detail.outlets} == {
        "Daily Planet": 2,
        "Gazette": 1,
    }


def test_overview_and_timeline_read_the_counters(conn: sqlite3.Connection) -> None:
    overview = q.overview(conn)
    assert overview.quotes_by_kind == {"statement": 4, "belief": 1}
    assert overview.quotes_by_type == {"direct": 4, "indirect": 1}
    days = q.quotes_over_time(conn, period="day")
    assert [(c.name, c.count) for c in days] == [("2026-03-01", 3), ("2026-03-02", 1)]
    statements = q.quotes_over_time(
        conn, None, q.QuoteFilter(kind="statement"), period="month"
    )
    assert [(c.name, c.count) for c in statements] == [("2026-03", 3)]
