"""The home page's lists and the repeated-quotes list (#17), on the store."""

from __future__ import annotations

import sqlite3

import pytest

from store_helpers import Said, make_result
from whosaid.store import Ingester, connect
from whosaid.store.browse import at_a_glance, list_repeated
from whosaid.store.records import QueryError


def _index(outlets: list[str | None]) -> sqlite3.Connection:
    conn = connect(":memory:")
    Ingester(conn, engine="test:1").ingest(
        make_result(
            f"a{n}",
            [
                Said("Ann Lee", f"point number {n} of the plan"),
                Said("Bo Park", "we agree with every word of it"),
            ],
            outlet=outlet,
            published=f"2026-03-0{n + 1}",
        )
        for n, outlet in enumerate(outlets)
    )
    return conn


def test_latest_caps_each_outlet_at_two_articles() -> None:
    glance = at_a_glance(_index(["Herald", "Herald", "Herald", "Gazette"]))
    assert [row.doc_id for row in glance.latest] == ["a3", "a2", "a1"]


def test_latest_does_not_cap_articles_without_an_outlet() -> None:
    glance = at_a_glance(_index([None, None, None]))
    assert [row.doc_id for row in glance.latest] == ["a2", "a1", "a0"]


def test_this_month_and_this_week_end_on_the_newest_date() -> None:
    glance = at_a_glance(_index(["Herald", "Gazette", "Courier"]))
    assert (glance.last_date, glance.month_since, glance.week_since) == (
        "2026-03-03",
        "2026-02-02",
        "2026-02-25",
    )
    assert [(s.name, s.quotes) for s in glance.top_speakers] == [
        ("Ann Lee", 3),
        ("Bo Park", 3),
    ]
    assert [(c.text, c.articles, c.outlets) for c in glance.repeated] == [
        ("\u201cwe agree with every word of it,\u201d", 3, 3)
    ]


def test_repeated_by_spread_and_by_recency() -> None:
    conn = _index(["Herald", "Herald", "Gazette"])
    Ingester(conn, engine="test:1").ingest(
        [
            make_result(
                "late-1",
                [Said("Cy Roe", "the late news came in tonight")],
                published="2026-04-01",
            ),
            make_result(
                "late-2",
                [Said("Cy Roe", "the late news came in tonight")],
                outlet="Gazette",
                published="2026-04-02",
                filler="Another story.",
            ),
        ]
    )
    spread, _ = list_repeated(conn, sort="spread")
    assert [(r.cluster.outlet_count, r.cluster.article_count) for r in spread] == [
        (2, 3),
        (2, 2),
    ]
    recent, _ = list_repeated(conn, sort="recent")
    assert recent[0].cluster.last_date == "2026-04-02"
    assert (recent[0].first_doc_id, recent[0].first_outlet) == (
        "late-1",
        "Daily Planet",
    )
    with pytest.raises(QueryError, match="sort must be one of spread, recent"):
        list_repeated(conn, sort="loud")


def test_cluster_appearances_dated_first_then_undated_within_the_limit() -> None:
    from whosaid.store.queries import get_cluster

    conn = connect(":memory:")
    words = "we will finish the harbour wall this year"
    Ingester(conn, engine="test:1").ingest(
        make_result(
            f"c{n}", [Said("Ann Lee", words)], published=day, filler=f"Story {n}."
        )
        for n, day in enumerate([None, "2026-03-05", "2026-03-01", None, "2026-03-03"])
    )
    cluster_id = list_repeated(conn)[0][0].cluster.id
    every = get_cluster(conn, cluster_id).appearances
    assert [a.date for a in every] == [
        "2026-03-01",
        "2026-03-03",
        "2026-03-05",
        None,
        None,
    ]
    assert [a.doc_id for a in every][3:] == ["c0", "c3"]
    assert [a.doc_id for a in get_cluster(conn, cluster_id, limit=4).appearances] == [
        "c2",
        "c4",
        "c1",
        "c0",
    ]
    assert every[0].earliest and not any(a.earliest for a in every[1:])
