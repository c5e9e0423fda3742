"""kill -9 in the middle of `whosaid ingest`, then run it again: nothing lost or doubled."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

TESTS = Path(__file__).resolve().parent
ARTICLES = 120
# Runs the real CLI with the regex engine registered (in this process only,
# hence --workers 1); no model to load.
LAUNCH = (
    f"import sys; sys.path.insert(0, {str(TESTS)!r}); import store_helpers; "
    "store_helpers.register_fake_engine(); from whosaid.cli import main; "
    "main(prog_name='whosaid')"
)


def _write_corpus(path: Path) -> None:
    with path.open("w", encoding="utf-8") as f:
        for number in range(ARTICLES):
            speaker = f"Speaker Person{number % 7}"
            text = (
                f"Story {number}. \u201cWe said this in number {number} and it matters,\u201d "
                f"said {speaker}. \u201cThe shared line repeated across every single outlet,\u201d "
                f"said {speaker}."
            )
            record = {"id": f"doc-{number}", "text": text, "outlet": f"Outlet {number % 5}",
                      "published": f"2026-03-{1 + number % 28:02d}"}  # fmt: skip
            f.write(json.dumps(record) + "\n")


def _ingest(corpus: Path, db: Path, delay: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "FAKE_ENGINE_DELAY": delay, "WHOSAID_BATCH_SIZE": "4"}
    return subprocess.Popen(
        [sys.executable, "-c", LAUNCH, "ingest", str(corpus), "--db", str(db),
         "--engine", "fake", "--workers", "1", "--batch-size", "5", "--silent"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip


def _committed(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(db, timeout=5)
        return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:  # not created yet
        return 0


def test_kill_9_mid_ingest_then_rerun_gives_every_article_once(tmp_path: Path) -> None:
    corpus, db = tmp_path / "dump.jsonl", tmp_path / "index.db"
    _write_corpus(corpus)
    process = _ingest(corpus, db, delay="0.03")
    deadline = time.monotonic() + 60
    while (
        _committed(db) < 20 and time.monotonic() < deadline and process.poll() is None
    ):
        time.sleep(0.05)
    # WAL: a reader searches while the writer is mid-run, without waiting.
    from whosaid.store import connect
    from whosaid.store.queries import search_quotes

    reader = connect(db, readonly=True)
    assert search_quotes(reader, "shared line", limit=5).quotes
    reader.close()
    assert process.poll() is None, "the reader must run during the ingest"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL
    killed_at = _committed(db)
    assert 20 <= killed_at < ARTICLES, "the kill must land mid-ingest"
    assert killed_at % 5 == 0, "only whole batches are committed"

    rerun = _ingest(corpus, db, delay="0")
    _, stderr = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, stderr.decode()
    assert f"{killed_at} already indexed" in stderr.decode()

    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    ids = [row[0] for row in conn.execute("SELECT doc_id FROM articles")]
    assert sorted(ids) == sorted(f"doc-{n}" for n in range(ARTICLES))
    assert conn.execute("SELECT count(*) FROM quotes").fetchone()[0] == 2 * ARTICLES
    # No half-written article: every article has exactly the quotes it counts.
    assert (
        conn.execute(
            "SELECT count(*) FROM articles WHERE quote_count != "
            "(SELECT count(*) FROM quotes WHERE quotes.article_id = articles.id)"
        ).fetchone()[0]
        == 0
    )
    shared = conn.execute("SELECT max(article_count) FROM clusters").fetchone()[0]
    assert shared == ARTICLES
    counts = conn.execute("SELECT sum(quote_count) FROM speakers").fetchone()[0]
    assert counts == 2 * ARTICLES
    fts = conn.execute(
        "SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH 'shared'"
    ).fetchone()[0]
    assert fts == ARTICLES
