"""Link time and memory for a knowledge base of N generated entities (#14).

    python benchmarks/kb_link.py --entities 1000000 --db /work/wt/bbc-speakers.db

1. writes N made-up people and organisations in Wikidata's dump format,
   gzipped (`tests/kbgen.py`: 90% people with an office, an occupation, an
   alias and dates; 10% companies; two namesakes of each speaker of the
   index, so every speaker has candidates), unless the file is already there;
2. indexes it in a child process (`whosaid.kb.index.build_index`): wall time,
   peak resident memory, index size;
3. links every speaker of a copy of `--db` (default: the 117-mention test
   set) against it, in another child process: wall time and peak memory.

Each stage runs in its own process, so each peak is that stage's alone; wall
and CPU time are both printed (on a shared machine wall time says little).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

_BUILD = """
import json, resource, sys, time
from pathlib import Path
from whosaid.kb.index import build_index
started, cpu = time.perf_counter(), time.process_time()
stats = build_index(Path(sys.argv[1]), Path(sys.argv[2]))
print(json.dumps({"seconds": time.perf_counter() - started,
    "cpu": time.process_time() - cpu, "lines": stats.lines,
    "people": stats.people, "orgs": stats.orgs,
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

_LINK = """
import json, resource, sys, time
from pathlib import Path
from whosaid.kb.index import open_kb
from whosaid.kb.link import link_speakers
from whosaid.store import connect, transaction
conn = connect(sys.argv[1])
kb, _ = open_kb(Path(sys.argv[2]), Path(sys.argv[2]))
speakers = conn.execute("SELECT count(*) FROM speakers").fetchone()[0]
started, cpu = time.perf_counter(), time.process_time()
with transaction(conn):
    report = link_speakers(conn, kb)
print(json.dumps({"seconds": time.perf_counter() - started,
    "cpu": time.process_time() - cpu, "speakers": speakers,
    "summary": report.summary(),
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _child(code: str, *args: str) -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
    )
    return json.loads(result.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]  # our own JSON


def _mention_index(path: Path) -> None:
    from kbcases import mention_results
    from whosaid.store import Ingester, connect

    Ingester(connect(path), engine="test:1").ingest(mention_results())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--entities", type=int, default=1_000_000)
    parser.add_argument("--dump", type=Path, help="where the generated dump goes")
    parser.add_argument("--db", type=Path, help="index whose speakers to link (copied)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kb-bench-"))
    db = work / "index.db"
    if args.db:
        shutil.copy(args.db, db)
    else:
        _mention_index(db)
    dump = args.dump or work / f"kb-{args.entities}.json.gz"
    if not dump.exists():
        from kbgen import write_synthetic

        # Two namesakes per speaker: every speaker has candidates to score.
        names = [
            row[0] for row in sqlite3.connect(db).execute("SELECT name FROM speakers")
        ]
        started = time.perf_counter()
        write_synthetic(dump, args.entities, names=names)
        print(f"generated {args.entities:,} entities in {time.perf_counter() - started:.0f} s: "
              f"{dump} ({dump.stat().st_size / 1e6:.0f} MB gzipped)")  # fmt: skip
    index = work / "kb.sqlite"
    built = _child(_BUILD, str(dump), str(index))
    print(
        f"index: {built['seconds']:.0f} s wall, {built['cpu']:.0f} s CPU for "
        f"{built['lines']:,} entities "
        f"({built['people']:,} people, {built['orgs']:,} organisations), peak RSS "
        f"{built['peak_mb']:.0f} MB, index {index.stat().st_size / 1e6:.0f} MB"
    )
    linked = _child(_LINK, str(db), str(index))
    print(
        f"link: {linked['seconds']:.1f} s wall, {linked['cpu']:.1f} s CPU for "
        f"{linked['speakers']:,} speakers, peak "
        f"RSS {linked['peak_mb']:.0f} MB; {linked['summary']}"
    )
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
