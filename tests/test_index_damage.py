"""Damaged, empty and oddly named index files (#19).

A damaged file gets one clear message from every command and page (never a
traceback or a plain 500); writers refuse it; `whosaid check` says what is
wrong and what to do. Paths with URI characters (`#`, `?`, `%`, spaces) work.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from whosaid.cli import main

ARTICLES = [
    {
        "id": f"story-{i}",
        "text": f"\u201cWe will finish road number {i} before the winter comes,\u201d "
        f"said Speaker Number{i}. " + "Filler sentence about the roads. " * 40,
        "outlet": "Globe",
        "published": "2026-03-01",
    }
    for i in range(60)
]


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def fake_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(
        __import__("whosaid.extract.engines", fromlist=["ENGINES"]).ENGINES,
        "fake",
        "store_helpers:FakeEngine",
    )
    monkeypatch.setenv("WHOSAID_ENGINE", "fake")


def _ingest(db: Path, tmp_path: Path, articles: list[dict[str, str]]) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(a) + "\n" for a in articles), "utf-8")
    result = run("ingest", str(corpus), "--db", str(db), "--workers", "1", "--silent")
    assert result.exit_code == 0, result.output


@pytest.fixture
def damaged(fake_engine: None, tmp_path: Path) -> Path:
    """An index whose second half of pages is overwritten with garbage."""
    db = tmp_path / "index.db"
    _ingest(db, tmp_path, ARTICLES)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(db.read_bytes())
    pages = len(data) // page_size
    assert pages > 20
    for page in range(pages // 2, pages):
        start = page * page_size
        data[start : start + page_size] = bytes(
            (page * 7 + i) % 251 for i in range(page_size)
        )
    db.write_bytes(bytes(data))
    return db


DAMAGED = "the index file is damaged"


@pytest.mark.issue(19)
@pytest.mark.parametrize(
    "command",
    [
        ["stats"],
        ["search", "roads"],
        ["search", "winter", "--json"],
        ["repeated"],
        ["export"],
        ["article", "story-59"],
        ["speakers"],
    ],
)
def test_readers_name_the_damage(damaged: Path, command: list[str]) -> None:
    result = run(*command, "--db", str(damaged))
    if result.exit_code != 0:
        assert result.exit_code == 1
        assert DAMAGED in result.stderr, result.stderr
        assert "whosaid check" in result.stderr
        assert "Traceback" not in result.output


@pytest.mark.issue(19)
@pytest.mark.parametrize("command", [["export"], ["search", "roads"]])
def test_reading_damaged_pages_fails_cleanly(damaged: Path, command: list[str]) -> None:
    """These read every quote (or the search index): the damage cannot hide."""
    result = run(*command, "--db", str(damaged))
    assert result.exit_code == 1
    assert DAMAGED in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.issue(19)
@pytest.mark.parametrize("command", [["migrate"], ["ingest", "CORPUS"]])
def test_writers_refuse_a_damaged_index(
    damaged: Path, tmp_path: Path, command: list[str]
) -> None:
    corpus = tmp_path / "more.jsonl"
    corpus.write_text(json.dumps({"id": "new", "text": "Nothing said."}) + "\n")
    before = damaged.read_bytes()
    args = [str(corpus) if part == "CORPUS" else part for part in command]
    result = run(*args, "--db", str(damaged))
    assert result.exit_code == 1
    assert DAMAGED in result.stderr
    assert damaged.read_bytes() == before


@pytest.mark.issue(19)
def test_check_reports_damage_and_what_to_do(damaged: Path) -> None:
    result = run("check", "--db", str(damaged))
    assert result.exit_code == 1
    assert "damaged" in result.stderr
    assert "restore" in result.stderr and "re-ingest" in result.stderr
    report = json.loads(run("check", "--db", str(damaged), "--json").stdout)
    assert report["ok"] is False and report["problems"]


@pytest.mark.issue(19)
def test_check_counts_a_sound_index(fake_engine: None, tmp_path: Path) -> None:
    db = tmp_path / "index.db"
    _ingest(db, tmp_path, ARTICLES[:3])
    result = run("check", "--db", str(db), "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["ok"] is True
    assert report["counts"]["articles"] == 3
    assert report["counts"]["quotes"] == 3
    assert report["schema"]
    assert "ok" in run("check", "--db", str(db)).stderr


@pytest.mark.issue(19)
def test_an_empty_file_is_called_empty(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    db.touch()
    for command in (["stats"], ["search", "x"], ["check"]):
        result = run(*command, "--db", str(db))
        assert result.exit_code == 1
        assert "empty" in result.stderr, result.stderr
        assert "older" not in result.stderr


@pytest.mark.issue(19)
def test_the_web_app_answers_503_with_the_message(damaged: Path) -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from whosaid.web import create_app

    client = TestClient(create_app(damaged), raise_server_exceptions=False)
    for url in ("/api/quotes?q=roads", "/api/overview", "/api/articles"):
        response = client.get(url)
        if response.status_code != 200:
            assert response.status_code == 503, (url, response.text)
            assert DAMAGED in response.json()["detail"]
    page = client.get("/?q=roads")
    assert page.status_code in (200, 503)
    if page.status_code == 503:
        assert DAMAGED in page.text


@pytest.mark.issue(19)
@pytest.mark.parametrize(
    "name", ["a#b.db", "what?.db", "100%.db", "my index.db", "x%23y.db"]
)
def test_index_paths_with_uri_characters(
    fake_engine: None, tmp_path: Path, name: str
) -> None:
    folder = tmp_path / "dir"
    folder.mkdir()
    db = folder / name
    _ingest(db, tmp_path, ARTICLES[:2])
    for command in (["stats", "--json"], ["search", "winter", "--json"], ["check"]):
        result = run(*command, "--db", str(db))
        assert result.exit_code == 0, (command, result.output)
    stats = json.loads(run("stats", "--json", "--db", str(db)).stdout)
    assert stats["articles"] == 2
    # No stray file: before #19 `file:a#b.db?mode=ro` opened (and made) "a".
    assert all(p.name.startswith(name) for p in folder.iterdir())
