"""Repeated quotes: the same words printed by many articles become one cluster.

Two quotes join the same cluster when their normalised words are equal (case,
accents, punctuation and quotation marks ignored) or when one is a contiguous
truncation of the other ("we will not back down" inside "we will not back down
from this fight"). A mixed quote is clustered by its longest quoted fragment
(the printed words, not the reporter's paraphrase around them). Quotes shorter
than `MIN_WORDS` words get no cluster.

How it stays sub-quadratic:
- Exact repeats: one indexed lookup of the normalised-text hash
  (`quotes.norm_hash`), O(log n) per quote.
- Truncations: each cluster stores winnowed fingerprints of its longest
  member's word 3-shingles (`cluster_fingerprints`, about 0.4 per word). By the
  winnowing guarantee, a quote of at least `MIN_TRUNCATION_WORDS` words that is
  contained in another shares at least one fingerprint with it, in either
  direction. A new quote looks up its own fingerprints (about 0.4 per word,
  O(log n) each), reads at most `MAX_CANDIDATES` candidate clusters and checks
  containment on their text. Cost per quote: O(w log n) for w words, so
  O(N log N) for a corpus; storage grows linearly with distinct quotes.

Not covered: paraphrases and quotes that differ by a changed word in the
middle (those would need MinHash similarity, not containment).
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import unicodedata
from collections.abc import Iterable
from typing import Any

MIN_WORDS = 4
MIN_TRUNCATION_WORDS = 6
SHINGLE_WORDS = 3
WINDOW = 4  # shingles per winnowing window: containment of >= 6 words is caught
MAX_CANDIDATES = 50

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_QUOTED = re.compile(r"[\"“”«»„]([^\"“”«»„]+)[\"“”«»„]")


def cluster_text(content: str, quote_type: str) -> str:
    """Return the words a quote is clustered by: a mixed quote's longest quoted part."""
    if quote_type != "mixed":
        return content
    fragments = _QUOTED.findall(content)
    return max(fragments, key=len) if fragments else content


def normalise(text: str) -> list[str]:
    """Return the words of `text`, case and accents folded, punctuation dropped."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(char for char in text if not unicodedata.combining(char))
    return [word.replace("’", "'") for word in _WORD.findall(text.casefold())]


def text_hash(words: Iterable[str]) -> int:
    """Return a stable signed 64-bit hash of a word sequence."""
    digest = hashlib.blake2b(" ".join(words).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def fingerprints(words: list[str]) -> set[int]:
    """Winnow the word-shingle hashes of `words`: the minimum of each window."""
    shingles = [
        text_hash(words[i : i + SHINGLE_WORDS])
        for i in range(len(words) - SHINGLE_WORDS + 1)
    ]
    if len(shingles) <= WINDOW:
        return {min(shingles)} if shingles else set()
    return {min(shingles[i : i + WINDOW]) for i in range(len(shingles) - WINDOW + 1)}


def _contains(longer: str, shorter: str) -> bool:
    return f" {shorter} " in f" {longer} "


class Clusterer:
    """Assign quotes to clusters inside one write transaction."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        # Clusters recomputed from their quotes at flush (after deletes).
        self.recount: set[int] = set()
        # This batch's additions: id -> [quotes, articles, new outlets, first
        # (date, quote id, text) or None, last date].
        self._added: dict[int, list[Any]] = {}
        self._pairs: set[tuple[int, int]] = set()

    def assign(self, content: str) -> tuple[int | None, int | None]:
        """Return (norm_hash, cluster_id) for a quote's content; None when short."""
        words = normalise(content)
        if len(words) < MIN_WORDS:
            return None, None
        norm_hash = text_hash(words)
        row = self.conn.execute(
            "SELECT cluster_id FROM quotes WHERE norm_hash = ? "
            "AND cluster_id IS NOT NULL LIMIT 1",
            (norm_hash,),
        ).fetchone()
        if row is not None:
            return norm_hash, int(row[0])
        norm = " ".join(words)
        prints = fingerprints(words) if len(words) >= MIN_TRUNCATION_WORDS else set()
        cluster_id = self._match(norm, prints) if prints else None
        if cluster_id is None:
            cursor = self.conn.execute(
                "INSERT INTO clusters (norm, text) VALUES (?, ?)", (norm, content)
            )
            cluster_id = int(cursor.lastrowid or 0)
            self._add_prints(cluster_id, prints)
        return norm_hash, cluster_id

    def count(
        self,
        cluster_id: int,
        *,
        quote_id: int,
        article_id: int,
        outlet: str | None,
        day: str | None,
        content: str,
    ) -> None:
        """Add a stored quote to its cluster's counts: O(log n), no recount."""
        counts = self._added.setdefault(cluster_id, [0, 0, 0, None, None])
        counts[0] += 1
        if (cluster_id, article_id) not in self._pairs:
            self._pairs.add((cluster_id, article_id))
            counts[1] += 1
        if (
            outlet is not None
            and not self.conn.execute(
                "SELECT 1 FROM quotes WHERE cluster_id = ? AND outlet = ? AND id != ? LIMIT 1",
                (cluster_id, outlet, quote_id),
            ).fetchone()
        ):
            counts[2] += 1
        first = counts[3]
        if first is None or (day is not None and (first[0] is None or day < first[0])):
            counts[3] = (day, quote_id, content)
        if day is not None and (counts[4] is None or day > counts[4]):
            counts[4] = day

    def forget(self) -> None:
        """After a rollback: recount everything this batch touched."""
        self.recount |= set(self._added)
        self._added.clear()

    def flush(self) -> None:
        """Write this batch's counts and earliest appearances; recount the rest."""
        rows = [
            {
                "id": cid,
                "n": n,
                "a": a,
                "o": o,
                "fd": first[0],
                "fq": first[1],
                "ft": first[2],
                "ld": last,
            }  # fmt: skip
            for cid, (n, a, o, first, last) in self._added.items()
            if cid not in self.recount
        ]
        earlier = (
            "first_quote_id IS NULL OR (:fd IS NOT NULL AND "
            "(first_date IS NULL OR :fd < first_date))"
        )
        self.conn.executemany(
            f"""
            UPDATE clusters SET
                quote_count = quote_count + :n,
                article_count = article_count + :a,
                outlet_count = outlet_count + :o,
                first_quote_id = CASE WHEN {earlier} THEN :fq ELSE first_quote_id END,
                text = CASE WHEN {earlier} THEN :ft ELSE text END,
                first_date = CASE WHEN {earlier} THEN :fd ELSE first_date END,
                last_date = CASE WHEN last_date IS NULL OR :ld > last_date
                            THEN coalesce(:ld, last_date) ELSE last_date END
            WHERE id = :id
            """,
            rows,
        )
        refresh_clusters(self.conn, self.recount)
        self._added.clear()
        self._pairs.clear()
        self.recount.clear()

    def _match(self, norm: str, prints: set[int]) -> int | None:
        marks = ",".join("?" * len(prints))
        rows = self.conn.execute(
            f"SELECT DISTINCT clusters.id, clusters.norm FROM cluster_fingerprints "
            f"JOIN clusters ON clusters.id = cluster_fingerprints.cluster_id "
            f"WHERE cluster_fingerprints.hash IN ({marks}) LIMIT {MAX_CANDIDATES}",
            tuple(prints),
        ).fetchall()
        for cluster_id, cluster_norm in sorted(tuple(row) for row in rows):
            if _contains(cluster_norm, norm):
                return int(cluster_id)
            if _contains(norm, cluster_norm):
                # The new quote is the longer one: it becomes the representative.
                self.conn.execute(
                    "UPDATE clusters SET norm = ? WHERE id = ?", (norm, cluster_id)
                )
                self._add_prints(int(cluster_id), prints)
                return int(cluster_id)
        return None

    def _add_prints(self, cluster_id: int, prints: set[int]) -> None:
        self.conn.executemany(
            "INSERT OR IGNORE INTO cluster_fingerprints (hash, cluster_id) VALUES (?, ?)",
            [(value, cluster_id) for value in prints],
        )


def refresh_clusters(conn: sqlite3.Connection, cluster_ids: Iterable[int]) -> None:
    """Recount members and mark the earliest appearance; drop empty clusters.

    The earliest member is the one with the earliest article date; undated
    articles come last, ties go to the first ingested.
    """
    for cluster_id in set(cluster_ids):
        first = conn.execute(
            "SELECT id, content FROM quotes WHERE cluster_id = ? "
            "ORDER BY date IS NULL, date, article_id, position LIMIT 1",
            (cluster_id,),
        ).fetchone()
        if first is None:
            # Its fingerprints stay: candidates are always checked on their text,
            # so a stale fingerprint costs a lookup, never a wrong match.
            conn.execute("DELETE FROM clusters WHERE id = ?", (cluster_id,))
            continue
        conn.execute(
            """
            UPDATE clusters SET
                text = :text,
                first_quote_id = :first,
                quote_count = (SELECT count(*) FROM quotes WHERE cluster_id = :id),
                article_count = (SELECT count(DISTINCT article_id) FROM quotes
                                 WHERE cluster_id = :id),
                outlet_count = (SELECT count(DISTINCT outlet) FROM quotes
                                WHERE cluster_id = :id),
                first_date = (SELECT min(date) FROM quotes WHERE cluster_id = :id),
                last_date = (SELECT max(date) FROM quotes WHERE cluster_id = :id)
            WHERE id = :id
            """,
            {"id": cluster_id, "text": first[1], "first": first[0]},
        )
