"""Speakers across articles: linking, merge/split that survive re-ingest, aliases."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from store_helpers import Said, make_result
from whosaid.store import Ingester, connect, transaction
from whosaid.store.queries import QuoteFilter, get_speaker, list_speakers, search_quotes
from whosaid.store.speakers import (
    SpeakerError,
    apply_aliases,
    merge_speakers,
    read_alias_file,
    speaker_key,
    split_speaker,
)


@pytest.fixture
def db() -> sqlite3.Connection:
    return connect(":memory:")


def ingest(
    conn: sqlite3.Connection,
    *results: object,
    engine: str = "test:1",
    reextract: bool = False,
) -> None:
    Ingester(conn, engine=engine, reextract=reextract).ingest(results)  # type: ignore[arg-type]


def speakers_of(conn: sqlite3.Connection) -> dict[str, int]:
    return {s.name: s.quote_count for s in list_speakers(conn, top=100)}


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Thomas Reed", "thomas reed"),
        ("Mr. Thomas Reed", "thomas reed"),
        ("Dr Ángela  Núñez", "angela nunez"),
        ("Reed's", "reed"),
        ("the Treasury Department", "treasury department"),
        ("Donald J. Trump", "donald trump"),
        ("Mr Donald Trump's", "donald trump"),
        ("Donald Trump Jr.", "donald trump jr"),
        ("Jane Doe QC", "jane doe"),
        ("J. Edgar Hoover", "j edgar hoover"),
        ("O\u2019Brien", "o'brien"),
        ("Mr.", "mr"),
    ],
)
def test_speaker_key(name: str, key: str) -> None:
    assert speaker_key(name) == key


def test_same_name_links_across_articles_and_surnames_do_not(
    db: sqlite3.Connection,
) -> None:
    ingest(
        db,
        make_result(
            "a1",
            [
                Said(
                    "Thomas Reed",
                    "one two three four five",
                    title="Deputy National Security Adviser",
                )
            ],
            published="2026-01-05",
        ),
        make_result(
            "a2",
            [Said("Mr. Thomas Reed", "six seven eight nine ten")],
            published="2026-02-05",
        ),
        make_result("a3", [Said("Bill Clinton", "alpha beta gamma delta")]),
        make_result("a4", [Said("Hillary Clinton", "epsilon zeta eta theta")]),
        make_result(
            "a5", [Said("Reed", "an unresolved surname speaks")], outlet="Elsewhere"
        ),
        make_result("a6", [Said("Pentagon", "no comment at this time", is_org=True)]),
    )
    assert speakers_of(db) == {
        "Thomas Reed": 2,
        "Bill Clinton": 1,
        "Hillary Clinton": 1,
        "Pentagon": 1,
    }
    # Thomas Reed is not quoted in that outlet: the bare surname stays unlinked.
    row = db.execute(
        "SELECT speaker_id, speaker_name FROM quotes WHERE speaker_name = 'Reed'"
    ).fetchone()
    assert row[0] is None
    detail = get_speaker(db, "Thomas Reed")
    assert (detail.speaker.first_seen, detail.speaker.last_seen) == (
        "2026-01-05",
        "2026-02-05",
    )
    assert [t.title for t in detail.titles] == ["Deputy National Security Adviser"]
    assert {a.name for a in detail.aliases} == {"Thomas Reed", "Mr. Thomas Reed"}


def test_merge_survives_reingest_and_new_articles(db: sqlite3.Connection) -> None:
    ingest(
        db,
        make_result("a1", [Said("Thomas Reed", "one two three four five")]),
        make_result("a2", [Said("Tom Reed", "six seven eight nine ten")]),
    )
    with transaction(db):
        assert merge_speakers(db, "Thomas Reed", "Tom Reed") == 1
    assert speakers_of(db) == {"Thomas Reed": 2}
    ingest(
        db,
        make_result(
            "a2", [Said("Tom Reed", "six seven eight nine ten")], engine="test:2"
        ),
        engine="test:2",
        reextract=True,
    )
    ingest(db, make_result("a3", [Said("Tom Reed", "eleven twelve thirteen fourteen")]))
    assert speakers_of(db) == {"Thomas Reed": 3}
    # The full-text index's filter tags follow the merge.
    found = search_quotes(
        db, "six OR eleven OR one", QuoteFilter(speaker="Thomas Reed")
    )
    assert len(found.quotes) == 3
    with pytest.raises(SpeakerError, match="already one speaker"):
        merge_speakers(db, "Thomas Reed", "Tom Reed")


def test_split_survives_reingest(db: sqlite3.Connection) -> None:
    ingest(
        db,
        make_result("a1", [Said("Thomas Reed", "one two three four five")]),
        make_result("a2", [Said("Tom Reed", "six seven eight nine ten")]),
    )
    with transaction(db):
        merge_speakers(db, "Thomas Reed", "Tom Reed")
        assert split_speaker(db, "Thomas Reed", "Tom Reed") == 1
    assert speakers_of(db) == {"Thomas Reed": 1, "Tom Reed": 1}
    ingest(db, make_result("a3", [Said("Tom Reed", "eleven twelve thirteen fourteen")]))
    assert speakers_of(db) == {"Thomas Reed": 1, "Tom Reed": 2}
    with pytest.raises(SpeakerError, match="own name"):
        split_speaker(db, "Thomas Reed", "Mr. Thomas Reed")


@pytest.mark.parametrize(
    ("filename", "content"),
    [
        ("people.csv", "name,aliases,external_id\nThomas Reed,Tom Reed|Reed,Q123\n"),
        (
            "people.json",
            '[{"name": "Thomas Reed", "aliases": ["Tom Reed", "Reed"], "external_id": "Q123"}]',
        ),
    ],
)
def test_alias_file_links_old_and_new_quotes(
    db: sqlite3.Connection, tmp_path: Path, filename: str, content: str
) -> None:
    ingest(
        db,
        make_result("a1", [Said("Thomas Reed", "one two three four five")]),
        make_result("a2", [Said("Tom Reed", "six seven eight nine ten")]),
        make_result("a3", [Said("Reed", "a surname the file names")]),
    )
    path = tmp_path / filename
    path.write_text(content, encoding="utf-8")
    with transaction(db):
        assert apply_aliases(db, read_alias_file(path)) == 2
    assert speakers_of(db) == {"Thomas Reed": 3}
    ingest(db, make_result("a4", [Said("Reed", "later quote by the surname")]))
    assert speakers_of(db) == {"Thomas Reed": 4}
    assert get_speaker(db, "Tom Reed").speaker.external_id == "Q123"


def test_alias_file_never_overrides_a_split(
    db: sqlite3.Connection, tmp_path: Path
) -> None:
    ingest(
        db,
        make_result("a1", [Said("Thomas Reed", "one two three four five")]),
        make_result("a2", [Said("Tom Reed", "six seven eight nine ten")]),
    )
    path = tmp_path / "people.csv"
    path.write_text("name,aliases\nThomas Reed,Tom Reed\n", encoding="utf-8")
    with transaction(db):
        apply_aliases(db, read_alias_file(path))
        split_speaker(db, "Thomas Reed", "Tom Reed")
        apply_aliases(db, read_alias_file(path))
    assert speakers_of(db) == {"Thomas Reed": 1, "Tom Reed": 1}


def test_alias_file_errors_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text("who,aliases\nX,Y\n", encoding="utf-8")
    with pytest.raises(SpeakerError, match="people.csv.*'name' column"):
        read_alias_file(path)
    bad = tmp_path / "people.json"
    bad.write_text("[{", encoding="utf-8")
    with pytest.raises(SpeakerError, match="not valid JSON"):
        read_alias_file(bad)


def test_speaker_lookup_by_surname_needs_one_match(db: sqlite3.Connection) -> None:
    ingest(
        db,
        make_result("a1", [Said("Bill Clinton", "one two three four five")]),
        make_result("a2", [Said("Hillary Clinton", "six seven eight nine ten")]),
        make_result("a3", [Said("Thomas Reed", "eleven twelve thirteen fourteen")]),
    )
    assert get_speaker(db, "reed").speaker.name == "Thomas Reed"
    with pytest.raises(SpeakerError):
        get_speaker(db, "Clinton")


def test_speakers_list_filters_by_kind_and_date(db: sqlite3.Connection) -> None:
    ingest(
        db,
        make_result(
            "a1",
            [
                Said("Thomas Reed", "one two three four five", kind="belief"),
                Said("Thomas Reed", "more words in this one"),
            ],
            published="2026-01-01",
        ),
        make_result(
            "a2",
            [Said("Maria Okafor", "six seven eight nine ten")],
            published="2026-03-01",
        ),
    )
    assert {s.name: s.quote_count for s in list_speakers(db, kind="belief")} == {
        "Thomas Reed": 1
    }
    assert [s.name for s in list_speakers(db, since="2026-02-01")] == ["Maria Okafor"]
    assert [s.name for s in list_speakers(db, top=1)] == ["Thomas Reed"]
