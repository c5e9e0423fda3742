"""Repeated quotes: exact, punctuation/case variants and truncations cluster."""

from __future__ import annotations

import random
import sqlite3

import pytest

from store_helpers import Said, make_result
from whosaid.store import Ingester, connect
from whosaid.store.clusters import MIN_TRUNCATION_WORDS, fingerprints, normalise
from whosaid.store.queries import get_cluster, list_clusters

BASE = "We will not back down from this fight, whatever it costs us"


@pytest.fixture
def db() -> sqlite3.Connection:
    return connect(":memory:")


def cluster_of(conn: sqlite3.Connection, variants: list[str]) -> list[int | None]:
    results = [
        make_result(f"v{i}", [Said(f"Speaker Number{i}", text)])
        for i, text in enumerate(variants)
    ]
    Ingester(conn, engine="test:1").ingest(results)
    rows = conn.execute("SELECT cluster_id FROM quotes ORDER BY id").fetchall()
    return [row[0] for row in rows]


def test_normalise_folds_case_accents_punctuation_and_quote_marks() -> None:
    assert normalise("\u201cWe WON\u2019T  back-down,\u201d caf\u00e9!") == [
        "we",
        "won't",
        "back",
        "down",
        "cafe",
    ]


@pytest.mark.parametrize(
    "variant",
    [
        BASE,
        BASE.upper(),
        "\u201c" + BASE.replace(",", "") + "\u201d",
        "'" + BASE + "...'",
        "We will not back down from this fight",  # truncated end
        "not back down from this fight, whatever it costs us",  # truncated start
        BASE + ", and we will win",  # the first one is the truncation
    ],
)
def test_variants_join_one_cluster(db: sqlite3.Connection, variant: str) -> None:
    first, second = cluster_of(db, [BASE, variant])
    assert first is not None and first == second


@pytest.mark.parametrize(
    "other",
    [
        "We will back down from this fight, whatever it costs us",  # a word missing
        "They will not back down from this fight either, they said",
        "Nothing here is like the other quote at all, really",
    ],
)
def test_different_quotes_stay_apart(db: sqlite3.Connection, other: str) -> None:
    first, second = cluster_of(db, [BASE, other])
    assert first != second


def test_a_mixed_quote_joins_the_cluster_of_its_quoted_words(
    db: sqlite3.Connection,
) -> None:
    mixed = (
        "the union would \u201cnot back down from this fight, whatever it costs\u201d"
    )
    results = [
        make_result("direct", [Said("Aisha Bello", BASE)]),
        make_result("mixed", [Said("Aisha Bello", mixed, type="mixed")]),
        make_result("paraphrase", [Said("Aisha Bello", "the union would not back down "
                                        "from this fight, she said", type="indirect")]),
    ]  # fmt: skip
    Ingester(db, engine="test:1").ingest(results)
    direct, mixed_id, paraphrase = [
        row[0] for row in db.execute("SELECT cluster_id FROM quotes ORDER BY id")
    ]
    assert direct is not None and mixed_id == direct
    assert paraphrase != direct


def test_short_quotes_get_no_cluster(db: sqlite3.Connection) -> None:
    assert cluster_of(db, ["Yes, indeed", "Yes, indeed"]) == [None, None]


def test_winnowing_finds_every_long_enough_substring() -> None:
    rng = random.Random(5)
    vocab = [f"w{i}" for i in range(40)]
    for _ in range(300):
        words = [rng.choice(vocab) for _ in range(rng.randint(8, 40))]
        length = rng.randint(MIN_TRUNCATION_WORDS, len(words))
        start = rng.randint(0, len(words) - length)
        assert fingerprints(words[start : start + length]) & fingerprints(words)


def test_cluster_marks_the_earliest_appearance_even_if_ingested_later(
    db: sqlite3.Connection,
) -> None:
    Ingester(db, engine="test:1").ingest(
        [
            make_result(
                "late",
                [Said("Thomas Reed", BASE)],
                outlet="Globe",
                published="2026-03-05",
            ),
            make_result(
                "undated",
                [Said("Thomas Reed", BASE)],
                outlet="Wire",
                published=None,
                filler="WASHINGTON -",
            ),
            make_result(
                "early",
                [Said("Thomas Reed", BASE.lower())],
                outlet="Planet",
                published="2026-03-01",
            ),
        ]
    )
    (summary,) = list_clusters(db)
    assert (summary.article_count, summary.outlet_count, summary.first_date) == (
        3,
        3,
        "2026-03-01",
    )
    assert summary.text == "\u201c" + BASE.lower() + ",\u201d"
    detail = get_cluster(db, summary.id)
    assert [(a.doc_id, a.earliest) for a in detail.appearances] == [
        ("early", True),
        ("late", False),
        ("undated", False),
    ]
    earliest = get_cluster(db, summary.id, limit=1)
    assert [a.doc_id for a in earliest.appearances] == ["early"]
    assert earliest.cluster.article_count == 3
    first_doc = db.execute("SELECT first_doc_id FROM repeated_quotes").fetchone()[0]
    assert first_doc == "early"


def test_a_quote_inside_two_clusters_joins_the_first(db: sqlite3.Connection) -> None:
    first, second, third = cluster_of(
        db,
        [
            "one two three four five six seven eight",
            "zero one two three four five six nine",
            "one two three four five six",
        ],
    )
    assert first != second and third == first
