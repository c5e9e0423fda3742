"""Every bad input of #16: one error line naming it, the rest indexed, exit 1."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from badgen import write_bad_inputs
from store_helpers import register_fake_engine
from whosaid.cli import main


@pytest.fixture(autouse=True)
def fake_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    register_fake_engine()
    monkeypatch.setenv("WHOSAID_ENGINE", "fake")


def _lock_for_root(monkeypatch: pytest.MonkeyPatch, locked: Path) -> None:
    """Make `locked` unreadable for root too, whom mode 000 does not stop."""
    read_bytes = Path.read_bytes

    def refuse(path: Path) -> bytes:
        if path == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", refuse)


@pytest.mark.issue(16)
def test_bad_inputs_are_one_line_each_and_the_good_ones_are_indexed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    want = write_bad_inputs(tmp_path / "in")
    assert want.locked is not None
    _lock_for_root(monkeypatch, want.locked)
    db = str(tmp_path / "i.db")
    result = CliRunner().invoke(
        main,
        ["ingest", str(tmp_path / "in"), "--db", db, "--silent", "--workers", "1"],
        catch_exceptions=False,
    )
    assert result.exit_code == 1, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    for source in want.bad_sources:
        named = [line for line in errors if f"error: {source}" in line]
        assert len(named) == 1, (source, errors)
    assert len(errors) == len(want.bad_sources), errors
    assert "Traceback" not in result.output
    conn = sqlite3.connect(db)
    ids = {row[0] for row in conn.execute("SELECT doc_id FROM articles")}
    assert ids == set(want.good_ids)
    assert f"{len(want.bad_sources)} inputs failed" in result.stderr
    assert f"whosaid errors --db {db}" in result.stderr
    kinds = {row[0] for row in conn.execute("SELECT DISTINCT kind FROM ingest_errors")}
    assert kinds == {
        "binary", "empty", "too-large", "unreadable", "truncated", "malformed"
    }  # fmt: skip
