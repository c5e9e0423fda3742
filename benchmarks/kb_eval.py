"""Linking precision and recall on the hand-made mention set (#14).

    python benchmarks/kb_eval.py

Indexes the 117 mentions of `tests/kbcases.py` (one made-up article each:
the name as written, a title or organisation, a date), links them against
`tests/data/kb.json` (made-up items, namesakes included) and prints precision
(linked mentions whose item is right), recall (mentions with an item in the
KB that got it) and every mention that went wrong.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def main() -> None:
    from kbcases import MENTIONS, mention_results, score_links
    from whosaid.kb.index import open_kb
    from whosaid.kb.link import link_speakers
    from whosaid.store import Ingester, connect, transaction

    with tempfile.TemporaryDirectory() as work:
        conn = connect(Path(work) / "index.db")
        Ingester(conn, engine="test:1").ingest(mention_results())
        kb, _ = open_kb(ROOT / "tests" / "data" / "kb.json", Path(work) / "kb.sqlite")
        with transaction(conn):
            report = link_speakers(conn, kb)
        score = score_links(conn)
        conn.close()
        kb.close()
    print(report.summary())
    print(
        f"{len(MENTIONS)} mentions, {score.with_item} with an item in the KB: "
        f"precision {score.precision:.3f} ({score.correct}/{score.linked}), "
        f"recall {score.recall:.3f} ({score.correct}/{score.with_item})"
    )
    for error in score.errors:
        print("  " + error)


if __name__ == "__main__":
    main()
