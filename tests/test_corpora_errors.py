"""Errors a user can act on: `whosaid errors`, hints, quiet warnings (#16)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from store_helpers import register_fake_engine
from whosaid.cli import main

SAID = "\u201cThe harbour deal is finally signed and sealed,\u201d said Ana Ruiz.\n"
SPANISH = (
    "El ministro de Hacienda dijo el lunes que el presupuesto de este a\u00f1o "
    "no alcanza para reparar las escuelas de la capital.\n"
)


@pytest.fixture(autouse=True)
def fake_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    register_fake_engine()
    monkeypatch.setenv("WHOSAID_ENGINE", "fake")


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    root.mkdir()
    (root / "good.txt").write_text(SAID)
    (root / "old.txt").write_bytes(("Caf\u00e9 owners. " + SAID).encode("cp1252"))
    (root / "es.txt").write_text(SPANISH * 2)
    (root / "dump.jsonl").write_text('{"id": "j", "text": 3}\n')
    return root


@pytest.mark.issue(16)
def test_errors_lists_every_failed_and_skipped_input_by_kind(
    corpus: Path, tmp_path: Path
) -> None:
    db = str(tmp_path / "i.db")
    result = run("ingest", str(corpus), "--db", db, "--silent", "--workers", "1")
    assert result.exit_code == 1
    assert "1 skipped: not English (es 1)" in result.stderr
    assert f"every failed or skipped input: whosaid errors --db {db}" in result.stderr
    assert "hint: language: --language any" in result.stderr
    assert "hint: malformed:" in result.stderr
    assert "--reextract" not in result.stderr  # nothing to do with these failures
    listed = json.loads(run("errors", "--db", db, "--json").stdout)
    assert sorted((e["kind"], Path(e["source"]).name) for e in listed) == [
        ("language", "es.txt"),
        ("malformed", "dump.jsonl:1"),
    ]
    only = run("errors", "--db", db, "--kind", "language", "--csv")
    rows = list(csv.DictReader(io.StringIO(only.stdout)))
    assert [row["reason"] for row in rows] == ["not English (es)"]
    table = run("errors", "--db", db)
    assert table.exit_code == 0 and "malformed" in table.stdout
    assert "2 listed (run 1: " in table.stderr


@pytest.mark.issue(16)
def test_the_encoding_is_kept_and_a_wrong_one_is_an_encoding_error(
    corpus: Path, tmp_path: Path
) -> None:
    import sqlite3

    db = str(tmp_path / "i.db")
    run("ingest", str(corpus), "--db", db, "--silent", "--workers", "1")
    conn = sqlite3.connect(db)
    rows = dict(conn.execute("SELECT doc_id, encoding FROM articles").fetchall())
    assert rows == {"good": "utf-8", "old": "cp1252"}
    text = conn.execute("SELECT text FROM articles WHERE doc_id = 'old'").fetchone()
    assert text[0].startswith("Caf\u00e9 owners.")
    forced = run("extract", str(corpus / "old.txt"), "--encoding", "utf-8", "--silent")
    assert forced.exit_code == 1
    assert "not utf-8 text (bad byte at offset 3)" in forced.stderr
    assert "hint: encoding: name the encoding for the run" in forced.stderr
    bad = run("extract", str(corpus), "--encoding", "klingon")
    assert bad.exit_code == 1 and "--encoding must be an encoding" in bad.output
    kept = run("extract", str(corpus / "es.txt"), "--language", "any", "--silent")
    assert kept.exit_code == 0 and "from 1 articles" in kept.stderr


_NOISY_RUN = """
import sys, warnings
import store_helpers
from whosaid.cli import main

find_quotes = store_helpers.FakeEngine.find_quotes

def noisy(self, doc, doc_id):
    warnings.warn("UnknownTimezoneWarning: tzname XYZ", UserWarning, stacklevel=1)
    return find_quotes(self, doc, doc_id)

store_helpers.FakeEngine.find_quotes = noisy
store_helpers.register_fake_engine()
main(sys.argv[1:])
"""


@pytest.mark.issue(16)
@pytest.mark.parametrize(("flags", "shown"), [((), False), (("-v",), True)])
def test_library_warnings_reach_the_terminal_only_with_v(
    corpus: Path, flags: tuple[str, ...], shown: bool
) -> None:
    # A real process: pytest records warnings itself, so CliRunner never sees
    # them on stderr.
    tests = Path(__file__).parent
    env = os.environ | {
        "PYTHONPATH": os.pathsep.join([str(tests.parent / "src"), str(tests)]),
        "WHOSAID_ENGINE": "fake",
    }
    args = [*flags, "extract", str(corpus / "good.txt"), "--silent", "--workers", "1"]
    done = subprocess.run(
        [sys.executable, "-c", _NOISY_RUN, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert "extracted 1 quotes" in done.stderr, done.stderr
    assert ("UnknownTimezoneWarning" in done.stderr) is shown


@pytest.mark.issue(16)
def test_past_twenty_errors_the_rest_are_named_by_the_command(tmp_path: Path) -> None:
    dump, db = tmp_path / "dump.jsonl", str(tmp_path / "i.db")
    dump.write_text("{broken\n" * 25)
    result = run("ingest", str(dump), "--db", db, "--silent", "--workers", "1")
    assert result.exit_code == 1
    assert result.stderr.count("error: ") == 20
    assert f"... 5 more: whosaid errors --db {db}" in result.stderr
    listed = json.loads(run("errors", "--db", db, "--json").stdout)
    assert len(listed) == 25 and listed[-1]["source"] == f"{dump}:25"
