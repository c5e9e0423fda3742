"""An engine's identity: name and version, known without loading a model (#12)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from whosaid.cli import main
from whosaid.errors import UnknownEngineError
from whosaid.extract import engines
from whosaid.extract.tagger import engine as tagger_engine
from whosaid.store.ingest import engine_label

TEXT = (
    "Transport Minister Graham Holt spoke on Wednesday. "
    '"I would urge the union to call off the strike," Holt said.\n'
)


def _model_copy(tmp_path: Path, version: str) -> Path:
    """A copy of the shipped model whose meta.json says `version`."""
    copy = tmp_path / "model"
    shutil.copytree(tagger_engine.model_path(), copy)
    _set_version(copy, version)
    return copy


def _set_version(path: Path, version: str) -> None:
    meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
    meta["version"] = version
    (path / "meta.json").write_text(json.dumps(meta), encoding="utf-8")


def test_rules_identity_is_its_version() -> None:
    identity = engines.engine_identity("rules")
    assert (identity.name, identity.version) == ("rules", "whosaid.rules.v13")
    assert engine_label("rules") == "rules:whosaid.rules.v13"


@pytest.mark.issue(12)
def test_model_identity_is_read_from_meta_without_loading_the_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Only meta.json: loading this "model" would fail, so the version must
    # come from the file alone.
    shutil.copy(tagger_engine.model_path() / "meta.json", tmp_path / "meta.json")
    _set_version(tmp_path, "9.9.9")
    monkeypatch.setattr(tagger_engine, "model_path", lambda: tmp_path)
    assert (
        engine_label("model")
        == "model:whosaid.tagger.polnear_tagger-9.9.9+whosaid.rules.v13"
    )


def test_identity_of_the_shipped_model_matches_the_loaded_engine(
    model_extractor,  # type: ignore[no-untyped-def]
) -> None:
    loaded = engines.identity_of(model_extractor.engine)
    assert engines.engine_identity("model") == loaded
    assert loaded.version.startswith("whosaid.tagger.")


def test_an_unknown_engine_has_no_identity() -> None:
    with pytest.raises(UnknownEngineError, match="--engine must be one of"):
        engines.engine_identity("telepathy")


@pytest.mark.issue(12)
def test_reextract_after_a_model_retrain(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new model version re-extracts; the same version adds nothing."""
    model = _model_copy(tmp_path, "1.0.0")
    monkeypatch.setattr(tagger_engine, "model_path", lambda: model)
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "strike.txt").write_text(TEXT, encoding="utf-8")
    db = str(tmp_path / "index.db")
    ingest = ["ingest", str(tmp_path / "in"), "--db", db, "--engine", "model"]
    ingest += ["--workers", "1", "--silent", "--reextract"]

    first = CliRunner().invoke(main, ingest, catch_exceptions=False)
    assert first.exit_code == 0, first.output
    again = CliRunner().invoke(main, ingest, catch_exceptions=False)
    assert "(1 already indexed" in again.stderr, again.stderr

    _set_version(model, "1.0.1")  # retrained
    retrained = CliRunner().invoke(main, ingest, catch_exceptions=False)
    assert "1 re-extracted" in retrained.stderr, retrained.stderr
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT engine FROM articles").fetchall() == [
        ("model:whosaid.tagger.polnear_tagger-1.0.1+whosaid.rules.v13",)
    ]
    engines_of_quotes = conn.execute("SELECT DISTINCT engine FROM quotes").fetchall()
    assert engines_of_quotes == [
        ("whosaid.tagger.polnear_tagger-1.0.1+whosaid.rules.v13",)
    ]
