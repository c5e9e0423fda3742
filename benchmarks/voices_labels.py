"""Hand labels of quotes that survive a change of extraction (#15).

The source-type labels (`benchmarks/voices_source_labels*.tsv`) were first
keyed by (doc_id, position): the quote's index in its article in the index
they were drawn from. Any extraction change shifts positions (a headline rule
removed 175 records and moved every later quote of those articles), so a
rebuilt index was scored against the wrong quotes. A label row now also keeps
where the quoted words are in the article (`content_start`, `content_end`,
character offsets into the stored article text, which cleaning never changes)
and `span`, a short hash of those words, so a reader can check that the
offsets still point at the same words without the words entering the
repository (the shared texts stay out of it).

A label is matched to the current index by doc id and overlap of content
spans: the quote of the same article whose content overlaps the label's most,
if the overlap is at least half of the shorter span. A label no quote
overlaps enough is `missing`: the current engine no longer extracts it.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

OFFSET_COLUMNS = ("content_start", "content_end", "span")
MIN_SHARE = 0.5  # of the shorter span: a boundary moved, not another quote


@dataclass(frozen=True)
class Span:
    """A quote's content in its article: a label's, or the index's."""

    doc_id: str
    start: int
    end: int
    quote_id: int | None = None  # the index's quote; None for a label


def span_hash(text: str, start: int, end: int) -> str:
    """The first 10 hex digits of the SHA-1 of `text[start:end]`."""
    return hashlib.sha1(text[start:end].encode("utf-8")).hexdigest()[:10]


def read_labels(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """Return a label file's comment lines (the header) and its rows."""
    with path.open(encoding="utf-8") as f:
        lines = f.read().splitlines()
    comments = [line for line in lines if line.startswith("#")]
    table = [line.split("\t") for line in lines if line and not line.startswith("#")]
    # Plain tab-separated lines, not csv: notes hold quotation marks as written.
    rows = [dict(zip(table[0], cells, strict=True)) for cells in table[1:]]
    return comments, rows


def label_span(row: dict[str, str], path: Path) -> Span:
    """The content span of a label row; a row without offsets is an error."""
    try:
        return Span(row["doc_id"], int(row["content_start"]), int(row["content_end"]))
    except (KeyError, TypeError, ValueError):
        raise SystemExit(
            f"{path}: {row.get('doc_id')} #{row.get('position')} has no content "
            "offsets; add them with `voices_gender.py label-offsets --db <the index "
            "it was drawn from>`"
        ) from None


def overlap(a: Span, b: Span) -> int:
    """Characters two spans share (0 for different articles)."""
    if a.doc_id != b.doc_id:
        return 0
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def best_match(label: Span, quotes: Iterable[Span]) -> Span | None:
    """The quote whose content overlaps the label's most, if enough.

    Enough: at least `MIN_SHARE` of the shorter of the two spans, so a quote
    whose boundary moved still matches, and a neighbour that shares a few
    characters with it does not. Ties go to the quote whose boundaries are
    nearest the label's (a record with the labelled span exactly beats one
    around it).
    """
    best: tuple[int, int] | None = None
    found = None
    for quote in quotes:
        shared = overlap(label, quote)
        shorter = min(label.end - label.start, quote.end - quote.start)
        if shared == 0 or shared < MIN_SHARE * max(shorter, 1):
            continue
        key = (shared, -abs(quote.start - label.start) - abs(quote.end - label.end))
        if best is None or key > best:
            best, found = key, quote
    return found


def match_all(labels: list[Span], quotes: Iterable[Span]) -> list[Span | None]:
    """Match each label to a quote of its article (None: missing)."""
    by_doc: dict[str, list[Span]] = {}
    for quote in quotes:
        by_doc.setdefault(quote.doc_id, []).append(quote)
    return [best_match(label, by_doc.get(label.doc_id, [])) for label in labels]


def index_quotes(conn: sqlite3.Connection, doc_ids: Iterable[str]) -> list[Span]:
    """The index's quotes of these articles, as spans."""
    spans = []
    for doc_id in sorted(set(doc_ids)):
        spans += [
            Span(doc_id, start, end, quote_id)
            for quote_id, start, end in conn.execute(
                "SELECT q.id, q.content_start, q.content_end FROM quotes q "
                "JOIN articles a ON a.id = q.article_id WHERE a.doc_id = ?",
                (doc_id,),
            )
        ]
    return spans


def changed_text(conn: sqlite3.Connection, row: dict[str, str]) -> bool:
    """Whether the article's words at the label's offsets are not the labelled ones."""
    found = conn.execute(
        "SELECT text FROM articles WHERE doc_id = ?", (row["doc_id"],)
    ).fetchone()
    if found is None or not row.get("span"):
        return False
    start, end = int(row["content_start"]), int(row["content_end"])
    return bool(span_hash(found[0], start, end) != row["span"])


def add_offsets(conn: sqlite3.Connection, path: Path) -> int:
    """Write content offsets and span hashes into a label file, from positions.

    `conn` must be the index the labels were drawn from, where (doc_id,
    position) still names the labelled quote. Rows that have offsets are
    kept as they are. Returns how many rows were filled.
    """
    comments, rows = read_labels(path)
    filled = 0
    for row in rows:
        if row.get("content_start"):
            continue
        found = conn.execute(
            "SELECT q.content_start, q.content_end, a.text FROM quotes q "
            "JOIN articles a ON a.id = q.article_id WHERE a.doc_id = ? AND q.position = ?",
            (row["doc_id"], int(row["position"])),
        ).fetchone()
        if found is None:
            raise SystemExit(
                f"{path}: {row['doc_id']} #{row['position']} is not in this index"
            )
        start, end, text = found
        row.update(content_start=str(start), content_end=str(end))
        row["span"] = span_hash(text, start, end)
        filled += 1
    fields = [f for f in rows[0] if f not in OFFSET_COLUMNS] + list(OFFSET_COLUMNS)
    lines = ["\t".join(fields)] + ["\t".join(row[f] for f in fields) for row in rows]
    path.write_text("\n".join(comments + lines) + "\n", encoding="utf-8")
    return filled
