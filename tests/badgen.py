"""Build a folder of bad inputs beside good articles (#16), for tests and benchmarks.

Every text here is written by this module. `write_bad_inputs` returns what a
reader must make of the folder: the ids of the good articles and, for each
bad input, the source its one error line names.

Run it to make a benchmark input:  python tests/badgen.py OUT_DIR
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from warcgen import write_warc

GOOD = "\u201cThe harbour deal is finally signed and sealed,\u201d said {name}.\n"
BIG_LINE_BYTES = 50_000_000


@dataclass
class BadInputs:
    """What reading the folder must give."""

    good_ids: list[str] = field(default_factory=list)
    bad_sources: list[str] = field(default_factory=list)
    locked: Path | None = None  # the file made unreadable (mode 000)


def _good(name: str, number: int) -> str:
    return f"Story {number} from the harbour. " + GOOD.format(name=name)


def write_bad_inputs(root: Path, *, big: bool = True) -> BadInputs:
    """Write the issue's bad inputs, each beside good articles, under `root`.

    Args:
        root: An empty or missing folder.
        big: Write the two 50 MB single-line files (a .txt and a .jsonl line).
    """
    root.mkdir(parents=True, exist_ok=True)
    want = BadInputs()
    for number, name in enumerate(("Ana Ruiz", "Tom Reed", "Maria Okafor")):
        (root / f"good{number}.txt").write_text(_good(name, number))
        want.good_ids.append(f"good{number}")

    def bad(name: str, data: bytes, source: str | None = None) -> None:
        (root / name).write_bytes(data)
        want.bad_sources.append(source or str(root / name))

    bad("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    bad("nul.txt", b"Story with a NUL\x00 byte in it.")
    bad("empty.txt", b"")
    bad("blank.jsonl", b"\n\n")
    if big:
        bad("huge.txt", b"x" * BIG_LINE_BYTES)
    tiny = "".join(f"Paragraph {n}.\n\n" for n in range(20_000))
    (root / "paragraphs.txt").write_text(tiny + GOOD.format(name="Ana Ruiz"))
    want.good_ids.append("paragraphs")
    locked = root / "locked.txt"
    locked.write_text(_good("Tom Reed", 9))
    locked.chmod(0)
    want.locked = locked
    want.bad_sources.append(str(locked))
    loop = root / "loop.txt"
    loop.symlink_to(loop)
    want.bad_sources.append(str(loop))
    (root / "sub").mkdir()
    (root / "sub" / "up").symlink_to(root)
    want.bad_sources.append(str(root / "sub" / "up"))
    write_warc(root / "cut.warc.gz", articles=2, extras=False, truncate=True)
    want.good_ids += [
        "https://harbourledger.example/news/2026-03-01/story-0",
        "https://valleycourier.example/news/2026-03-02/story-1",
    ]
    want.bad_sources.append(f"{root / 'cut.warc.gz'}@")  # the offset follows
    dump = root / "dump.jsonl"
    lines = [
        json.dumps({"id": "j1", "text": _good("Ana Ruiz", 11)}),
        "{not json",
        json.dumps({"id": "j2", "text": _good("Tom Reed", 12)}),
        json.dumps({"text": _good("Ana Ruiz", 13)}),  # no id
        json.dumps({"id": "j4", "text": 7}),  # text not a string
        json.dumps({"id": "j5", "title": {"a": 1}, "text": _good("Tom Reed", 15)}),
        json.dumps({"id": "j6", "text": _good("Maria Okafor", 16)}),
    ]
    with dump.open("wb") as f:
        f.write(("\n".join(lines) + "\n").encode())
        if big:
            f.write(b'{"id": "big", "text": "' + b"y" * BIG_LINE_BYTES + b'"}\n')
        f.write(json.dumps({"id": "j9", "text": _good("Ana Ruiz", 19)}).encode())
    want.good_ids += ["j1", "j2", "j6", "j9"]
    want.bad_sources += [f"{dump}:{n}" for n in (2, 4, 5, 6)]
    if big:
        want.bad_sources.append(f"{dump}:8")
    pq.write_table(pa.table({"id": ["q1"], "body": ["x"]}), root / "notext.parquet")
    want.bad_sources.append(str(root / "notext.parquet"))
    return want


def main(argv: list[str]) -> None:
    want = write_bad_inputs(Path(argv[1]))
    print(
        f"wrote {len(want.good_ids)} good articles and {len(want.bad_sources)} bad "
        f"inputs to {argv[1]}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main(sys.argv)
