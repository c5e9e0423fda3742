"""Re-derive every quote's speaker with the current rules: `whosaid speakers relink`.

Needed after an upgrade that changes the rules of `whosaid.store.names` or
`whosaid.store.linker` (an index made before #14 keeps "the company" as one
speaker until relinked), and to measure what the rules do on an index without
extracting it again. User decisions (`speaker_links`) are applied as on
ingest; quotes themselves never change, only their `speaker_id` and
`speaker_key`. Speakers left without quotes are dropped, so speaker ids of
changed speakers change.
"""

from __future__ import annotations

import itertools
import sqlite3
from dataclasses import dataclass

from whosaid.store.linker import SpeakerLinker, refresh_speakers
from whosaid.store.names import identity_key
from whosaid.store.plans import Mention, plan_article
from whosaid.store.surnames import link_surnames


@dataclass(frozen=True, slots=True)
class RelinkReport:
    """Speakers before and after, and how many quotes changed speaker."""

    speakers_before: int
    speakers_after: int
    quotes_moved: int

    def summary(self) -> str:
        return (
            f"relinked speakers: {self.speakers_before} -> {self.speakers_after}; "
            f"{self.quotes_moved} quotes changed speaker"
        )


def relink_speakers(conn: sqlite3.Connection) -> RelinkReport:
    """Link every quote again, article by article, then the bare surnames.

    Call inside a transaction.
    """
    before = int(conn.execute("SELECT count(*) FROM speakers").fetchone()[0])
    old = _speaker_names(conn)
    conn.execute("DELETE FROM speaker_evidence")
    # Start from no speakers, as a fresh ingest would: an old row whose key
    # the current rules no longer make would otherwise keep its quotes.
    conn.execute("UPDATE quotes SET speaker_id = NULL WHERE speaker_id IS NOT NULL")
    conn.execute("DELETE FROM speakers WHERE external_id IS NULL")
    for speaker_id, key, is_org in conn.execute(
        "SELECT id, key, is_org FROM speakers"
    ).fetchall():
        surname = None if is_org or " " not in key else key.rsplit(" ", 1)[-1]
        conn.execute(
            "UPDATE speakers SET ident = ?, surname = ? WHERE id = ?",
            (identity_key(key), surname, speaker_id),
        )
    linker = SpeakerLinker(conn)
    rows = conn.execute(
        "SELECT id, article_id, speaker_name, speaker_is_org, speaker_org "
        "FROM quotes ORDER BY article_id, position"
    ).fetchall()
    updates = []
    for article_id, quotes in itertools.groupby(rows, key=lambda row: row[1]):
        group = list(quotes)
        text, title = conn.execute(
            "SELECT text, title FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        plans = plan_article(
            [Mention(row[2], bool(row[3]), row[4]) for row in group], text, title
        )
        for row, plan in zip(group, plans, strict=True):
            key, speaker_id, plan = linker.link_plan(row[2], plan)
            updates.append((key, speaker_id, row[0]))
            linker.record(int(row[0]), plan)
    conn.executemany(
        "UPDATE quotes SET speaker_key = ?, speaker_id = ? WHERE id = ?", updates
    )
    link_surnames(conn, None)
    refresh_speakers(conn, [row[0] for row in conn.execute("SELECT id FROM speakers")])
    new = _speaker_names(conn)
    after = int(conn.execute("SELECT count(*) FROM speakers").fetchone()[0])
    moved = sum(1 for quote_id, sid in new.items() if old.get(quote_id) != sid)
    return RelinkReport(before, after, moved)


def _speaker_names(conn: sqlite3.Connection) -> dict[int, str | None]:
    """Each quote's speaker by name: ids change when speakers are rebuilt."""
    return dict(
        conn.execute(
            "SELECT q.id, s.name FROM quotes AS q "
            "LEFT JOIN speakers AS s ON s.id = q.speaker_id"
        ).fetchall()
    )
