"""Wikidata linking (#14): the dump reader, the KB index, the linker, the surfaces.

The knowledge bases are made up (`kbgen`, `kbcases`): ids Q990000001 and up.
"""

from __future__ import annotations

import bz2
import gzip
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from kbcases import MENTIONS, mention_results, score_links
from kbgen import item, qid, write_dump
from store_helpers import Said, make_result
from whosaid.cli import main
from whosaid.kb.decisions import LinkError, decide_link
from whosaid.kb.dump import KBFormatError, iter_entities
from whosaid.kb.index import build_index, open_kb
from whosaid.kb.link import link_speakers
from whosaid.store import Ingester, connect, transaction
from whosaid.store.decisions import find_speaker
from whosaid.store.queries import get_speaker, iter_quotes

pytestmark = pytest.mark.issue(14)

ROOT = Path(__file__).resolve().parents[1]
CASES_KB = ROOT / "tests" / "data" / "kb.json"
SAMPLES_KB = ROOT / "samples" / "kb.json"


def small_dump() -> str:
    people = [
        item(qid(1), "Ada Stone", "fictional engineer", claims=[("P31", "Q5")]),
        item(qid(2), "Acme Corp", "fictional company", claims=[("P31", "Q4830453")]),
        item(qid(3), "a river", "not a person", claims=[("P31", "Q4022")]),
    ]
    path_text = []

    class Out:
        def write(self, text: str) -> None:
            path_text.append(text)

    write_dump(people, Out())  # type: ignore[arg-type]  # a minimal text sink
    return "".join(path_text)


@pytest.mark.parametrize("suffix", [".json", ".json.gz", ".json.bz2"])
def test_reads_the_dump_format_plain_and_compressed(
    tmp_path: Path, suffix: str
) -> None:
    text = small_dump()
    path = tmp_path / f"kb{suffix}"
    data = text.encode()
    path.write_bytes(
        gzip.compress(data) if suffix.endswith("gz") else
        bz2.compress(data) if suffix.endswith("bz2") else data
    )  # fmt: skip
    assert [entity["id"] for _, entity in iter_entities(path)] == [
        qid(1),
        qid(2),
        qid(3),
    ]
    stats = build_index(path, tmp_path / "kb.sqlite")
    assert (stats.people, stats.orgs, stats.lines) == (1, 1, 3)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('[\n{"id": "Q1", "claims": {}},\n{"id": "Q2", "cla', r"kb\.json:3: not JSON"),
        (
            '[\n{"id": "Q1", "claims": {}},\n',
            r"kb\.json:2: the dump ends without its closing",
        ),
        ("name,label\nAda,Stone\n", r"kb\.json:1: expected one entity object per line"),
        ('[\n{"labels": {}},\n]\n', r"kb\.json:2: not a Wikidata entity"),
        ("", r"kb\.json: empty"),
        (
            '[\n{"id": "Q1", "claims": []}\n]\n',
            r"kb\.json:2: 'claims' is not an object",
        ),
    ],
)
def test_bad_dumps_get_one_line_naming_file_and_line(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "kb.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(KBFormatError, match=message) as caught:
        build_index(path, tmp_path / "kb.sqlite")
    assert "\n" not in str(caught.value)
    assert not (tmp_path / "kb.sqlite").exists()
    assert not (tmp_path / "kb.sqlite.partial").exists()


def test_a_truncated_download_is_reported(tmp_path: Path) -> None:
    data = gzip.compress(small_dump().encode() * 50)
    path = tmp_path / "kb.json.gz"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(KBFormatError, match=r"kb\.json\.gz:\d+: .*truncated"):
        build_index(path, tmp_path / "kb.sqlite")


def test_the_index_is_reused_until_the_dump_changes(tmp_path: Path) -> None:
    path = tmp_path / "kb.json"
    path.write_text(small_dump(), encoding="utf-8")
    index = tmp_path / "kb.sqlite"
    _, stats = open_kb(path, index)
    assert stats is not None
    _, stats = open_kb(path, index)
    assert stats is None
    path.write_text(small_dump().replace("Ada Stone", "Ada B. Stone"), encoding="utf-8")
    kb, stats = open_kb(path, index)
    assert stats is not None
    assert kb.execute(
        "SELECT label FROM entities WHERE kind = 'person'"
    ).fetchone() == ("Ada B. Stone",)


def test_the_shipped_kbs_are_made_up_and_index(tmp_path: Path) -> None:
    for path in (SAMPLES_KB, CASES_KB):
        kb, stats = open_kb(path, tmp_path / f"{path.parent.name}.sqlite")
        assert stats is not None and stats.people >= 15
        rows = kb.execute("SELECT qid, description FROM entities").fetchall()
        # Every person and organisation is invented, and says so.
        assert all(int(q[1:]) > 990_000_000 for q, _ in rows)
        assert all("fictional" in (d or "") for _, d in rows)
        positions = kb.execute("SELECT count(*) FROM labels").fetchone()[0]
        assert positions > 10


@pytest.fixture
def cases(tmp_path: Path) -> tuple[sqlite3.Connection, sqlite3.Connection]:
    conn = connect(tmp_path / "index.db")
    Ingester(conn, engine="test:1").ingest(mention_results())
    kb, _ = open_kb(CASES_KB, tmp_path / "cases.kb.sqlite")
    return conn, kb


def quote_columns(conn: sqlite3.Connection) -> list[tuple[object, ...]]:
    return [
        tuple(row)
        for row in conn.execute(
            "SELECT id, article_id, position, content, speaker_name, speaker_title, "
            "speaker_org, speaker_is_org, speaker_key, confidence FROM quotes ORDER BY id"
        )
    ]


def test_linking_precision_and_recall_on_the_mention_set(
    cases: tuple[sqlite3.Connection, sqlite3.Connection],
) -> None:
    conn, kb = cases
    before = quote_columns(conn)
    with transaction(conn):
        report = link_speakers(conn, kb)
    score = score_links(conn)
    assert len(MENTIONS) >= 100
    assert score.precision >= 0.95, score.errors
    assert score.recall >= 0.9, score.errors
    # Linking moves quotes between speakers; it never changes a quote.
    assert quote_columns(conn) == before
    assert report.split >= 5 and report.ambiguous
    # A second run gives the same links.
    with transaction(conn):
        link_speakers(conn, kb)
    assert score_links(conn) == score


def test_two_michael_howards_become_two_speakers(
    cases: tuple[sqlite3.Connection, sqlite3.Connection],
) -> None:
    conn, kb = cases
    with transaction(conn):
        link_speakers(conn, kb)
    rows = conn.execute(
        "SELECT external_id, quote_count FROM speakers WHERE name = 'Michael Howard' "
        "ORDER BY external_id"
    ).fetchall()
    assert [row[0] for row in rows] == [None, qid(101), qid(102)]
    detail = get_speaker(
        conn, f"#{find_speaker(conn, 'michael howard (q990000102)')['id']}"
    )
    assert (
        detail.kb is not None
        and detail.kb.description == "fictional American basketball coach"
    )
    assert any("held on" in reason for reason in detail.kb.evidence)


def test_same_item_speakers_become_one(
    cases: tuple[sqlite3.Connection, sqlite3.Connection],
) -> None:
    conn, kb = cases
    with transaction(conn):
        link_speakers(conn, kb)
    eu = conn.execute(
        "SELECT name, quote_count FROM speakers WHERE external_id = ?", (qid(723),)
    ).fetchall()
    assert [tuple(row) for row in eu] == [("the EU", 2)]


def test_user_decisions_survive_reingest_and_relinking(tmp_path: Path) -> None:
    conn = connect(tmp_path / "index.db")
    results = [
        make_result("a1", [Said("Michael Howard", "one two three four five")]),
        make_result("a2", [Said("Gordon Brown", "six seven eight nine ten")]),
    ]
    Ingester(conn, engine="test:1").ingest(results)
    kb, _ = open_kb(CASES_KB, tmp_path / "kb.sqlite")
    with transaction(conn):
        report = link_speakers(conn, kb)
    assert [a["speaker"] for a in report.ambiguous] == ["Michael Howard"]
    with transaction(conn):
        decide_link(conn, find_speaker(conn, "Michael Howard"), qid(102), kb)
        decide_link(conn, find_speaker(conn, "Gordon Brown"), None)
    with pytest.raises(LinkError, match="not a Wikidata item id"):
        decide_link(conn, find_speaker(conn, "Gordon Brown"), "12")
    again = [
        make_result(
            "a1", [Said("Michael Howard", "one two three four five")], engine="test:2"
        ),
        make_result(
            "a2", [Said("Gordon Brown", "six seven eight nine ten")], engine="test:2"
        ),
    ]
    Ingester(conn, engine="test:2", reextract=True).ingest(again)
    with transaction(conn):
        link_speakers(conn, kb)
    assert dict(conn.execute("SELECT name, external_id FROM speakers").fetchall()) == {
        "Michael Howard": qid(102),
        "Gordon Brown": None,
    }
    detail = get_speaker(conn, "Michael Howard")
    assert detail.kb is not None and detail.kb.origin == "user"


def test_cli_link_lists_the_ambiguous_and_exports_carry_the_qid(tmp_path: Path) -> None:
    db = tmp_path / "index.db"
    conn = connect(db)
    Ingester(conn, engine="test:1").ingest(
        [
            make_result("a1", [Said("Michael Howard", "one two three four five")]),
            make_result(
                "a2",
                [Said("Gordon Brown", "six seven eight nine ten", title="Chancellor")],
            ),
        ]
    )
    conn.close()
    result = CliRunner().invoke(
        main, ["link", "--kb", str(CASES_KB), "--db", str(db), "--nl"]
    )
    assert result.exit_code == 0, result.output
    ambiguous = [json.loads(line) for line in result.stdout.splitlines()]
    assert [row["speaker"] for row in ambiguous] == ["Michael Howard"]
    assert "linked 1 speakers" in result.stderr
    assert (tmp_path / "index.kb.sqlite").is_file()
    conn = connect(db, readonly=True)
    exported = {q.speaker: q.speaker_qid for q in iter_quotes(conn, None, None)}
    assert exported == {"Michael Howard": None, "Gordon Brown": qid(117)}
    result = CliRunner().invoke(
        main, ["speakers", "link", "Michael Howard", "q990000101", "--db", str(db)]
    )
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(
        main, ["speakers", "unlink", "Gordon Brown", "--db", str(db)]
    )
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(main, ["link", "--kb", str(CASES_KB), "--db", str(db)])
    assert "linked 1 speakers (1 by user decisions" in result.stderr


def test_cli_link_bad_kb_is_one_line(tmp_path: Path) -> None:
    db = tmp_path / "index.db"
    connect(db).close()
    bad = tmp_path / "dump.json"
    bad.write_text('[\n{"id": "Q1", "claims": {}},\nnot json\n]\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["link", "--kb", str(bad), "--db", str(db)])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"Error: {bad}:3: expected one entity object per line (the Wikidata JSON "
        "dump format)"
    ]


def test_web_speaker_page_api_and_did_you_mean(tmp_path: Path) -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from whosaid.web import create_app

    db = tmp_path / "index.db"
    conn = connect(db)
    Ingester(conn, engine="test:1").ingest(
        [
            make_result(
                "a1",
                [Said("Gordon Brown", "six seven eight nine ten", title="Chancellor")],
            ),
            make_result("a2", [Said("Michael Howard", "one two three four five")]),
            make_result("a3", [Said("Dan Brown", "a novel about the budget")]),
        ]
    )
    kb, _ = open_kb(CASES_KB, tmp_path / "kb.sqlite")
    with transaction(conn):
        link_speakers(conn, kb)
    brown = int(find_speaker(conn, "Gordon Brown")["id"])
    howard = int(find_speaker(conn, "Michael Howard")["id"])
    conn.close()
    client = TestClient(create_app(db))
    page = client.get(f"/speakers/{brown}").text
    assert f'href="https://www.wikidata.org/wiki/{qid(117)}"' in page
    assert "fictional British prime minister" in page and "Labour Party" in page
    assert "could be" in client.get(f"/speakers/{howard}").text
    api = client.get(f"/api/speakers/{brown}").json()
    assert api["kb"]["qid"] == qid(117) and api["kb"]["party"] == "Labour Party"
    search = client.get("/?q=&speaker=Brown&kind=all").text
    assert "Did you mean" in search and "Dan Brown" in search
    found = client.get("/api/quotes?speaker=Brown").json()
    assert {q["speaker_qid"] for q in found["quotes"]} == {qid(117)}


def test_filter_keeps_people_organisations_and_what_they_refer_to(
    tmp_path: Path,
) -> None:
    from whosaid.kb.filter import main as filter_main

    dump = tmp_path / "all.json"
    entities = [
        item(qid(1), "Ada Stone", "fictional engineer",
             claims=[("P31", "Q5"), ("P39", qid(9), "2020-01-01", None)]),
        item(qid(9), "Chief Engineer", "fictional office"),
        item(qid(3), "a river", "fictional river", claims=[("P31", "Q4022")]),
    ]  # fmt: skip
    with dump.open("w", encoding="utf-8") as out:
        write_dump(entities, out)
    target = tmp_path / "people.json.gz"
    assert filter_main([str(dump), str(target)]) == 0
    assert [e["id"] for _, e in iter_entities(target)] == [qid(1), qid(9)]
    kb, _ = open_kb(target, tmp_path / "kb.sqlite")
    assert kb.execute("SELECT label FROM labels").fetchall() == [("Chief Engineer",)]


def test_speaker_filter_finds_wikidata_aliases(
    cases: tuple[sqlite3.Connection, sqlite3.Connection],
) -> None:
    from whosaid.store.matching import match_speaker

    conn, kb = cases
    assert match_speaker(conn, "George Herbert Walker Bush").chosen is None
    with transaction(conn):
        link_speakers(conn, kb)
    chosen = match_speaker(conn, "George Herbert Walker Bush").chosen
    assert chosen is not None
    assert find_speaker(conn, f"#{chosen.id}")["external_id"] == qid(115)


def test_a_link_comes_back_with_its_speaker_after_relink(
    cases: tuple[sqlite3.Connection, sqlite3.Connection],
) -> None:
    from whosaid.store.relink import relink_speakers

    conn, kb = cases
    with transaction(conn):
        link_speakers(conn, kb)
        conn.execute("UPDATE speakers SET external_id = NULL")  # as an old index
        relink_speakers(conn)
    brown = find_speaker(conn, "Gordon Brown")
    assert brown["external_id"] == qid(117)
