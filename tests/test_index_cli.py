"""The index commands end to end through click, with a regex engine."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from store_helpers import FakeEngine
from whosaid.cli import main

ARTICLES = [
    {
        "id": "reed-1",
        "text": "\u201cWe will not back down from this fight over tariffs,\u201d said Thomas Reed.",
        "outlet": "Globe",
        "published": "2026-03-01",
    },
    {
        "id": "reed-2",
        "text": "WIRE - \u201cwe will not back down from this fight over tariffs\u201d said Mr. Thomas Reed.",
        "outlet": "Planet",
        "published": "2026-02-27",
    },
    {
        "id": "tom",
        "text": "\u201cThe harbour deal is finally signed and sealed,\u201d said Tom Reed.",
        "outlet": "Planet",
        "published": "2026-03-04",
    },
    {
        "id": "okafor",
        "text": "\u201cThe budget numbers simply do not add up,\u201d said Maria Okafor.",
        "outlet": "Globe",
        "published": "not a date",
    },
]


@pytest.fixture
def fake_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(
        __import__("whosaid.extract.engines", fromlist=["ENGINES"]).ENGINES,
        "fake",
        "store_helpers:FakeEngine",
    )
    monkeypatch.setenv("WHOSAID_ENGINE", "fake")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "dump.jsonl"
    lines = [json.dumps(article) for article in ARTICLES]
    lines.insert(2, "{not json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def db(fake_engine: None, corpus: Path, tmp_path: Path) -> str:
    path = str(tmp_path / "index.db")
    result = run("ingest", str(corpus), "--db", path, "--silent")
    assert result.exit_code == 1, result.output  # one malformed line
    assert "indexed 4 quotes from 4 articles" in result.stderr
    assert "1 inputs failed" in result.stderr and "1 bad dates" in result.stderr
    return path


def test_ingest_twice_adds_nothing(db: str, corpus: Path) -> None:
    result = run("ingest", str(corpus), "--db", db, "--silent")
    assert "indexed 0 quotes from 0 articles (4 already indexed" in result.stderr
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 4
    # The malformed line is recorded again; the bad-date article is not re-read.
    assert conn.execute("SELECT count(*) FROM ingest_errors").fetchone()[0] == 3


def test_reextract_with_a_new_engine_version(
    db: str, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(FakeEngine, "version", "2")
    result = run("ingest", str(corpus), "--db", db, "--silent", "--reextract")
    assert "indexed 4 quotes from 4 articles (4 re-extracted" in result.stderr
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT DISTINCT engine FROM articles").fetchall() == [
        ("fake:2",)
    ]
    assert conn.execute("SELECT count(*) FROM quotes").fetchone()[0] == 4


def test_search_outputs(db: str) -> None:
    table = run("search", "tariffs", "--db", db)
    assert table.exit_code == 0 and "Thomas Reed" in table.stdout
    data = json.loads(run("search", "tariffs", "--db", db, "--json").stdout)
    assert {q["doc_id"] for q in data["quotes"]} == {"reed-1", "reed-2"}
    assert all(q["cluster_articles"] == 2 for q in data["quotes"])
    lines = run("search", "tariffs", "--db", db, "--nl", "--outlet", "Globe").stdout
    assert [json.loads(line)["doc_id"] for line in lines.splitlines()] == ["reed-1"]
    rows = list(csv.DictReader(io.StringIO(run("search", "--db", db, "--csv").stdout)))
    assert [row["doc_id"] for row in rows] == ["tom", "reed-1", "reed-2", "okafor"]
    assert (
        run("search", "tariffs", "--kind", "belief", "--db", db, "--json").stdout.count(
            '"id"'
        )
        == 0
    )
    bad = run("search", "x", "--since", "March", "--db", db)
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output


def test_speakers_merge_split_and_speaker(db: str) -> None:
    listed = json.loads(run("speakers", "--db", db, "--json").stdout)
    assert [(s["name"], s["quote_count"]) for s in listed][:1] == [("Thomas Reed", 2)]
    assert len(listed) == 3
    merged = run("speakers", "merge", "Thomas Reed", "Tom Reed", "--db", db)
    assert merged.exit_code == 0 and "1 quotes moved" in merged.stderr
    detail = json.loads(run("speaker", "Reed", "--db", db, "--json").stdout)
    assert detail["speaker"]["quote_count"] == 3
    assert [c["name"] for c in detail["over_time"]] == ["2026-02", "2026-03"]
    assert detail["repeated"][0]["article_count"] == 2
    split = run("speakers", "--db", db, "split", "Thomas Reed", "Tom Reed")
    assert split.exit_code == 0
    assert (
        json.loads(run("speaker", "Tom Reed", "--db", db, "--json").stdout)["speaker"][
            "quote_count"
        ]
        == 1
    )
    missing = run("speaker", "Nobody Here", "--db", db)
    assert missing.exit_code == 1 and "no speaker named" in missing.output
    since = json.loads(
        run("speakers", "--db", db, "--since", "2026-03-02", "--json").stdout
    )
    assert [s["name"] for s in since] == ["Tom Reed"]


def test_speakers_aliases_file(db: str, tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text(
        "name,aliases,external_id\nThomas Reed,Tom Reed,Q42\n", encoding="utf-8"
    )
    result = run("speakers", "--db", db, "aliases", str(path))
    assert result.exit_code == 0 and "1 quotes relinked" in result.stderr
    detail = json.loads(run("speaker", "Tom Reed", "--db", db, "--json").stdout)
    assert (detail["speaker"]["name"], detail["speaker"]["external_id"]) == (
        "Thomas Reed",
        "Q42",
    )


def test_article_repeated_and_stats(db: str) -> None:
    article = run("article", "reed-1", "--db", db)
    assert "[1 \u201cWe will not back down" in article.stdout
    assert "[1] Thomas Reed (said; direct, statement)" in article.stdout
    repeated = json.loads(run("repeated", "--db", db, "--json").stdout)
    assert len(repeated) == 1 and repeated[0]["article_count"] == 2
    detail = json.loads(
        run("repeated", str(repeated[0]["id"]), "--db", db, "--json").stdout
    )
    assert [(a["doc_id"], a["earliest"]) for a in detail["appearances"]] == [
        ("reed-2", True),
        ("reed-1", False),
    ]
    stats = json.loads(run("stats", "--db", db, "--json").stdout)
    assert (stats["articles"], stats["quotes"], stats["repeated_quotes"]) == (4, 4, 1)
    assert stats["ingest_errors"] == 2
    missing = run("article", "nope", "--db", db)
    assert missing.exit_code == 1


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export(db: str, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"quotes.{fmt}"
    result = run(
        "export",
        "--format",
        fmt,
        "-o",
        str(out),
        "--speaker",
        "Thomas Reed",
        "--db",
        db,
    )
    assert result.exit_code == 0 and "exported 2 quotes" in result.stderr
    if fmt == "parquet":
        import pyarrow.parquet as pq

        rows = pq.read_table(out).to_pylist()
    elif fmt == "csv":
        rows = list(csv.DictReader(out.open(encoding="utf-8")))
    else:
        rows = [
            json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()
        ]
    assert sorted(row["doc_id"] for row in rows) == ["reed-1", "reed-2"]
    assert {row["kind"] for row in rows} == {"statement"}


def test_export_parquet_needs_a_file(db: str) -> None:
    result = run("export", "--format", "parquet", "--db", db)
    assert result.exit_code == 1 and "--output FILE" in result.output


def test_query_on_a_missing_index_fails_cleanly(tmp_path: Path) -> None:
    result = run("search", "x", "--db", str(tmp_path / "none.db"))
    assert result.exit_code == 1 and "whosaid ingest" in result.output


def test_ingest_with_the_rules_engine_links_speakers_across_articles(
    tmp_path: Path,
) -> None:
    articles = [
        {"id": "r1", "outlet": "Globe", "published": "2026-03-02",
         "text": "Deputy National Security Adviser Thomas Reed defended the tariffs on "
                 "Monday. \u201cWe will not back down from this fight,\u201d Reed said."},
        {"id": "r2", "outlet": "Planet", "published": "2026-03-01",
         "text": "\u201cWe will not back down from this fight,\u201d said Thomas Reed, the "
                 "deputy national security adviser, in a statement."},
    ]  # fmt: skip
    corpus, db = tmp_path / "dump.jsonl", str(tmp_path / "index.db")
    corpus.write_text("\n".join(json.dumps(a) for a in articles), encoding="utf-8")
    result = run("ingest", str(corpus), "--db", db, "--silent")
    assert result.exit_code == 0, result.output
    speaker = json.loads(run("speaker", "Thomas Reed", "--db", db, "--json").stdout)
    assert speaker["speaker"]["article_count"] == 2
    (cluster,) = json.loads(run("repeated", "--db", db, "--json").stdout)
    assert (cluster["article_count"], cluster["first_date"]) == (2, "2026-03-01")


def test_an_older_index_is_refused_by_readers_until_migrated(db: str) -> None:
    conn = sqlite3.connect(db)
    with conn:  # roll the index back to the schema before the last migration
        conn.execute("DROP INDEX quotes_speaker_kind")
        conn.execute("DELETE FROM _migrations WHERE name = 'm003_speaker_kind_index'")
    conn.close()
    refused = run("search", "tariffs", "--db", db)
    assert refused.exit_code == 1
    assert "run `whosaid migrate`" in refused.stderr
    migrated = run("migrate", "--db", db)
    assert migrated.exit_code == 0
    from whosaid.store.migrations import MIGRATIONS

    last = f"{MIGRATIONS[-1][1]} ({len(MIGRATIONS)} migrations applied)"
    assert last in migrated.stderr
    assert run("search", "tariffs", "--db", db, "--json").exit_code == 0
