"""The title and organisation counters give the figures a full scan gives (#15)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from whosaid.model import Article, Quote, Result, Span
from whosaid.store import Ingester, connect
from whosaid.store.migrations import migrate
from whosaid.voices import query, report
from whosaid.voices.report import VoiceFilter, voices_report, voices_reports
from whosaid.voices.store import rebuild_voices, set_gender

pytestmark = pytest.mark.issue(15)

DAYS = ["2026-01-15", "2026-01-31", "2026-02-01", "2026-02-16", "2026-03-02", None]
# (mention, name, title, org, is_org) per quote; articles take them in turn.
SPEAKERS = [
    ("Ann Lee", "Ann Lee", "Prime Minister", None, False),
    ("Tom Hale", "Tom Hale", "foreign minister", "the Treasury", False),
    ("a spokesman", None, "spokesman", "Treasury Select Committee", False),
    ("the Treasury", "the Treasury", None, "the Treasury", True),
    ("Ann Lee", "Ann Lee", "Prime Minister", "Labour", False),
]


def _words(number: int) -> str:
    """A quote's words: "point" in two quotes of three, a word in most quotes."""
    return f"Item {number}" if number == 2 else f"Point {number}"


def _quote(text: str, number: int, speaker: tuple[str, str | None, str | None,
           str | None, bool]) -> Quote:  # fmt: skip
    mention, name, title, org, is_org = speaker
    content = f"\u201c{_words(number)},\u201d"
    start = text.index(content)
    at = text.index(mention, start)
    return Quote(
        doc="d",
        type="direct",
        content=Span.of(text, start, start + len(content)),
        cue=None,
        speaker=Span.of(text, at, at + len(mention)),
        speaker_name=name,
        speaker_title=title,
        confidence=0.9,
        speaker_org=org,
        speaker_is_org=is_org,
        resolved_by="name",
    )


def _results(shift: int = 0) -> list[Result]:
    results = []
    for number, day in enumerate(DAYS):
        chosen = [SPEAKERS[(number + k + shift) % len(SPEAKERS)] for k in range(3)]
        text = " ".join(
            f"\u201c{_words(k)},\u201d said {speaker[0]}."
            for k, speaker in enumerate(chosen)
        )
        quotes = [_quote(text, k, speaker) for k, speaker in enumerate(chosen)]
        people = {"Ann Lee": 1, "Kim Park": 1} if number % 2 else {"Tom Hale": 2}
        article = Article(
            id=f"f{number}",
            text=text + " She met Kim Park.",
            outlet="Gazette" if number % 2 else None,
            published=day,
        )
        results.append(Result(article, quotes, {}, people))
    return results


@pytest.fixture
def facet_index(tmp_path: Path) -> Path:
    path = tmp_path / "facets.db"
    conn = connect(path)
    Ingester(conn, engine="test:1").ingest(_results())
    conn.close()
    return path


FILTERS = [
    VoiceFilter(),  # the counters alone
    VoiceFilter(outlet="Gazette", kind="statement"),
    VoiceFilter(title="minister"),  # two values: "Prime Minister", "foreign minister"
    VoiceFilter(title="Prime"),
    VoiceFilter(org="Treasury"),  # two values
    VoiceFilter(org="Labour", outlet="Gazette"),
    VoiceFilter(title="spokes", kind="statement"),
    VoiceFilter(title="nobody has this title"),
    VoiceFilter(title="minister", org="Treasury"),  # both: read the quotes
    VoiceFilter(topic="point"),  # two quotes in three: a word in most quotes
    VoiceFilter(topic="Point 1", outlet="Gazette"),
    VoiceFilter(topic="point", title="Prime"),
    VoiceFilter(topic="point", org="Treasury", outlet="Gazette"),  # two values
    VoiceFilter(topic="point", title="minister", org="Treasury"),
    VoiceFilter(topic="point", title="nobody has this title"),
    VoiceFilter(topic="point", kind="statement", type="direct"),
    VoiceFilter(topic="point", outlet="unknown outlet"),
    VoiceFilter(topic="2"),  # a third of the quotes (#15: counted in Python)
    VoiceFilter(topic="0", outlet="Gazette"),
    VoiceFilter(topic="nowhere"),  # no quote: no key to count
]
# What a page asks (read once), and every grouping at once (read per grouping);
# kind and type (#15: a topic's codes per grouping) not for people, counted per article.
PAGES = [("outlet", "month"), ("outlet", "week"), ("outlet", "year"),
         ("outlet", "month", "week", "year", "all"),
         ("kind", "type", "week")]  # fmt: skip
RANGES = [(None, None), ("2026-01-20", None), (None, "2026-02-16"),
          ("2026-02-02", "2026-02-20"), ("2026-01-31", "2026-03-02")]  # fmt: skip


def _scanned(rows: list[tuple[str, str, int]], by: str) -> dict[tuple[str, str], int]:
    totals: dict[tuple[str, str], int] = {}
    for group, category, count in rows:
        key = (report._label(by, group), category)
        totals[key] = totals.get(key, 0) + count
    return {key: value for key, value in totals.items() if value}


def _reported(found: report.VoiceReport) -> dict[tuple[str, str], int]:
    return {
        (group.group, category): count
        for group in found.groups
        for category, count in group.counts.items()
        if count
    }


def _assert_fast_equals_scan(conn: sqlite3.Connection) -> int:
    """Every filter, range, measure and grouping: the report equals a full scan."""
    compared = 0
    for base in FILTERS:
        for since, until in RANGES:
            filters = VoiceFilter(**_with(base, since, until))
            for measure in ("gender", "source", "people"):
                if measure == "people" and filters.kind:
                    continue
                for bys in PAGES:
                    if measure == "people" and {"kind", "type"} & set(bys):
                        continue
                    reports = voices_reports(
                        conn, bys=bys, measure=measure, filters=filters
                    )
                    for by, found in zip(bys, reports, strict=True):
                        scan = query.counted_from_quotes(conn, by, measure, filters)
                        assert _reported(found) == _scanned(scan, by), (
                            filters, measure, bys, by,
                        )  # fmt: skip
                        compared += bool(scan)
    return compared


def _with(base: VoiceFilter, since: str | None, until: str | None) -> dict[str, str]:
    fields = {
        name: getattr(base, name)
        for name in ("outlet", "kind", "type", "title", "org", "topic")
        if getattr(base, name) is not None
    }
    if since:
        fields["since"] = since
    if until:
        fields["until"] = until
    return fields


def test_counters_per_title_and_org_equal_a_scan(facet_index: Path) -> None:
    conn = connect(facet_index, readonly=True)
    assert _assert_fast_equals_scan(conn) > 100  # most comparisons count something


def test_counters_follow_gender_changes_reingest_and_rebuild(facet_index: Path) -> None:
    conn = connect(facet_index)
    with conn:
        set_gender(conn, "Tom Hale", "female")
        set_gender(conn, "Ann Lee", "male")
    Ingester(conn, engine="test:2", reextract=True).ingest(_results(shift=2))
    _assert_fast_equals_scan(conn)
    with conn:
        rebuild_voices(conn)
    _assert_fast_equals_scan(conn)


def test_report_uses_the_counters_not_the_quotes(facet_index: Path) -> None:
    """A title page reads the counters: no statement scans the quotes."""
    conn = connect(facet_index, readonly=True)
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    for measure in ("gender", "source", "people"):
        found = voices_report(conn, by="month", measure=measure,
                              filters=VoiceFilter(title="Prime"))  # fmt: skip
        assert found.overall.total > 0
    assert statements
    assert not [
        s for s in statements if "quotes q" in s or "LIKE" in s and "quotes" in s
    ]
    assert [s for s in statements if "voice_facet_periods" in s]


def test_people_per_title_read_their_counters(facet_index: Path) -> None:
    """People under a title read `voice_facet_people`, not the articles (m018)."""
    conn = connect(facet_index, readonly=True)
    statements: list[str] = []
    conn.set_trace_callback(statements.append)
    found = voices_report(conn, by="month", measure="people",
                          filters=VoiceFilter(title="Prime"))  # fmt: skip
    assert found.overall.total > 0
    assert [s for s in statements if "voice_facet_people" in s]
    assert not [s for s in statements if "voice_article_people" in s]


def test_m018_fills_people_counters_on_an_existing_index(facet_index: Path) -> None:
    """The migration's backfill equals the scan on an index made before it."""
    conn = connect(facet_index)
    with conn:
        for trigger in ("vfp_facet_add", "vfp_facet_drop", "vfp_people_add",
                        "vfp_people_drop", "vfp_people_move"):  # fmt: skip
            conn.execute(f"DROP TRIGGER {trigger}")
        conn.execute("DROP TABLE voice_facet_people")
        conn.execute("DROP INDEX voice_article_facets_article")
        conn.execute("DELETE FROM _migrations WHERE name = 'm018_voice_facet_people'")
    assert migrate(conn) == ["m018_voice_facet_people"]
    assert conn.execute("SELECT count(*) FROM voice_facet_people").fetchone()[0] > 0
    _assert_fast_equals_scan(conn)


def test_counters_follow_a_merge(facet_index: Path) -> None:
    """A merge re-writes the articles' voices rows; the counters follow (m018)."""
    from whosaid.store import transaction
    from whosaid.store.speakers import merge_speakers
    from whosaid.voices.store import VoiceWriter

    conn = connect(facet_index)
    with conn:
        set_gender(conn, "Ann Lee", "female")
    with transaction(conn):
        merge_speakers(conn, "Tom Hale", "Ann Lee")
    with transaction(conn):
        VoiceWriter(conn).flush()
    _assert_fast_equals_scan(conn)


def test_m019_codes_the_articles_of_an_existing_index(facet_index: Path) -> None:
    """The migration's backfill of article codes equals the scan (#15, m019)."""
    conn = connect(facet_index)
    with conn:
        for trigger in ("vap_cell_add", "vap_cell_move"):
            conn.execute(f"DROP TRIGGER {trigger}")
        conn.execute("ALTER TABLE voice_article_people DROP COLUMN cell")
        conn.execute("DELETE FROM _migrations WHERE name = 'm019_article_cells'")
    assert migrate(conn) == ["m019_article_cells"]
    cells = "SELECT count(DISTINCT cell) FROM voice_article_people"
    assert conn.execute(cells).fetchone()[0] > 1  # not the column's default
    _assert_fast_equals_scan(conn)


def test_new_outlets_and_months_get_codes_at_ingest(facet_index: Path) -> None:
    """An article's people come before its quotes: their outlet and month get
    codes then, and topic pages still equal the scan (#15, m019)."""
    conn = connect(facet_index)
    fresh = []
    for number, result in enumerate(_results(shift=1)[:3]):
        article = Article(
            id=f"new{number}",
            text=result.article.text + f" Courier story {number}.",
            outlet=f"Courier {number}",
            published=f"2027-0{number + 4}-0{number + 1}",
        )
        fresh.append(Result(article, result.quotes, {}, result.people))
    Ingester(conn, engine="test:3").ingest(fresh)
    outlets = {
        row[0]
        for row in conn.execute("SELECT value FROM voice_codes WHERE field = 'outlet'")
    }
    assert {"Courier 0", "Courier 1", "Courier 2"} <= outlets
    _assert_fast_equals_scan(conn)
    found = voices_report(
        conn, by="month", measure="people", filters=VoiceFilter(topic="point")
    )
    assert {"2027-04", "2027-05", "2027-06"} <= {group.group for group in found.groups}


def test_topic_page_while_an_ingest_adds_an_outlet(facet_index: Path) -> None:
    """Codes added between a page's reads decode: the page reads them last (#15)."""
    conn = connect(facet_index, readonly=True)
    writer = connect(facet_index)
    fresh = _results(shift=3)[:1]
    article = fresh[0].article
    fresh[0] = Result(
        Article(id="late", text=article.text + " Late.", outlet="Herald",
                published="2026-01-20"),
        fresh[0].quotes, {}, fresh[0].people,
    )  # fmt: skip

    def ingest_once(statement: str) -> None:
        if "group_concat" in statement and fresh:
            Ingester(writer, engine="test:4").ingest([fresh.pop()])

    conn.set_trace_callback(ingest_once)
    found = voices_report(conn, by="outlet", filters=VoiceFilter(topic="point"))
    conn.set_trace_callback(None)
    assert not fresh
    assert "Herald" in {group.group for group in found.groups}


class _HugeConcat:
    """`group_concat` as on a huge index: longer than SQLite's length limit."""

    def step(self, value: object) -> None:
        pass

    def finalize(self) -> str:
        return "9," * 600


def test_topic_keys_longer_than_sqlite_allows_are_grouped_by_sqlite(
    facet_index: Path,
) -> None:
    """A word in most quotes of a huge index: its keys' string would pass
    SQLite's length limit; the page groups in SQL instead and stays exact (#15).
    (FTS5's own blobs need more than a tiny limit, so the string is faked.)"""
    conn = connect(facet_index, readonly=True)
    filters = VoiceFilter(topic="point")
    expected = voices_report(conn, by="week", measure="source", filters=filters)
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, 1000)
    # typeshed's aggregate protocol says finalize returns int; SQLite takes text.
    conn.create_aggregate("group_concat", 1, _HugeConcat)  # type: ignore[arg-type]
    with pytest.raises(sqlite3.DataError):
        conn.execute("SELECT group_concat(cell) FROM quote_cells").fetchone()
    found = voices_report(conn, by="week", measure="source", filters=filters)
    assert found.to_dict() == expected.to_dict()
    assert found.overall.total > 0


@pytest.fixture
def in_memory(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every topic page counted from the copy in memory (#15); its reads, as
    the change number each read reached from (0: a full read)."""
    from whosaid.voices import columns, memory

    reads: list[int] = []
    read = memory.read

    def counted_read(conn: sqlite3.Connection, old: memory.Copy, last: int) -> object:
        reads.append(old.seq if old.row_of.size else 0)
        return read(conn, old, last)

    monkeypatch.setattr(columns, "COLUMNS_FROM", 0)
    monkeypatch.setattr(memory, "read", counted_read)
    memory._cache.clear()
    return reads


def test_topic_pages_from_memory_equal_a_scan(
    facet_index: Path, in_memory: list[int]
) -> None:
    """A word in most quotes, in a third, in one, in none; with every filter,
    range, measure and grouping: the copy in memory gives the scan's figures,
    read once (#15)."""
    conn = connect(facet_index, readonly=True)
    assert _assert_fast_equals_scan(conn) > 100
    assert len(in_memory) == 1


def test_topic_pages_from_memory_follow_writes(
    facet_index: Path, in_memory: list[int]
) -> None:
    """A gender set, a re-extraction, a rebuild: the copy is read again (#15)."""
    reader = connect(facet_index, readonly=True)
    writer = connect(facet_index)
    point = VoiceFilter(topic="point")
    before = voices_report(reader, by="outlet", filters=point).to_dict()
    with writer:
        set_gender(writer, "Tom Hale", "female")
    after = voices_report(reader, by="outlet", filters=point).to_dict()
    assert after != before  # a stale copy would give the old figures
    _assert_fast_equals_scan(reader)
    Ingester(writer, engine="test:2", reextract=True).ingest(_results(shift=2))
    _assert_fast_equals_scan(reader)
    with writer:
        rebuild_voices(writer)
    _assert_fast_equals_scan(reader)
    assert in_memory[0] == 0 and len(in_memory) == 4  # one full read
    assert 0 < in_memory[1] < in_memory[2] < in_memory[3]  # then the changes
    _assert_copy_is_current(reader)


def _assert_copy_is_current(conn: sqlite3.Connection) -> None:
    """The kept copy, brought up to date change by change, equals a full read."""
    from whosaid.voices import memory

    (kept,) = memory._cache.values()
    conn.execute("BEGIN")
    fresh = memory.read(conn, memory._EMPTY, kept.seq)
    conn.execute("COMMIT")
    ids = np.flatnonzero(kept.row_of >= 0)
    assert ids.tolist() == np.flatnonzero(fresh.row_of >= 0).tolist()
    for name in ("cell", "period", "article_ids"):
        assert (getattr(kept, name)[kept.row_of[ids]]
                == getattr(fresh, name)[fresh.row_of[ids]]).all(), name  # fmt: skip
    articles = np.flatnonzero(fresh.article_row >= 0)
    old, new = kept.article_row[articles], fresh.article_row[articles]
    assert (kept.people[old] == fresh.people[new]).all()
    assert (kept.article_cell[old] == fresh.article_cell[new]).all()
    assert [kept.days[d] for d in kept.article_day[old]] == [
        fresh.days[d] for d in fresh.article_day[new]
    ]
    dropped = np.setdiff1d(np.flatnonzero(kept.article_row >= 0), articles)
    assert not kept.people[kept.article_row[dropped]].any()  # deleted: no people


def test_a_copy_follows_deleted_rows(facet_index: Path, in_memory: list[int]) -> None:
    """An article's people and a quote deleted after the copy was made: the
    copy drops them, as a full read would (#15, m021)."""
    reader = connect(facet_index, readonly=True)
    writer = connect(facet_index)
    voices_report(reader, measure="people", filters=VoiceFilter(topic="point"))
    article, quote = writer.execute(
        "SELECT article_id, quote_id FROM quote_cells ORDER BY quote_id LIMIT 1"
    ).fetchone()
    with writer:
        writer.execute(
            "DELETE FROM voice_article_people WHERE article_id = ?", (article,)
        )
        writer.execute("DELETE FROM quote_voices WHERE quote_id = ?", (quote,))
    found = voices_report(reader, measure="people", filters=VoiceFilter(topic="point"))
    assert found.overall.total > 0
    assert len(in_memory) == 2 and in_memory[1] > 0
    _assert_copy_is_current(reader)


def test_a_copy_older_than_the_log_is_read_in_full(
    facet_index: Path, in_memory: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Changes pruned from the log, or too many: the copy is read again in
    full, with the scan's figures (#15, m021)."""
    from whosaid.voices import memory

    reader = connect(facet_index, readonly=True)
    writer = connect(facet_index)
    _assert_fast_equals_scan(reader)
    with writer:
        set_gender(writer, "Tom Hale", "female")
        writer.execute(
            "DELETE FROM voice_changes WHERE seq < (SELECT max(seq) FROM voice_changes)"
        )
    _assert_fast_equals_scan(reader)
    assert in_memory == [0, 0]
    monkeypatch.setattr(memory, "REFRESH_MAX", 0)
    with writer:
        set_gender(writer, "Tom Hale", "male")
    _assert_fast_equals_scan(reader)
    assert in_memory == [0, 0, 0]


def test_topic_page_inside_a_transaction_reads_sql(
    facet_index: Path, in_memory: list[int]
) -> None:
    """Writes not yet committed are not copied: a rollback would leave the copy wrong."""
    conn = connect(facet_index)
    conn.execute("BEGIN")
    set_gender(conn, "Tom Hale", "female")
    _assert_fast_equals_scan(conn)
    conn.execute("ROLLBACK")
    assert in_memory == []
    _assert_fast_equals_scan(conn)
    assert len(in_memory) == 1


def test_only_frequent_words_load_the_copy(
    facet_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rare word reads SQL; a word likely to match `COLUMNS_FROM` quotes loads
    the copy, which then serves every topic page (#15)."""
    from whosaid.voices import columns, memory

    conn = connect(facet_index, readonly=True)
    memory._cache.clear()
    monkeypatch.setattr(columns, "COLUMNS_FROM", 10)
    match = query.fts_match("point")
    matches = conn.execute(
        "SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH ?", (match,)
    ).fetchone()[0]
    quotes = conn.execute("SELECT count(*) FROM quote_cells").fetchone()[0]
    assert quotes > matches > quotes / 2 and matches >= 10  # most quotes, not all
    assert columns._estimate(conn, match) == matches  # a small index: exact
    voices_report(conn, filters=VoiceFilter(topic="2"))
    assert not memory._cache
    voices_report(conn, filters=VoiceFilter(topic="point"))
    assert len(memory._cache) == 1
    calls: list[str] = []
    conn.set_trace_callback(calls.append)
    voices_report(conn, filters=VoiceFilter(topic="2"), measure="people")
    assert not [call for call in calls if "JOIN quote_cells" in call]


def test_the_cli_reads_its_one_report_without_a_copy(
    facet_index: Path, in_memory: list[int]
) -> None:
    """`whosaid voices --topic` reads one report and exits: loading a copy would
    cost more than it saves (0.6 s for "the" on the 1M index), so it reads SQL,
    with the same figures, and leaves loading on for the process (#15)."""
    import json

    from click.testing import CliRunner

    from whosaid.cli import main
    from whosaid.voices.cells import LOAD_COPIES

    args = ["voices", "--db", str(facet_index), "--topic", "point", "--json"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert in_memory == []
    assert LOAD_COPIES.get()
    conn = connect(facet_index, readonly=True)
    expected = voices_report(conn, filters=VoiceFilter(topic="point")).to_dict()
    assert in_memory  # the library call loads it
    assert json.loads(result.output) == expected
