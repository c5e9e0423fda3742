"""Shared fixtures: one spaCy pipeline per session, a private WHOSAID_HOME."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
POLNEAR = SHARED / "data" / "polnear"


def pytest_report_header() -> list[str]:
    import spacy

    return [f"spaCy {spacy.__version__}, SQLite {sqlite3.sqlite_version}"]


@pytest.fixture(autouse=True)
def _whosaid_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Keep every test away from the user's files and settings."""
    monkeypatch.setenv("WHOSAID_HOME", str(tmp_path))
    monkeypatch.setenv("WHOSAID_CONFIG", str(tmp_path / "whosaid.toml"))
    yield


@pytest.fixture(scope="session")
def extractor():  # type: ignore[no-untyped-def]
    """The rules engine (the default), loaded once for the whole session."""
    from whosaid import Extractor

    return Extractor("rules")


@pytest.fixture(scope="session")
def model_extractor():  # type: ignore[no-untyped-def]
    """The trained model engine, loaded once for the whole session."""
    from whosaid import Extractor

    return Extractor("model")
