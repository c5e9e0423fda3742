"""Source-type labels matched by content overlap, not position (#15).

`benchmarks/voices_labels.py` and the `score-sources` / `quote-contexts`
modes of `benchmarks/voices_gender.py`, on made-up label rows and a made-up
index: a rebuilt index whose extraction dropped or added a quote before a
labelled one must still score the labelled words, and a labelled quote the
engine no longer extracts is reported as missing, never dropped.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from scripts import ROOT, load_script

BENCHMARKS = ROOT / "benchmarks"
TEXT = (
    "Mr Smith said the plan was sound. "  # 0-34
    "A spokesman said costs would rise. "  # 34-69
    "The firm said it expected losses."  # 69-102
)


def _load(name: str) -> ModuleType:
    return load_script(BENCHMARKS / f"{name}.py", name)


@pytest.fixture(scope="module")
def labels() -> ModuleType:
    return _load("voices_labels")


@pytest.fixture(scope="module")
def gender(labels: ModuleType) -> Iterator[ModuleType]:
    sys.path.insert(0, str(BENCHMARKS))  # voices_gender imports voices_labels
    try:
        yield _load("voices_gender")
    finally:
        sys.path.remove(str(BENCHMARKS))


def _index(path: Path, quotes: list[tuple[int, int, str, str]]) -> sqlite3.Connection:
    """A made-up index of one article: (start, end, mention, source) per quote."""
    conn = sqlite3.connect(path)
    conn.executescript(
        "CREATE TABLE articles (id INTEGER PRIMARY KEY, doc_id TEXT, text TEXT);"
        "CREATE TABLE quotes (id INTEGER PRIMARY KEY, article_id INTEGER, position INTEGER,"
        " content_start INTEGER, content_end INTEGER, speaker_text TEXT, speaker_name TEXT);"
        "CREATE TABLE quote_voices (quote_id INTEGER PRIMARY KEY, source TEXT);"
    )
    conn.execute("INSERT INTO articles VALUES (1, 'politics/001', ?)", (TEXT,))
    for position, (start, end, mention, source) in enumerate(quotes):
        cursor = conn.execute(
            "INSERT INTO quotes (article_id, position, content_start, content_end,"
            " speaker_text) VALUES (1, ?, ?, ?, ?)",
            (position, start, end, mention),
        )
        conn.execute(
            "INSERT INTO quote_voices VALUES (?, ?)", (cursor.lastrowid, source)
        )
    conn.commit()
    return conn


OLD = [(14, 33, "Mr Smith", "person"), (51, 68, "A spokesman", "anonymous")]
HEADER = "# made-up labels\ndoc_id\tposition\tlabel\tnote\n"


def test_a_moved_boundary_matches_and_a_neighbour_does_not(labels: ModuleType) -> None:
    span = labels.Span
    label = span("politics/001", 51, 68)
    moved = span("politics/001", 49, 69, 7)  # the content grew by two characters
    neighbour = span("politics/001", 66, 90, 8)  # shares two characters
    other_article = span("politics/002", 51, 68, 9)
    assert labels.best_match(label, [neighbour, moved, other_article]) == moved
    assert labels.best_match(label, [neighbour, other_article]) is None
    assert labels.match_all([label, span("politics/003", 0, 5)], [moved]) == [
        moved,
        None,
    ]


def test_offsets_are_added_from_the_index_the_labels_were_drawn_from(
    labels: ModuleType, tmp_path: Path
) -> None:
    conn = _index(tmp_path / "old.db", OLD)
    path = tmp_path / "labels.tsv"
    path.write_text(HEADER + 'politics/001\t1\tanonymous\t"a spokesman" unnamed\n')
    assert labels.add_offsets(conn, path) == 1
    comments, rows = labels.read_labels(path)
    assert comments == ["# made-up labels"]
    assert rows == [
        {
            "doc_id": "politics/001",
            "position": "1",
            "label": "anonymous",
            "note": '"a spokesman" unnamed',  # quotation marks kept as written
            "content_start": "51",
            "content_end": "68",
            "span": labels.span_hash(TEXT, 51, 68),
        }
    ]
    assert labels.add_offsets(conn, path) == 0  # rows with offsets are kept


def _labelled(labels: ModuleType, tmp_path: Path) -> Path:
    path = tmp_path / "labels.tsv"
    path.write_text(
        HEADER
        + "politics/001\t0\tperson\tnamed\n"
        + "politics/001\t1\tanonymous\tunnamed spokesman\n"
    )
    labels.add_offsets(_index(tmp_path / "old.db", OLD), path)
    return path


def test_a_rebuilt_index_is_scored_on_the_labelled_words(
    labels: ModuleType,
    gender: ModuleType,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = _labelled(labels, tmp_path)
    # Extraction now drops Mr Smith's quote and finds one before the spokesman's:
    # by position, label 1 would be scored on the firm's quote.
    new = _index(
        tmp_path / "new.db",
        [(51, 68, "A spokesman", "anonymous"), (83, 101, "The firm", "organisation")],
    )
    gender.score_sources(new, path, errors=True)
    out = capsys.readouterr().out
    assert "source type accuracy: 1/2 = 0.500" in out
    assert "missing (no longer extracted): 1, of which 1 labelled" in out
    assert "accuracy on the matched quotes: 1/1 = 1.000" in out
    assert "missing: politics/001 @14-33 labelled person (named)" in out


def test_a_missing_non_statement_counts_right_and_is_listed(
    labels: ModuleType,
    gender: ModuleType,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "labels.tsv"
    path.write_text(HEADER + "politics/001\t0\tunknown\tnarrative\n")
    labels.add_offsets(_index(tmp_path / "old.db", OLD), path)
    gender.score_sources(_index(tmp_path / "new.db", OLD[1:]), path)
    out = capsys.readouterr().out
    assert "source type accuracy: 1/1 = 1.000" in out
    assert "missing: politics/001 @14-33 labelled unknown (narrative)" in out


def test_a_label_without_offsets_is_an_error_naming_the_file(
    gender: ModuleType, tmp_path: Path
) -> None:
    path = tmp_path / "labels.tsv"
    path.write_text(HEADER + "politics/001\t0\tperson\tnamed\n")
    conn = _index(tmp_path / "new.db", OLD)
    with pytest.raises(SystemExit, match="labels.tsv: politics/001 #0 has no content"):
        gender.score_sources(conn, path)


def test_changed_article_text_is_warned(
    labels: ModuleType,
    gender: ModuleType,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = _labelled(labels, tmp_path)
    new = _index(tmp_path / "new.db", OLD)
    new.execute("UPDATE articles SET text = 'Dr ' || text")
    gender.score_sources(new, path)
    assert "warning: 2 labels' offsets no longer hold" in capsys.readouterr().out


def test_excluded_labels_are_not_drawn_again_at_a_new_position(
    labels: ModuleType,
    gender: ModuleType,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = _labelled(labels, tmp_path)
    new = _index(
        tmp_path / "new.db",
        [
            (83, 101, "The firm", "organisation"),
            (14, 33, "Mr Smith", "person"),
            (50, 68, "A spokesman", "anonymous"),
        ],  # fmt: skip
    )
    gender.quote_contexts(new, 1, 3, [path], blind=True)
    out = capsys.readouterr().out
    assert "=== politics/001 #0 @83-101" in out
    assert "[[it expected losses]]" in out
