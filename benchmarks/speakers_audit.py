"""Speaker counts before and after the #14 rules, and the top 50 to audit by hand.

    python benchmarks/speakers_audit.py BEFORE.db AFTER.db

BEFORE is an index built by an older whosaid (or any index); AFTER a copy of
it after `whosaid speakers relink`. Prints the counts of docs/speakers-audit.md
(speakers, quotes with a speaker, generic mentions among the top 50, quotes
per rule of `speaker_evidence`) and AFTER's 50 most-quoted speakers with the
names written next to their quotes and the rules that linked them, as a
Markdown table to audit.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

_TOP = """
SELECT s.name, s.is_org, s.quote_count,
    (SELECT group_concat(n || ' ' || c, '; ') FROM (
        SELECT replace(q.speaker_name, char(10), ' ') AS n, count(*) AS c
        FROM quotes AS q WHERE q.speaker_id = s.id GROUP BY 1 ORDER BY 2 DESC)),
    (SELECT group_concat(r || ' ' || c, ', ') FROM (
        SELECT e.rule AS r, count(*) AS c FROM speaker_evidence AS e
        JOIN quotes AS q ON q.id = e.quote_id WHERE q.speaker_id = s.id GROUP BY 1))
FROM speakers AS s ORDER BY s.quote_count DESC, s.name LIMIT 50
"""


def _counts(path: Path) -> dict[str, object]:
    from whosaid.store.names import is_generic

    conn = sqlite3.connect(path)
    top = conn.execute(
        "SELECT name, quote_count FROM speakers ORDER BY quote_count DESC, name LIMIT 50"
    ).fetchall()
    return {
        "speakers": conn.execute("SELECT count(*) FROM speakers").fetchone()[0],
        "quotes with a speaker": conn.execute(
            "SELECT count(*) FROM quotes WHERE speaker_id IS NOT NULL"
        ).fetchone()[0],
        "speakers with 5+ quotes": conn.execute(
            "SELECT count(*) FROM speakers WHERE quote_count >= 5"
        ).fetchone()[0],
        "generic mentions in the top 50": [
            f"{name} {count}" for name, count in top if is_generic(name)
        ],
    }


def main(before: str, after: str) -> None:
    for label, path in (("before", before), ("after", after)):
        print(label, _counts(Path(path)))
    conn = sqlite3.connect(after)
    for rule, count in conn.execute(
        "SELECT rule, count(*) FROM speaker_evidence GROUP BY 1 ORDER BY 2 DESC"
    ):
        print(f"rule {rule}: {count}")
    print(
        "| # | speaker | kind | quotes | names as written (quotes) | linked by a rule (quotes) |"
    )
    print("|---|---|---|---|---|---|")
    for rank, (name, is_org, count, names, rules) in enumerate(conn.execute(_TOP), 1):
        kind = "org" if is_org else "person"
        print(f"| {rank} | {name} | {kind} | {count} | {names} | {rules or ''} |")


if __name__ == "__main__":
    main(*sys.argv[1:3])
