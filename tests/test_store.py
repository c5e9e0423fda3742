"""The quote index: schema, idempotent ingest, re-extraction, bad input, search."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from store_helpers import Said, make_result
from whosaid.model import Failure, Result
from whosaid.store import Ingester, StoreError, connect, transaction
from whosaid.store.ingest import parse_date
from whosaid.store.migrations import MIGRATIONS
from whosaid.store.queries import (
    QueryError,
    QuoteFilter,
    fts_query,
    get_article,
    overview,
    quotes_over_time,
    search_quotes,
)

REED = Said("Thomas Reed", "We will not back down from this fight over tariffs")
OKAFOR = Said("Maria Okafor", "The budget numbers simply do not add up this year")


@pytest.fixture
def db() -> sqlite3.Connection:
    return connect(":memory:")


def ingest(conn: sqlite3.Connection, items: list, **options: object) -> Ingester:
    ingester = Ingester(conn, engine=str(options.pop("engine", "test:1")), **options)  # type: ignore[arg-type]
    ingester.ingest(items)
    return ingester


def count(conn: sqlite3.Connection, table: str) -> int:
    return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_migrations_are_recorded_once(tmp_path: Path) -> None:
    path = tmp_path / "index.db"
    connect(path).close()
    conn = connect(path)
    names = [row[0] for row in conn.execute("SELECT name FROM _migrations")]
    assert names == [name for _, name, _ in MIGRATIONS]
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    views = {
        row[0]
        for row in conn.execute("SELECT name FROM sqlite_master WHERE type='view'")
    }
    assert {"quote_records", "repeated_quotes", "speaker_titles"} <= views


def test_readonly_open_of_a_missing_index_says_how_to_create_it(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="whosaid ingest"):
        connect(tmp_path / "missing.db", readonly=True)


def test_same_id_or_same_text_adds_nothing(db: sqlite3.Connection) -> None:
    first = make_result("a1", [REED, OKAFOR])
    same_text = make_result("copy-of-a1", [REED, OKAFOR])
    ingester = ingest(db, [first, first, same_text])
    assert ingester.report.articles == 1
    assert ingester.report.already_indexed == 1
    # The same text under another id is one article, and a counted skip (#16).
    assert ingester.report.skipped == {"same text as an indexed article": 1}
    again = ingest(db, [first])
    assert again.report.articles == 0
    assert (count(db, "articles"), count(db, "quotes")) == (1, 2)


def test_skip_indexed_drops_known_articles_before_extraction(
    db: sqlite3.Connection,
) -> None:
    result = make_result("a1", [REED])
    ingest(db, [result])
    ingester = Ingester(db, engine="test:1")
    fresh = make_result("a2", [OKAFOR]).article
    kept = list(ingester.skip_indexed([result.article, fresh, Failure("x", "bad")]))
    assert kept == [fresh, Failure("x", "bad")]
    assert ingester.report.already_indexed == 1


def test_reextract_replaces_quotes_only_for_another_engine_version(
    db: sqlite3.Connection,
) -> None:
    ingest(db, [make_result("a1", [REED, OKAFOR])])
    same = ingest(db, [make_result("a1", [REED, OKAFOR])], reextract=True)
    assert same.report.replaced == 0
    both = make_result("a1", [REED, OKAFOR], engine="test:2")
    newer = ingest(  # the new engine finds only the first quote of the same text
        db, [Result(both.article, both.quotes[:1])], engine="test:2", reextract=True
    )
    assert newer.report.replaced == 1
    assert count(db, "quotes") == 1
    assert tuple(db.execute("SELECT engine, quote_count FROM articles").fetchone()) == (
        "test:2",
        1,
    )
    # The old quote's speaker and cluster are gone with it.
    assert [row[0] for row in db.execute("SELECT name FROM speakers")] == [
        "Thomas Reed"
    ]
    assert count(db, "clusters") == 1
    assert [hit.content for hit in search_quotes(db, "budget").quotes] == []


def test_bad_input_is_recorded_and_good_articles_next_to_it_are_kept(
    db: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WHOSAID_MAX_ARTICLE_CHARS", "500")
    items = [
        make_result("good1", [REED]),
        Failure("dump.jsonl:2", "not valid JSON (Expecting value at column 1)"),
        make_result("undated", [OKAFOR], published="next Tuesday"),
        make_result("long", [REED], filler="x" * 600),
        make_result(
            "good2", [Said("Ana Lima", "The port will reopen on Monday morning")]
        ),
    ]
    ingester = ingest(db, items, batch_size=2)
    report = ingester.report
    assert (report.articles, report.bad_dates, len(report.failures)) == (3, 1, 2)
    assert "2 inputs failed" in report.summary()
    errors = db.execute(
        "SELECT source, stored FROM ingest_errors ORDER BY id"
    ).fetchall()
    assert [tuple(row) for row in errors] == [
        ("dump.jsonl:2", 0),
        ("undated.txt", 1),
        ("long.txt", 0),
    ]
    assert (
        db.execute("SELECT date FROM articles WHERE doc_id = 'undated'").fetchone()[0]
        is None
    )
    run = db.execute(
        "SELECT articles_added, errors, finished_at FROM ingest_runs"
    ).fetchone()
    assert (run[0], run[1]) == (3, 2) and run[2] is not None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2026-03-01", ("2026-03-01", "2026-03-01", True)),
        ("2026-03-01T22:15:00Z", ("2026-03-01T22:15:00+00:00", "2026-03-01", True)),
        (
            "Tue, 03 Mar 2026 10:00:00 GMT",
            ("2026-03-03T10:00:00+00:00", "2026-03-03", True),
        ),
        (None, (None, None, True)),
        ("", (None, None, True)),
        ("yesterday", (None, None, False)),
        ("2026-13-45", (None, None, False)),
        ("0201-01-01", (None, None, False)),
    ],
)
def test_parse_date(
    raw: str | None, expected: tuple[str | None, str | None, bool]
) -> None:
    assert parse_date(raw) == expected


def test_kind_and_stance_are_stored_and_filter(db: sqlite3.Connection) -> None:
    ingest(
        db,
        [
            make_result(
                "a1",
                [
                    REED,
                    Said(
                        "Thomas Reed", "tariffs will hurt farmers badly", kind="belief"
                    ),
                    Said(
                        "Maria Okafor",
                        "tariffs were a grave mistake",
                        kind="evaluation",
                        stance="distancing",
                    ),
                ],
            )
        ],
    )

    def kinds(**filters: str) -> list[str]:
        return sorted(
            q.kind for q in search_quotes(db, "tariffs", QuoteFilter(**filters)).quotes
        )

    assert kinds() == ["belief", "evaluation", "statement"]
    assert kinds(kind="all") == ["belief", "evaluation", "statement"]
    assert kinds(kind="statement") == ["statement"]
    assert kinds(stance="distancing") == ["evaluation"]
    assert overview(db).quotes_by_kind == {"belief": 1, "evaluation": 1, "statement": 1}


@pytest.fixture
def corpus(db: sqlite3.Connection) -> sqlite3.Connection:
    ingest(
        db,
        [
            make_result("a1", [REED], outlet="Globe", published="2026-01-10"),
            make_result("a2", [OKAFOR], outlet="Planet", published="2026-02-10"),
            make_result(
                "a3",
                [Said("Thomas Reed", "Tariffs are a tax on families", type="indirect")],
                outlet="Planet",
                published="2026-03-10",
            ),
            make_result(
                "a4",
                [Said("Bill Clinton", "The economy grew faster than tariffs")],
                outlet="Globe",
                published="2026-03-12",
            ),
        ],
    )
    return db


@pytest.mark.parametrize(
    ("text", "filters", "expected"),
    [
        ("tariffs", QuoteFilter(), {"a1", "a3", "a4"}),
        ('"back down"', QuoteFilter(), {"a1"}),
        ('"down back"', QuoteFilter(), set()),
        ("tarif*", QuoteFilter(), {"a1", "a3", "a4"}),
        ("budget OR families", QuoteFilter(), {"a2", "a3"}),
        ("tariffs NOT economy", QuoteFilter(), {"a1", "a3"}),
        ("tariffs", QuoteFilter(outlet="Planet"), {"a3"}),
        ("tariffs", QuoteFilter(speaker="Thomas Reed"), {"a1", "a3"}),
        ("tariffs", QuoteFilter(speaker="reed"), {"a1", "a3"}),
        ("tariffs", QuoteFilter(speaker="Hillary Clinton"), set()),
        ("tariffs", QuoteFilter(since="2026-03-01"), {"a3", "a4"}),
        ("tariffs", QuoteFilter(until="2026-03-10"), {"a1", "a3"}),
        ("tariffs", QuoteFilter(type="indirect"), {"a3"}),
        ("tariffs", QuoteFilter(since="2026-01-01", until="2026-03-11"), {"a1", "a3"}),
        ("tariffs", QuoteFilter(since="2026-03-11", until="2026-03-11"), set()),
        ("tariffs", QuoteFilter(kind="belief"), set()),
        (None, QuoteFilter(outlet="Globe"), {"a1", "a4"}),
        ("U.S. (don't) \"", QuoteFilter(), set()),
    ],
)
def test_search(
    corpus: sqlite3.Connection,
    text: str | None,
    filters: QuoteFilter,
    expected: set[str],
) -> None:
    assert {q.doc_id for q in search_quotes(corpus, text, filters).quotes} == expected


def test_search_pages_with_next_offset(corpus: sqlite3.Connection) -> None:
    first = search_quotes(corpus, None, limit=3)
    assert [q.date for q in first.quotes] == ["2026-03-12", "2026-03-10", "2026-02-10"]
    assert first.next_offset == 3
    second = search_quotes(corpus, None, limit=3, offset=first.next_offset)
    assert [q.doc_id for q in second.quotes] == ["a1"] and second.next_offset is None


def test_fts_query_quotes_everything_but_operators() -> None:
    assert fts_query('"back down" tarif* OR U.S.') == '"back down" "tarif"* OR "U.S."'
    assert fts_query("AND tariffs NOT") == '"tariffs"'


def test_article_and_counts_over_time(corpus: sqlite3.Connection) -> None:
    article = get_article(corpus, "a1")
    quote = article.quotes[0]
    assert article.text[quote.content_start : quote.content_end] == quote.content
    assert [(c.name, c.count) for c in quotes_over_time(corpus, "tariffs")] == [
        ("2026-01", 1),
        ("2026-03", 2),
    ]
    with pytest.raises(QueryError, match="no article"):
        get_article(corpus, "nope")


def test_search_works_while_an_ingest_transaction_is_open(tmp_path: Path) -> None:
    from whosaid.store.clusters import Clusterer
    from whosaid.store.speakers import SpeakerLinker

    path = tmp_path / "index.db"
    ingest(connect(path), [make_result("a1", [REED])])
    reader = connect(path, readonly=True)
    inside, release = threading.Event(), threading.Event()

    def write() -> None:
        writer = connect(path)
        with transaction(writer):
            Ingester(writer, engine="test:1")._write_result(
                make_result("a2", [OKAFOR]), SpeakerLinker(writer), Clusterer(writer)
            )
            inside.set()
            release.wait(10)

    thread = threading.Thread(target=write)
    thread.start()
    assert inside.wait(10)
    # The reader sees the last commit, not the open batch, and is not blocked.
    assert [q.doc_id for q in search_quotes(reader, "tariffs").quotes] == ["a1"]
    assert search_quotes(reader, "budget").quotes == []
    release.set()
    thread.join()
    assert [q.doc_id for q in search_quotes(reader, "budget").quotes] == ["a2"]


def test_counts_kept_per_batch_equal_a_full_recount(db: sqlite3.Connection) -> None:
    from whosaid.store.clusters import refresh_clusters
    from whosaid.store.speakers import refresh_speakers

    lines = [REED.words, OKAFOR.words, "The port will reopen on Monday morning at last"]
    people = ["Thomas Reed", "Maria Okafor", "Ana Lima"]
    results = [
        make_result(
            f"a{n}",
            [Said(people[(n + k) % 3], lines[(n * k) % 3]) for k in range(n % 3 + 1)],
            outlet=["Globe", "Planet", None][n % 3],
            published=[None, f"2026-03-{28 - n:02d}", f"2026-02-{1 + n:02d}"][n % 3],
            filler=f"Story {n}.",
        )
        for n in range(14)
    ]
    ingest(db, results, batch_size=3)
    ingest(
        db,
        [make_result("a5", [REED], engine="test:2", filler="Story 5.")],
        engine="test:2",
        reextract=True,
    )
    columns = {
        "speakers": "id, quote_count, article_count, first_seen, last_seen",
        "clusters": "id, text, quote_count, article_count, outlet_count, first_quote_id, first_date, last_date",
    }
    kept = {
        t: db.execute(f"SELECT {c} FROM {t} ORDER BY id").fetchall()
        for t, c in columns.items()
    }
    with transaction(db):
        refresh_speakers(db, [row[0] for row in kept["speakers"]])
        refresh_clusters(db, [row[0] for row in kept["clusters"]])
    for table, cols in columns.items():
        recount = db.execute(f"SELECT {cols} FROM {table} ORDER BY id").fetchall()
        assert [tuple(r) for r in kept[table]] == [tuple(r) for r in recount]
    assert max(row[2] for row in kept["clusters"]) > 3


def test_ranking_window_widens_until_filters_have_enough(
    corpus: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    from whosaid.store import window

    monkeypatch.setattr(window, "RANK_WINDOW", 1)
    # The newest match (a4, Globe) is filtered out; the window must widen.
    page = search_quotes(corpus, "tariffs", QuoteFilter(outlet="Planet"), limit=1)
    assert [q.doc_id for q in page.quotes] == ["a3"] and page.next_offset is None
    both = search_quotes(corpus, "tariffs", QuoteFilter(outlet="Globe"), limit=1)
    rest = search_quotes(
        corpus, "tariffs", QuoteFilter(outlet="Globe"), limit=1, offset=1
    )
    assert {both.quotes[0].doc_id, rest.quotes[0].doc_id} == {"a1", "a4"}


@pytest.mark.parametrize("period", ["day", "week", "month", "year"])
def test_speaker_buckets_match_sqlite_periods(
    db: sqlite3.Connection, period: str
) -> None:
    from whosaid.store.queries import PERIODS, _bucket

    for day in ("2026-01-01", "2026-01-05", "2025-12-31", "2024-02-29", "2026-03-09"):
        sql = db.execute(f"SELECT {PERIODS[period]} FROM (SELECT ? AS date)", (day,))
        assert _bucket(day, period) == sql.fetchone()[0]


def test_an_id_reused_for_another_text_is_kept_with_a_suffix_and_a_warning(
    db: sqlite3.Connection,
) -> None:
    # e.g. news/2025/a.jsonl and news/2026/a.jsonl both hold the id "a" (#16).
    ingester = ingest(db, [make_result("a", [REED]), make_result("a", [OKAFOR])])
    assert ingester.report.articles == 2 and not ingester.report.failures
    (warning,) = ingester.report.warnings
    assert warning.kind == "id-renamed" and "kept as 'a~" in warning.reason
    ids = [row[0] for row in db.execute("SELECT doc_id FROM articles ORDER BY id")]
    assert ids[0] == "a" and ids[1].startswith("a~")
    assert count(db, "ingest_errors") == 1 and count(db, "quotes") == 2
    kept = list(
        Ingester(db, engine="test:1").skip_indexed([make_result("a", [OKAFOR]).article])
    )
    assert kept == []  # read again, it is the article stored under a~...
