"""Search ranking computed in whosaid (#17): same words, order and totals as FTS5."""

from __future__ import annotations

import sqlite3

import pytest

from store_helpers import Said, dated_index
from whosaid.store import counting, ranking, window
from whosaid.store.counting import count_quotes
from whosaid.store.filters import fts_parts, text_match
from whosaid.store.records import QuoteFilter
from whosaid.store.search import iter_quotes, search_quotes

WORDS = [
    "harbour plan",
    "the harbour, the plan and the harbour again",
    "Café owners\u2019 plan: \u201cno\u201d \u2014 for 3.5 years",
    "naïve harbour-side plans",
    "plan plan plan harbour",
    "a much longer sentence about the harbour that goes on and on for a while",
    "nothing here",
]


@pytest.fixture(scope="module")
def conn() -> sqlite3.Connection:
    return dated_index(
        30,
        lambda n: [
            Said("Ann Lee", f"{WORDS[n % len(WORDS)]} {n}", kind="statement"),
            Said("Bo Park", f"{WORDS[(n + 3) % len(WORDS)]}", stance="distancing"),
            Said("Ann Lee", f"I think {WORDS[(n + 5) % len(WORDS)]}", kind="belief"),
        ],
    )


def test_words_are_the_tokens_of_fts5(conn: sqlite3.Connection) -> None:
    conn.execute(
        "CREATE VIRTUAL TABLE temp.t USING fts5(x, tokenize='unicode61 remove_diacritics 2')"
    )
    conn.execute("CREATE VIRTUAL TABLE temp.v USING fts5vocab(temp, t, instance)")
    for n, text in enumerate(WORDS):
        conn.execute("INSERT INTO temp.t(rowid, x) VALUES (?, ?)", (n, text))
        fts = [
            row[0]
            for row in conn.execute(
                "SELECT term FROM temp.v WHERE doc = ? ORDER BY offset", (n,)
            )
        ]
        assert ranking.words(text) == fts
    assert ranking.words("Café owners\u2019") == ["cafe", "owners"]


@pytest.mark.parametrize(
    "text",
    ["harbour", "plan", '"the harbour"', "harb*", "harbour plan", "plan OR cafe",
     "harbour NOT plan", '"plan plan"'],
)  # fmt: skip
def test_scores_order_as_fts5_bm25(conn: sqlite3.Connection, text: str) -> None:
    parts = fts_parts(text)
    match = text_match(parts, [])
    fts = conn.execute(
        "SELECT rowid, rank FROM quotes_fts WHERE quotes_fts MATCH ? "
        "ORDER BY rank, rowid",
        (match,),
    ).fetchall()
    scorer = ranking.Scorer(conn, parts)
    content = dict(conn.execute("SELECT id, content FROM quotes").fetchall())
    ours = sorted((scorer.rank(content[row[0]]), row[0]) for row in fts)
    assert len(fts) > 3
    assert [quote_id for _, quote_id in ours] == [row[0] for row in fts]
    # Scores agree too, not only the order (one phrase: up to its IDF factor).
    if len(ranking.phrases(parts)) > 1:
        assert [round(s, 6) for s, _ in ours] == [round(r[1], 6) for r in fts]


@pytest.mark.parametrize("postings", [0, 10**9], ids=["scored here", "by FTS5"])
@pytest.mark.parametrize(
    "filters",
    [QuoteFilter(), QuoteFilter(kind="statement"), QuoteFilter(outlet="Herald"),
     QuoteFilter(since="2026-01-12", until="2026-02-20", kind="all")],
    ids=repr,
)  # fmt: skip
def test_a_page_is_the_same_whoever_ranks(
    conn: sqlite3.Connection,
    monkeypatch: pytest.MonkeyPatch,
    filters: QuoteFilter,
    postings: int,
) -> None:
    exact = list(iter_quotes(conn, "harbour", filters, sort="relevance"))
    monkeypatch.setattr(ranking, "POSTINGS_PER_ROW", postings)
    page = search_quotes(conn, "harbour", filters, limit=5, count=True)
    assert [q.id for q in page.quotes] == [q.id for q in exact[:5]]
    assert (page.total, page.total_exact) == (len(exact), True)


@pytest.mark.parametrize(
    "filters",
    [QuoteFilter(), QuoteFilter(kind="statement"),
     QuoteFilter(kind="all", speaker="Ann Lee", stance="neutral"),
     QuoteFilter(since="2026-01-12", until="2026-02-20", kind="all"),
     QuoteFilter(min_confidence=0.5, kind="all"), QuoteFilter(speaker="Nobody")],
    ids=repr,
)  # fmt: skip
@pytest.mark.parametrize("bound", [5, 1000])
def test_totals_read_on_from_the_window(
    conn: sqlite3.Connection,
    monkeypatch: pytest.MonkeyPatch,
    filters: QuoteFilter,
    bound: int,
) -> None:
    # A window of 2 rows: the total is read on from the window's last match.
    monkeypatch.setattr(window, "RANK_WINDOW", 2)
    monkeypatch.setattr(counting, "COUNT_BOUND", bound)
    for text in ("harbour", "plan", '"the harbour"'):
        page = search_quotes(conn, text, filters, limit=1, count=True)
        assert (page.total, page.total_exact) == count_quotes(conn, text, filters)


def test_a_phrase_of_several_words_is_counted_in_order() -> None:
    phrase = ranking.phrases(['"the harbour"'])[0]
    assert phrase.count_in(ranking.words("the harbour, the plan, the harbour")) == 2
    assert phrase.count_in(ranking.words("harbour the")) == 0
    prefix = ranking.phrases(['"the harb"*'])[0]
    assert prefix.count_in(ranking.words("the harbours and the harbour")) == 2
