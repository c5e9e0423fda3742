"""Write a speaker's link, and the user's decisions that beat the scores (#14).

`speaker_kb_links` holds the last result per speaker key (score, evidence,
candidates, and the item's label, description, party and occupation copied
from the KB so pages need no KB); `speaker_kb_decisions` the user's
`speakers link`/`unlink`, applied by every later `whosaid link`.
"""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import UTC, datetime
from typing import Any

from whosaid.errors import WhosaidError


def save_kb_link(
    conn: sqlite3.Connection,
    kb: sqlite3.Connection | None,
    speaker_id: int,
    key: str,
    qid: str | None,
    origin: str,
    score: float | None,
    candidates: list[dict[str, Any]],
    evidence: list[str] | None = None,
    *,
    status: str | None = None,
) -> None:
    """Write a speaker's link (or its absence) and copy the item's facts."""
    facts = _facts(kb, qid) if qid else {}
    conn.execute("UPDATE speakers SET external_id = ? WHERE id = ?", (qid, speaker_id))
    conn.execute("DELETE FROM speaker_kb_names WHERE speaker_key = ?", (key,))
    if qid and kb is not None:
        # "William Jefferson Clinton" finds Bill Clinton (#14).
        conn.executemany(
            "INSERT OR IGNORE INTO speaker_kb_names (ident, speaker_key) VALUES (?, ?)",
            [
                (row[0], key)
                for row in kb.execute("SELECT ident FROM names WHERE qid = ?", (qid,))
            ],
        )
    conn.execute(
        "INSERT OR REPLACE INTO speaker_kb_links (speaker_key, qid, status, origin, "
        "score, evidence, candidates, label, description, party, occupation, "
        "linked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            key,
            qid,
            status or ("linked" if qid else "unlinked"),
            origin,
            score,
            json.dumps(evidence or [], ensure_ascii=False),
            json.dumps(candidates, ensure_ascii=False),
            facts.get("label"),
            facts.get("description"),
            facts.get("party"),
            facts.get("occupation"),
            datetime.now(UTC).isoformat(timespec="seconds"),
        ),
    )


def _facts(kb: sqlite3.Connection | None, qid: str) -> dict[str, str | None]:
    if kb is None:
        return {}
    row = kb.execute(
        "SELECT label, description FROM entities WHERE qid = ?", (qid,)
    ).fetchone()
    if row is None:
        return {}

    def values(prop: str) -> str | None:
        labels = [
            text
            for (text,) in kb.execute(
                "SELECT DISTINCT coalesce(l.label, e.label) FROM claims AS c "
                "LEFT JOIN labels AS l ON l.qid = c.value "
                "LEFT JOIN entities AS e ON e.qid = c.value "
                "WHERE c.qid = ? AND c.prop = ? ORDER BY c.start DESC",
                (qid, prop),
            )
            if text
        ]
        return "; ".join(labels[:3]) or None

    return {
        "label": row[0],
        "description": row[1],
        "party": values("P102"),
        "occupation": values("P106"),
    }


def decide_link(
    conn: sqlite3.Connection,
    speaker: sqlite3.Row,
    qid: str | None,
    kb: sqlite3.Connection | None = None,
) -> None:
    """Record a user's link (or `qid` None: unlink) for a speaker, now and on
    every later `whosaid link`. Call inside a transaction.

    Raises:
        LinkError: If `qid` is not a Wikidata item id.
    """
    if qid is not None and not re.fullmatch(r"Q[1-9]\d*", qid):
        raise LinkError(
            f"{qid!r} is not a Wikidata item id; expected Q followed by digits"
        )
    conn.execute(
        "INSERT OR REPLACE INTO speaker_kb_decisions (speaker_key, qid, decided_at) "
        "VALUES (?, ?, ?)",
        (speaker["key"], qid, datetime.now(UTC).isoformat(timespec="seconds")),
    )
    save_kb_link(conn, kb, int(speaker["id"]), speaker["key"], qid, "user", None, [])


class LinkError(WhosaidError):
    """A link decision that cannot be recorded."""
