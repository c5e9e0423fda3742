"""Article ids from paths, clashes kept with a suffix, old ids migrated (#16)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from store_helpers import register_fake_engine
from whosaid.cli import main

SAID = "\u201cThe harbour deal is finally signed and sealed,\u201d said {name}.\n"


@pytest.fixture(autouse=True)
def fake_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    register_fake_engine()
    monkeypatch.setenv("WHOSAID_ENGINE", "fake")


def run(*args: str, stdin: bytes | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=stdin, catch_exceptions=False)


def _dataset(root: Path) -> Path:
    """Two sections whose files have the same names, as the BBC set has."""
    for section, name in (("politics", "Ana Ruiz"), ("sport", "Tom Reed")):
        (root / section).mkdir(parents=True)
        for number in ("001", "002"):
            text = f"Story {number} of {section}. " + SAID.format(name=name)
            (root / section / f"{number}.txt").write_text(text, encoding="utf-8")
    return root


def _ids(db: str) -> list[str]:
    conn = sqlite3.connect(db)
    return [row[0] for row in conn.execute("SELECT doc_id FROM articles ORDER BY 1")]


@pytest.mark.issue(16)
def test_a_folder_ingests_under_path_ids_once(tmp_path: Path) -> None:
    root, db = _dataset(tmp_path / "news"), str(tmp_path / "i.db")
    first = run("ingest", str(root), "--db", db, "--silent", "--workers", "1")
    assert first.exit_code == 0, first.output
    assert "indexed 4 quotes from 4 articles" in first.stderr
    assert _ids(db) == ["politics/001", "politics/002", "sport/001", "sport/002"]
    again = run("ingest", str(root), "--db", db, "--silent", "--workers", "1")
    assert again.exit_code == 0
    assert "from 0 articles (4 already indexed)" in again.stderr
    assert len(_ids(db)) == 4


@pytest.mark.issue(16)
def test_extract_gives_the_same_path_ids(tmp_path: Path) -> None:
    root = _dataset(tmp_path / "news")
    result = run("extract", str(root), "--silent", "--workers", "1")
    docs = [json.loads(line)["doc"] for line in result.stdout.splitlines()]
    assert docs == ["politics/001", "politics/002", "sport/001", "sport/002"]


@pytest.mark.issue(16)
def test_two_texts_with_one_id_are_both_kept_with_a_warning(tmp_path: Path) -> None:
    dump, db = tmp_path / "dump.jsonl", str(tmp_path / "i.db")
    lines = [
        {"id": "x", "text": "First. " + SAID.format(name="Ana Ruiz")},
        {"id": "x", "text": "Second. " + SAID.format(name="Tom Reed")},
    ]
    dump.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    result = run("ingest", str(dump), "--db", db, "--silent")
    assert result.exit_code == 0, result.output
    assert "warning:" in result.stderr and "kept as 'x~" in result.stderr
    assert "1 ids given a suffix" in result.stderr
    ids = _ids(db)
    assert ids[0] == "x" and ids[1].startswith("x~") and len(ids[1]) == 10
    again = run("ingest", str(dump), "--db", db, "--silent")
    assert "(2 already indexed)" in again.stderr and "warning" not in again.stderr
    assert _ids(db) == ids
    extracted = run("extract", str(dump), "--silent")
    docs = [json.loads(line)["doc"] for line in extracted.stdout.splitlines()]
    assert docs == ids  # the same stable suffix without an index
    assert "kept as" in extracted.stderr


@pytest.mark.issue(16)
def test_the_same_text_under_another_id_is_a_counted_duplicate(tmp_path: Path) -> None:
    root, db = tmp_path / "news", str(tmp_path / "i.db")
    root.mkdir()
    for name in ("a.txt", "b.txt"):
        (root / name).write_text(SAID.format(name="Ana Ruiz"))
    result = run("ingest", str(root), "--db", db, "--silent", "--workers", "1")
    assert result.exit_code == 0
    assert "(1 skipped: same text as an indexed article) in" in result.stderr
    listed = json.loads(run("errors", "--db", db, "--json").stdout)
    assert [(e["kind"], e["source"], e["reason"]) for e in listed] == [
        ("duplicate", str(root / "b.txt"), "same text as an indexed article (a)")
    ]


@pytest.mark.issue(16)
def test_migrate_gives_an_old_index_its_path_ids(tmp_path: Path) -> None:
    root, db = _dataset(tmp_path / "news"), str(tmp_path / "i.db")
    run("ingest", str(root), "--db", db, "--silent", "--workers", "1")
    conn = sqlite3.connect(db)
    with conn:  # as an index of before #16 holds them: file names only
        conn.execute(
            "UPDATE articles SET doc_id = substr(doc_id, instr(doc_id, '/') + 1) "
            "WHERE doc_id LIKE 'politics/%'"
        )
        conn.execute(  # ids given by the data, not file names: left alone
            "UPDATE articles SET doc_id = 'sport-' || substr(doc_id, 7) "
            "WHERE doc_id LIKE 'sport/%'"
        )
        conn.execute(
            "DELETE FROM _migrations WHERE name LIKE '%_article_ids_from_paths'"
        )
    conn.close()
    refused = run("search", "--db", db)
    assert refused.exit_code == 1 and "whosaid migrate" in refused.stderr
    migrated = run("migrate", "--db", db)
    assert migrated.exit_code == 0, migrated.output
    assert "2 article ids are now their path" in migrated.stderr
    # Ids that were not a file's name (sport-001 here) are left as they were.
    assert _ids(db) == ["politics/001", "politics/002", "sport-001", "sport-002"]


def test_ingest_of_shards_keeps_both_texts_of_a_clashing_id(tmp_path: Path) -> None:
    """A Ray run does not check ids across its actors (#16): two shards may
    carry one id for two different texts; ingest keeps both, the second with
    its suffix, and says so."""
    from whosaid.model import Article
    from whosaid.model import Result as Extracted
    from whosaid.scale.shards import write_shard

    out, db = tmp_path / "shards", tmp_path / "news.db"
    for name, text in (("a", "The rain fell."), ("b", "The sun shone.")):
        write_shard([Extracted(Article(id="x", text=text), [])], str(out), name)
    result = CliRunner().invoke(main, ["ingest", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "1 ids given a suffix" in result.stderr
    ids = _ids(db)
    assert ids[0] == "x" and ids[1].startswith("x~") and len(ids) == 2
