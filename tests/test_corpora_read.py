"""Readers that lose nothing: encodings, languages, line ends, folders (#16)."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from whosaid.model import Article, Failure
from whosaid.read import ReadOptions, read_inputs
from whosaid.read.decode import decode_bytes
from whosaid.read.items import Skipped
from whosaid.read.stdin import read_stdin

NEWS = (
    "\u201cWe won\u2019t back down,\u201d said the minister \u2013 who earns "
    "\u00a3300,000 a year \u2013 on Monday.\n"
)
SPANISH = (
    "El ministro de Hacienda dijo el lunes que el presupuesto de este a\u00f1o "
    "no alcanza para reparar las escuelas. \u201cNo vamos a retroceder\u201d, "
    "afirm\u00f3 ante los periodistas en la capital.\n"
)
ENGLISH = (
    "The finance minister said on Monday that this year's budget is not enough "
    "to repair the schools. \u201cWe will not back down,\u201d she told "
    "reporters in the capital.\n"
)


def _read(*paths: Path | str, **options: str | None) -> list[Article | Failure]:
    return list(read_inputs(paths, ReadOptions(**options) if options else None))


@pytest.mark.issue(16)
@pytest.mark.parametrize(
    ("encoding", "expected"),
    [
        ("cp1252", "cp1252"),
        ("utf-16", "utf-16"),  # with a byte-order mark
        ("utf-16-le", "utf-16-le"),  # without one
        ("utf-8", "utf-8"),
    ],
)
def test_text_files_are_decoded_and_their_encoding_kept(
    tmp_path: Path, encoding: str, expected: str
) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes((NEWS * 3).encode(encoding))
    [article] = _read(path)
    assert isinstance(article, Article), article
    assert article.text == NEWS * 3
    assert article.encoding == expected


@pytest.mark.issue(16)
def test_latin1_bytes_read_as_windows_1252_and_short_texts_too() -> None:
    decoded = decode_bytes("He paid \u00a3300.\n".encode("latin-1"), "x")
    assert decoded == ("He paid \u00a3300.\n", "cp1252")


@pytest.mark.issue(16)
def test_an_encoding_set_for_the_run_is_used_and_bad_bytes_are_errors(
    tmp_path: Path,
) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(NEWS.encode("cp1252"))
    [forced] = _read(path, encoding="latin-1", language="en")
    assert isinstance(forced, Article) and forced.encoding == "latin-1"
    [failure] = _read(path, encoding="utf-8", language="en")
    assert isinstance(failure, Failure) and failure.kind == "encoding"
    assert "not utf-8 text (bad byte at offset 0)" in failure.reason


@pytest.mark.issue(16)
def test_every_input_kind_gets_the_language_check(tmp_path: Path) -> None:
    (tmp_path / "es.txt").write_text(SPANISH)
    (tmp_path / "en.txt").write_text(ENGLISH)
    (tmp_path / "dump.jsonl").write_text(
        json.dumps({"id": "j-es", "text": SPANISH})
        + "\n"
        + json.dumps({"id": "j-en", "text": ENGLISH})
        + "\n"
    )
    (tmp_path / "page.html").write_text(
        f"<html><body><article><p>{SPANISH}</p><p>{SPANISH}</p></article></body></html>"
    )
    pq.write_table(
        pa.table({"id": ["p-es"], "text": [SPANISH]}), tmp_path / "rows.parquet"
    )
    items = _read(tmp_path)
    skipped = [item for item in items if isinstance(item, Skipped)]
    assert sorted(s.source.rsplit("/", 1)[-1] for s in skipped) == [
        "dump.jsonl:1",
        "es.txt",
        "page.html",
        "rows.parquet:1",
    ]
    assert {(s.reason, s.kind, s.detail) for s in skipped} == {
        ("not English", "language", "es")
    }
    kept = [item.id for item in items if isinstance(item, Article)]
    assert kept == ["j-en", "en"]  # dump.jsonl sorts before en.txt
    everything = _read(tmp_path, language=None)
    assert len([i for i in everything if isinstance(i, Article)]) == 6


@pytest.mark.issue(16)
def test_short_texts_are_not_judged() -> None:
    from whosaid.read.language import check_language

    article = Article(id="a", text="One.")
    assert check_language(article, "en") is article


@pytest.mark.issue(16)
@pytest.mark.parametrize("separator", ["\u2028", "\u0085", "\x1c", "\r"])
def test_jsonl_lines_end_at_newline_only(tmp_path: Path, separator: str) -> None:
    lines = [
        json.dumps(
            {"id": str(n), "text": f"Line {n}{separator}more."}, ensure_ascii=False
        )
        for n in range(3)
    ]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    path = tmp_path / "dump.jsonl"
    path.write_bytes(data)
    from_file = _read(path)
    from_stdin = list(read_stdin(io.BytesIO(data)))
    for items in (from_file, from_stdin):
        assert [item.id for item in items if isinstance(item, Article)] == [
            "0",
            "1",
            "2",
        ]
        assert items[0].text == f"Line 0{separator}more."  # type: ignore[union-attr]


@pytest.mark.issue(16)
def test_plain_text_on_stdin_may_start_with_a_brace() -> None:
    text = b"{Updated} The council met again on Monday.\n"
    [article] = read_stdin(io.BytesIO(text))
    assert isinstance(article, Article) and article.id == "stdin"
    assert article.text == text.decode()


@pytest.mark.issue(16)
def test_empty_texts_fail_alike_from_every_reader(tmp_path: Path) -> None:
    (tmp_path / "blank.txt").write_text("  \n\t\n")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "dump.jsonl").write_text(
        '{"id": "a", "text": ""}\n{"id": "b", "text": " \\n "}\n'
    )
    pq.write_table(pa.table({"id": ["p"], "text": ["   "]}), tmp_path / "r.parquet")
    items = _read(tmp_path)
    assert all(isinstance(item, Failure) for item in items)
    assert {(item.kind, item.reason) for item in items} == {  # type: ignore[union-attr]
        ("empty", "empty text (nothing but white space)")
    }
    assert len(items) == 5
    [stdin] = read_stdin(io.BytesIO(b"\n  \n"))
    assert isinstance(stdin, Failure) and stdin.kind == "empty"


@pytest.mark.issue(16)
def test_an_unreadable_sub_folder_is_reported_and_the_rest_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "lost.txt").write_text(ENGLISH)
    (tmp_path / "open").mkdir()
    (tmp_path / "open" / "kept.txt").write_text(ENGLISH + " Kept.")
    scandir = os.scandir

    def deny(path: str | os.PathLike[str]) -> object:
        # Tests run as root, which chmod 000 does not stop: refuse by hand.
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied")
        return scandir(path)

    monkeypatch.setattr(os, "scandir", deny)
    failure, article = _read(tmp_path)
    assert isinstance(failure, Failure) and failure.kind == "unreadable"
    assert failure.source == f"{tmp_path / 'locked'}{os.sep}"
    assert "Permission denied" in failure.reason
    assert isinstance(article, Article) and article.id == "open/kept"
    # Named beside a good file, the folder is one failure, not a crash.
    failure, article = _read(tmp_path / "locked", tmp_path / "open" / "kept.txt")
    assert isinstance(failure, Failure) and isinstance(article, Article)


@pytest.mark.issue(16)
def test_symbolic_link_loops_are_reported_not_followed_forever(tmp_path: Path) -> None:
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(ENGLISH)
    (tmp_path / "news" / "again").symlink_to(tmp_path / "news")
    (tmp_path / "news" / "self.txt").symlink_to(tmp_path / "news" / "self.txt")
    items = _read(tmp_path / "news")
    assert [item.id for item in items if isinstance(item, Article)] == ["a"]
    failures = sorted(
        (Path(f.source).name, f.kind) for f in items if isinstance(f, Failure)
    )
    assert failures == [("again", "unreadable"), ("self.txt", "unreadable")]


def _record_starts(path: Path) -> set[int]:
    from warcio.archiveiterator import ArchiveIterator

    starts = set()
    with path.open("rb") as f:
        iterator = ArchiveIterator(f)
        for _record in iterator:
            starts.add(iterator.offset)
    return starts


@pytest.mark.issue(16)
@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_a_web_archive_cut_anywhere_is_an_error_naming_the_offset(
    tmp_path: Path, name: str
) -> None:
    from warcgen import write_warc
    from whosaid.read.walk import InputFile
    from whosaid.read.warc import iter_warc

    whole = tmp_path / name
    write_warc(whole, articles=3)
    data = whole.read_bytes()
    assert not [
        i for i in iter_warc(InputFile(whole, "c"), ReadOptions()) if type(i) is Failure
    ]
    # A cut exactly between two records cannot be told from a whole file.
    boundaries = _record_starts(whole)
    cut_file = tmp_path / f"cut-{name}"
    for cut in range(len(data) // 40, len(data), len(data) // 40):
        if cut in boundaries:
            continue
        cut_file.write_bytes(data[:cut])
        items = list(iter_warc(InputFile(cut_file, "c"), ReadOptions()))
        failures = [i for i in items if type(i) is Failure]
        assert len(failures) == 1, (cut, items)
        assert failures[0].kind == "truncated"
        assert failures[0].source.startswith(f"{cut_file}@")
