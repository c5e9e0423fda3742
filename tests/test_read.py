"""Reading inputs: every readable article out, every bad input a Failure."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from whosaid.model import Article, Failure
from whosaid.read import read_inputs
from whosaid.read.stdin import read_stdin


def _read(*paths: Path | str) -> list[Article | Failure]:
    return list(read_inputs(paths))


def test_txt_keeps_text_exactly(tmp_path: Path) -> None:
    (tmp_path / "story.txt").write_bytes("“Yes,” she said.\r\nNext.".encode())
    [article] = _read(tmp_path / "story.txt")
    assert isinstance(article, Article)
    assert article.id == "story"
    assert article.text == "“Yes,” she said.\r\nNext."


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"abc\x00def", "binary data"),
        (b"\x00\x01\x02binary\x00", "binary data"),
        (b"\xff\xfe\x00\x00", "empty text"),  # a UTF-32 byte-order mark alone
    ],
)
def test_bad_txt_is_a_failure(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    [failure] = _read(path)
    assert isinstance(failure, Failure)
    assert reason in failure.reason
    assert str(path) in str(failure)


def test_huge_file_is_refused_without_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WHOSAID_MAX_FILE_BYTES", "1000")
    path = tmp_path / "big.txt"
    path.write_text("x" * 5000)
    [failure] = _read(path)
    assert isinstance(failure, Failure)
    assert "limit" in failure.reason


def test_jsonl_bad_lines_do_not_stop_good_ones(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_text(
        '{"id": "a", "text": "One.", "outlet": "Wire"}\n'
        "{not json\n"
        "\n"
        '{"id": "b"}\n'
        "[1, 2]\n"
        '{"id": "c", "text": "Three."}\n'
    )
    items = _read(path)
    assert [i.id for i in items if isinstance(i, Article)] == ["a", "c"]
    failures = [i for i in items if isinstance(i, Failure)]
    assert [f.source for f in failures] == [f"{path}:2", f"{path}:4", f"{path}:5"]
    assert items[0].outlet == "Wire"  # type: ignore[union-attr]


def test_folder_is_walked_in_order_and_unknown_files_ignored(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Two.")
    (tmp_path / "one.txt").write_text("One.")
    (tmp_path / "notes.md").write_text("ignored")
    (tmp_path / ".hidden.txt").write_text("ignored")
    ids = [a.id for a in _read(tmp_path) if isinstance(a, Article)]
    assert ids == ["b/two", "one"]


def test_missing_path_and_unknown_suffix(tmp_path: Path) -> None:
    (tmp_path / "x.pdf").write_text("nope")
    missing, unknown = _read(tmp_path / "nope.txt", tmp_path / "x.pdf")
    assert isinstance(missing, Failure) and "no such file" in missing.reason
    assert isinstance(unknown, Failure) and "unsupported" in unknown.reason


def test_html_without_body_fails(tmp_path: Path) -> None:
    (tmp_path / "empty.html").write_text("<html><head><title>x</title></head></html>")
    [failure] = _read(tmp_path / "empty.html")
    assert isinstance(failure, Failure)
    assert "no article text" in failure.reason


def test_stdin_text_and_jsonl() -> None:
    [article] = read_stdin(io.BytesIO(b"Plain text."))
    assert isinstance(article, Article) and article.id == "stdin"
    items = list(read_stdin(io.BytesIO(b'{"id": 1, "text": "A."}\n{"id": 2}\n')))
    assert isinstance(items[0], Article) and isinstance(items[1], Failure)
